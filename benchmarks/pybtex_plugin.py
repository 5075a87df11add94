"""What the pybtex style plugin costs: entries formatted per second, ours against pybtex's own.

Builds a ``.bib`` of 500 interviews (our biblatex export, numbers 1..500) and one of 500
ordinary ``@article`` entries and one of 500 series items as Zotero's Better BibLaTeX exports
them (a blogPost by Kuo on The Diplomat, the intro sentence in the abstract), parses each once
with pybtex, then formats a whole bibliography and renders it to LaTeX: the articles with
pybtex's ``unsrt`` and with ``tpc-unsrt`` (the cost of telling an ordinary entry from ours),
the interviews with ``tpc-unsrt`` and ``tpc-alpha`` (``unsrt`` cannot format them), the Zotero
items with ``tpc-unsrt`` (read by the ``.bib`` reader and recognised). The style's caches are
emptied before each run, as a fresh ``pybtex`` process starts. Prints the best of N runs by
wall clock and by CPU time (``time.process_time``, steadier on a shared machine).

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
from transpacific_cite.plugins import _shapes

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


def zotero_posts() -> str:
    """Series items in the shape Better BibLaTeX writes a Zotero blogPost (invented facts)."""
    return "".join(
        f"@online{{kuoPost{n}, title = {{Invented {{{{Title}}}} {n}}}, author = {{Kuo, Mercy A.}},"
        f" date = {{2022-05-{1 + n % 28:02d}}}, url = {{https://thediplomat.com/2022/05/post-{n}/}},"
        f" abstract = {{This conversation with Dr. Jane Fixture{n}, fellow at an invented"
        f" institute, is the {n}th in “The Trans-Pacific View Insight Series.”}},"
        f" titleaddon = {{The Diplomat}}}}\n"
        for n in range(1, COUNT + 1)
    )


def clear_caches() -> None:
    """Forget every entry the style has read, as a new pybtex process would."""
    for cached in (_shapes._read_shape, getattr(_shapes, "_zotero_shape", None)):
        if cached is not None:
            cached.cache_clear()


def best_of(runs: int, work: Callable[[], int]) -> tuple[float, float, int]:
    """Best wall-clock and best CPU seconds over ``runs`` runs, and the entries formatted."""
    wall = cpu = float("inf")
    count = 0
    for _ in range(runs):
        clear_caches()
        start, start_cpu = time.perf_counter(), time.process_time()
        count = work()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    items = interviews()
    keys = [f"fixture{i.number}" for i in items]
    ours = parse_string(to_bib(items, keys, dialect="biblatex").text, "bibtex")
    plain = parse_string(articles(), "bibtex")
    zotero = parse_string(zotero_posts(), "bibtex")
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
        ("tpc-unsrt, 500 Zotero blogPosts (Better BibLaTeX)", "tpc-unsrt", zotero),
    ):
        wall, cpu, count = best_of(args.runs, format_with(name, data))
        print(
            f"{label}: {count / wall:,.0f} entries/s ({wall * 1000:.0f} ms wall,"
            f" {cpu * 1000:.0f} ms CPU, best of {args.runs})"
        )


if __name__ == "__main__":
    main()
