"""The ``transpacific-cite`` command line: a thin layer over the public API.

Each subcommand is one small function in its own module, imported only when that
subcommand runs (heavy libraries such as citeproc-py load on demand). ``main`` turns
every :class:`~transpacific_cite.errors.CiteError` and usage error into one readable line
on stderr: exit 0 ok, 1 some items of a batch failed, 2 bad usage or bad input.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from ..errors import CiteError

# subcommand -> "module:function"; modules are imported only when their command runs.
COMMANDS: dict[str, str] = {
    "parse": "transpacific_cite.cli.parse_cmd:parse",
    "export": "transpacific_cite.cli.export_cmd:export",
    "pinpoint": "transpacific_cite.cli.export_cmd:pinpoint",
    "cite": "transpacific_cite.cli.render_cmd:cite",
    "bibliography": "transpacific_cite.cli.render_cmd:bibliography",
    "add": "transpacific_cite.cli.catalog_cmd:add",
    "list": "transpacific_cite.cli.catalog_cmd:list_entries",
    "show": "transpacific_cite.cli.catalog_cmd:show",
    "search": "transpacific_cite.cli.catalog_cmd:search",
    "latex": "transpacific_cite.cli.latex_cmd:latex",
}

EXIT_OK, EXIT_BATCH_FAILED, EXIT_USAGE = 0, 1, 2


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


def _version() -> str:
    from .. import __version__

    return __version__


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=_version(), prog_name="transpacific-cite")
def cli() -> None:
    """Cite the interviews of The Diplomat's Trans-Pacific View Insight Series."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=args, prog_name="transpacific-cite", standalone_mode=False)
    except CiteError as error:
        click.echo(f"transpacific-cite: error: {_one_line(str(error))}", err=True)
        return EXIT_USAGE
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.Abort:
        click.echo("transpacific-cite: aborted", err=True)
        return 130
    except click.ClickException as error:
        click.echo(f"transpacific-cite: error: {_one_line(error.format_message())}", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        click.echo("transpacific-cite: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return int(result) if isinstance(result, int) else EXIT_OK


def _one_line(message: str) -> str:
    return " ".join(message.split())
