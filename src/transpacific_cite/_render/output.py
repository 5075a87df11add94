"""Marked strings: the marks, and the text helpers every phase uses.

Vocabulary: the engine renders into a *marked string*: ordinary text (field values, terms,
punctuation) plus *marks*, single characters from Unicode's Private Use Area that stand for
formatting ("italic starts"), for the style's quotation marks, for quotation marks found in
field text, for the extent of a rendered name list and for a URL. Field text can never forge
a mark, because :func:`safe_text` removes that block from every input string first.

Keeping formatting out of band is what makes the HTML output safe (fault 11's repair turns
a finished marked string into text, HTML or Markdown: :mod:`.faults`); it also lets one
engine run serve all three formats. The quote marks are fault 3's and fault 10's.

This module imports no third-party code.
"""

from __future__ import annotations

import re
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


@dataclass(frozen=True, slots=True)
class Quotes:
    """The locale's quotation marks and its punctuation-in-quote option."""

    open: str = "“"
    close: str = "”"
    inner_open: str = "‘"
    inner_close: str = "’"
    punctuation_in_quote: bool = True


# A lone UTF-16 surrogate: valid in JSON ("\\ud800") and in a Python str, but not encodable as
# UTF-8, so it could be neither stored in the render cache nor printed; shown as U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


def safe_text(text: str) -> str:
    """Input text without marks (it cannot forge formatting) or lone surrogates (U+FFFD)."""
    return _LONE_SURROGATE.sub("\ufffd", _ANY_MARK.sub("", text))


def url_field(text: str) -> str:
    """A URL wrapped in URL marks (linked in HTML; autolinked in Markdown)."""
    return URL_ON + safe_text(text) + URL_OFF


# --- engine output out -------------------------------------------------------------------------
def strip_marks(marked: str) -> str:
    """The plain text of a marked string (quote marks must be resolved first)."""
    return _ANY_MARK.sub("", marked)


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
