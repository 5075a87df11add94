"""``cite`` and ``bibliography``: rendered citations through the render package."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from ._common import (
    catalog_option,
    check_facts,
    fact_options,
    inputs_catalog,
    read_input,
    read_inputs,
    warn,
)

if TYPE_CHECKING:
    from .._parse import Facts
    from .._render import Renderer

FORMAT_CHOICES = ("text", "html", "markdown")


def _renderer() -> Renderer:
    """The CLI's renderer: the user's render cache on, large phases split over two cores."""
    from .._render import Renderer

    return Renderer(cache=True, workers=2)


def _style_options(function: click.decorators.FC) -> click.decorators.FC:
    function = click.option(
        "--locale",
        default="en-US",
        show_default=True,
        help="Output locale (en-GB for Harvard as taught in the UK).",
    )(function)
    function = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMAT_CHOICES),
        default="text",
        show_default=True,
        help="text, html (escaped) or markdown (specials escaped).",
    )(function)
    return click.option(
        "--style",
        default="chicago",
        show_default=True,
        help="chicago, chicago-author-date, apa, mla, harvard, one of ours "
        "(transpacific-notes), any name `styles` lists (any case), or a .csl file.",
    )(function)


byline_option = click.option(
    "--byline",
    is_flag=True,
    help="Cite by the byline: the interviewer as author (APA cites magazine interviews so).",
)


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite cite examples/319-hornung.json q3 --style chicago\n"
    "  transpacific-cite cite 319 q3p2 --style apa --byline --format html"
)
@click.argument("input_spec", metavar="INPUT")
@click.argument("pinpoint", required=False)
@_style_options
@byline_option
@click.option(
    "--note",
    type=click.Choice(("first", "subsequent")),
    default="first",
    show_default=True,
    help="Render as the first or a later cite of the entry (note styles; others ignore it).",
)
@catalog_option
@fact_options
def cite(
    input_spec: str,
    pinpoint: str | None,
    style: str,
    fmt: str,
    locale: str,
    note: str,
    byline: bool,
    catalog: str | None,
    facts: Facts | None,
) -> None:
    """Print one citation of INPUT, at PINPOINT (q3, 3.2, 2-4) if given."""
    from .._formats.csl import to_csl_data
    from .._keys import assign_keys
    from .._pinpoint import parse_pinpoint
    from .._render import cite_at

    interview = read_input(input_spec, catalog=catalog, facts=facts).interview
    where = parse_pinpoint(pinpoint, interview=interview) if pinpoint else None
    key = assign_keys([interview])[0]
    rendered = _renderer().render_citation(
        to_csl_data([interview], [key], byline=byline),
        [cite_at(key, where)],
        style=style,
        locale=locale,
        fmt=fmt,  # type: ignore[arg-type]  # click.Choice checked it
        position=note,  # type: ignore[arg-type]
    )
    for message in rendered.warnings:
        warn(message)
    click.echo(rendered.citations[0])


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite bibliography examples/*.json --style apa --byline\n"
    "  transpacific-cite bibliography 319 486 --style mla --format markdown"
)
@click.argument("input_specs", metavar="INPUT...", nargs=-1, required=True)
@_style_options
@byline_option
@catalog_option
@fact_options
def bibliography(
    input_specs: tuple[str, ...],
    style: str,
    fmt: str,
    locale: str,
    byline: bool,
    catalog: str | None,
    facts: Facts | None,
) -> None:
    """Print the bibliography of every INPUT, one entry per paragraph, in the style's order.

    Run again on inputs that have not changed, it prints the recorded result without reading
    them (see ``_recorded``).
    """
    from ._output import verbose
    from ._recorded import RecordedRun

    check_facts(facts, len(input_specs))
    where = inputs_catalog(catalog)
    record = None
    if facts is None and not verbose():
        options = {"style": style, "format": fmt, "locale": locale, "byline": byline}
        record = RecordedRun.open("bibliography", input_specs, options, catalog=where, style=style)
    warnings: list[str] = []
    try:
        replay = record.replay() if record is not None else None
        if replay is not None:
            stdout = replay.stdout
            warnings.extend(replay.warnings)
        else:
            stdout = _bibliography(input_specs, style, fmt, locale, byline, where, facts, warnings)
            if record is not None:
                record.keep(stdout, warnings)
    finally:
        if record is not None:
            record.close()
        for message in warnings:  # printed on failure too: the inputs read before it
            warn(message)
    click.echo(stdout)


def _bibliography(
    input_specs: tuple[str, ...],
    style: str,
    fmt: str,
    locale: str,
    byline: bool,
    catalog: str | os.PathLike[str],
    facts: Facts | None,
    warnings: list[str],
) -> str:
    """The bibliography text of every INPUT; the warnings met on the way go to ``warnings``."""
    from .._formats.csl import to_csl_data
    from .._keys import assign_keys
    from .._repeats import unique_interviews

    pairs = []
    for spec in input_specs:
        for read in read_inputs(spec, show_warnings=False, catalog=catalog, facts=facts):
            warnings.extend(f"{spec}: {message}" for message in read.warnings)
            pairs.append((spec, read.interview))
    unique = unique_interviews([interview for _, interview in pairs], [spec for spec, _ in pairs])
    warnings.extend(unique.warnings)
    interviews = list(unique.interviews)
    rendered = _renderer().render_bibliography(
        to_csl_data(interviews, assign_keys(interviews), byline=byline),
        style=style,
        locale=locale,
        fmt=fmt,  # type: ignore[arg-type]
    )
    warnings.extend(rendered.warnings)
    return "\n\n".join(rendered.bibliography)
