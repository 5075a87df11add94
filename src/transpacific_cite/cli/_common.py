"""What the subcommands share: reading INPUT arguments, printing warnings, writing outputs."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..api import read
from ..files import STDIO, names_a_file, write_atomic
from ..model import ParseResult

F = TypeVar("F", bound=Callable[..., Any])


def warn(message: str) -> None:
    """Print one ``warning: ...`` line on stderr."""
    click.echo(f"warning: {' '.join(message.split())}", err=True)


def read_input(
    spec: str, *, show_warnings: bool = True, catalog: str | os.PathLike[str] | None = None
) -> ParseResult:
    """Turn one INPUT argument into an interview.

    Resolution order: an existing path (or ``-`` for stdin), then (from the catalog at
    ``catalog``, default ``paths.catalog_path()``) an all-digit series number, then a citation
    key (a URL an entry was fetched from also works). Never fetches.
    """
    if names_a_file(spec):
        result = read(spec)
    else:
        from ..catalog import lookup

        result = ParseResult(lookup(spec, path=catalog).interview)
    if show_warnings:
        for message in result.warnings:
            warn(f"{spec}: {message}")
    return result


def emit(text: str, output: str | None) -> None:
    """Write ``text`` to a file atomically, or to stdout when ``output`` is None or ``-``."""
    if output is None or output == STDIO:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)


def catalog_option(function: F) -> F:
    """``--catalog PATH``: the catalog file to use instead of ``$TRANSPACIFIC_CITE_CATALOG`` or
    the one in the user data directory (passed to the command as ``catalog``)."""
    return click.option(
        "--catalog",
        "catalog",
        type=click.Path(dir_okay=False),
        default=None,
        metavar="PATH",
        help="The catalog file (default: $TRANSPACIFIC_CITE_CATALOG or the user data folder).",
    )(function)
