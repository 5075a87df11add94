"""Adding entries to the catalog: fetch (or read) one source, parse it, store it.

A *source* is a URL (fetched through :class:`~transpacific_cite._fetch.Fetcher`) or a file
(model JSON, article text, a saved Diplomat page, or a Zotero export whose series entries are
each stored, as structured data like model JSON). A fetched page is parsed before it is
cached, so a page that is not a series entry is neither cached nor catalogued; its interview is
stored with ``accessed`` set to the day it was fetched from the site (not the day it was read
back from the cache) and, if the page names no canonical URL, the URL it was found at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ._api import interview_from_json, looks_like_json, read_data, read_export_data
from ._catalog import Catalog, Entry, Kind
from ._errors import ParseError
from ._fetch import DEFAULT_HOSTS, Fetcher, Page
from ._files import names_a_file, read_bytes
from ._model import ParseResult

if TYPE_CHECKING:
    from ._parse import Facts

# "https://...", "http://..." and any other scheme: a URL, never a file name.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# How much of a file the kind sniff decodes (the readers look at the first 4,096 characters).
SNIFF_BYTES = 16_384


@dataclass(frozen=True, slots=True)
class Added:
    """What adding one source did.

    Attributes:
        entry: the stored entry.
        warnings: what the reader noticed (as data; the CLI prints them).
        page: the fetched page for a URL (``page.from_cache`` says whether it was downloaded).
        best: whether this version is now the one look-ups return (a text copy added beside
            a stored page is kept but does not win).
    """

    entry: Entry
    warnings: tuple[str, ...] = ()
    page: Page | None = None
    best: bool = True


def is_url(spec: str) -> bool:
    """Whether an argument is a URL (``scheme://``) rather than a file name."""
    return bool(_URL.match(spec.strip()))


def source_kind(data: bytes) -> Kind:
    """What a file holds, by content (as the readers tell): model JSON, an HTML page, or text."""
    from ._parse import looks_like_html

    if looks_like_json(data):
        return "json"
    head = data[:SNIFF_BYTES].decode("utf-8", errors="replace")
    return "page" if looks_like_html(head) else "text"


def parse_page(page: Page) -> ParseResult:
    """The interview on a fetched page, read with the HTML reader (never as model JSON: a
    server does not get to hand us a model).

    Raises:
        ParseError: the page is not a series entry (the message names the URL).
    """
    from ._parse import parse_bytes

    try:
        result = parse_bytes(page.content, url=page.final_url)
    except ParseError as error:
        raise ParseError(f"{page.url}: {error}") from None
    interview = result.interview
    return replace(
        result,
        interview=replace(
            interview,
            url=interview.url or page.final_url,
            accessed=page.fetched.astimezone().date(),
        ),
    )


def _with_facts(result: ParseResult, facts: Facts | None) -> ParseResult:
    if not facts:
        return result
    from ._parse import apply_facts

    return apply_facts(result, facts)


def add_url(url: str, *, catalog: Catalog, fetcher: Fetcher, facts: Facts | None = None) -> Added:
    """Fetch, parse and store one page (``facts`` fill what it lacks, see ``parse.facts``).

    Raises:
        NotAllowedError: the URL is outside the allowlist.
        FetchError: it could not be fetched (or, offline, is not cached).
        ParseError: the page is not a series entry; nothing is cached or stored.
        CatalogError: the catalog could not be written.
    """
    parsed: list[ParseResult] = []
    page = fetcher.fetch(url, accept=lambda fresh: parsed.append(parse_page(fresh)))
    result = _with_facts(parsed[0] if parsed else parse_page(page), facts)
    entry = catalog.put(result.interview, kind="page", source=page.url, fetched=page.fetched)
    return Added(entry, result.warnings, page, _is_best(catalog, entry))


def add_file(path: str, *, catalog: Catalog, facts: Facts | None = None) -> Added:
    """Read and store one file (model JSON, article text or a saved page); ``facts`` fill
    what it lacks (see ``parse.facts``).

    Raises:
        InputError: the file cannot be read.
        ModelError / ParseError: it is not a series entry.
        CatalogError: the catalog could not be written.
    """
    data = read_bytes(path)
    kind = source_kind(data)
    source = str(Path(path).resolve()) if path != "-" else "<stdin>"
    if kind == "json":
        result = ParseResult(interview_from_json(data, source=path))
    else:
        result = read_data(data, source=path)
    result = _with_facts(result, facts)
    entry = catalog.put(result.interview, kind=kind, source=source)
    return Added(entry, result.warnings, None, _is_best(catalog, entry))


def add(spec: str, *, catalog: Catalog, fetcher: Fetcher, facts: Facts | None = None) -> Added:
    """Add one source: a URL is fetched, anything else is read as a file; ``facts`` fill what
    the source lacks (a contradicted one is a warning, see ``parse.facts``).

    A Diplomat address pasted without its scheme (``thediplomat.com/2022/05/...``) that names
    no file is taken as an https URL.
    """
    if is_url(spec):
        return add_url(spec.strip(), catalog=catalog, fetcher=fetcher, facts=facts)
    host = spec.strip().split("/", 1)[0].lower()
    if host in DEFAULT_HOSTS and not names_a_file(spec):
        return add_url("https://" + spec.strip(), catalog=catalog, fetcher=fetcher, facts=facts)
    return add_file(spec, catalog=catalog, facts=facts)


def add_all(
    spec: str, *, catalog: Catalog, fetcher: Fetcher, facts: Facts | None = None
) -> list[Added]:
    """Add one source; a Zotero export adds each of its series entries (in file order).

    Raises:
        as :func:`add`; an export with no series entry of known number is a ParseError, and
        ``facts`` (for one article) with an export of several entries a ValueError.
    """
    if is_url(spec) or not names_a_file(spec):
        return [add(spec, catalog=catalog, fetcher=fetcher, facts=facts)]
    data = read_bytes(spec)
    found = read_export_data(data, source=spec, catalog=catalog)
    if found is None:
        return [add_file(spec, catalog=catalog, facts=facts)]
    if not found:
        raise ParseError(f"{spec}: no series entry with a known number in this export")
    if facts and len(found) != 1:
        raise ParseError(f"{spec}: holds {len(found)} series entries; the fact options are for one")
    found = [_with_facts(result, facts) for result in found]
    source = str(Path(spec).resolve()) if spec != "-" else "<stdin>"
    added: list[Added] = []
    for result in found:
        entry = catalog.put(result.interview, kind="json", source=source)
        added.append(Added(entry, result.warnings, None, _is_best(catalog, entry)))
    return added


def _is_best(catalog: Catalog, entry: Entry) -> bool:
    return catalog.get(entry.number).kind == entry.kind
