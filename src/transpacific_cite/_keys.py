"""Deterministic citation keys for interviews.

Two formats:

- ``tpv`` (default): family name of the first interviewee, year (``nd`` without a date),
  ``tpv`` and the series number: ``hornung2022tpv319``. Lowercase ASCII, because
  citeproc-py lowercases ids, and unique per series number.
- ``bbt``: Better BibTeX's default formula ``auth.lower + shorttitle(3,3) + year``:
  ``hornungUkraineWarImpact2022``, for users who keep Better BibTeX keys.

:func:`assign_keys` gives a list of interviews their keys and separates collisions with
a, b, c suffixes in input order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from anyascii import anyascii

from ._model import Interview

KeyFormat = Literal["tpv", "bbt"]
KEY_FORMATS: tuple[KeyFormat, ...] = ("tpv", "bbt")

# Better BibTeX's shorttitle skips these function words (its "skipwords" default, abridged
# to the English ones that occur in series titles).
BBT_SKIP_WORDS = frozenset(
    """a ab aboard about above across after against al along amid among an and anti around as
    at before behind below beneath beside besides between beyond but by d da das de del dell
    dello dei degli della dell delle dem den der des despite die do down du during ein eine
    einem einen einer eines el en et except for from gli i il in inside into is l la las le
    les like lo los near nor of off on onto or over past per plus round save since so some
    sur than the through to toward towards un una unas under underneath une unlike uno unos
    until up upon versus via von while with within without yet zu zum""".split()
)

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def ascii_word(text: str) -> str:
    """Transliterate to ASCII letters and digits only: "Satō" -> "Sato", "陳" -> "Chen"."""
    return _NOT_ALNUM.sub("", anyascii(text))


def citation_key(interview: Interview, *, key_format: KeyFormat = "tpv") -> str:
    """The key of one interview, before collisions are resolved.

    Raises:
        ValueError: for an unknown key format.
    """
    family = ascii_word(interview.interviewees[0].family) or "anon"
    if key_format == "tpv":
        year = str(interview.year) if interview.year else "nd"
        return f"{family.lower()}{year}tpv{interview.number}"
    if key_format == "bbt":
        year = str(interview.year) if interview.year else ""
        return f"{family.lower()}{_short_title(interview.title or '')}{year}"
    raise ValueError(f"unknown key format {key_format!r}; choose one of {', '.join(KEY_FORMATS)}")


def _short_title(title: str) -> str:
    """Better BibTeX's shorttitle(3,3): the first three non-function words, each capitalised."""
    words = [ascii_word(w) for w in re.split(r"[\s\-–—/:]+", anyascii(title))]
    kept = [w for w in words if w and w.lower() not in BBT_SKIP_WORDS][:3]
    return "".join(w[:1].upper() + w[1:] for w in kept)


def assign_keys(interviews: Sequence[Interview], *, key_format: KeyFormat = "tpv") -> list[str]:
    """Keys for a list of interviews, colliding ones suffixed a, b, c in input order.

    Every interview whose key is shared gets a suffix (``hornung2022tpv319a``,
    ``hornung2022tpv319b``), as biblatex's extradate does for years; a suffixed key never
    lands on another interview's key.
    """
    base = [citation_key(i, key_format=key_format) for i in interviews]
    counts = Counter(base)
    taken = {key for key in base if counts[key] == 1}
    used: dict[str, int] = {}
    keys: list[str] = []
    for key in base:
        if counts[key] == 1:
            keys.append(key)
            continue
        index = used.get(key, 0)
        while key + letters(index) in taken:
            index += 1
        used[key] = index + 1
        taken.add(key + letters(index))
        keys.append(key + letters(index))
    return keys


def letters(index: int) -> str:
    """a, b, ..., z, aa, ab, ... for index 0, 1, ...: key suffixes, and year suffixes too."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
