"""One whole-process run of raw citeproc-py, for ``benchmarks/render.py``.

Usage: ``python raw_citeproc_py.py ITEMS.json STYLE.csl LABEL LOCATOR``. Drives citeproc-py
the plain way a user would, with its faults left in: load the style (validated, the
default), register every citation, cite each, sort, render the bibliography with the HTML
formatter. Prints ``{"citations": [...], "bibliography": [...]}`` on stdout.
"""

from __future__ import annotations

import json
import sys
import warnings

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON


def main(argv: list[str]) -> None:
    items_path, style_path, label, locator = argv
    with open(items_path, encoding="utf-8") as handle:
        items = json.load(handle)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its warnings on CSL 1.0.2 variables are not the point
        style = CitationStylesStyle(style_path)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
        citations = [
            Citation([CitationItem(str(item["id"]), locator=Locator(label, locator))])
            for item in items
        ]
        for citation in citations:
            bibliography.register(citation)
        texts = [str(bibliography.cite(citation, lambda item: None)) for citation in citations]
        bibliography.sort()
        entries = [str(entry) for entry in bibliography.bibliography()]
    json.dump({"citations": texts, "bibliography": entries}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
