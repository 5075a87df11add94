"""Fault 11's escaping of marked text, run by run, equals the rule stated per character.

The marks of :mod:`transpacific_cite._render.output` become tags; the text between them is
escaped for HTML or Markdown. The fast form finds the marks with a regex (issue 14).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transpacific_cite._render import output as out
from transpacific_cite._render.faults import f11_html_escaping as f11


def _char_by_char(marked: str, fmt: out.Format) -> str:
    tags = f11._HTML_TAGS if fmt == "html" else f11._MARKDOWN_TAGS
    pieces: list[str] = []
    text: list[str] = []
    for char in marked:
        if "\ue000" <= char <= "\ue03f":
            if text:
                pieces.append(f11._escape("".join(text), fmt))
                text = []
            pieces.append(tags.get(char, ""))
        else:
            text.append(char)
    if text:
        pieces.append(f11._escape("".join(text), fmt))
    return "".join(pieces)


_MARKED = st.text(
    alphabet=st.sampled_from(
        [out.ITALIC_ON, out.ITALIC_OFF, out.BOLD_ON, out.QUOTE_ON, "\ue03f", "\ue040",
         "a", " ", "<", "&", "*", "_", "[", "é", "\\"]
    ),
    max_size=40,
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(marked=_MARKED)
def test_marked_runs_format_as_one_character_at_a_time(marked: str) -> None:
    formats: tuple[out.Format, ...] = ("html", "markdown")
    for fmt in formats:
        assert f11._format_run(marked, fmt) == _char_by_char(marked, fmt)


def test_marks_become_tags_and_text_is_escaped() -> None:
    marked = f"a<{out.ITALIC_ON}b&c{out.ITALIC_OFF}"
    assert f11._format_run(marked, "html") == "a&lt;<i>b&amp;c</i>"
