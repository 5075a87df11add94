"""The formatter citeproc-py renders through: marks instead of markup.

citeproc-py calls a formatter's ``Italic``, ``Bold``, ... on the text of formatted elements;
ours wraps text in the marks of :mod:`.output` (escaping happens once, at the end), maps the
locale's quotation terms to quote marks, and carries out our own marks (:data:`.marks.MARK`).
"""

from __future__ import annotations

from typing import Any

from citeproc.string import String

from .._errors import RenderError
from . import output as out
from .faults.f03_punctuation_in_quote import QuoteTerms
from .marks import NAMES_MARK, TITLE_CASE_MARK


class Formatter:
    """A citeproc-py formatter that emits marks instead of markup.

    Escaping then happens once, at the end (fault 11's repair, :mod:`.faults`); its
    ``preformat`` turns the locale's quotation terms into quote marks (fault 3's
    :class:`~.faults.f03_punctuation_in_quote.QuoteTerms`).
    """

    def __init__(self, quotes: out.Quotes) -> None:
        self.preformat = QuoteTerms(quotes).preformat  # fault 3: quotation terms as marks
        self.Italic = _wrapper(out.ITALIC_ON, out.ITALIC_OFF)
        self.english = True  # is the item being rendered English? (set by the run)
        self.Bold = _wrapper(out.BOLD_ON, out.BOLD_OFF)
        self._names = _wrapper(out.NAMES_ON, out.NAMES_OFF)
        self.Underline = _wrapper(out.UNDERLINE_ON, out.UNDERLINE_OFF)
        self.Superscript = _wrapper(out.SUP_ON, out.SUP_OFF)
        self.Subscript = _wrapper(out.SUB_ON, out.SUB_OFF)
        self.SmallCaps = _wrapper(out.SMALLCAPS_ON, out.SMALLCAPS_OFF)

    def Oblique(self, text: Any) -> Any:  # the name citeproc-py's formatter interface uses
        """A style's own oblique prints as italic, as the reference processors' HTML does."""
        return self.Italic(text)

    def Light(self, text: Any) -> Any:  # the name citeproc-py's formatter interface uses
        """A style's own light weight prints as normal weight, as pandoc's HTML does."""
        return text

    def mark(self, name: str, text: Any) -> Any:
        """What one of our own marks (:data:`.marks.MARK`) does to the text its group rendered.

        Raises:
            RenderError: for a mark this formatter does not know (a repair out of step).
        """
        if name == NAMES_MARK:
            return self._names(text)
        if name == TITLE_CASE_MARK:
            return String(out.title_case_hyphenated(str(text))) if self.english else text
        raise RenderError(f"unknown mark {name!r}")


def _wrapper(on: str, off: str) -> Any:
    def wrap(text: Any) -> String:
        return String(on + str(text) + off)

    return wrap
