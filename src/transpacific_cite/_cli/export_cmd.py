"""``export`` (interviews to CSL-JSON, BibTeX, biblatex, RIS or Zotero RDF) and ``pinpoint`` (cite a Q&A section)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

import click

from ._common import (
    catalog_option,
    check_facts,
    emit,
    fact_options,
    inputs_catalog,
    note,
    read_input,
    read_inputs,
    warn,
)

if TYPE_CHECKING:
    from .._parse import Facts

Format = Literal["csl-json", "zotero-csl-json", "biblatex", "bibtex", "ris", "zotero-rdf"]
FORMATS: tuple[str, ...] = get_args(Format)
# An output file's suffix decides the format when --to is not given.
SUFFIX_FORMATS: dict[str, Format] = {
    ".json": "csl-json", ".bib": "biblatex", ".ris": "ris", ".rdf": "zotero-rdf",
}  # fmt: skip
PINPOINT_FORMS = ("csl", "latex", "pandoc", "link")


def choose_format(to: str | None, output: str | None) -> Format:
    """``--to`` wins; else the output file's suffix; else a usage error."""
    if to is not None:
        return to  # type: ignore[return-value]  # click.Choice checked it
    if output is not None and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in SUFFIX_FORMATS:
            return SUFFIX_FORMATS[suffix]
        raise click.UsageError(
            f"cannot tell the format from {output!r}; give --to {'|'.join(FORMATS)} "
            "or an output file ending in .json, .bib, .ris or .rdf"
        )
    raise click.UsageError(
        f"say which format: --to {'|'.join(FORMATS)}, or -o a file ending in .json, .bib, .ris "
        "or .rdf"
    )


def refuse_overwriting_an_input(inputs: tuple[str, ...], output: str | None) -> None:
    """Input files are never modified: ``-o`` naming one of the inputs is an error.

    Compared with ``os.path.samefile``, so a different spelling, a symlink or a hard link to
    an input is caught too.

    Raises:
        InputError: ``output`` is the same file as one of ``inputs``.
    """
    from .._errors import InputError

    if output is None or output == "-" or not os.path.exists(output):
        return
    for spec in inputs:
        if spec != "-" and os.path.exists(spec) and os.path.samefile(spec, output):
            raise InputError(f"{output}: is also an input; an input file is never overwritten")


key_format_option = click.option(
    "--key-format",
    type=click.Choice(["tpv", "bbt"]),
    default="tpv",
    show_default=True,
    help="Citation keys: hornung2022tpv319 (tpv) or hornungUkraineWarImpact2022 (bbt).",
)


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite export examples/319-hornung.json --to bibtex -o refs.bib\n"
    "  transpacific-cite export 319 486 --to csl-json -o refs.json\n"
    "  transpacific-cite export examples/*.json --to zotero-csl-json > for-zotero.json"
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--to", "to", type=click.Choice(FORMATS), help="Output format (wins over -o's suffix)."
)
@click.option(
    "-o", "--output", metavar="OUT", help="Output file, written atomically (default: stdout)."
)
@key_format_option
@click.option(
    "--byline", is_flag=True, help="Make the interviewer the author (APA cites by byline)."
)
@catalog_option
@fact_options
def export(
    inputs: tuple[str, ...],
    to: str | None,
    output: str | None,
    key_format: str,
    byline: bool,
    catalog: str | None,
    facts: Facts | None,
) -> None:
    """Write interviews (article text, HTML pages or model JSON) as citation data.

    Several INPUTs go into one file; CSL-JSON is always an array. Without --to, the -o
    suffix decides: .json CSL-JSON, .bib biblatex, .ris RIS, .rdf Zotero RDF (which Zotero
    imports as interviews with both creators; --byline does not apply to it).
    """
    fmt = choose_format(to, output)
    refuse_overwriting_an_input(inputs, output)
    check_facts(facts, len(inputs))
    from .._keys import assign_keys
    from .._repeats import unique_interviews

    where = inputs_catalog(catalog)
    pairs = [
        (spec, read.interview)
        for spec in inputs
        for read in read_inputs(spec, catalog=where, facts=facts)
    ]
    unique = unique_interviews([interview for _, interview in pairs], [spec for spec, _ in pairs])
    for message in unique.warnings:
        warn(message)
    interviews = list(unique.interviews)
    keys = assign_keys(interviews, key_format=key_format)  # type: ignore[arg-type]
    from .._export import export as write

    written = write(interviews, to=fmt, keys=keys, byline=byline)
    for message in written.warnings:
        warn(message)
    text = written.text
    emit(text, output)
    if to is None and fmt == "biblatex":  # the richer dialect, but plain.bst users must know
        note(f"{output}: writing biblatex; for BibTeX (\\bibliographystyle) use --to bibtex")


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite pinpoint examples/319-hornung.json q3 --as pandoc\n"
    "  transpacific-cite pinpoint 319 q3p2 --as latex --dialect bibtex"
)
@click.argument("input_spec", metavar="INPUT")
@click.argument("spec", metavar="PINPOINT")
@click.option(
    "--as",
    "form",
    type=click.Choice(PINPOINT_FORMS),
    default="csl",
    show_default=True,
    help="csl: a CSL citation item (JSON); latex: \\autocite[...]{key}; pandoc: [@key, sec. 3]; "
    "link: the article URL with a text fragment on the question.",
)
@click.option(
    "--dialect",
    type=click.Choice(["biblatex", "bibtex"]),
    default="biblatex",
    show_default=True,
    help="For --as latex: \\autocite (biblatex) or \\cite (BibTeX).",
)
@key_format_option
@catalog_option
def pinpoint(
    input_spec: str, spec: str, form: str, dialect: str, key_format: str, catalog: str | None
) -> None:
    """Cite one Q&A section (q3), a paragraph of it (q3p2) or a range (q2-q4) of an interview."""
    from .._keys import citation_key
    from .._pinpoint import pinpoint as cite_place

    interview = read_input(input_spec, catalog=catalog).interview
    key = citation_key(interview, key_format=key_format)  # type: ignore[arg-type]
    click.echo(cite_place(interview, spec, to=form, key=key, dialect=dialect))  # type: ignore[arg-type]
