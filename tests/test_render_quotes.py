"""Nested quotation marks alternate: “… ‘Curly’ …” in en-US, ‘… “Curly” …’ in en-GB.

A title that already holds typographic quotes (“Curly” or ‘Curly’) printed inside the style's
own quotes takes the locale's inner marks, and a title that is not quoted (APA) keeps the
outer ones, as citeproc-js and pandoc print it. Expected strings were checked against pandoc
3.9, and :func:`test_pandoc_prints_the_same` keeps checking them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transpacific_cite._render import Cite, resolve_style
from transpacific_cite._render import output as out
from transpacific_cite._render.faults import f10_smart_and_nested_quotes as f10

from .conftest import pandoc3
from .test_render import RENDERER

DOUBLE = "Japan’s “Curly” Question"
SINGLE = "Japan’s ‘Curly’ Question"
BOTH = "The ‘Quad’ and “Deterrence”"

CASES = [
    pytest.param(
        "chicago", "en-US", DOUBLE,
        "Hornung, Jeffrey. “Japan’s ‘Curly’ Question.” The Diplomat, May 16, 2022.",
        id="chicago-en-US-double",
    ),
    pytest.param(
        "chicago", "en-US", SINGLE,
        "Hornung, Jeffrey. “Japan’s ‘Curly’ Question.” The Diplomat, May 16, 2022.",
        id="chicago-en-US-single",
    ),
    pytest.param(
        "chicago", "en-US", BOTH,
        "Hornung, Jeffrey. “The ‘Quad’ and ‘Deterrence’.” The Diplomat, May 16, 2022.",
        id="chicago-en-US-both",
    ),
    pytest.param(
        "apa", "en-US", DOUBLE,
        "Hornung, J. (2022, May 16). Japan’s “Curly” Question [Interview]. The Diplomat.",
        id="apa-en-US-double",
    ),
    pytest.param(
        "apa", "en-US", SINGLE,
        "Hornung, J. (2022, May 16). Japan’s “Curly” Question [Interview]. The Diplomat.",
        id="apa-en-US-single",
    ),
    pytest.param(
        "mla", "en-US", DOUBLE,
        "Hornung, Jeffrey. “Japan’s ‘Curly’ Question.” The Diplomat, 16 May 2022.",
        id="mla-en-US-double",
    ),
    pytest.param(
        "mla", "en-US", SINGLE,
        "Hornung, Jeffrey. “Japan’s ‘Curly’ Question.” The Diplomat, 16 May 2022.",
        id="mla-en-US-single",
    ),
    pytest.param(
        "chicago", "en-GB", DOUBLE,
        "Hornung, Jeffrey. ‘Japan’s “Curly” Question’. The Diplomat, 16 May 2022.",
        id="chicago-en-GB-double",
    ),
    pytest.param(
        "chicago", "en-GB", SINGLE,
        "Hornung, Jeffrey. ‘Japan’s “Curly” Question’. The Diplomat, 16 May 2022.",
        id="chicago-en-GB-single",
    ),
    pytest.param(
        "chicago", "en-GB", BOTH,
        "Hornung, Jeffrey. ‘The “Quad” and “Deterrence”’. The Diplomat, 16 May 2022.",
        id="chicago-en-GB-both",
    ),
    pytest.param(
        "harvard", "en-GB", DOUBLE,
        "Hornung, J. (2022) ‘Japan’s “Curly” Question’, The Diplomat.",
        id="harvard-en-GB-double",
    ),
    pytest.param(
        "harvard", "en-GB", SINGLE,
        "Hornung, J. (2022) ‘Japan’s “Curly” Question’, The Diplomat.",
        id="harvard-en-GB-single",
    ),
]  # fmt: skip


def item(title: str) -> dict[str, Any]:
    return {
        "id": "k",
        "type": "interview",
        "title": title,
        "author": [{"family": "Hornung", "given": "Jeffrey"}],
        "issued": {"date-parts": [[2022, 5, 16]]},
        "container-title": "The Diplomat",
    }


@pytest.mark.parametrize(("style", "locale", "title", "entry"), CASES)
def test_nested_quotes_alternate(style: str, locale: str, title: str, entry: str) -> None:
    rendered = RENDERER.render([item(title)], style=style, locale=locale)
    assert rendered.bibliography == (entry,)


def test_nested_quotes_in_a_note_and_in_html() -> None:
    note = RENDERER.render_citation([item(DOUBLE)], [Cite("k")], style="chicago", fmt="html")
    assert note.citations == (
        "Jeffrey Hornung, “Japan’s ‘Curly’ Question,” <i>The Diplomat</i>, May 16, 2022.",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Japan’s Question", "Japan’s Question", id="apostrophe-alone"),
        pytest.param("“Unclosed Question", "“Unclosed Question", id="unpaired-double"),
        pytest.param("‘Tis the Season", "‘Tis the Season", id="unpaired-single"),
        pytest.param("The Boys’ “Club”", "The Boys’ ‘Club’", id="plural-possessive"),
    ],
)
def test_unpaired_and_apostrophe_marks_stay_as_they_are(text: str, expected: str) -> None:
    rendered = RENDERER.render([item(text)], style="chicago")
    assert f"“{expected}.”" in rendered.bibliography[0]


@pytest.mark.clients
@pytest.mark.parametrize(("style", "locale", "title", "entry"), CASES)
def test_pandoc_prints_the_same(
    style: str, locale: str, title: str, entry: str, tmp_path: Path
) -> None:
    (tmp_path / "refs.json").write_text(json.dumps([item(title)]), encoding="utf-8")
    (tmp_path / "doc.md").write_text("---\nnocite: '@k'\n---\n", encoding="utf-8")
    done = subprocess.run(
        [
            pandoc3(), "--citeproc", "--csl", str(resolve_style(style)),
            "--bibliography", str(tmp_path / "refs.json"), "-M", f"lang={locale}",
            "-t", "plain", "--wrap=none", str(tmp_path / "doc.md"),
        ],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.strip() == entry


def _resolve_char_by_char(marked: str, quotes: Any) -> str:
    """The nesting rule stated one character at a time (the reference for the fast one)."""
    opening = (out.QUOTE_ON, out.INNER_QUOTE_ON, out.DATA_QUOTE_ON)
    closing = (out.QUOTE_OFF, out.INNER_QUOTE_OFF, out.DATA_QUOTE_OFF)
    if not any(mark in marked for mark in opening):
        return marked  # no quotation at all: stray closing marks are left to the caller
    result, depth = [], 0
    for char in marked:
        if char in opening:
            result.append(quotes.open if depth % 2 == 0 else quotes.inner_open)
            depth += 1
        elif char in closing:
            depth = max(depth - 1, 0)
            result.append(quotes.close if depth % 2 == 0 else quotes.inner_close)
        else:
            result.append(char)
    return "".join(result)


_MARKED = st.text(
    alphabet=st.sampled_from(
        [out.QUOTE_ON, out.QUOTE_OFF, out.INNER_QUOTE_ON, out.INNER_QUOTE_OFF,
         out.DATA_QUOTE_ON, out.DATA_QUOTE_OFF, "a", " ", "“", "’", ".", out.ITALIC_ON]
    ),
    max_size=40,
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(marked=_MARKED)
def test_quote_marks_resolve_by_depth_as_one_character_at_a_time(marked: str) -> None:
    for quotes in (out.Quotes("“", "”", "‘", "’", True), out.Quotes("‘", "’", "“", "”", False)):
        assert f10.resolve_quotes(marked, quotes) == _resolve_char_by_char(marked, quotes)
