"""Readers that build an :class:`~transpacific_cite._model.Interview` from an article.

Two inputs, one core: :func:`parse_text` reads a plain-text copy of an article,
:func:`parse_html` a Diplomat web page; both reduce their input to paragraphs and hand them
to :mod:`.common`, which reads the series intro and the Q&A. :func:`parse_bytes` decodes raw
bytes (UTF-8, else cp1252 with a warning), tells HTML from text by content, and dispatches.
Every reader returns a :class:`~transpacific_cite._model.ParseResult` (interview plus
warnings) or raises :class:`~transpacific_cite._errors.ParseError`.
"""

from __future__ import annotations

import codecs
import re

from .._errors import ParseError
from .._model import ParseResult
from .facts import Facts, apply_facts, check_facts_for_inputs
from .text import read_text

__all__ = [
    "Facts",
    "apply_facts",
    "check_facts_for_inputs",
    "looks_like_html",
    "parse_bytes",
    "parse_html",
    "parse_text",
]

# An HTML document announces itself early: a doctype, <html>, <head>, <body>, or a tag the
# article pages start with. A text copy never starts with "<".
HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|article|p|h1|section|main|link|script)\b",
    re.IGNORECASE,
)
# How far into the input to look for HTML_START.
HTML_SNIFF_CHARS = 4096
# C0 controls other than tab, LF, VT, FF, CR (and ESC, SUB, which old copies carry): a
# share of them above MAX_CONTROL_SHARE in the first BINARY_SNIFF_BYTES means binary data.
BINARY_CONTROLS = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x1A)) + bytes(range(0x1C, 0x20))
BINARY_SNIFF_BYTES = 8192
# Share of control bytes above which input is binary (a stray one in a copy is tolerated).
MAX_CONTROL_SHARE = 0.01
# A PDF starts with "%PDF-" (a printed article is a common wrong input); named as such, even
# when its first bytes hold no NUL that would mark it as binary.
PDF_MAGIC = b"%PDF-"


def looks_like_html(text: str) -> bool:
    """Whether decoded input is an HTML page (by content, not by file name)."""
    head = text[:HTML_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and HTML_START.search(head) is not None


def _decode(data: bytes) -> tuple[str, list[str]]:
    """Decode input bytes: a BOM's encoding, UTF-8, else cp1252 (with a warning).

    Raises:
        ParseError: empty, binary (NUL-laden) or undecodable input.
    """
    warnings: list[str] = []
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), warnings
            except UnicodeDecodeError:
                raise ParseError(f"undecodable input: a {encoding} BOM, then bad bytes") from None
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise ParseError("empty input: no text to read")
    if data[:1024].lstrip()[:5] == PDF_MAGIC:
        raise ParseError(
            "a PDF document, not article text or HTML (save the article as a web page, or "
            "copy its text)"
        )
    if b"\x00" in data:
        raise ParseError("binary data (NUL bytes), not article text or HTML")
    sample = data[:BINARY_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, BINARY_CONTROLS))
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise ParseError("binary data (control bytes), not article text or HTML")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"undecodable bytes: neither UTF-8 nor cp1252 (byte {data[error.start]:#04x} "
            f"at offset {error.start})"
        ) from None
    warnings.append("input is not UTF-8; decoded as cp1252")
    return text, warnings


def _with_warnings(result: ParseResult, warnings: list[str]) -> ParseResult:
    if not warnings:
        return result
    return ParseResult(result.interview, (*warnings, *result.warnings))


def parse_bytes(data: bytes, *, url: str | None = None) -> ParseResult:
    """Read raw bytes of article text or a Diplomat page (detected by content).

    Args:
        data: the input as read from a file or stdin.
        url: the page's address, used when an HTML page names no canonical URL.

    Raises:
        ParseError: empty, binary or undecodable input, or not a series entry.
    """
    text, warnings = _decode(data)
    if looks_like_html(text):
        # lxml reads UTF-8 bytes faster than a str; re-encode only what was not UTF-8.
        utf8 = not warnings and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        payload = data.removeprefix(codecs.BOM_UTF8) if utf8 else text.encode("utf-8")
        from .html import read_html  # lxml loads only when a page is read

        return _with_warnings(read_html(payload, url=url), warnings)
    return _with_warnings(read_text(text), warnings)


def parse_text(text: str) -> ParseResult:
    """Read a plain-text copy of a series entry.

    Raises:
        ParseError: the text is not a series entry (naming what is missing).
    """
    return read_text(text)


def parse_html(html: str | bytes, *, url: str | None = None) -> ParseResult:
    """Read a Diplomat article page (bytes are taken as UTF-8).

    Args:
        html: the page.
        url: the page's address, used when the page names no canonical URL.

    Raises:
        ParseError: the page is not a series entry (naming what is missing).
    """
    from .html import read_html  # lxml loads only when a page is read

    return read_html(html, url=url)
