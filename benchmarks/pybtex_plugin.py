"""What the pybtex style plugin costs: entries formatted per second, ours against pybtex's own.

Builds a ``.bib`` of 500 interviews (our biblatex export, numbers 1..500) and one of 500
ordinary ``@article`` entries, parses each once with pybtex, then formats a whole bibliography
and renders it to LaTeX: the articles with pybtex's ``unsrt`` and with ``tpc-unsrt`` (the cost
of telling an ordinary entry from ours), the interviews with ``tpc-unsrt`` and ``tpc-alpha``
(``unsrt`` cannot format them). Prints the best of N runs, so a busy machine inflates the
figures less.

Run: ``python benchmarks/pybtex_plugin.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from transpacific_cite._formats.bibtex import to_bib
from transpacific_cite._model import Interview, Person

COUNT = 500


def interviews() -> list[Interview]:
    return [
        Interview(
            number=n,
            title=f"Invented Title Number {n}: Japan-Russia Relations & the Q&A",
            interviewers=(Person("Kuo", "Mercy A."),),
            interviewees=(Person(f"Fixture{n}", "Jane"),),
            published=dt.date(2015 + n % 10, 1 + n % 12, 1 + n % 28),
            url=f"https://thediplomat.com/2022/05/invented-{n}/",
            accessed=dt.date(2024, 1, 1),
        )
        for n in range(1, COUNT + 1)
    ]


def articles() -> str:
    return "".join(
        f"@article{{art{n}, author = {{Writer{n}, A. B.}}, title = {{An Article {n}}},"
        f" journal = {{Journal}}, volume = {{{n}}}, pages = {{1--{n}}}, year = {{2001}}}}\n"
        for n in range(1, COUNT + 1)
    )


def best_of(runs: int, work: Callable[[], int]) -> tuple[float, int]:
    best = float("inf")
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        count = work()
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    items = interviews()
    keys = [f"fixture{i.number}" for i in items]
    ours = parse_string(to_bib(items, keys, dialect="biblatex").text, "bibtex")
    plain = parse_string(articles(), "bibtex")
    latex = find_plugin("pybtex.backends", "latex")()

    def format_with(style_name: str, data: object) -> Callable[[], int]:
        style = find_plugin("pybtex.style.formatting", style_name)()

        def work() -> int:
            entries = list(style.format_bibliography(data))
            for entry in entries:
                entry.text.render(latex)
            return len(entries)

        return work

    for label, name, data in (
        ("unsrt (pybtex's own), 500 articles", "unsrt", plain),
        ("tpc-unsrt, the same 500 articles", "tpc-unsrt", plain),
        ("tpc-unsrt, 500 interviews (biblatex)", "tpc-unsrt", ours),
        ("tpc-alpha, 500 interviews (biblatex)", "tpc-alpha", ours),
    ):
        seconds, count = best_of(args.runs, format_with(name, data))
        print(
            f"{label}: {count / seconds:,.0f} entries/s ({seconds * 1000:.0f} ms, best of {args.runs})"
        )


if __name__ == "__main__":
    main()
