"""Fault 8: citeproc-py sorted by code point ("Ōta" after "Smith") and ignored
``demote-non-dropping-particle="sort-only"``. The whole repair, used by :mod:`.sorting`:
:func:`collation_key` for every text key, :func:`name_sort_text` for name variables and
:func:`macro_sort_options` for macro keys (both demote the particle under sort-only).
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Any

from .. import output as out

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}‘’“”«»–—]")


def collation_key(text: str) -> tuple[str, str]:
    """A sort key close to the Unicode Collation Algorithm for Latin text.

    Fault 8: citeproc-py compares code points, so "Ōta" sorted after "Smith". We compare
    case-folded text without diacritics, quotation marks or formatting first, then the
    case-folded original to break ties. (pandoc uses the full UCA; this matches it for the
    Latin-script names and titles of the series.)
    """
    plain = out.strip_marks(text)
    decomposed = unicodedata.normalize("NFKD", plain)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    primary = " ".join(_PUNCTUATION.sub("", base).casefold().split())
    return primary, plain.casefold()


def name_sort_text(name: Any, demote: str) -> str:
    """A name as a sort key reads it: family name first, the particle demoted under sort-only."""
    given, family, dropping, non_dropping, suffix = name.parts()
    if demote in ("sort-only", "display-and-sort"):
        given = " ".join(p for p in (given, dropping, non_dropping) if p)
    else:
        family = " ".join(p for p in (non_dropping, family) if p)
        given = " ".join(p for p in (given, dropping) if p)
    return " ".join(p for p in (family, given, suffix) if p)


def macro_sort_options(key: Any, demote: str) -> dict[str, Any]:
    """The options a ``cs:key macro=...`` renders its macro with.

    Names in sort order, the key's own et-al limits, and under ``sort-only`` the particle
    demoted (displayed like "never", sorted like "display-and-sort").
    """
    options: dict[str, Any] = {"name-as-sort-order": "all"}
    for option in ("names-min", "names-use-first", "names-use-last"):
        if option in key.attrib:
            options[option.replace("names", "et-al")] = key.get(option)
    if demote == "sort-only":
        options["demote-non-dropping-particle"] = "display-and-sort"
    return options
