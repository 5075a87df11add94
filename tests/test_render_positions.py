"""The position index (fast.py's CiteHistory) answers every position test as citeproc-py's scan."""

from __future__ import annotations

import random
from typing import Any

from citeproc import model
from citeproc.source import Citation, CitationItem

from transpacific_cite._render import load_style
from transpacific_cite._render.fast import CiteHistory
from transpacific_cite._render.items import _Locator


def test_position_index_answers_as_citeproc_py_scan_does() -> None:
    """Every position test, on a long random history, equals citeproc-py's own scan."""
    style = load_style("chicago")
    root = style.engine_style.root
    condition = next(e for e in root.iter("{*}if") if e.get("position"))
    layout = root.citation.layout
    citation_element = root.citation
    generator = random.Random(5)
    history: list[Any] = []
    indexed = CiteHistory()
    checked = 0
    for _ in range(400):
        keys = generator.sample(["a", "b", "c", "d"], generator.choice([1, 1, 1, 2]))
        items = []
        for key in keys:
            locator = generator.choice([None, "1", "2"])
            extra = {"locator": _Locator("section", locator)} if locator else {}
            items.append(CitationItem(key, **extra))
        Citation(items)
        for item in items:
            for position in ("first", "subsequent", "ibid", "ibid-with-locator", "near-note"):
                condition.set("position", position)
                citation_element.cites = history
                if position == "near-note":
                    expected = _near_note_by_scan(history, item, distance=5)
                else:
                    expected = model.If._position(condition, item, layout)
                citation_element.cites = indexed
                assert condition._position(item, layout) == (
                    expected if isinstance(expected, list) else [expected]
                ), (position, item.key, len(history))
                checked += 1
            history.append(item)
            indexed.append(item)
    assert checked == 5 * len(history) > 2000


def _near_note_by_scan(history: list[Any], item: Any, *, distance: int) -> bool:
    """CSL's near-note: cited within ``distance`` citations back (a plain scan)."""
    citations, previous = 1, None
    for cite in reversed(history):
        if item.key == cite.key and citations <= distance:
            return True
        if cite.citation is not previous:
            citations += 1
            previous = cite.citation
    return False
