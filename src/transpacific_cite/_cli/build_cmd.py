"""``build``: every output a ``bibliography.toml`` names, rewriting only what changed."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ._common import catalog_option, warn
from ._output import count


@contextmanager
def _fetch_progress(enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """A rich spinner naming each page fetched, on a terminal only (a build that fetches can
    take a second per page, by politeness); None elsewhere."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("reading entries", total=None)

        def advance(url: str) -> None:
            bar.update(task, description=f"fetching {url}")

        yield advance


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite build examples/paper\n"
    "  transpacific-cite build paper/bibliography.toml --catalog my.sqlite3"
)
@click.argument("target", metavar="[DIR|MANIFEST]", required=False, default=".")
@catalog_option
def build(target: str, catalog: str | None) -> None:
    """Build every output that DIR/bibliography.toml (or MANIFEST) names.

    Outputs are written atomically, beside the manifest; those already up to date are not
    rewritten (build state lives in the cache folder).
    """
    from .._build.runner import build as run_build

    with _fetch_progress(sys.stderr.isatty()) as progress:
        report = run_build(target, catalog=catalog, progress=progress)
    for message in report.warnings:
        warn(message)
    folder = report.manifest.parent
    for path in report.written:
        click.echo(f"wrote {_relative(path, folder)}")
    if report.up_to_date:
        click.echo(f"nothing to do: {count(len(report.unchanged), 'output')} up to date")
    elif report.unchanged:
        click.echo(f"{count(len(report.unchanged), 'output')} up to date")


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)
