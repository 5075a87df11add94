"""Marked-up engine output to text, HTML and Markdown.

Vocabulary: the engine renders into a *marked string*: ordinary text (field values, terms,
punctuation) plus *marks*, single characters from Unicode's Private Use Area that stand for
formatting ("italic starts"), for the style's quotation marks, for quotation marks found in
field text, for the extent of a rendered name list and for a URL. Field text can never forge
a mark, because :func:`clean_field` removes that block from every input string first.

Keeping formatting out of band is what makes the HTML output safe (citeproc-py fault 11: its
HTML formatter escapes terms but not field text, so a title's ``<script>`` came out as
markup): the whole text is escaped once and only then are the marks turned into tags.
It also lets one engine run serve all three formats.

This module imports no third-party code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Format = Literal["text", "html", "markdown"]
FORMATS: tuple[Format, ...] = ("text", "html", "markdown")

# --- the marks -------------------------------------------------------------------------------
ITALIC_ON, ITALIC_OFF = "\ue000", "\ue001"
BOLD_ON, BOLD_OFF = "\ue002", "\ue003"
SMALLCAPS_ON, SMALLCAPS_OFF = "\ue004", "\ue005"
SUP_ON, SUP_OFF = "\ue006", "\ue007"
SUB_ON, SUB_OFF = "\ue008", "\ue009"
UNDERLINE_ON, UNDERLINE_OFF = "\ue00a", "\ue00b"
# the style's own quotation marks (the locale's open-quote / close-quote terms)
QUOTE_ON, QUOTE_OFF = "\ue00c", "\ue00d"
INNER_QUOTE_ON, INNER_QUOTE_OFF = "\ue00e", "\ue00f"
# straight double quotes found in field text, paired when the field was read
DATA_QUOTE_ON, DATA_QUOTE_OFF = "\ue010", "\ue011"
# the extent of one rendered cs:names (for collapsing and subsequent-author-substitute)
NAMES_ON, NAMES_OFF = "\ue012", "\ue013"
# the extent of a URL (linked in HTML, an autolink in Markdown, never escaped)
URL_ON, URL_OFF = "\ue014", "\ue015"

MARK_BLOCK = "\ue000-\ue03f"
_ANY_MARK = re.compile(f"[{MARK_BLOCK}]")
_CLOSERS = ITALIC_OFF + BOLD_OFF + SMALLCAPS_OFF + SUP_OFF + SUB_OFF + UNDERLINE_OFF + NAMES_OFF
_OPENERS = ITALIC_ON + BOLD_ON + SMALLCAPS_ON + SUP_ON + SUB_ON + UNDERLINE_ON + NAMES_ON

_HTML_TAGS: Mapping[str, str] = {
    ITALIC_ON: "<i>",
    ITALIC_OFF: "</i>",
    BOLD_ON: "<b>",
    BOLD_OFF: "</b>",
    SMALLCAPS_ON: '<span style="font-variant:small-caps;">',
    SMALLCAPS_OFF: "</span>",
    SUP_ON: "<sup>",
    SUP_OFF: "</sup>",
    SUB_ON: "<sub>",
    SUB_OFF: "</sub>",
    UNDERLINE_ON: '<span style="text-decoration:underline;">',
    UNDERLINE_OFF: "</span>",
}
_MARKDOWN_TAGS: Mapping[str, str] = {
    ITALIC_ON: "*",
    ITALIC_OFF: "*",
    BOLD_ON: "**",
    BOLD_OFF: "**",
    SUP_ON: "<sup>",
    SUP_OFF: "</sup>",
    SUB_ON: "<sub>",
    SUB_OFF: "</sub>",
}


@dataclass(frozen=True, slots=True)
class Quotes:
    """The locale's quotation marks and its punctuation-in-quote option."""

    open: str = "“"
    close: str = "”"
    inner_open: str = "‘"
    inner_close: str = "’"
    punctuation_in_quote: bool = True


# --- field text in -----------------------------------------------------------------------------
# A straight single quote that may open a quotation: after the start, a space or punctuation,
# before a letter ("'Normal'", "('Paren')", "rock 'n' roll"; not "'90s"). One that may close
# it: after a non-space, before the end or a non-alphanumeric ("'Normal' Military").
_SINGLE_OPENS = re.compile(r"(?<![\w'])'(?=[^\W\d_])")
_SINGLE_CLOSES = re.compile(r"(?<=\S)'(?!\w)")


def _single_quotes(text: str) -> str:
    """Pair straight single quotes into data-quote marks; every other one is an apostrophe.

    The reference processors read ``Japan's 'Normal' Military`` as a quotation inside the
    title (``“Japan’s ‘Normal’ Military”``; unquoted in APA, ``“Normal”``); citeproc-py and
    our first version printed ``’Normal’``, a closing mark for an opening one. A candidate
    opener without a closer ("'Tis", "'Start") stays an apostrophe, as in pandoc.
    """
    if "'" not in text:
        return text
    chars = list(text)
    openers: list[int] = []
    pairs: list[tuple[int, int]] = []
    opens = {m.start() for m in _SINGLE_OPENS.finditer(text)}
    closes = {m.start() for m in _SINGLE_CLOSES.finditer(text)}
    for index, char in enumerate(chars):
        if char != "'":
            continue
        if index in opens:
            openers.append(index)
        elif index in closes and openers:
            pairs.append((openers.pop(), index))
    for start, end in pairs:
        chars[start], chars[end] = DATA_QUOTE_ON, DATA_QUOTE_OFF
    return "".join(chars).replace("'", "’")


# A curly single quote closes only where it cannot be an apostrophe: not before a letter or
# digit ("Japan’s" keeps its apostrophe, "‘Normal’ Military" closes).
_CURLY_SINGLE_CLOSES = re.compile(r"’(?!\w)")


def _curly_quotes(text: str) -> str:
    """Pair typographic quotation marks already in the data into data-quote marks.

    A title that holds “Curly” (or ‘Curly’) printed inside the style's own quotes must
    alternate, “… ‘Curly’ …”, as citeproc-js and pandoc print it in every locale; kept as
    characters they printed “… “Curly” …”. Paired like brackets: a “ with the next ” at its
    level, a ‘ with the next ’ that can close; an unpaired mark stays the character it is.
    """
    if not any(mark in text for mark in "“‘"):
        return text
    chars = list(text)
    opened: list[tuple[str, int]] = []
    closes_single = {m.start() for m in _CURLY_SINGLE_CLOSES.finditer(text)}
    for index, char in enumerate(chars):
        if char in "“‘":
            opened.append((char, index))
        elif char == "”" or (char == "’" and index in closes_single):
            wanted = "“" if char == "”" else "‘"
            for depth in range(len(opened) - 1, -1, -1):
                if opened[depth][0] == wanted:
                    chars[opened[depth][1]], chars[index] = DATA_QUOTE_ON, DATA_QUOTE_OFF
                    del opened[depth:]
                    break
    return "".join(chars)


# A lone UTF-16 surrogate: valid in JSON ("\\ud800") and in a Python str, but not encodable as
# UTF-8, so it could be neither stored in the render cache nor printed; shown as U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_field(text: str, *, prose: bool = True) -> str:
    """Make one CSL-JSON string safe and typographic before the engine sees it.

    Removes the mark block (so input cannot forge formatting) and replaces a lone surrogate
    with U+FFFD (so the text can be stored and printed as UTF-8). For prose fields (not URL,
    DOI, ISBN, ISSN) it also turns a straight apostrophe into ’ and pairs straight and curly,
    single and double quotes into data-quote marks (citeproc-py fault 10: it printed
    ``Japan's "Normal"`` where the reference processors print ``Japan’s ‘Normal’`` inside a
    quoted title);
    :func:`resolve_quotes` later picks outer or inner marks by nesting depth, as citeproc-js does.
    """
    text = _LONE_SURROGATE.sub("\ufffd", _ANY_MARK.sub("", text))
    if not prose:
        return text
    text = _single_quotes(_curly_quotes(text))
    pieces = text.split('"')
    if len(pieces) == 1:
        return text
    if len(pieces) % 2 == 0:  # an odd number of quotes: the last one stays a closing mark
        pieces[-2:] = [pieces[-2] + "”" + pieces[-1]]
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        out.append(DATA_QUOTE_ON if index % 2 == 0 else DATA_QUOTE_OFF)
        out.append(piece)
    return "".join(out)


# CSL's title-case stop words (spec, "Title Case Conversion")
STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up "
    "via with yet".split()
)
_AFTER_HYPHEN = re.compile(r"(?<=\w-)([^\W\d_][\w’']*)")


# A word of two or more letters after opening quotation marks, brackets or the characters
# Markdown would read as markup: "‘normal’", "(china)", "*bold*", "`code`" (pandoc prints
# "‘Normal’", "(China)", "*Bold*", "`Code`"). Not after "<": a title's "<b>" stays as typed
# (pandoc reads it as a tag; see the tag deviation in the cross-check). One-letter words such
# as the "n" of "‘n’" stay lower-case, as pandoc prints them.
_AFTER_LEADING_PUNCTUATION = re.compile(
    f'(?<!\\S)([{DATA_QUOTE_ON}{QUOTE_ON}{INNER_QUOTE_ON}“‘"([*_`]+)([^\\W\\d_]{{2}}\\S*)'
)
_TRAILING_NON_WORD = re.compile(r"[\W_]+$")


def title_case_hyphenated(text: str) -> str:
    """Capitalize the lower-case parts after hyphens, except stop words: "Out-of-Area".

    Also a lower-case word after an opening quotation mark or bracket ("Japan’s ‘Normal’
    Military"), as pandoc and citeproc-js do: citeproc-py capitalizes the first character of
    such a word, which is the quotation mark, so the word stayed lower-case.
    """

    def fix(match: re.Match[str]) -> str:
        word = match.group(1)
        if not word.islower() or word in STOP_WORDS:
            return word
        return word[0].upper() + word[1:]

    def fix_leading(match: re.Match[str]) -> str:
        lead, word = match.groups()
        bare = _TRAILING_NON_WORD.sub("", word)
        if word != word.lower() or bare.lower() in STOP_WORDS:
            return match.group(0)
        return lead + word[0].upper() + word[1:]

    return _AFTER_LEADING_PUNCTUATION.sub(fix_leading, _AFTER_HYPHEN.sub(fix, text))


def url_field(text: str) -> str:
    """A URL wrapped in URL marks (linked in HTML; autolinked in Markdown)."""
    return URL_ON + _LONE_SURROGATE.sub("\ufffd", _ANY_MARK.sub("", text)) + URL_OFF


# --- engine output out -------------------------------------------------------------------------
_MOVABLE_PUNCTUATION = re.compile(
    f"([{QUOTE_OFF}{INNER_QUOTE_OFF}{DATA_QUOTE_OFF}][{_CLOSERS}]*)([.,])"
)
_END_PUNCT_BEFORE_QUOTE = re.compile(
    f"([?!.])([{QUOTE_OFF}{INNER_QUOTE_OFF}{DATA_QUOTE_OFF}][{_CLOSERS}]*)([.,])"
)
_DOUBLED_ACROSS_MARKS = re.compile(f"([.,;:])([{MARK_BLOCK}]+)\\1")
_QUESTION_THEN_PERIOD = re.compile(f"([?!])([{MARK_BLOCK}]*)\\.")


def tidy(marked: str, quotes: Quotes) -> str:
    """Punctuation fixes that need the marks, applied before quotes are resolved.

    - A period or comma doubled across formatting marks ("A.</i>." ) is printed once: the
      engine's own seam check only sees plain neighbours.
    - Fault 3 (punctuation-in-quote ignored by citeproc-py): where the locale asks for it
      (en-US does, en-GB does not), a comma or period after a closing quotation mark moves
      inside it: ``“Title,”``; a title that already ends in ? ! or . keeps its own mark.
    """
    marked = _DOUBLED_ACROSS_MARKS.sub(r"\1\2", marked)
    if quotes.punctuation_in_quote:
        marked = _END_PUNCT_BEFORE_QUOTE.sub(r"\1\2", marked)
        marked = _MOVABLE_PUNCTUATION.sub(r"\2\1", marked)
    marked = _QUESTION_THEN_PERIOD.sub(r"\1\2", marked)
    return marked


def resolve_quotes(marked: str, quotes: Quotes) -> str:
    """Replace every quote mark by the locale's outer or inner mark, by nesting depth."""
    if not any(m in marked for m in (QUOTE_ON, INNER_QUOTE_ON, DATA_QUOTE_ON)):
        return marked
    out: list[str] = []
    depth = 0
    for char in marked:
        if char in (QUOTE_ON, INNER_QUOTE_ON, DATA_QUOTE_ON):
            out.append(quotes.open if depth % 2 == 0 else quotes.inner_open)
            depth += 1
        elif char in (QUOTE_OFF, INNER_QUOTE_OFF, DATA_QUOTE_OFF):
            depth = max(depth - 1, 0)
            out.append(quotes.close if depth % 2 == 0 else quotes.inner_close)
        else:
            out.append(char)
    return "".join(out)


def strip_marks(marked: str) -> str:
    """The plain text of a marked string (quote marks must be resolved first)."""
    return _ANY_MARK.sub("", marked)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~^$])")
_MARKDOWN_ENTITY = re.compile(r"&(?=#?\w+;)")
_URL_SPAN = re.compile(f"{URL_ON}(.*?){URL_OFF}", re.S)


def to_format(marked: str, fmt: Format) -> str:
    """A finished marked string (quotes resolved) as text, HTML or Markdown."""
    if fmt == "text":
        return strip_marks(marked)
    pieces: list[str] = []
    pos = 0
    for match in _URL_SPAN.finditer(marked):
        pieces.append(_format_run(marked[pos : match.start()], fmt))
        url = strip_marks(match.group(1))
        if not _WEB_ADDRESS.match(url):  # printed as text, never a link
            pieces.append(_escape(url, fmt))
        elif fmt == "html":
            escaped = html.escape(url, quote=True)
            pieces.append(f'<a href="{escaped}">{html.escape(url, quote=False)}</a>')
        else:
            pieces.append(f"<{url}>" if _AUTOLINKABLE.fullmatch(url) else _md_escape(url))
        pos = match.end()
    pieces.append(_format_run(marked[pos:], fmt))
    return "".join(pieces)


# Only web addresses become links: a "javascript:" or "data:" URL in the input must not turn
# into a clickable script in HTML or Markdown output (it is printed, escaped, as text).
_WEB_ADDRESS = re.compile(r"(?i:https?|ftp)://")
_AUTOLINKABLE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*")


def _md_escape(text: str) -> str:
    return _MARKDOWN_ENTITY.sub("&amp;", _MARKDOWN_SPECIALS.sub(r"\\\1", text))


def _format_run(marked: str, fmt: Format) -> str:
    tags = _HTML_TAGS if fmt == "html" else _MARKDOWN_TAGS
    out: list[str] = []
    text: list[str] = []
    for char in marked:
        if "\ue000" <= char <= "\ue03f":
            if text:
                out.append(_escape("".join(text), fmt))
                text = []
            out.append(tags.get(char, ""))
        else:
            text.append(char)
    if text:
        out.append(_escape("".join(text), fmt))
    return "".join(out)


def _escape(text: str, fmt: Format) -> str:
    if fmt == "html":
        return html.escape(text, quote=False)
    return _md_escape(text)


def names_span(marked: str) -> tuple[int, int] | None:
    """Start and end (exclusive, marks included) of the first outermost names span."""
    start = marked.find(NAMES_ON)
    if start < 0:
        return None
    depth = 0
    for index in range(start, len(marked)):
        char = marked[index]
        if char == NAMES_ON:
            depth += 1
        elif char == NAMES_OFF:
            depth -= 1
            if depth == 0:
                return start, index + 1
    return None


OPENING_MARKS = _OPENERS
CLOSING_MARKS = _CLOSERS
