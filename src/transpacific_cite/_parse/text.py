"""The text reader: an article as it circulates on the web, copied as plain text.

Copies differ in their line breaks (CRLF or LF, blank lines or single newlines between
paragraphs), in NBSP and BOM characters, and in what page chrome they kept (title line,
breadcrumbs, byline, date, paywall prompts). The reader only splits the text into
paragraphs; :mod:`.common` does the rest, exactly as for an HTML page.
"""

from __future__ import annotations

from .._model import ParseResult
from .common import Block, Page, build_interview


def page_from_text(text: str) -> Page:
    """The paragraphs of a plain-text copy, one block per non-empty line.

    Web copies put each paragraph on one line (they are never hard-wrapped), and some drop
    the blank lines between paragraphs: so every non-empty line is one paragraph, whatever
    the line endings.
    """
    text = text.removeprefix("\ufeff")
    blocks = [Block(line) for line in text.splitlines() if line.strip()]
    return Page(blocks)


def read_text(text: str) -> ParseResult:
    """Read a plain-text copy of a series entry.

    Raises:
        ParseError: the text is not an entry of the series (naming what is missing).
    """
    return build_interview(page_from_text(text))
