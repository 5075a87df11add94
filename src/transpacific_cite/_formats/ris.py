"""Interviews as RIS records, written and read through rispy (the only module importing it).

The record type is ``MGZN`` (magazine article), chosen by what the readers that matter do
with each candidate:

- ``MGZN``: Zotero makes a magazine article that keeps ``AU`` as the author (the interviewee)
  and ``T2`` as the publication ("The Diplomat"); EndNote makes a Magazine Article with both;
  Citation.js (citeproc-js) reads it as ``article-magazine`` and renders the publication.
- ``INTV`` (RIS's interview type): Zotero has no mapping and falls back to a journal article
  (for which ``A2`` means *editor*); Citation.js 0.8 does not know the type and drops every
  field of the record.
- ``PCOMM`` (what Zotero itself exports for an interview): Zotero reads it back as a *letter*,
  which has no publication field.

Zotero's behaviour is read from its RIS translator (``RIS.js``: ``MGZN`` is
``magazineArticle``, whose ``T2`` is ``publicationTitle`` and ``AU`` the author; ``INTV`` is in
none of its type maps, so it falls back to ``journalArticle``; ``interview`` is exported as
``PCOMM``, which imports as ``letter``). Citation.js's reading is tested (``test_clients.py``).

Mapping (default, interviewees as authors)::

    TY  MGZN
    ID  the citation key
    AU  each interviewee ("Hornung, Jeffrey")
    TI  the title
    T2  "The Diplomat"
    DA  2022/05/16/   PY  2022
    Y2  the access date
    UR  the URL
    N1  "Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 319."

The interview itself (who asked, the series and its number) is text in ``N1``, which Zotero
keeps as a note and EndNote as Notes: no RIS tag carries an interviewer for a magazine article
(``A2`` would be read as an editor), ``T3``/``M1`` are dropped or misfiled for this type, and
``IS``/``VL`` would print as an issue of The Diplomat. With ``byline=True`` the interviewers are
the ``AU`` lines and ``N1`` reads "Interview with Jeffrey Hornung. ...".

Reading Zotero's RIS (:func:`read_items`, :func:`enrich`): the file is split into records
here (``TY  - `` to ``ER  - ``, CRLF or LF, an optional BOM), each record parsed by rispy and
mapped to a CSL item with the mapping of Zotero's RIS translator (``BLOG`` post-weblog,
``ELEC`` webpage, ``MGZN`` article-magazine, ``PCOMM`` with an ``A2`` an interview whose
``A2`` is the interviewer; ``T2`` the site or publication; ``N1`` the note; ``Y2`` with a
time). Enrichment rewrites only the records of series items, in the shape above (with the
record's own ``ID``, ``UR``, keywords, abstract and other tags kept), in the file's line
endings; every other record, and everything between records, stays byte for byte as read.
A record without ``ER``, text outside any record, or a record rispy cannot read is one
:class:`~transpacific_cite._errors.FormatError` naming the file, the record and its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import rispy

from .._errors import FormatError, ParseError
from .._model import Interview, Person

if TYPE_CHECKING:
    from .._zotero.recognise import Enriched, SeriesFacts

RIS_TYPE = "MGZN"


class _Writer(rispy.RisWriter):  # type: ignore[misc]  # rispy is untyped
    """rispy's writer without its "1." line before each record, which is not RIS."""

    def set_header(self, count: int) -> str:
        return ""


def _ris_name(person: Person) -> str:
    return f"{person.family}, {person.given}" if person.given else person.family


def _names(people: Sequence[Person]) -> str:
    names = [p.full_name for p in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def to_ris_record(interview: Interview, *, key: str, byline: bool = False) -> dict[str, Any]:
    """One interview as a rispy record (a dict keyed by rispy's field names)."""
    authors = interview.interviewers if byline else interview.interviewees
    others = interview.interviewees if byline else interview.interviewers
    record: dict[str, Any] = {"type_of_reference": RIS_TYPE, "id": key}
    if authors:
        record["authors"] = [_ris_name(p) for p in authors]
    if interview.title:
        record["title"] = interview.title
    record["secondary_title"] = interview.publication
    if interview.published:
        record["date"] = interview.published.strftime("%Y/%m/%d/")
        record["year"] = str(interview.published.year)
    if interview.accessed:
        record["access_date"] = interview.accessed.strftime("%Y/%m/%d/")
    if interview.url:
        record["urls"] = [interview.url]
    note = f"{interview.series}, no. {interview.number}."
    if others:
        note = f"Interview {'with' if byline else 'by'} {_names(others)}. {note}"
    record["notes"] = [note]
    return record


def to_ris(interviews: Sequence[Interview], keys: Sequence[str], *, byline: bool = False) -> str:
    """Several interviews as RIS text, one record each, ids from ``keys``.

    Raises:
        ValueError: not as many keys as interviews.
    """
    if len(keys) != len(interviews):
        raise ValueError(f"{len(interviews)} interviews but {len(keys)} keys")
    records = [
        to_ris_record(i, key=k, byline=byline) for i, k in zip(interviews, keys, strict=True)
    ]
    text: str = rispy.dumps(records, implementation=_Writer)
    return text


def read_ris(text: str) -> list[dict[str, Any]]:
    """Parse RIS text with rispy into its records (rispy's field names).

    Raises:
        ParseError: rispy cannot read the text.
    """
    try:
        records: list[dict[str, Any]] = rispy.loads(text)
    except (OSError, ValueError, KeyError, IndexError) as error:
        raise ParseError(f"not valid RIS: {error}") from None
    if not records and text.strip():
        raise ParseError("not valid RIS: no record (a record starts with a 'TY  - ' line)")
    return records


# ---------------------------------------------------------------------------------------------
# Reading and enriching Zotero's RIS
# ---------------------------------------------------------------------------------------------

# A tag line as RIS writes it: two capitals/digits, two spaces, a dash ("TY  - BLOG").
TAG_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])  -(?: (?P<value>.*))?$")
# RIS type -> CSL type, as Zotero's RIS translator imports and exports them.
CSL_TYPES = {
    "BLOG": "post-weblog",
    "ELEC": "webpage",
    "MGZN": "article-magazine",
    "JOUR": "article-journal",
    "BOOK": "book",
    "CHAP": "chapter",
    "NEWS": "article-newspaper",
    "RPRT": "report",
    "THES": "thesis",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "PCOMM": "personal_communication",
    "INTV": "interview",
    "GEN": "document",
    "DATA": "dataset",
}
RIS_TYPES = {
    "post-weblog": "BLOG",
    "webpage": "ELEC",
    "article-magazine": "MGZN",
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "article-newspaper": "NEWS",
    "report": "RPRT",
    "thesis": "THES",
    "paper-conference": "CPAPER",
    "personal_communication": "PCOMM",
    "dataset": "DATA",
    "interview": RIS_TYPE,  # our shape, read back as a magazine article by the interviewee
}
# rispy text fields -> CSL variables.
CSL_FIELDS = {
    "id": "id",
    "title": "title",
    "primary_title": "title",
    "secondary_title": "container-title",
    "journal_name": "container-title",
    "alternate_title3": "container-title",
    "abstract": "abstract",
    "notes_abstract": "abstract",
    "doi": "DOI",
    "language": "language",
    "type_of_work": "medium",
    "publisher": "publisher",
    "place_published": "publisher-place",
    "volume": "volume",
    "number": "issue",
    "issn": "ISSN",
    "short_title": "title-short",
}
_RIS_DATE = re.compile(r"^(?P<y>\d{4})(?:[/-](?P<m>\d{1,2})?(?:[/-](?P<d>\d{1,2})?)?)?")


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a RIS file: where it is, its text as read, and rispy's reading of it."""

    start: int  # offset of its TY line in the text
    end: int  # offset just after its ER line (with that line's ending)
    line: int  # line number of its TY line, from 1
    fields: dict[str, Any]


def records(text: str, *, source: str) -> list[Record]:
    """Split RIS text into records and read them with rispy.

    The structure is checked here, line by line (rispy skips what it does not understand:
    a record without ``ER`` would silently vanish); rispy then reads the whole text at once
    and, should it not give one record per record found here, each record alone, to name the
    one it cannot read.

    Raises:
        FormatError: text outside a record, a record without ``ER``, a record with no type,
            or one rispy cannot read (names ``source``, the record's number and its line).
    """
    spans: list[tuple[int, int, int]] = []  # start, end, line of each record
    start = first_line = -1
    offset = 0
    lines = text.split("\n")
    last = len(lines)
    for number, line in enumerate(lines, 1):
        length = len(line) + (number < last)
        bare = line[:-1] if line.endswith("\r") else line
        if number == 1:
            bare = bare.lstrip("\ufeff")
        if start < 0:
            if bare.startswith("TY  -"):
                if not bare[5:].strip():
                    raise FormatError(
                        f"{source}: line {number}: record {len(spans) + 1} has no type after "
                        "'TY  - '"
                    )
                start, first_line = offset, number
            elif bare.strip():
                raise FormatError(
                    f"{source}: line {number}: text outside a record ({bare.strip()[:40]!r}); "
                    "a record starts with 'TY  - '"
                )
        elif bare.startswith("TY  -"):
            raise FormatError(
                f"{source}: record {len(spans) + 1} (line {first_line}) has no 'ER  - ' line "
                f"before the next record at line {number}"
            )
        elif bare.startswith("ER  -"):
            spans.append((start, offset + length, first_line))
            start = -1
        offset += length
    if start >= 0:
        raise FormatError(
            f"{source}: record {len(spans) + 1} (line {first_line}) ends without an 'ER  - ' line"
        )
    try:
        parsed = rispy.loads(text.lstrip("\ufeff")) if spans else []
    except (ValueError, KeyError, IndexError):
        parsed = []
    if len(parsed) != len(spans):  # find the record rispy cannot read
        return [
            _read(text[a:b], a, b, line, index, source)
            for index, (a, b, line) in enumerate(spans, 1)
        ]
    return [
        Record(a, b, line, dict(fields)) for (a, b, line), fields in zip(spans, parsed, strict=True)
    ]


def _read(chunk: str, start: int, end: int, line: int, index: int, source: str) -> Record:
    try:
        parsed = rispy.loads(chunk.lstrip("\ufeff"))
    except (ValueError, KeyError, IndexError) as error:
        raise FormatError(
            f"{source}: record {index} (line {line}) is not valid RIS: {error}"
        ) from None
    if len(parsed) != 1:
        raise FormatError(f"{source}: record {index} (line {line}) is not valid RIS")
    return Record(start, end, line, dict(parsed[0]))


def read_items(text: str, *, source: str) -> list[dict[str, Any]]:
    """The records of a RIS file as CSL items (see the module docstring).

    Raises:
        FormatError: a malformed record (named by number and line).
    """
    return [to_csl(r.fields) for r in records(text, source=source)]


def to_csl(record: Mapping[str, Any]) -> dict[str, Any]:
    """One rispy record as a CSL item."""
    kind = str(record.get("type_of_reference") or "GEN")
    secondary = [_name(n) for n in record.get("secondary_authors") or ()]
    interview = kind == "PCOMM" and bool(secondary)
    item: dict[str, Any] = {"type": "interview" if interview else CSL_TYPES.get(kind, "document")}
    for field, variable in CSL_FIELDS.items():
        value = record.get(field)
        if isinstance(value, str) and value.strip() and variable not in item:
            item[variable] = value
    authors = [
        _name(n) for n in (*(record.get("authors") or ()), *(record.get("first_authors") or ()))
    ]
    if authors:
        item["author"] = authors
    if secondary:
        item["interviewer" if interview else "editor"] = secondary
    urls = record.get("urls") or ()
    if urls:
        item["URL"] = urls[0]
    notes = [n for n in record.get("notes") or () if isinstance(n, str)]
    if notes:
        item["note"] = "\n".join(notes)
    for field, variable in (("date", "issued"), ("access_date", "accessed")):
        parts = _date_parts(record.get(field))
        if field == "date" and not parts:
            parts = _date_parts(record.get("year") or record.get("publication_year"))
        if parts:
            item[variable] = {"date-parts": [parts]}
    keywords = record.get("keywords")
    if keywords:
        item["keyword"] = ", ".join(keywords)
    return item


def apply_facts(record: Mapping[str, Any], facts: SeriesFacts) -> dict[str, Any]:
    """A rispy record rewritten in our shape (``MGZN``, interviewees as ``AU``, the
    interview in ``N1``), keeping its ``ID``, ``UR`` and every tag enrichment does not own."""
    new: dict[str, Any] = {"type_of_reference": RIS_TYPE}
    for key, value in record.items():
        if key not in ("type_of_reference", "first_authors", "journal_name"):
            new[key] = value
    new["authors"] = [_ris_name(p) for p in facts.interviewees]
    others = [n for n in record.get("secondary_authors") or () if not _is_kuo_name(n)]
    if others:
        new["secondary_authors"] = others
    else:
        new.pop("secondary_authors", None)
    if facts.title and not new.get("title") and not new.get("primary_title"):
        new["title"] = facts.title
    new["secondary_title"] = facts.publication
    if facts.published and not new.get("date"):
        new["date"] = facts.published.replace("-", "/") + "/"
        new["year"] = facts.published[:4]
    if facts.url and not new.get("urls"):
        new["urls"] = [facts.url]
    if new.get("type_of_work") == facts.publication:
        new.pop("type_of_work")  # PCOMM's M3 medium: now T2
    series = (
        f"{facts.series}, no. {facts.number}." if facts.number is not None else f"{facts.series}."
    )
    ours = f"Interview by {facts.interviewer.full_name}. {series}"
    notes = [n for n in record.get("notes") or () if not _is_our_note(n)]
    new["notes"] = [ours, *notes]
    return new


def enrich(
    text: str,
    *,
    source: str,
    recognise: Callable[[dict[str, Any]], SeriesFacts | None],
) -> Enriched:
    """A RIS file with the records of series items rewritten and every other byte kept.

    Raises:
        FormatError: a malformed record.
    """
    from .._zotero.recognise import enriched

    pieces: list[str] = []
    found: list[tuple[dict[str, Any], SeriesFacts, list[str]]] = []
    done = 0
    for record in records(text, source=source):
        item = to_csl(record.fields)
        facts = recognise(item)
        if facts is None:
            continue
        new = apply_facts(record.fields, facts)
        chunk = text[record.start : record.end]
        newline = "\r\n" if chunk.rstrip("\n").endswith("\r") or "\r\n" in chunk else "\n"
        written = rispy.dumps([new], implementation=_Writer).replace("\n", newline)
        written = written.removesuffix(newline) if not chunk.endswith("\n") else written
        if chunk.startswith("\ufeff"):
            written = "\ufeff" + written
        pieces += [text[done : record.start], written]
        done = record.end
        changed = [
            k for k in sorted(set(record.fields) | set(new)) if record.fields.get(k) != new.get(k)
        ]
        found.append((item, facts, [_TAGS.get(k, k) for k in changed]))
    pieces.append(text[done:])
    return enriched("".join(pieces), found)


def write_items(items: Sequence[Mapping[str, Any]]) -> str:
    """CSL items as RIS records (``zotero enrich --to ris`` from another format); an interview
    of the series in our shape (see the module docstring)."""
    out: list[dict[str, Any]] = []
    for item in items:
        record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(str(item.get("type")), "GEN")}
        for field, variable in CSL_FIELDS.items():
            value = item.get(variable)
            if field in ("primary_title", "journal_name", "alternate_title3", "notes_abstract"):
                continue
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                record.setdefault(field, str(value))
        authors = [_csl_ris_name(n) for n in item.get("author") or () if isinstance(n, Mapping)]
        if authors:
            record["authors"] = authors
        if item.get("URL"):
            record["urls"] = [str(item["URL"])]
        issued = _iso_parts(item.get("issued"))
        if issued:
            record["date"] = (
                "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(issued)) + "/"
            )
            record["year"] = f"{issued[0]:04d}"
        accessed = _iso_parts(item.get("accessed"))
        if accessed:
            record["access_date"] = (
                "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(accessed)) + "/"
            )
        note = item.get("note") if isinstance(item.get("note"), str) else ""
        if item.get("type") == "interview":  # our Extra lines say what N1 says below
            note = "\n".join(line for line in str(note).split("\n") if not _OUR_EXTRA.match(line))
        notes = [str(note)] if note else []
        if item.get("type") == "interview":
            interviewers = [
                _csl_ris_name(n) for n in item.get("interviewer") or () if isinstance(n, Mapping)
            ]
            people = [_person(n) for n in item.get("interviewer") or () if isinstance(n, Mapping)]
            lead = f"Interview by {_names([p for p in people if p])}." if interviewers else ""
            number = item.get("collection-number")
            series = item.get("collection-title")
            tail = (
                f" {series}, no. {number}."
                if series and number
                else (f" {series}." if series else "")
            )
            if lead or tail:
                notes = [(lead + tail).strip(), *notes]
        if notes:
            record["notes"] = notes
        out.append(record)
    text: str = rispy.dumps(out, implementation=_Writer)
    return text


# The Extra lines of our CSL items (formats.csl.EXTRA_NAMES), not repeated in an N1.
_OUR_EXTRA = re.compile(r"^\s*(?:container-title|collection-title|collection-number)\s*:", re.I)
# rispy field names -> RIS tags, for report lines.
_TAGS = {key: tag for tag, key in rispy.TAG_KEY_MAPPING.items()}


def _name(text: Any) -> dict[str, str]:
    raw = str(text).strip()
    if "," in raw:
        family, given = (part.strip() for part in raw.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": raw}


def _is_kuo_name(text: Any) -> bool:
    name = _name(text)
    return name.get("family", "").lower() == "kuo" and name.get("given", "").lower().startswith(
        "mercy"
    )


def _is_our_note(text: Any) -> bool:
    return (
        isinstance(text, str)
        and bool(
            re.match(
                r"^interview (?:by|with) .*trans-pacific view insight series", text, re.IGNORECASE
            )
        )
    ) or (
        isinstance(text, str)
        and bool(re.match(r"^the trans-pacific view insight series", text, re.I))
    )


def _csl_ris_name(name: Mapping[str, Any]) -> str:
    family, given = name.get("family"), name.get("given")
    if family:
        return f"{family}, {given}" if given else str(family)
    return str(name.get("literal") or "")


def _person(name: Mapping[str, Any]) -> Person | None:
    family = name.get("family") or name.get("literal")
    if not isinstance(family, str) or not family.strip():
        return None
    given = name.get("given") if isinstance(name.get("given"), str) else None
    return Person(family=family, given=given or None)


def _date_parts(value: Any) -> list[int] | None:
    found = _RIS_DATE.match(value.strip()) if isinstance(value, str) else None
    if found is None:
        return None
    return [int(p) for p in (found["y"], found["m"], found["d"]) if p]


def _iso_parts(value: Any) -> list[int] | None:
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list) or not parts[0]:
        return None
    try:
        return [int(p) for p in parts[0][:3]]
    except (TypeError, ValueError):
        return None
