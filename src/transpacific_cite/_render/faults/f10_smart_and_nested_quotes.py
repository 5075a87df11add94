"""Fault 10: citeproc-py prints straight apostrophes and quotation marks as typed, and
quotes inside a quoted title do not alternate. The whole repair:

- field text in (:func:`clean_field`, for every string of an item): apostrophes become ’,
  and straight and curly quotation marks in the text are paired into data-quote marks;
- output out (:func:`resolve_quotes`, when a text is finished): every quote mark, the
  style's own and the data's, becomes the locale's outer or inner mark by nesting depth, as
  citeproc-js does (“… ‘Curly’ …”).
"""

from __future__ import annotations

import re

from .. import output as out

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
        chars[start], chars[end] = out.DATA_QUOTE_ON, out.DATA_QUOTE_OFF
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
                    chars[opened[depth][1]], chars[index] = out.DATA_QUOTE_ON, out.DATA_QUOTE_OFF
                    del opened[depth:]
                    break
    return "".join(chars)


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
    text = out.safe_text(text)
    if not prose:
        return text
    text = _single_quotes(_curly_quotes(text))
    pieces = text.split('"')
    if len(pieces) == 1:
        return text
    if len(pieces) % 2 == 0:  # an odd number of quotes: the last one stays a closing mark
        pieces[-2:] = [pieces[-2] + "”" + pieces[-1]]
    result = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        result.append(out.DATA_QUOTE_ON if index % 2 == 0 else out.DATA_QUOTE_OFF)
        result.append(piece)
    return "".join(result)


_OPENING_MARKS = (out.QUOTE_ON, out.INNER_QUOTE_ON, out.DATA_QUOTE_ON)
_QUOTE_MARK = re.compile(
    f"[{out.QUOTE_ON}{out.INNER_QUOTE_ON}{out.DATA_QUOTE_ON}"
    f"{out.QUOTE_OFF}{out.INNER_QUOTE_OFF}{out.DATA_QUOTE_OFF}]"
)


def resolve_quotes(marked: str, quotes: out.Quotes) -> str:
    """Replace every quote mark by the locale's outer or inner mark, by nesting depth.

    Only the marks are visited (a regex finds them), not every character of the text.
    """
    if not any(m in marked for m in _OPENING_MARKS):
        return marked
    depth = 0

    def resolved(found: re.Match[str]) -> str:
        nonlocal depth
        if found.group() in _OPENING_MARKS:
            depth += 1
            return quotes.open if depth % 2 == 1 else quotes.inner_open
        depth = max(depth - 1, 0)
        return quotes.close if depth % 2 == 0 else quotes.inner_close

    return _QUOTE_MARK.sub(resolved, marked)
