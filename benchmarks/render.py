"""Time our renderer against raw citeproc-py on the same input.

Input: ``--n`` synthetic series interviews (default 1,000) as CSL items, and ``--n``
citations, one per item, each at a section pinpoint; output HTML; styles Chicago notes and
APA. Raw citeproc-py is driven the plain way (register every citation, cite each, then
sort and render the bibliography), with its own faults left in. Run::

    python benchmarks/render.py --n 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import warnings
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import Locator as RawLocator
from citeproc import formatter as raw_formatter
from citeproc.source.json import CiteProcJSON

from transpacific_cite.csl import to_csl_data
from transpacific_cite.keys import assign_keys
from transpacific_cite.model import Interview, Person
from transpacific_cite.render import Cite, render, resolve_style

FAMILIES = ["Hornung", "Smith", "Ōta", "Lee", "Baker", "Kim", "Nguyen", "Tanaka", "Chen", "Park"]
GIVEN = ["Jeffrey", "Anne", "Fumio", "Ji-young", "Alan", "Mira", "Linh", "Kenji", "Wei", "Soo"]
WORDS = [
    "Japan",
    "Russia",
    "Alliance",
    "Security",
    "Trade",
    "Taiwan",
    "Korea",
    "Future",
    "Deterrence",
]


def interviews(n: int) -> list[Interview]:
    """``n`` plausible entries of the series (invented, varied names, titles and dates)."""
    result = []
    start = dt.date(2015, 1, 5)
    for number in range(1, n + 1):
        title = " ".join(WORDS[(number * k) % len(WORDS)] for k in (1, 3, 7)) + f" {number}"
        result.append(
            Interview(
                number=number,
                title=f"{title}: What Comes Next",
                interviewers=(Person("Kuo", "Mercy A."),),
                interviewees=(Person(FAMILIES[number % 10], GIVEN[(number // 10) % 10]),),
                published=start + dt.timedelta(days=7 * number),
                url=f"https://thediplomat.com/{number}/entry-{number}/",
            )
        )
    return result


def ours(items: list[dict[str, Any]], style: str) -> float:
    citations = [[Cite(str(item["id"]), label="section", locator="3")] for item in items]
    begin = time.perf_counter()
    render(items, citations, style=style, fmt="html")
    return time.perf_counter() - begin


def raw(items: list[dict[str, Any]], style: str) -> float:
    begin = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        engine_style = CitationStylesStyle(str(resolve_style(style)), validate=False)
        source = CiteProcJSON(items)
        bibliography = CitationStylesBibliography(engine_style, source, raw_formatter.html)
        citations = [
            Citation([CitationItem(str(item["id"]), locator=RawLocator("section", "3"))])
            for item in items
        ]
        for citation in citations:
            bibliography.register(citation)
        for citation in citations:
            bibliography.cite(citation, lambda item: None)
        bibliography.sort()
        [str(entry) for entry in bibliography.bibliography()]
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="entries and citations (1000)")
    args = parser.parse_args()
    series = interviews(args.n)
    items = to_csl_data(series, assign_keys(series))
    print(f"{args.n} entries + {args.n} pinpoint citations, HTML")
    for style in ("chicago-notes-bibliography", "apa"):
        ours(items[:5], style)  # load and cache the style outside the timing, as raw parses its own
        mine, theirs = ours(items, style), raw(items, style)
        print(
            f"{style:28} ours {mine:7.2f} s   raw citeproc-py {theirs:7.2f} s   ratio {mine / theirs:.2f}"
        )


if __name__ == "__main__":
    main()
