"""Enrich a Zotero export: its series items become proper interviews, nothing else changes.

:func:`enrich_text` works on text, :func:`enrich_file` on files (the input is never modified;
the output is written atomically, or not at all with ``dry_run``). The output is in the input's
format unless ``to`` names another; in the input's format every item that is not a series item
is kept as it was (byte for byte in RIS, ``.bib`` and RDF; the same values in JSON). Converting
to another format goes through CSL items, so it keeps what that format's writer maps.

Nothing here touches the network unless a ``fetcher`` is given (``--fetch`` on the command
line); the catalog, when given, settles numbers by URL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from .._errors import FormatError, InputError
from .._files import STDIO, read_bytes, write_atomic
from .._formats.sniff import MODULES, json_format, module, sniff
from .recognise import Enriched, SeriesFacts, might_be_series, recognise

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._fetch import Fetcher

__all__ = ["MAX_EXPORT_BYTES", "OUTPUT_FORMATS", "detect", "enrich_file", "enrich_text"]

# The largest export read: a Zotero library of 100,000 items with abstracts is about 100 MB of
# CSL JSON; anything larger is refused before it is read, so a wrong file (a disk image, a
# 200 MB dump) costs no memory.
MAX_EXPORT_BYTES = 128 * 1024 * 1024
_BOM = "\ufeff"


# The ``--to`` formats: those with a writer of CSL items (``bibtex`` and ``biblatex`` are the
# two dialects of formats.bibtex).
OUTPUT_FORMATS = ("bbt-json", "biblatex", "bibtex", "csl-json", "ris", "zotero-rdf")
_BIB_DIALECTS = ("bibtex", "biblatex")


def detect(text: str, *, source: str) -> str:
    """The format of an export, by content.

    Raises:
        FormatError: a file that is not a Zotero export we read (model JSON, article text).
    """
    kind = sniff(text)
    if kind == "json":
        from .._formats.csl import loads

        kind = json_format(loads(text.lstrip(_BOM), source=source))
        if kind == "model":
            raise FormatError(
                f"{source}: model JSON of one interview, not a Zotero export (CSL JSON, "
                "Better BibTeX JSON, RIS, .bib or Zotero RDF)"
            )
    elif kind == "bib":
        kind = "bibtex"
    if kind is None or module(kind) is None:
        raise FormatError(f"{source}: not a Zotero export this version reads ({readable()})")
    return kind


def readable() -> str:
    """The export formats there is a reader for, for messages ("csl-json, bbt-json, ris")."""
    names = dict.fromkeys(
        "bib" if name in ("bibtex", "biblatex") else name
        for name in MODULES
        if module(name) is not None
    )
    return ", ".join(names)


def enrich_text(
    text: str,
    *,
    source: str = "input",
    to: str | None = None,
    catalog: Catalog | None = None,
    fetcher: Fetcher | None = None,
) -> Enriched:
    """Enrich the text of an export (see the module docstring).

    Args:
        text: the export's text (a leading BOM is kept in the output).
        source: the name errors and reports use.
        to: the output format (one of :data:`OUTPUT_FORMATS`); None keeps the input's.
        catalog: settles numbers of items whose URL it holds.
        fetcher: fetches pages of items nothing else settles; None never touches the network.

    Raises:
        FormatError: the text is not an export of a known format, or cannot be read.
        ValueError: ``to`` names no output format.
    """
    if to is not None and to not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {to!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    bom = _BOM if text.startswith(_BOM) else ""
    body = text.removeprefix(_BOM)
    kind = detect(body, source=source)
    recognising: Callable[[dict[str, Any]], SeriesFacts | None] = partial(
        recognise, catalog=catalog, fetcher=fetcher
    )
    reader = module(kind)
    assert reader is not None  # detect() checked it
    if kind == "bibtex" and to in _BIB_DIALECTS:
        # .bib is one kind with two dialects: its own is enriched in place, the other converted
        same = reader.library_dialect(body) == to
    else:
        same = to is None or to == kind
    if same and kind == "bibtex":
        # names and LaTeX are the costly part of a .bib entry: read them only for entries
        # that may be series items
        enriched: Enriched = reader.enrich(
            body, source=source, recognise=recognising, candidate=might_be_series
        )
        return Enriched(bom + enriched.text, enriched.reports)
    if same:
        enriched = reader.enrich(body, source=source, recognise=recognising)
        return Enriched(bom + enriched.text, enriched.reports)
    from .._formats.csl import apply_facts
    from .recognise import describe

    assert to is not None
    writer = module(to)
    assert writer is not None and hasattr(writer, "write_items")
    items: list[dict[str, Any]] = []
    reports: list[str] = []
    for item in reader.read_items(body, source=source):
        facts = recognising(item)
        if facts is None:
            items.append(item)
            continue
        new, changed = apply_facts(item, facts)
        reports.append(describe(item, facts, changed))
        items.append(new)
    if to in _BIB_DIALECTS:
        return Enriched(writer.write_items(items, dialect=to), tuple(reports))
    return Enriched(writer.write_items(items), tuple(reports))


def read_export(path: str | os.PathLike[str]) -> str:
    """The text of an export file (or stdin for ``-``), refused above :data:`MAX_EXPORT_BYTES`.

    Raises:
        InputError: unreadable, too large, or not UTF-8 text.
    """
    name = "<stdin>" if str(path) == STDIO else str(path)
    if str(path) != STDIO:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0  # read_bytes reports why
        if size > MAX_EXPORT_BYTES:
            raise InputError(
                f"{name}: {size / 2**20:.0f} MB is larger than the {MAX_EXPORT_BYTES // 2**20} MB "
                "an export may be; split the library (one collection per export)"
            )
    data = read_bytes(path, limit=MAX_EXPORT_BYTES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (byte {error.start}); Zotero writes its exports in UTF-8"
        ) from None


def enrich_file(
    path: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str] | None = None,
    to: str | None = None,
    in_place: bool = False,
    dry_run: bool = False,
    catalog: Catalog | None = None,
    fetcher: Fetcher | None = None,
) -> Enriched:
    """Enrich an export file and write the result to ``output`` (atomically).

    Args:
        path: the export (``-`` for standard input); never modified unless ``in_place``.
        output: where to write; None writes nothing (the caller prints ``Enriched.text``).
        to: the output format, as for :func:`enrich_text`.
        in_place: allow ``output`` to be the input file itself (or, with no ``output``, write
            back to the input).
        dry_run: write nothing; the reports say what would change.
        catalog: as for :func:`enrich_text`.
        fetcher: as for :func:`enrich_text`.

    Raises:
        ValueError: contradictory options (``in_place`` with standard input, or with ``to``).
        InputError: the file cannot be read, is too large, or ``output`` is the input without
            ``in_place``; nothing is written.
        FormatError: the export cannot be read; nothing is written.
    """
    if in_place and str(path) == STDIO:
        raise ValueError("in_place needs a file, not standard input")
    if in_place and to is not None:
        raise ValueError("in_place keeps the input's format; it cannot be combined with to")
    if in_place and output is None:
        output = path
    if output is not None and not in_place and _same_file(path, output):
        raise InputError(
            f"{output}: is the input; an input file is never overwritten (give --in-place to "
            "replace it)"
        )
    source = "<stdin>" if str(path) == STDIO else str(path)
    enriched = enrich_text(
        read_export(path), source=source, to=to, catalog=catalog, fetcher=fetcher
    )
    if output is not None and not dry_run and str(output) != STDIO:
        write_atomic(output, enriched.text)
    return enriched


def _same_file(path: str | os.PathLike[str], output: str | os.PathLike[str]) -> bool:
    if STDIO in (str(path), str(output)):
        return False
    try:
        return os.path.samefile(path, output)
    except OSError:
        return False
