"""What the subcommands share: reading INPUT arguments, printing warnings, writing outputs."""

from __future__ import annotations

from pathlib import Path

import click

from ..api import read
from ..errors import InputError
from ..files import STDIO, write_atomic
from ..model import ParseResult


def warn(message: str) -> None:
    """Print one ``warning: ...`` line on stderr."""
    click.echo(f"warning: {' '.join(message.split())}", err=True)


def read_input(spec: str, *, show_warnings: bool = True) -> ParseResult:
    """Turn one INPUT argument into an interview.

    Resolution order: an existing path (or ``-`` for stdin), then (from the catalog) an
    all-digit series number, then a citation key. Never fetches.
    """
    if spec == STDIO or Path(spec).exists():
        result = read(spec)
    else:
        raise InputError(f"{spec}: no such file")
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
