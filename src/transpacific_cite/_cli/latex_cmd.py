"""``latex``: the ``.bib`` of the ``tpv:`` keys a LaTeX paper cites, from its ``.aux``/``.bcf``."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import catalog_option, emit, warn


def source_options(function: click.decorators.FC) -> click.decorators.FC:
    """``--source FILE|URL`` (repeatable) and ``--fetch``: where numbers are looked up besides
    the catalog and the bundled examples, and whether URLs may be fetched."""
    function = click.option(
        "--fetch",
        is_flag=True,
        help="Fetch the --source URLs that the catalog does not hold (off by default).",
    )(function)
    return click.option(
        "--source",
        "sources",
        multiple=True,
        metavar="FILE|URL",
        help="Also look numbers up in this model JSON, article text, saved page or URL "
        "(repeatable); these win over the catalog.",
    )(function)


@click.command(
    epilog="\b\nExamples:\n"
    "  pdflatex paper && transpacific-cite latex paper.aux -o tpv.bib && bibtex paper\n"
    "  pdflatex paper && transpacific-cite latex paper.bcf -o tpv.bib && biber paper"
)
@click.argument("paper", metavar="FILE.aux|FILE.bcf", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    metavar="OUT.bib",
    default=None,
    help="Write the .bib here (atomically) instead of stdout.",
)
@source_options
@catalog_option
def latex(
    paper: str, output: str | None, sources: tuple[str, ...], fetch: bool, catalog: str | None
) -> None:
    """Write the .bib of the tpv:N keys that FILE.aux (BibTeX) or FILE.bcf (biber) cites.

    Run it between pdflatex and bibtex/biber. Entries are keyed as cited (tpv:319), in BibTeX
    form for an .aux and biblatex form for a .bcf.
    """
    from .._build.latex import latex_bib
    from .._build.resolve import Sources
    from .._library import is_url

    chosen = Sources(
        files=tuple(Path(s) for s in sources if not is_url(s)),
        urls=tuple(s for s in sources if is_url(s)),
        catalog=Path(catalog) if catalog else None,
        fetch=fetch,
    )
    result = latex_bib(paper, sources=chosen)
    for message in result.warnings:
        warn(message)
    emit(result.text, output)
