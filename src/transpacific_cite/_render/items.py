"""Phase 1, reading items: CSL-JSON as citeproc-py's data, under internal keys.

Vocabulary: a *cite* (:class:`Cite`) names one item inside a citation, at a locator. Items get
*internal keys* (``i0``, ``i1``, ...) inside a run, so the caller's ids are never lowercased or
confused (fault 13); variables outside citeproc-py's CSL 1.0.1 tables are typed by the CSL
1.0.2 tables (fault 12); field text is cleaned and marked (fault 10, :func:`.faults.f10_smart_and_nested_quotes.clean_field`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, SupportsIndex, cast

from citeproc import VARIABLES
from citeproc.source import (
    BibliographySource,
    Date,
    DateRange,
    LiteralDate,
    Locator,
    Name,
    Reference,
)
from citeproc.string import MixedString, String

from . import boundary
from . import output as out
from .faults import f10_smart_and_nested_quotes as f10
from .names import EastAsianName, is_east_asian

# CSL 1.0.2 variables by kind (Appendix IV). citeproc-py's own tables are CSL 1.0.1 and
# lack e.g. host, available-date, part-number (fault 12).
NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director editor-translator executive-producer guest host
    illustrator interviewer narrator organizer original-author performer producer recipient
    reviewed-author script-writer series-creator translator""".split()
)
DATE_VARIABLES = frozenset(
    "accessed available-date event-date issued original-date submitted".split()
)
# Identifiers are printed as they are: no typographic quotes or apostrophes.
VERBATIM_VARIABLES = frozenset({"DOI", "ISBN", "ISSN", "PMCID", "PMID", "citation-key"})
NAME_PARTS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix"})
ENGINE_VARIABLES = frozenset(VARIABLES) | {"uri", "container_uri", "contributor", "date"}
_PARAGRAPH_IN_LOCATOR = re.compile(r", para\. (?=\d)")


@dataclass(frozen=True, slots=True)
class Cite:
    """One cited item inside a citation.

    Attributes:
        key: the item's id, exactly as in the CSL data (case matters).
        label: a CSL locator label ("section", "page", ...) or None.
        locator: the locator text ("3", "3, para. 2", "2-4") or None.
        prefix: text before the cite, or None.
        suffix: text after the cite, or None.
    """

    key: str
    label: str | None = None
    locator: str | None = None
    prefix: str | None = None
    suffix: str | None = None


class _Locator(Locator):  # type: ignore[misc]
    """A locator equal to another with the same label and text.

    citeproc-py compares locators by identity, so a repeated cite at the same place was
    "ibid., sec. 3" (ibid-with-locator) where the reference processors print "Ibid.".
    """

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Locator):
            return NotImplemented
        return (self.label, str(self.identifier)) == (other.label, str(other.identifier))

    def __hash__(self) -> int:
        return hash((self.label, str(self.identifier)))


def _text(value: str) -> MixedString:
    return MixedString([String(value)])


class _GivenName(str):
    """A given name whose lower-case hyphenated parts are not initialized.

    citeproc-py's ``Name.initialize`` splits a given name at hyphens and turns "Ji-young"
    into "J.-. young ."; pandoc's citeproc gives "J.". citeproc-py asks the name itself to
    split, so this str subclass (used only for names we pass in) drops the lower-case parts.
    """

    __slots__ = ()

    def split(self, sep: str | None = None, maxsplit: SupportsIndex = -1) -> list[str]:
        parts = str.split(self, sep, maxsplit)
        if sep != "-":
            return parts
        return [p for i, p in enumerate(parts) if i == 0 or p[:1].isupper()]


def _date(value: Any) -> Any:
    """A CSL date object as citeproc-py's date types (None when it holds no date)."""
    if not isinstance(value, Mapping):
        return None
    circa = bool(value.get("circa"))
    dates: list[dict[str, int]] = []
    for parts in value.get("date-parts") or []:
        if not isinstance(parts, list) or not parts:
            continue
        try:
            numbers = [int(p) for p in parts[:3]]
        except (TypeError, ValueError):
            continue
        dates.append(dict(zip(("year", "month", "day"), numbers, strict=False)))
    if len(dates) == 1:
        return Date(circa=circa, **dates[0])
    if len(dates) > 1:
        return DateRange(begin=Date(**dates[0]), end=Date(**dates[1]), circa=circa)
    if isinstance(value.get("literal"), str):
        return LiteralDate(f10.clean_field(value["literal"]), circa=circa)
    return None


def build_source(items: Sequence[Mapping[str, Any]]) -> tuple[boundary.Source, list[str]]:
    """CSL data as a citeproc-py source under internal keys, and the warnings it raised.

    Fault 13: citeproc-py lowercases ids, so "Hornung2022" and "hornung2022" collided and one
    silently replaced the other; internal keys are unique by construction.
    Fault 12: variables outside citeproc-py's CSL 1.0.1 tables (``event-title``,
    ``available-date``, ``part-number``, ``host``) made it warn (an error under pytest) and
    then be kept as untyped strings, dropped, or crash. We type them by the CSL 1.0.2 tables
    and store them after the ``Reference`` is built, so nothing warns; hyphenated aliases let
    ``cs:number`` (which looks variables up by their hyphenated name) find them.
    """
    source = BibliographySource()
    warnings: list[str] = []
    for index, item in enumerate(items):
        key = f"i{index}"
        known: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for variable, value in item.items():
            if variable in ("id", "type") or value is None:
                continue
            converted = _convert(variable, value)
            if converted is None:
                warnings.append(f"{item.get('id')}: ignored {variable!r} (not a CSL value)")
                continue
            python_name = variable.replace("-", "_")
            if python_name == "shortTitle":
                python_name = "title_short"
            (known if python_name in ENGINE_VARIABLES else extra)[python_name] = converted
        reference = Reference(key, str(item.get("type") or "document"), **known)
        for name, value in extra.items():
            dict.__setitem__(reference, name, value)
        for name in [n for n in reference if "_" in n]:
            dict.__setitem__(reference, name.replace("_", "-"), reference[name])
        source.add(reference)
    return source, warnings


def store_variable(reference: boundary.Reference, variable: str, value: Any) -> None:
    """Store a variable the run computed (``year-suffix``) in an item's data, in both spellings.

    Stored as the item reader stores variables, past citeproc-py's ``Reference.__setitem__``
    (which would warn); ``cs:number`` looks variables up hyphenated, the rest underscored.
    """
    data = cast("dict[str, Any]", reference)
    for name in (variable.replace("-", "_"), variable):
        dict.__setitem__(data, name, value)


def _convert(variable: str, value: Any) -> Any:
    if variable in NAME_VARIABLES:
        if not isinstance(value, list):
            return None
        names = []
        for person in value:
            if not isinstance(person, Mapping):
                continue
            if isinstance(person.get("literal"), str):
                names.append(Name(literal=f10.clean_field(person["literal"])))
                continue
            parts: dict[str, str] = {
                k: f10.clean_field(str(v))
                for k, v in person.items()
                if k in NAME_PARTS and v not in (None, "")
            }
            if "given" in parts:
                parts["given"] = _GivenName(parts["given"])
            if parts and is_east_asian(parts.get("family", ""), parts.get("given", "")):
                names.append(EastAsianName(**parts))
            elif parts:
                names.append(Name(**parts))
        return names or None
    if variable in DATE_VARIABLES:
        return _date(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value)
    if variable == "URL":
        return _text(out.url_field(text))
    if variable == "language":
        return text
    return _text(f10.clean_field(text, prose=variable not in VERBATIM_VARIABLES))
