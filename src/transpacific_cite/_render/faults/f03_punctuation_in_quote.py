"""Fault 3: citeproc-py ignores the locale's punctuation-in-quote. The whole repair:

- :class:`QuoteTerms` (the formatter's ``preformat``): the locale's quotation-mark terms,
  as citeproc-py asks for them, become quote marks, so a style's quotes can be told from
  quotation marks in the data and found again in the marked output;
- :func:`tidy` (when a text is finished): a comma or period after a closing quote mark moves
  inside it where the locale asks (en-US), with the other punctuation fixes that need marks.
"""

from __future__ import annotations

import re
from typing import Any

from .. import output as out


class QuoteTerms:
    """The formatter's ``preformat``: the locale's quotation terms become quote marks.

    citeproc-py calls ``preformat`` on terms only (never on field text), so a term equal to
    the locale's quotation mark can be told from a quotation mark in the data.
    """

    def __init__(self, quotes: out.Quotes) -> None:
        self._terms = {
            quotes.open: out.QUOTE_ON,
            quotes.close: out.QUOTE_OFF,
            quotes.inner_open: out.INNER_QUOTE_ON,
            quotes.inner_close: out.INNER_QUOTE_OFF,
        }
        # Where a locale opens and closes with the same mark (fi-FI: ” ”), citeproc-py asks
        # for the opening term, then the closing one: alternate between the two.
        self._alternating: dict[str, tuple[str, str]] = {}
        if quotes.open == quotes.close:
            self._alternating[quotes.open] = (out.QUOTE_ON, out.QUOTE_OFF)
        if quotes.inner_open == quotes.inner_close:
            self._alternating[quotes.inner_open] = (out.INNER_QUOTE_ON, out.INNER_QUOTE_OFF)
        self._opened: dict[str, bool] = {}

    def preformat(self, text: Any) -> Any:
        """A quotation term as its quote mark; any other text as it is."""
        key = str(text)
        marks = self._alternating.get(key)
        if marks is not None:
            opened = self._opened[key] = not self._opened.get(key, False)
            return marks[0] if opened else marks[1]
        return self._terms.get(key, text)


_MOVABLE_PUNCTUATION = re.compile(
    f"([{out.QUOTE_OFF}{out.INNER_QUOTE_OFF}{out.DATA_QUOTE_OFF}][{out.CLOSING_MARKS}]*)([.,])"
)
_END_PUNCT_BEFORE_QUOTE = re.compile(
    f"([?!.])([{out.QUOTE_OFF}{out.INNER_QUOTE_OFF}{out.DATA_QUOTE_OFF}][{out.CLOSING_MARKS}]*)([.,])"
)
_DOUBLED_ACROSS_MARKS = re.compile(f"([.,;:])([{out.MARK_BLOCK}]+)\\1")
_QUESTION_THEN_PERIOD = re.compile(f"([?!])([{out.MARK_BLOCK}]*)\\.")


def tidy(marked: str, quotes: out.Quotes) -> str:
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
