r"""Tell our interview entries in a parsed ``.bib`` from every other entry, and read their facts.

A style plugin sees entries as the host parsed them: an entry type and raw LaTeX field values
(``no.~319``, ``\url{...}``). This module knows the two shapes our writers produce (see
:mod:`transpacific_cite._formats.bibtex`) and nothing about the host's classes, so it is tested without
pybtex and the plugin stays thin:

- ``biblatex``: ``@article`` with ``titleaddon = {interview by {Mercy A. Kuo}}`` (or
  ``interview with`` when the interviewers are the authors: ``--byline``), ``journaltitle``,
  ``date``, ``note = {<series>, no.~<number>}``, ``url``, ``urldate``; without an
  interviewer there is no ``titleaddon``, and ``entrysubtype = {magazine}`` with
  ``journaltitle`` tells the entry ours;
- ``bibtex``: ``@misc`` with ``howpublished``, ``month``/``year`` and everything else in
  ``note``: ``Interview by NAMES. <series>, no.~<number>. \url{...}. Accessed <date>``.

Any other entry may be a series item as Zotero or Better BibTeX exports it (a blogPost,
webpage or magazine article by Mercy A. Kuo on The Diplomat, or Zotero's interview shape with
the interviewer in ``collaborator`` or ``editora``): such an entry is read by the ``.bib``
reader (:func:`~transpacific_cite._formats.bibtex.entry_to_csl`) and judged by the same
evidence as ``zotero enrich`` (:func:`~transpacific_cite._zotero.recognise.recognise`),
offline and without a catalog, so a number the entry itself does not state stays unknown.

Vocabulary: the *authors* are the entry's ``author`` people; the *others* are the people the
relation phrase names (the interviewers, or with ``relation == "with"`` the interviewees).
Values are decoded to plain Unicode with the writer's own decoder
(:func:`~transpacific_cite._formats.bibtex.latex_to_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .._formats.bibtex import MONTH_NAMES, entry_to_csl, latex_to_text

# "<series>, no.~319": the series name has no full stop (the model strips a final one), so the
# classic note can be split at ". " around it even when a name before it has initials.
_SERIES = r"(?P<series>[^.{}]*?[Ss]eries),\s*no\.\s*~?\s*(?P<number>[0-9]+)"
_BIBLATEX_NOTE = re.compile(rf"^{_SERIES}$")
_BIBLATEX_ADDON = re.compile(r"^interview (?P<relation>by|with) (?P<others>.+)$", re.IGNORECASE)
_CLASSIC_NOTE = re.compile(
    r"^(?:Interview (?P<relation>by|with) (?P<others>.+?)\.\s+)?"
    + _SERIES
    + r"(?:\.\s+\\url\{(?P<url>[^{}]*)\})?"
    + r"(?:\.\s+Accessed (?P<accessed>[^.]+))?\.?$"
)
_ISO_DATE = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?$")
# What latexcodec changes when it decodes: commands, groups, ties, comments and the character
# pairs TeX turns into ligatures. A value with none of them decodes to itself, so it skips
# the decoder (which is most of the cost of formatting an entry: measured with
# benchmarks/pybtex_plugin.py).
_NEEDS_DECODING = re.compile(r"[\\{}~%]|--|``|''|,,|[!?]`")
# The fields read_shape looks at; the cache key is made of these alone.
_FIELDS = (
    "note", "titleaddon", "entrysubtype", "journaltitle", "journal", "howpublished", "title", "date", "year",
    "month", "url", "urldate",
)  # fmt: skip
_DIPLOMAT = "iplomat"
_MONTHS = {name.lower(): index for index, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3].lower(): index for index, name in enumerate(MONTH_NAMES, start=1)})


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as precise as the entry gives it: a classic ``@misc`` has no day."""

    year: int
    month: int | None = None
    day: int | None = None

    def text(self) -> str:
        """As in running text: "May 16, 2022", "May 2022" or "2022"."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        return f"{month} {self.day}, {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True, slots=True)
class InterviewShape:
    """The facts of one interview entry, decoded.

    Attributes:
        relation: ``by`` (authors are the interviewees) or ``with`` (authors are the
            interviewers, ``--byline``); ``by`` when the entry names no others.
        others: the names the relation phrase gives, as running text ("Mercy A. Kuo"), or "".
        title: the title, or None.
        publication: "The Diplomat".
        series: the series name.
        number: the series number, or None when a Zotero entry does not state it.
        date: the publication date, or None.
        url: the URL as written, or None.
        accessed: the access date as running text ("May 20, 2022"), or None.
        interviewees: for a Zotero entry, the interviewees as (given, family) pairs (its
            ``author`` may be the interviewer); None for our shapes, whose people are the
            entry's ``author`` and ``others``.
    """

    relation: Literal["by", "with"]
    others: str
    title: str | None
    publication: str
    series: str
    number: int | None
    date: PartialDate | None
    url: str | None
    accessed: str | None
    interviewees: tuple[tuple[str, str], ...] | None = None


def _iso_date(value: str | None) -> PartialDate | None:
    match = _ISO_DATE.match(value.strip()) if value else None
    if not match:
        return None
    return PartialDate(
        int(match["year"]),
        int(match["month"]) if match["month"] else None,
        int(match["day"]) if match["day"] else None,
    )


def _decode(value: str) -> str:
    """:func:`latex_to_text`, skipped for a value it would return unchanged."""
    return latex_to_text(value) if _NEEDS_DECODING.search(value) else value


def _month(value: str | None) -> int | None:
    if not value:
        return None
    text = _decode(value).strip().lower()
    return int(text) if text.isdigit() and 1 <= int(text) <= 12 else _MONTHS.get(text[:3])


def _relation(value: str | None) -> Literal["by", "with"]:
    return "with" if value and value.lower() == "with" else "by"


def _text(value: str | None) -> str | None:
    return _decode(value).strip() or None if value else None


def read_shape(
    entry_type: str,
    fields: Mapping[str, str],
    persons: Mapping[str, Iterable[object]] | None = None,
) -> InterviewShape | None:
    """The interview an entry holds, or None when it is any other entry.

    A style asks for each entry up to three times (sorting, labels, formatting), so answers
    are cached by the entry type and the values of the fields read.

    Args:
        entry_type: the entry type as parsed (any case).
        fields: raw field values, looked up by lowercase name (pybtex's field dict is
            case-insensitive, so it can be passed as it is).
        persons: the parsed name fields (role -> people whose ``str()`` is the BibTeX name,
            as pybtex's ``Person`` gives it); needed to recognise Zotero's shapes.
    """
    kind = entry_type.lower()
    if kind in ("article", "misc"):
        shape = _read_shape(kind, tuple(fields.get(name) or "" for name in _FIELDS))
        if shape is not None:
            return shape
    # Every series item is on The Diplomat, so some field names it (the URL, the journal or
    # site, or Extra in ``note``); this look keeps ordinary entries off the slow path below.
    # "iplomat" also matches a title-cased "{D}iplomat".
    if not any(_DIPLOMAT in value.lower() for value in fields.values()):
        return None
    raw = {name.lower(): value for name, value in fields.items()}
    names = tuple(
        (role.lower(), tuple(str(person) for person in people))
        for role, people in (persons or {}).items()
    )
    return _zotero_shape(kind, tuple(raw.items()), names)


@lru_cache(maxsize=4096)
def _read_shape(kind: str, values: tuple[str, ...]) -> InterviewShape | None:
    fields = dict(zip(_FIELDS, values, strict=True))
    note = fields.get("note") or ""
    if kind == "article":
        series = _BIBLATEX_NOTE.match(note.strip())
        if not series:
            return None
        addon = _BIBLATEX_ADDON.match(_decode(fields.get("titleaddon") or "").strip())
        publication = _text(fields.get("journaltitle") or fields.get("journal"))
        # an interview read without its byline has no interviewer, so no titleaddon
        ours = addon or (fields.get("entrysubtype") == "magazine" and fields.get("journaltitle"))
        if not (ours and publication):
            return None
        date = _iso_date(fields.get("date"))
        if date is None and fields.get("year", "").isdigit():
            date = PartialDate(int(fields["year"]), _month(fields.get("month")))
        urldate = _iso_date(fields.get("urldate"))
        return InterviewShape(
            relation=_relation(addon["relation"] if addon else None),
            others=addon["others"].strip() if addon else "",
            title=_text(fields.get("title")),
            publication=publication,
            series=_decode(series["series"]).strip(),
            number=int(series["number"]),
            date=date,
            url=(fields.get("url") or "").strip() or None,
            accessed=urldate.text() if urldate else None,
        )
    if kind == "misc":
        match = _CLASSIC_NOTE.match(" ".join(note.split()))
        publication = _text(fields.get("howpublished"))
        if not (match and publication):
            return None
        year = fields.get("year", "").strip()
        return InterviewShape(
            relation=_relation(match["relation"]),
            others=_decode(match["others"] or "").strip(),
            title=_text(fields.get("title")),
            publication=publication,
            series=_decode(match["series"]).strip(),
            number=int(match["number"]),
            date=PartialDate(int(year), _month(fields.get("month"))) if year.isdigit() else None,
            url=match["url"] or None,
            accessed=_text(match["accessed"]),
        )
    return None


@lru_cache(maxsize=4096)  # as _read_shape: a style looks at each entry up to three times
def _zotero_shape(
    kind: str,
    fields: tuple[tuple[str, str], ...],
    persons: tuple[tuple[str, tuple[str, ...]], ...],
) -> InterviewShape | None:
    """A Zotero or Better BibTeX series entry, read as ``zotero enrich`` reads it (offline)."""
    from .._zotero.recognise import recognise  # its intro parser is slow to import

    # entry_to_csl takes values as written in the file: braced, names joined by "and"
    raw = {name: "{" + value + "}" for name, value in fields}
    raw.update((role, "{" + " and ".join(names) + "}") for role, names in persons if names)
    item: dict[str, Any] = entry_to_csl(kind, "entry", raw)
    if "annote" in raw and "annote" not in item:  # Zotero's exported notes: the intro may be there
        item["annote"] = " ".join(latex_to_text(dict(fields)["annote"]).split())
    facts = recognise(item)
    if facts is None:
        return None
    values = dict(fields)
    date = _iso_date(values.get("date"))
    if date is None and (values.get("year") or "").strip().isdigit():
        date = PartialDate(int(values["year"].strip()), _month(values.get("month")))
    urldate = _iso_date(values.get("urldate"))
    return InterviewShape(
        relation="by",
        others=facts.interviewer.full_name,
        title=facts.title,
        publication=facts.publication,
        series=facts.series,
        number=facts.number,
        date=date,
        url=facts.url,
        accessed=urldate.text() if urldate else None,
        interviewees=tuple((p.given or "", p.family) for p in facts.interviewees),
    )


def split_names(text: str) -> list[str]:
    """Names from running text as our writers join them: "A", "A and B", "A, B, and C"."""
    return [name.strip() for name in re.split(r",? and |, ", text) if name.strip()]


def year_of(shape: InterviewShape) -> str | None:
    """The year as a ``year`` field would hold it (alpha labels and sorting read ``year``)."""
    return str(shape.date.year) if shape.date else None
