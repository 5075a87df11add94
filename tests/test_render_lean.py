"""A document of one item renders with a style loaded without fault 6's twins (start-up).

The twins (more names, given names) exist only for disambiguation, which needs two items
to tell apart; leaving them out of a one-item document's style is most of what a cold
``cite 319 q3`` saved. These tests check that the lean style renders every bundled and own
style byte for byte as the full one does, and that a :class:`Renderer` that kept a lean
style still disambiguates the next document.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.render_corpus import authors_item, corpus
from tests.test_render_compiled import EXTRA_ITEMS
from transpacific_cite._render import BUNDLED_STYLES, Cite, Renderer, load_style, own_styles
from transpacific_cite._render.document import render_document
from transpacific_cite._render.marks import ADD_NAMES_PREFIX, GIVENNAME, TEST

ITEMS: list[dict[str, Any]] = corpus(4) + EXTRA_ITEMS


def _twin_tests(style: str, *, twins: bool) -> set[str]:
    """The run-mark tests of fault 6's twins in a loaded style's tree."""
    root = load_style(style, twins=twins).engine_style.root
    found = {str(element.get(TEST)) for element in root.iter() if element.get(TEST)}
    return {t for t in found if t == GIVENNAME or t.startswith(ADD_NAMES_PREFIX)}


def test_a_lean_load_has_no_twins_and_a_full_one_has() -> None:
    assert _twin_tests("apa", twins=True) == {
        GIVENNAME,
        *(ADD_NAMES_PREFIX + level for level in ("2", "3", "4", "all")),
    }
    assert _twin_tests("apa", twins=False) == set()


@pytest.mark.parametrize("style", [*BUNDLED_STYLES, *own_styles()])
def test_one_item_renders_the_same_without_twins(style: str) -> None:
    full = load_style(style, twins=True)
    lean = load_style(style, twins=False)
    for item in ITEMS:
        key = str(item["id"])
        citations = [[Cite(key, label="section", locator="3")], [Cite(key)], [Cite(key)]]
        for fmt in ("text", "html"):
            kwargs: dict[str, Any] = {"fmt": fmt, "bibliography": True, "position": "first"}
            expected = render_document(full, [item], citations, **kwargs)
            assert render_document(lean, [item], citations, **kwargs) == expected, (key, fmt)
            assert expected.citations and all(expected.citations)


def test_a_renderer_that_kept_a_lean_style_still_disambiguates() -> None:
    jeffrey = authors_item("jh", [("Hornung", "Jeffrey")], "Alpha")
    anna = authors_item("ah", [("Hornung", "Anna")], "Alpha")
    renderer = Renderer()
    alone = renderer.render([jeffrey], [[Cite("jh")]], style="apa", bibliography=False)
    assert alone.citations == ("(Hornung, 2022)",)
    both = renderer.render([jeffrey, anna], [[Cite("jh")], [Cite("ah")]], style="apa",
                           bibliography=False)  # fmt: skip
    assert both.citations == ("(J. Hornung, 2022)", "(A. Hornung, 2022)")
    again = renderer.render([jeffrey], [[Cite("jh")]], style="apa", bibliography=False)
    assert again.citations == alone.citations
