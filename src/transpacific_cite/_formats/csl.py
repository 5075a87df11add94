"""Interviews as CSL-JSON items, the input of every CSL processor (citeproc-py, citeproc-js, pandoc).

Vocabulary (after manubot): a *CSL item* is one dict; *CSL data* is a list of items; *CSL
JSON* is that list serialised. Variables stay hyphenated here (``container-title``); the
rendering adapter deals with citeproc-py's underscores.

Mapping of one interview (type ``interview``, as Zotero and the styles expect)::

    id                 the citation key
    author             the interviewees (or, with ``byline=True``, the interviewers)
    interviewer        the interviewers (omitted with ``byline=True``)
    title              the article title
    container-title    "The Diplomat"
    collection-title   "The Trans-Pacific View Insight Series"
    collection-number  319
    issued / accessed  date-parts
    URL                the article URL

With ``byline=True`` the interviewers are the ``author`` and CSL has no role left for the
interviewees (it has ``interviewer`` but no ``interviewee``), so they are carried as text in
``note``: ``Interview with Jeffrey Hornung``. Styles that print ``note`` (the Chicago family)
show it; the others drop it, as they would any note.

Flavours: ``standard`` is the plain mapping above. ``zotero`` adds the fields Zotero's
importer drops for interviews (``container-title``, the series) as Extra lines in ``note``
(``container-title: The Diplomat``), plus ``Citation Key: ...``, which Zotero keeps and
citeproc-js and Better BibTeX read back.

Reading and enriching Zotero's files (:func:`read_items`, :func:`enrich`): Zotero CSL JSON
(``id`` the item URI, tab-indented, years as strings in older Zotero, integers in newer) and
Better CSL JSON (``id`` the citation key, ``citation-key`` too, one item per line) are both
arrays of CSL items; each is kept as read, and a series item is rewritten by
:func:`apply_facts` (type ``interview``, the interviewees as ``author``, Kuo as
``interviewer``, the publication and series as fields and as Extra lines in ``note``) while its
``id``, ``citation-key``, ``URL`` and every field enrichment does not own keep their values.

Text is written as it stands in the model. CSL processors read ``<i>``, ``<b>``, ``<sc>``,
``<sup>``, ``<sub>`` and ``<span class="nocase">`` inside CSL-JSON strings as rich-text markup,
so such a tag in a title is formatting to every processor; the model stores plain text and we
do not rewrite titles to defeat that (no Diplomat title contains such a tag).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .._errors import FormatError
from .._model import Interview, Person

if TYPE_CHECKING:
    from .._zotero.recognise import Enriched, SeriesFacts

Flavour = Literal["standard", "zotero"]
FLAVOURS: tuple[Flavour, ...] = ("standard", "zotero")


def csl_name(person: Person) -> dict[str, str]:
    """A person as a CSL name object (honorific and description are not name parts)."""
    name = {"family": person.family}
    if person.given:
        name["given"] = person.given
    return name


def names_text(people: Sequence[Person]) -> str:
    """Names for running text: "A", "A and B", "A, B, and C"."""
    names = [p.full_name for p in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def csl_date(date: dt.date) -> dict[str, list[list[int]]]:
    """A date as CSL date-parts."""
    return {"date-parts": [[date.year, date.month, date.day]]}


def people_from_csl(names: Any) -> tuple[Person, ...]:
    """The people of a CSL name list (the reverse of :func:`csl_name`); entries with neither
    a family nor a literal name are skipped."""
    people = []
    for name in names or ():
        if isinstance(name, dict) and (name.get("family") or name.get("literal")):
            family = str(name.get("family") or name.get("literal"))
            given = name.get("given") if name.get("family") else None
            people.append(Person(family=family, given=str(given) if given else None))
    return tuple(people)


def iso_from_csl(date: Any) -> str | None:
    """CSL date-parts as ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``); None when there are none."""
    try:
        parts = [int(p) for p in date["date-parts"][0]]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts[:3])) or None


def to_csl_item(
    interview: Interview, *, key: str, byline: bool = False, flavour: Flavour = "standard"
) -> dict[str, Any]:
    """One interview as a CSL item.

    Args:
        interview: the interview.
        key: the item id (a citation key).
        byline: make the interviewers the authors (APA cites a magazine interview by its byline).
        flavour: ``standard`` or ``zotero`` (series fields repeated as Extra lines in ``note``).

    Raises:
        ValueError: for an unknown flavour.
    """
    if flavour not in FLAVOURS:
        raise ValueError(
            f"unknown CSL-JSON flavour {flavour!r}; choose one of {', '.join(FLAVOURS)}"
        )
    item: dict[str, Any] = {"id": key, "type": "interview"}
    notes: list[str] = []
    if byline:
        if interview.interviewers:  # an interview read without its byline has no author then
            item["author"] = [csl_name(p) for p in interview.interviewers]
        notes.append(f"Interview with {names_text(interview.interviewees)}")
    else:
        item["author"] = [csl_name(p) for p in interview.interviewees]
        if interview.interviewers:
            item["interviewer"] = [csl_name(p) for p in interview.interviewers]
    if interview.title:
        item["title"] = interview.title
    item["container-title"] = interview.publication
    item["collection-title"] = interview.series
    item["collection-number"] = interview.number
    if interview.published:
        item["issued"] = csl_date(interview.published)
    if interview.url:
        item["URL"] = interview.url
    if interview.accessed:
        item["accessed"] = csl_date(interview.accessed)
    if flavour == "zotero":
        # Extra lines first: Zotero and citeproc-js read "name: value" lines anywhere in Extra,
        # Better BibTeX the same; the free text (byline's interviewee) follows them.
        notes[:0] = [
            f"container-title: {interview.publication}",
            f"collection-title: {interview.series}",
            f"collection-number: {interview.number}",
            f"Citation Key: {key}",
        ]
    if notes:
        item["note"] = "\n".join(notes)
    return item


def to_csl_data(
    interviews: Sequence[Interview],
    keys: Sequence[str],
    *,
    byline: bool = False,
    flavour: Flavour = "standard",
) -> list[dict[str, Any]]:
    """Several interviews as CSL data, one item per interview, ids from ``keys``."""
    if len(keys) != len(interviews):
        raise ValueError(f"{len(interviews)} interviews but {len(keys)} keys")
    return [
        to_csl_item(i, key=k, byline=byline, flavour=flavour)
        for i, k in zip(interviews, keys, strict=True)
    ]


def dumps(data: list[dict[str, Any]]) -> str:
    """CSL JSON text: always an array, UTF-8 characters kept, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Reading and enriching Zotero's CSL JSON
# ---------------------------------------------------------------------------------------------

# Extra lines enrichment owns: Zotero keeps them in an interview's Extra and citeproc-js reads
# them, so "The Diplomat" and the series survive Zotero's import (which drops these fields).
EXTRA_NAMES = ("container-title", "collection-title", "collection-number")
_OUR_EXTRA_LINE = re.compile(r"^\s*(?P<name>[A-Za-z][\w-]*)\s*:")


def loads(text: str, *, source: str) -> Any:
    """Parse JSON text; a syntax error is one :class:`FormatError` naming the line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            f"{source}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})"
        ) from None
    except RecursionError:
        raise FormatError(f"{source}: JSON nested too deeply to be a library") from None


def items_of(data: Any, *, source: str) -> list[dict[str, Any]]:
    """The CSL items of parsed CSL JSON (an array of objects; one bare item is accepted).

    Raises:
        FormatError: not an array of objects (names the item at fault).
    """
    if isinstance(data, dict) and "type" in data and "id" in data:
        data = [data]
    if not isinstance(data, list):
        raise FormatError(f"{source}: CSL JSON must be an array of items, not {_kind(data)}")
    for index, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise FormatError(f"{source}: item {index} is {_kind(item)}, not a CSL item object")
    return data


def read_items(text: str, *, source: str) -> list[dict[str, Any]]:
    """The items of a Zotero or Better CSL JSON file, as read (see the module docstring).

    Raises:
        FormatError: not JSON, or not an array of item objects.
    """
    return items_of(loads(text, source=source), source=source)


def apply_facts(item: Mapping[str, Any], facts: SeriesFacts) -> tuple[dict[str, Any], list[str]]:
    """A series item rewritten with its facts, and the names of the fields that changed.

    The item keeps its key order, its ``id``, ``citation-key`` and ``URL`` (a missing URL is
    filled in), and every field enrichment does not own. Applying the same facts twice gives
    the same item.
    """
    new = dict(item)
    new["type"] = "interview"
    new["author"] = [csl_name(p) for p in facts.interviewees]
    new["interviewer"] = [csl_name(facts.interviewer)]
    if facts.title and not new.get("title"):
        new["title"] = facts.title
    new["container-title"] = facts.publication
    new["collection-title"] = facts.series
    if facts.number is not None:
        new["collection-number"] = facts.number
    if facts.published and not isinstance(new.get("issued"), dict):
        year, month, day = (int(part) for part in facts.published.split("-"))
        new["issued"] = {"date-parts": [[year, month, day]]}
    if facts.url and not new.get("URL"):
        new["URL"] = facts.url
    note = extra_lines(new.get("note"), facts)
    if note is not None:
        new["note"] = note
    changed = [name for name in new if item.get(name) != new[name]]
    return new, changed


def extra_lines(note: Any, facts: SeriesFacts) -> str | None:
    """Extra (CSL ``note``) with our lines first (``container-title: The Diplomat``, the series
    and its number) and the item's other lines after them, as they were."""
    ours = [f"container-title: {facts.publication}", f"collection-title: {facts.series}"]
    if facts.number is not None:
        ours.append(f"collection-number: {facts.number}")
    kept: list[str] = []
    if isinstance(note, str) and note:
        for line in note.split("\n"):
            found = _OUR_EXTRA_LINE.match(line)
            if found and found["name"].lower() in EXTRA_NAMES:
                if facts.number is None and found["name"].lower() == "collection-number":
                    kept.append(line)  # a number we cannot settle is not ours to drop
                continue
            kept.append(line)
    elif note is not None and not isinstance(note, str):
        return None  # not text: not ours to touch
    return "\n".join([*ours, *kept])


def enrich(
    text: str,
    *,
    source: str,
    recognise: Callable[[dict[str, Any]], SeriesFacts | None],
) -> Enriched:
    """A CSL JSON file with its series items enriched and every other item as it was.

    Only the series items are written anew, in the layout of the item they replace (Zotero's
    tabs, Better CSL JSON's compact item per line, or any other indentation); everything else,
    the other items included, is the input's text byte for byte.

    Raises:
        FormatError: the file is not CSL JSON.
    """
    from .._zotero.recognise import Enriched, describe

    items = read_items(text, source=source)
    reports: list[str] = []  # report lines now: keeping each item's CSL until the end costs memory
    changes: dict[int, dict[str, Any]] = {}
    for index, item in enumerate(items):
        facts = recognise(item)
        if facts is None:
            continue
        new, changed = apply_facts(item, facts)
        reports.append(describe(item, facts, changed))
        if changed:
            changes[index] = new
    return Enriched(splice(text, changes), tuple(reports))


# ---------------------------------------------------------------------------------------------
# Rewriting some items of a JSON file and keeping the rest of its text
# ---------------------------------------------------------------------------------------------

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def item_spans(text: str) -> list[tuple[int, int]]:
    """Where each item of a JSON library starts and ends in its text: the elements of a
    top-level array, or of the ``items`` array of a top-level object (Better BibTeX JSON).

    The text must already be known to be valid JSON (parsed once by :func:`loads`).
    """
    pos = _SPACE.match(text).end()  # type: ignore[union-attr]  # matches the empty string
    if text[pos] == "[":
        return _array(text, pos)
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    while text[pos] == '"':
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _SPACE.match(text, _SPACE.match(text, pos).end() + 1).end()  # type: ignore[union-attr]
        if key == "items" and text[pos] == "[":
            return _array(text, pos)
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    return []


def _array(text: str, pos: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    while text[pos] != "]":
        _, end = _DECODER.raw_decode(text, pos)
        spans.append((pos, end))
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    return spans


def splice(text: str, changes: Mapping[int, Any]) -> str:
    """``text`` with the items numbered in ``changes`` (from 0) replaced, each written in the
    layout of the item it replaces; all other text is kept."""
    if not changes:
        return text
    spans = item_spans(text)
    pieces: list[str] = []
    done = 0
    for index in sorted(changes):
        start, end = spans[index]
        pieces += [text[done:start], _like(changes[index], text, start, end)]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _like(value: Any, text: str, start: int, end: int) -> str:
    """``value`` as JSON laid out like ``text[start:end]``: on one line (compact if that was)
    or indented by the same unit, continued at the same depth."""
    old = text[start:end]
    if "\n" not in old:
        compact = '":"' in old or ('",' in old and '", ' not in old)
        separators = (",", ":") if compact else (", ", ": ")
        return json.dumps(value, ensure_ascii=False, separators=separators)
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start] if not text[line_start:start].strip() else ""
    second = old.split("\n", 2)[1]
    unit = second[: len(second) - len(second.lstrip(" \t"))][len(prefix) :] or "  "
    return indented(value, unit, "\n" + prefix)


def indented(value: Any, unit: str, newline: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=unit)`` with every line break followed by
    ``newline``'s indentation, written with json's C string encoder (json's own indenting
    encoder is pure Python, and this runs once per enriched item of a large library)."""
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + unit
        return (
            "{"
            + ",".join(
                f"{inner}{_encode_string(str(k))}: {indented(v, unit, inner)}"
                for k, v in value.items()
            )
            + newline
            + "}"
        )
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = newline + unit
        return "[" + ",".join(inner + indented(v, unit, inner) for v in value) + newline + "]"
    return json.dumps(value)


# json's C encoder of one string with ensure_ascii=False (py_encode_basestring without C).
_encode_string: Callable[[str], str] = json.encoder.encode_basestring


def write_items(items: Sequence[Mapping[str, Any]]) -> str:
    """CSL items as CSL JSON text (for ``zotero enrich --to csl-json`` from another format); an
    item without an ``id`` (a RIS record without ``ID``) gets ``item-N``, its place in the file."""
    return dumps(
        [{"id": f"item-{n}", **i} if not i.get("id") else dict(i) for n, i in enumerate(items, 1)]
    )


def _kind(value: Any) -> str:
    kinds: dict[type, str] = {dict: "an object", list: "an array", str: "a string"}
    return kinds.get(type(value), type(value).__name__)
