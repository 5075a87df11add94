"""``zotero enrich``: turn the series items of a Zotero export into proper interviews."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from ._common import catalog_option, emit
from ._output import info, report

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._fetch import Fetcher

# The --to choices (zotero.enrich.OUTPUT_FORMATS; repeated so --help imports no format module).
TO_FORMATS = ("bbt-json", "biblatex", "bibtex", "csl-json", "ris", "zotero-rdf")


@click.group(
    epilog="\b\nExamples:\n"
    "  transpacific-cite zotero enrich My-Library.json -o enriched.json\n"
    "  transpacific-cite zotero enrich My-Library.ris --dry-run"
)
def zotero() -> None:
    """Work on Zotero exports (told by content; see ``zotero enrich --help``)."""


@zotero.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite zotero enrich My-Library.json -o enriched.json\n"
    "  transpacific-cite zotero enrich My-Library.bib --in-place\n"
    "  transpacific-cite zotero enrich My-Library.rdf --dry-run --fetch"
)
@click.argument("export", metavar="EXPORT")
@click.option("-o", "--output", metavar="OUT", default=None, help="Write here (default: stdout).")
@click.option(
    "--to",
    type=click.Choice(TO_FORMATS),
    default=None,
    help="Output format (default: the input's own).",
)
@click.option(
    "--offline/--fetch",
    default=True,
    help="--fetch reads the pages of items nothing else settles; the default never fetches.",
)
@catalog_option
@click.option("--dry-run", is_flag=True, help="Write nothing; report what would change.")
@click.option(
    "--in-place", is_flag=True, help="Allow OUT to be EXPORT itself (or, without -o, replace it)."
)
def enrich(
    export: str,
    *,
    output: str | None,
    to: str | None,
    offline: bool,
    catalog: str | None,
    dry_run: bool,
    in_place: bool,
) -> None:
    """Rewrite the series items of EXPORT as interviews (interviewee as author, Kuo as
    interviewer, The Diplomat, series and number); every other item is left as it was.

    EXPORT is Zotero or Better CSL JSON, Better BibTeX JSON, RIS, .bib (BibTeX or BibLaTeX)
    or Zotero RDF, told by content.
    One report line per series item on stderr: what it was, what changed, what could not be
    determined (--quiet drops them; --verbose adds the catalog used and where the result
    went). EXPORT is never modified unless --in-place is given; writes are atomic.
    """
    from .._zotero.enrich import enrich_file

    if in_place and to is not None:
        raise click.UsageError("--in-place keeps the input's format; it cannot take --to")
    if in_place and export == "-":
        raise click.UsageError("--in-place needs a file, not standard input")
    with _catalog(catalog) as store, _fetcher(enabled=not offline) as fetcher:
        enriched = enrich_file(
            export,
            output=output,
            to=to,
            in_place=in_place,
            dry_run=dry_run,
            catalog=store,
            fetcher=fetcher,
        )
    for line in enriched.reports:
        report(line)
    if not enriched.reports:
        report(f"{export}: no series item")
    if dry_run:
        info("dry run: nothing written")
    elif (output is None or output == "-") and not in_place:
        emit(enriched.text, None)
    else:
        info(f"wrote {export if output is None else output}")


@contextlib.contextmanager
def _catalog(path: str | None) -> Iterator[Catalog | None]:
    """The catalog if there is one (a missing default catalog is simply no evidence)."""
    from .._catalog import Catalog
    from .._errors import NotFoundError

    try:
        store = Catalog(path, create=False)
    except NotFoundError:
        if path is not None:
            raise
        info("no catalog: the default one does not exist yet")
        yield None
        return
    info(f"catalog: {store.path}")
    with store:
        yield store


@contextlib.contextmanager
def _fetcher(*, enabled: bool) -> Iterator[Fetcher | None]:
    if not enabled:
        yield None
        return
    from .._fetch import Allowlist, Fetcher

    try:  # the Diplomat's hosts, widened by $TRANSPACIFIC_CITE_ALLOW_HOSTS as for ``add``
        allowlist = Allowlist.from_specs()
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    with Fetcher(allowlist=allowlist) as fetcher:
        yield fetcher
