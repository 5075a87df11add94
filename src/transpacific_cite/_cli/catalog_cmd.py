"""``add``, ``list``, ``show`` and ``search``: filling and reading the local catalog.

Listing lines start with the series number and are tab-separated::

    319<TAB>hornung2022tpv319<TAB>2022-05-16<TAB>Jeffrey Hornung<TAB>Ukraine War: ...

``--json`` prints the same entries as JSON for scripts. Only ``add`` touches the network.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from .._catalog import Catalog, Entry
from .._errors import CiteError, NotFoundError
from .._files import read_bytes
from . import EXIT_BATCH_FAILED, EXIT_OK
from ._common import catalog_option, check_facts, fact_options, note, warn
from ._output import count
from ._output import error as print_error

if TYPE_CHECKING:
    from .._fetch import Fetcher
    from .._library import Added
    from .._parse import Facts


def entry_line(entry: Entry) -> str:
    """One tab-separated line: number, key, date, interviewees, title."""
    interview = entry.interview
    return "\t".join(
        [
            str(interview.number),
            entry.key,
            interview.published.isoformat() if interview.published else "-",
            ", ".join(p.full_name for p in interview.interviewees),
            interview.title or "-",
        ]
    )


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def _open_existing(catalog: str | None) -> Iterator[Catalog | None]:
    """The catalog for reading, or None when it does not exist yet (nothing to list)."""
    try:
        opened = Catalog(catalog, create=False)
    except NotFoundError:
        yield None
        return
    with opened:
        yield opened


def _sources(arguments: Sequence[str], from_list: str | None) -> list[str]:
    sources = list(arguments)
    if from_list is not None:
        text = read_bytes(from_list).decode("utf-8-sig", errors="replace")
        for line in text.splitlines():
            item = line.strip()
            if item and not item.startswith("#"):
                sources.append(item)
    return sources


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite add https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/\n"
    "  transpacific-cite add examples/319-hornung.json article.txt\n"
    "  transpacific-cite add --from urls.txt --offline"
)
@click.argument("sources", nargs=-1, metavar="URL|FILE...")
@click.option(
    "--from",
    "from_list",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="LIST",
    help="Also add the URLs and files listed in LIST, one per line ('#' starts a comment).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="HOST[:PORT]",
    help="Also fetch from HOST (plain http allowed); repeatable. Adds to "
    "$TRANSPACIFIC_CITE_ALLOW_HOSTS. Only thediplomat.com over https is fetched by default.",
)
@click.option("--offline", is_flag=True, help="Use only the page cache; never connect.")
@click.option("--refresh", is_flag=True, help="Revalidate cached pages with the site.")
@click.option(
    "--delay",
    metavar="SECONDS",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to one host (0 turns the rate limit off).",
)
@click.option(
    "--timeout",
    metavar="SECONDS",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds to wait for a connection and for each read.",
)
@click.option(
    "--retries",
    metavar="N",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Further attempts after a connection error, HTTP 429 or 5xx.",
)
@click.option(
    "--backoff",
    metavar="SECONDS",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds before the first retry when the server sends no Retry-After (then doubled).",
)
@catalog_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source, per line.")
@fact_options
def add(
    sources: tuple[str, ...],
    *,
    from_list: str | None,
    allow_hosts: tuple[str, ...],
    offline: bool,
    refresh: bool,
    delay: float,
    timeout: float,
    retries: int,
    backoff: float,
    catalog: str | None,
    as_json: bool,
    facts: Facts | None,
) -> int:
    """Fetch or read series entries and store them in the catalog.

    Each URL|FILE is a page of thediplomat.com, a saved page, article text or model JSON.
    Goes on past failures (one error line each) and exits 1 if any failed; adding an entry
    again updates it. A page wins over a text copy of the same number.
    """
    from .._fetch import Allowlist, Fetcher, FetchOptions

    if offline and refresh:
        raise click.UsageError("--offline and --refresh contradict each other")
    todo = _sources(sources, from_list)
    if not todo:
        raise click.UsageError("nothing to add: give URLs or files, or --from LIST")
    check_facts(facts, len(todo))
    try:
        allowlist = Allowlist.from_specs(allow_hosts)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    options = FetchOptions(
        connect_timeout=timeout,
        read_timeout=timeout,
        retries=retries,
        backoff=backoff,
        min_interval=delay,
        offline=offline,
        refresh=refresh,
    )
    failed = 0
    show_bar = not as_json and sys.stderr.isatty()
    with (
        Catalog(catalog) as store,
        Fetcher(allowlist=allowlist, options=options) as fetcher,
        _progress(len(todo), enabled=show_bar) as advance,
    ):
        for source in todo:
            failed += not _add_one(
                source, store=store, fetcher=fetcher, as_json=as_json, facts=facts
            )
            advance(source)
    if len(todo) > 1 and not as_json:
        click.echo(f"added {len(todo) - failed} of {len(todo)}; {failed} failed", err=True)
    return EXIT_BATCH_FAILED if failed else EXIT_OK


def _add_one(
    source: str, *, store: Catalog, fetcher: Fetcher, as_json: bool, facts: Facts | None
) -> bool:
    from .._library import add_all

    try:
        all_added = add_all(source, catalog=store, fetcher=fetcher, facts=facts)
    except CiteError as error:
        message = str(error)
        if not message.startswith(source):
            message = f"{source}: {message}"
        if as_json:
            _json_line({"source": source, "ok": False, "error": message})
        else:
            print_error(message)
        return False
    for added in all_added:
        for message in added.warnings:
            warn(f"{source}: {message}")
        if not added.best:
            best = store.get(added.entry.number)
            warn(f"{source}: stored, but the {best.kind} version of {best.number} still wins")
        if as_json:
            how = _how(added)
            _json_line({"source": source, "ok": True, "how": how, "entry": added.entry.summary()})
        else:
            click.echo(f"{entry_line(added.entry)}\t{_how(added)}")
    return True


def _how(added: Added) -> str:
    """How the source was obtained: fetched, revalidated, cached, or read (a file)."""
    if added.page is None:
        return f"read {added.entry.kind}"
    if added.page.revalidated:
        return "revalidated"
    return "cached" if added.page.from_cache else "fetched"


def _json_line(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


@contextmanager
def _progress(total: int, *, enabled: bool) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on a terminal (stdout lines print above it); a no-op otherwise."""
    if not enabled or total < 2:
        yield lambda source: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("adding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)

        def advance(source: str) -> None:
            progress.update(task, advance=1, description=source[-60:])

        yield advance


@click.command(
    name="list",
    epilog="\b\nExamples:\n  transpacific-cite list\n  transpacific-cite list --by hornung --json",
)
@click.option("--by", "by", metavar="NAME", help="Only entries whose interviewee matches NAME.")
@catalog_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def list_entries(*, by: str | None, catalog: str | None, as_json: bool) -> int:
    """List the catalog, one entry per line, by series number."""
    with _open_existing(catalog) as store:
        found = store.entries(by=by) if store is not None else []
        total = len(found) if by is None or store is None else len(store.entries())
    if as_json:
        _print_json([e.summary() for e in found])
    for entry in [] if as_json else found:
        click.echo(entry_line(entry))
    if not found and not as_json:
        note(_nothing_listed(catalog, exists=store is not None, total=total, by=by))
    return EXIT_OK


def _nothing_listed(catalog: str | None, *, exists: bool, total: int, by: str | None) -> str:
    """Why ``list`` printed nothing: no catalog yet, an empty one, or no entry by that name."""
    from .._paths import catalog_path

    where = catalog if catalog is not None else str(catalog_path())
    if not exists:
        return f"the catalog {where} does not exist yet; add entries with `transpacific-cite add`"
    if total == 0:
        return f"the catalog {where} is empty; add entries with `transpacific-cite add`"
    return f"no entry is by {by!r} (the catalog {where} holds {count(total, 'entry')})"


@click.command(
    epilog="\b\nExamples:\n  transpacific-cite show 319\n  transpacific-cite show hornung2022tpv319 --json"
)
@click.argument("spec", metavar="NUMBER|KEY|URL")
@catalog_option
@click.option("--json", "as_json", is_flag=True, help="Print the entry and its interview as JSON.")
def show(spec: str, *, catalog: str | None, as_json: bool) -> int:
    """Show one catalog entry: its summary line, where it came from, and its questions."""
    from .._catalog import lookup

    entry = lookup(spec, path=catalog)
    if as_json:
        _print_json(entry.to_dict())
        return EXIT_OK
    interview = entry.interview
    click.echo(entry_line(entry))
    if interview.url:
        click.echo(f"  url: {interview.url}")
    fetched = f", fetched {entry.fetched.isoformat()}" if entry.fetched else ""
    click.echo(f"  source: {entry.source} ({entry.kind}{fetched})")
    if interview.accessed:
        click.echo(f"  accessed: {interview.accessed.isoformat()}")
    for section in interview.sections:
        click.echo(f"  q{section.number}: {section.question}")
    return EXIT_OK


@click.command(
    epilog="\b\nExamples:\n  transpacific-cite search japan russia\n  transpacific-cite search shipbuilding --json"
)
@click.argument("words", nargs=-1, required=True)
@catalog_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def search(words: tuple[str, ...], *, catalog: str | None, as_json: bool) -> int:
    """Entries whose title, questions or interviewee hold every one of WORDS."""
    with _open_existing(catalog) as store:
        found = store.search(" ".join(words)) if store is not None else []
        total = len(store.entries()) if store is not None and not found else 0
    if as_json:
        _print_json([e.summary() for e in found])
    for entry in [] if as_json else found:
        click.echo(entry_line(entry))
    if not found and not as_json:
        query = " ".join(words)
        note(
            _nothing_listed(catalog, exists=store is not None, total=total, by=None)
            if total == 0
            else f"no entry holds {query!r} (the catalog holds {count(total, 'entry')})"
        )
    return EXIT_OK
