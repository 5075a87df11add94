"""The public entry points that turn a file into an interview.

``read`` takes any input the tool understands (model JSON, article text, a Diplomat HTML
page) and tells which by content, not by file name; ``load`` takes model JSON only.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from .errors import ModelError, ParseError
from .files import read_bytes
from .model import Interview, ParseResult

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
    """Load a model JSON file (see :mod:`transpacific_cite.model` for its shape).

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
    with a warning naming both values (see :mod:`transpacific_cite.parse.facts`).

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
    if looks_like_json(data):
        result = ParseResult(interview_from_json(data, source=source))
    else:
        from .parse import parse_bytes

        try:
            result = parse_bytes(data, url=url)
        except ParseError as error:
            raise ParseError(f"{source}: {error}") from None
    if all(fact is None for fact in (interviewer, date, url, title, number)):
        return result  # model JSON needs no reader: the readers load only for a fact
    from .parse import Facts, apply_facts

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

    The keyword facts fill what the input lacks, as in :func:`read_data`.
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
    """Interviews with their citation keys from model JSON or the CSL-JSON we write.

    A JSON object is one model JSON interview, keyed as ``export`` keys it
    (:func:`~transpacific_cite.keys.citation_key`); an array is CSL data, each item keyed by its
    ``id`` (see :func:`~transpacific_cite.formats.csl.from_csl_item`).

    Raises:
        ModelError: not valid JSON, or an object or item that is not a series interview.
    """
    if looks_like_json(data):
        from .keys import citation_key

        interview = interview_from_json(data, source=source)
        return [(citation_key(interview), interview)]
    from .formats.csl import from_csl_item

    try:
        items = json.loads(data.removeprefix(_BOM).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ModelError(f"{source}: neither model JSON nor CSL-JSON") from None
    if not isinstance(items, list):
        raise ModelError(f"{source}: neither model JSON nor CSL-JSON")
    keyed: list[tuple[str, Interview]] = []
    for item in items:
        try:
            interview = from_csl_item(item)
        except ModelError as error:
            raise ModelError(f"{source}: {error}") from None
        key = item.get("id")
        if not isinstance(key, str) or not key:
            raise ModelError(f"{source}: CSL item {interview.number} has no id to use as its key")
        keyed.append((key, interview))
    return keyed
