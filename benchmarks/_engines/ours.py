"""One whole-process run of our renderer, for ``benchmarks/render.py``.

Usage: ``python ours.py ITEMS.json STYLE LABEL LOCATOR [WORKERS]``. Renders one citation per item (at
the pinpoint LABEL LOCATOR) and the bibliography as HTML through the public API, and prints
``{"citations": [...], "bibliography": [...]}`` on stdout so the caller can count and compare
what came out. It renders as the CLI does, through ``Renderer(cache=True, workers=2)``: the
render cache is whatever ``TRANSPACIFIC_CITE_CACHE`` names (the caller sets it: empty for a
cold run, the same folder again for a warm one) and large phases are split over two cores
(WORKERS, default 2; 1 renders serially, to compare the split with its absence).

Kept to the standard library plus the one import a user makes, so the process pays what a
user's would and no more.
"""

from __future__ import annotations

import json
import sys

from transpacific_cite._render import Cite, Renderer


def main(argv: list[str]) -> None:
    items_path, style, label, locator, *rest = argv
    workers = int(rest[0]) if rest else 2
    with open(items_path, encoding="utf-8") as handle:
        items = json.load(handle)
    citations = [[Cite(str(item["id"]), label=label, locator=locator)] for item in items]
    rendered = Renderer(cache=True, workers=workers).render(
        items, citations, style=style, fmt="html"
    )
    for warning in rendered.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    json.dump(
        {"citations": list(rendered.citations), "bibliography": list(rendered.bibliography)},
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
