"""The public entry points that turn a file into an interview.

``read`` takes any input the tool understands (model JSON, article text, a Diplomat HTML
page, or a Zotero export: CSL JSON, Better BibTeX JSON, RIS, .bib, Zotero RDF) and tells
which by content, not by file name; ``load`` takes model JSON only. ``read_all`` gives every
series entry of an export that holds several; ``read`` wants exactly one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ._errors import InputError, ModelError, ParseError
from ._files import read_bytes
from ._model import Interview, ParseResult

if TYPE_CHECKING:
    from ._catalog import Catalog

_BOM = b"\xef\xbb\xbf"


def looks_like_json(data: bytes) -> bool:
    """Whether bytes hold a JSON object (a model JSON file) rather than text or HTML."""
    return data.removeprefix(_BOM).lstrip()[:1] == b"{"


def interview_from_json(data: bytes, *, source: str = "input") -> Interview:
    """An interview from model JSON bytes.

    Raises:
        ModelError: the JSON is malformed or breaks the model's rules (message names ``source``).
    """
    try:
        raw = json.loads(data.removeprefix(_BOM).decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelError(f"{source}: model JSON must be UTF-8") from None
    except json.JSONDecodeError as error:
        raise ModelError(
            f"{source}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})"
        ) from None
    try:
        return Interview.from_dict(raw)
    except ModelError as error:
        raise ModelError(f"{source}: {error}") from None


def load(path: str | os.PathLike[str]) -> Interview:
    """Load a model JSON file (see :mod:`transpacific_cite._model` for its shape).

    Raises:
        InputError: the file cannot be read.
        ModelError: it is not valid model JSON.
    """
    return interview_from_json(read_bytes(path), source=str(path))


def read_data(
    data: bytes,
    *,
    source: str = "input",
    url: str | None = None,
    interviewer: str | None = None,
    date: dt.date | str | None = None,
    title: str | None = None,
    number: int | None = None,
) -> ParseResult:
    """An interview from bytes that hold model JSON, article text or a Diplomat HTML page.

    The keyword facts fill what the input lacks (a copy without the "Mercy Kuo" boilerplate
    names no interviewer; a text copy has no URL); one that contradicts the input is kept
    with a warning naming both values (see :mod:`transpacific_cite._parse.facts`).

    Args:
        data: the input's bytes.
        source: the input's name, for messages.
        url: the article's URL (also what an HTML page naming no canonical URL is given).
        interviewer: the interviewer's name ("Mercy A. Kuo").
        date: the publication date (a date or "YYYY-MM-DD").
        title: the article's title.
        number: the series number.

    Raises:
        ModelError: model JSON that is not valid.
        ParseError: text or HTML that is not a series entry.
        OptionError: a fact that is not a valid value.
    """
    found = read_export_data(data, source=source)
    if found is not None:
        if len(found) != 1:
            numbers = ", ".join(str(r.interview.number) for r in found) or "none"
            raise ParseError(
                f"{source}: holds {len(found)} series entries ({numbers}); give a file with "
                "one, or a command that takes several (export, bibliography, add)"
            )
        return found[0]
    if looks_like_json(data):
        result = ParseResult(interview_from_json(data, source=source))
    else:
        from ._parse import parse_bytes

        try:
            result = parse_bytes(data, url=url)
        except ParseError as error:
            raise ParseError(f"{source}: {error}") from None
    if all(fact is None for fact in (interviewer, date, url, title, number)):
        return result  # model JSON needs no reader: the readers load only for a fact
    from ._parse import Facts, apply_facts

    facts = Facts(interviewer=interviewer, date=date, url=url, title=title, number=number)
    return apply_facts(result, facts)


def read(
    path: str | os.PathLike[str],
    *,
    interviewer: str | None = None,
    date: dt.date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    number: int | None = None,
) -> ParseResult:
    """Read any input file (``-`` for standard input) into an interview plus warnings.

    What the file holds is told by content, not by its name: model JSON, article text (as
    copied from the web) or a saved Diplomat page. The keyword facts fill what the input
    lacks, as in :func:`read_data`.

    Args:
        path: the file to read, or ``-`` for standard input.
        interviewer, date, url, title, number: facts a copy lacks (see :func:`read_data`).

    Returns:
        The interview and the warnings the reader noticed (a truncated answer, no date).

    Raises:
        InputError: the file is missing, a folder, or cannot be read.
        ModelError: JSON that is not valid model JSON.
        ParseError: text or HTML that is not an entry of the series, or an export (CSL
            JSON, .bib, RIS) holding more or fewer than one.
        OptionError: a fact that is not a valid value.
    """
    return read_data(
        read_bytes(path),
        source="<stdin>" if str(path) == "-" else str(path),
        url=url,
        interviewer=interviewer,
        date=date,
        title=title,
        number=number,
    )


def interviews_from_json(data: bytes, *, source: str = "input") -> list[tuple[str, Interview]]:
    """Interviews with their citation keys from model JSON or CSL JSON (ours or Zotero's).

    A JSON object is one model JSON interview, keyed as ``export`` keys it
    (:func:`~transpacific_cite._keys.citation_key`). An array is CSL JSON read as every export
    is (:func:`interviews_of`); each series item is keyed by its ``citation-key`` or ``id``
    (a Zotero item URI, which is no key, gives way to ``citation_key``). Items that are not
    series entries, or whose number nothing settles, are left out.

    Raises:
        ModelError: model JSON that is not valid.
        FormatError: JSON that is neither (names the file and the place).
        InputError: bytes that are not UTF-8.
    """
    from ._keys import citation_key

    if looks_like_json(data):
        interview = interview_from_json(data, source=source)
        return [(citation_key(interview), interview)]
    from ._formats.csl import read_items

    try:
        text = data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not UTF-8 text (byte {error.start})") from None
    keyed: list[tuple[str, Interview]] = []
    for item in read_items(text, source=source):
        for result in interviews_of([item], source=source):
            key = item.get("citation-key") or item.get("id")
            if not isinstance(key, str) or not key or "/" in key:
                key = citation_key(result.interview)
            keyed.append((key, result.interview))
    return keyed


def read_all(
    path: str | os.PathLike[str],
    *,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> list[ParseResult]:
    """Every series entry of an input file: each of a Zotero export's, or the one of any other.

    Any other input is model JSON, article text or a saved page, as for :func:`read`.

    Args:
        path: the file, or ``-`` for standard input.
        catalog: settles the numbers of export items by their URL: an open catalog, or the
            path of one (opened only for an export, and only if it exists).

    Raises:
        InputError / ModelError / ParseError: as :func:`read`; an export with no series entry
            with a known number is a ParseError.
    """
    source = "<stdin>" if str(path) == "-" else str(path)
    data = read_bytes(path)
    model = _model_json(data, source=source)
    if model is not None:  # the common INPUT: one parse, and no catalog to open
        return [ParseResult(model)]
    if catalog is None or not isinstance(catalog, str | os.PathLike):
        found = read_export_data(data, source=source, catalog=catalog)
    else:
        from ._catalog import Catalog
        from ._errors import NotFoundError
        from ._formats.sniff import sniff

        found = None
        if sniff(data[:4096].decode("utf-8", errors="replace")) is not None:
            try:
                with Catalog(catalog, create=False) as store:
                    found = read_export_data(data, source=source, catalog=store)
            except NotFoundError:
                found = read_export_data(data, source=source)
    if found is None:
        return [read_data(data, source=source)]
    if not found:
        raise ParseError(f"{source}: no series entry with a known number in this export")
    return found


def _model_json(data: bytes, *, source: str) -> Interview | None:
    """Our model JSON, read with one parse; None for anything else (an export, an article).

    Raises:
        InputError: JSON that is not UTF-8.
        FormatError: JSON that does not parse (names the line and column).
        ModelError: model JSON that breaks the model's rules.
    """
    from ._formats.sniff import json_format, sniff

    if sniff(data[:4096].decode("utf-8", errors="replace")) != "json":
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not UTF-8 text (byte {error.start})") from None
    from ._formats.csl import loads

    raw = loads(text, source=source)
    if json_format(raw) != "model":
        return None
    try:
        return Interview.from_dict(raw)
    except ModelError as error:
        raise ModelError(f"{source}: {error}") from None


def read_export_data(
    data: bytes, *, source: str = "input", catalog: Catalog | None = None
) -> list[ParseResult] | None:
    """The series entries of a Zotero export, or None when ``data`` is not an export.

    Each series item with a known number becomes an interview (from what the item holds: no
    Q&A sections). The items that are not series entries, and series items whose number no
    evidence settles, are reported as one warning on the first result.

    Raises:
        FormatError: an export that cannot be read (names the file and the place).
    """
    from ._formats.sniff import json_format, module, sniff

    head = data[:4096].decode("utf-8", errors="replace")
    kind = sniff(head)
    if kind is None:
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not UTF-8 text (byte {error.start})") from None
    if kind == "json":
        from ._formats.csl import loads

        kind = json_format(loads(text, source=source))
        if kind == "model":
            return None
    reader = module("bibtex" if kind == "bib" else kind)
    if reader is None:
        return None
    items: list[dict[str, Any]] = reader.read_items(text, source=source)
    return interviews_of(items, source=source, catalog=catalog)


def interviews_of(
    items: list[dict[str, Any]], *, source: str, catalog: Catalog | None = None
) -> list[ParseResult]:
    """The series interviews among CSL items, the others named in one warning."""
    from ._zotero.recognise import recognise, series_interview

    results: list[Interview] = []
    skipped: list[str] = []
    unnumbered: list[str] = []
    for index, item in enumerate(items, 1):
        facts = recognise(item, catalog=catalog)
        name = str(item.get("id") or item.get("title") or f"item {index}")
        if facts is None:
            skipped.append(name)
            continue
        interview = series_interview(facts)
        if interview is None:
            unnumbered.append(name)
            continue
        accessed = _accessed(item)
        if accessed is not None:
            interview = replace(interview, accessed=accessed)
        results.append(interview)
    warnings: list[str] = []
    if skipped:
        warnings.append(
            f"{len(skipped)} item(s) are not series entries and were left out: {_some(skipped)}"
        )
    if unnumbered:
        warnings.append(
            f"{len(unnumbered)} series item(s) with no known number were left out: "
            f"{_some(unnumbered)} (add the entry to the catalog, or run zotero enrich --fetch)"
        )
    return [
        ParseResult(interview, tuple(warnings) if index == 0 else ())
        for index, interview in enumerate(results)
    ]


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _accessed(item: dict[str, Any]) -> dt.date | None:
    parts = (
        (item.get("accessed") or {}).get("date-parts")
        if isinstance(item.get("accessed"), dict)
        else None
    )
    try:
        year, month, day = (int(p) for p in parts[0][:3])  # type: ignore[index]
        return dt.date(year, month, day)
    except (TypeError, ValueError, IndexError):
        return None
