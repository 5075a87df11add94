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
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import rispy

from ..errors import ParseError
from ..model import Interview, Person

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
