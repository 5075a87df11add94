"""The ``transpacific-cite`` command line: a thin layer over the public API.

Each subcommand is one small function in its own module, imported only when that
subcommand runs (heavy libraries such as citeproc-py load on demand). ``main`` turns
every :class:`~transpacific_cite._errors.CiteError` and usage error into one readable line
on stderr: exit 0 ok, 1 some items of a batch failed, 2 bad usage or bad input (a full disk
or an output that cannot be written included). A reader that stops early (``| head -1``)
ends the run quietly with status 0, as ``head`` expects.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
from collections.abc import Sequence

import click

from .._errors import CiteError
from ._output import PROG, error, verbosity_options

# subcommand -> "module:function"; modules are imported only when their command runs.
COMMANDS: dict[str, str] = {
    "parse": "transpacific_cite._cli.parse_cmd:parse",
    "export": "transpacific_cite._cli.export_cmd:export",
    "pinpoint": "transpacific_cite._cli.export_cmd:pinpoint",
    "cite": "transpacific_cite._cli.render_cmd:cite",
    "bibliography": "transpacific_cite._cli.render_cmd:bibliography",
    "styles": "transpacific_cite._cli.styles_cmd:styles",
    "add": "transpacific_cite._cli.catalog_cmd:add",
    "list": "transpacific_cite._cli.catalog_cmd:list_entries",
    "show": "transpacific_cite._cli.catalog_cmd:show",
    "search": "transpacific_cite._cli.catalog_cmd:search",
    "latex": "transpacific_cite._cli.latex_cmd:latex",
    "help": "transpacific_cite._cli:help_command",
    "zotero": "transpacific_cite._cli.zotero_cmd:zotero",
    "build": "transpacific_cite._cli.build_cmd:build",
}

# The one-line help `transpacific-cite --help` lists, kept here so that listing the commands
# imports none of their modules (start-up time); a test checks each against its command.
SHORT_HELP: dict[str, str] = {
    "add": "Fetch or read series entries and store them in the catalog.",
    "build": "Build every output that DIR/bibliography.toml (or MANIFEST) names.",
    "bibliography": "Print the bibliography of every INPUT, one entry per paragraph, in the "
    "style's order.",
    "cite": "Print one citation of INPUT, at PINPOINT (q3, 3.2, 2-4) if given.",
    "export": "Write interviews (article text, HTML pages or model JSON) as citation data.",
    "help": "Print the help of transpacific-cite, or of one COMMAND.",
    "latex": "Write the .bib of the tpv:N keys that FILE.aux (BibTeX) or FILE.bcf (biber) cites.",
    "list": "List the catalog, one entry per line, by series number.",
    "parse": "Read PATH (article text, a Diplomat HTML page or model JSON; - for stdin) and "
    "show it.",
    "pinpoint": "Cite one Q&A section (q3), a paragraph of it (q3p2) or a range (q2-q4) of an "
    "interview.",
    "search": "Entries whose title, questions or interviewee hold every one of WORDS.",
    "show": "Show one catalog entry: its summary line, where it came from, and its questions.",
    "styles": "List every style name --style takes: NAME, kind, and what it names.",
    "zotero": "Work on Zotero exports (told by content; see ``zotero enrich --help``).",
}

EXIT_OK, EXIT_BATCH_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_OUTPUT_FAILED = -1  # internal: the output failed and was reported; main returns 2
# errno values that mean "the output cannot be written" (full disk, quota, file too large, I/O).
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use.

    Every subcommand also gets ``--quiet`` and ``--verbose``, so they work after its name.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        _add_verbosity(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their one-line help, from :data:`SHORT_HELP` where it has them."""
        rows = []
        for name in self.list_commands(ctx):
            short = SHORT_HELP.get(name)
            if short is None:  # a command added without a line above: import it
                command = self.get_command(ctx, name)
                short = command.get_short_help_str(limit=200) if command is not None else ""
            rows.append((name, short))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings=CONTEXT,
    params=verbosity_options(),
    epilog="\b\nExamples:\n"
    "  transpacific-cite cite examples/319-hornung.json q3 --style apa\n"
    "  transpacific-cite export examples/*.json -o refs.bib\n"
    "  transpacific-cite help cite",
)
@click.version_option(package_name="transpacific-cite", prog_name=PROG)  # looked up when asked
def cli() -> None:
    """Cite the interviews of The Diplomat's Trans-Pacific View Insight Series.

    Every INPUT is an article text, a Diplomat HTML page or a model JSON file (- is stdin),
    or a series number or citation key already in the catalog. When a file and a catalog
    entry share a name, write ./400 for the file or '#400' for the entry (quoted: in a shell
    # starts a comment).
    """


@click.command(
    name="help",
    epilog="\b\nExamples:\n  transpacific-cite help\n  transpacific-cite help export",
)
@click.argument("command", required=False, metavar="[COMMAND]")
@click.pass_context
def help_command(ctx: click.Context, command: str | None) -> None:
    """Print the help of transpacific-cite, or of one COMMAND."""
    root = ctx.find_root()
    if command is None:
        click.echo(root.get_help())
        return
    found = cli.get_command(root, command)
    if found is None:
        raise click.UsageError(f"no such command {command!r}; the commands are {_names()}")
    with click.Context(found, info_name=command, parent=root) as sub:
        click.echo(found.get_help(sub))


def _add_verbosity(command: click.Command) -> None:
    """``--quiet``/``--verbose`` on a command and, for a group, on each of its subcommands."""
    if not any(param.name == "quiet" for param in command.params):
        command.params.extend(verbosity_options())
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _add_verbosity(sub)


def _names() -> str:
    return ", ".join(sorted(COMMANDS))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    status = _run(args)
    if sys.stdout is None or status == EXIT_OUTPUT_FAILED:  # nothing left to flush or report
        return EXIT_USAGE if status == EXIT_OUTPUT_FAILED else status
    try:  # what is still buffered for stdout fails here, not in the interpreter's exit
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
    except OSError as failure:
        if failure.errno not in OUTPUT_ERRNOS:
            raise
        _discard_stdout()
        error(f"cannot write the output ({failure.strerror or failure})")
        return EXIT_USAGE
    return status


def _run(args: list[str]) -> int:
    try:
        result = cli.main(args=args, prog_name=PROG, standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as bare:  # the bare command: its usual help
        click.echo(bare.format_message(), err=True)
        return EXIT_USAGE
    except CiteError as failure:
        error(str(failure))
        return EXIT_USAGE
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.Abort:
        click.echo(f"{PROG}: aborted", err=True)
        return 130
    except click.ClickException as failure:
        error(failure.format_message())
        return EXIT_USAGE
    except KeyboardInterrupt:
        click.echo(f"{PROG}: interrupted", err=True)
        return 130
    except SystemExit as done:
        # Outside standalone mode click exits only when it caught a broken pipe (EPIPE)
        # itself, with status 1: a reader that stopped early is no failure of ours.
        if done.code != 1:
            raise
        _discard_stdout()
        return EXIT_OK
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_OK
    except OSError as failure:
        if failure.errno not in OUTPUT_ERRNOS:
            raise
        _discard_stdout()
        error(f"cannot write the output ({failure.strerror or failure})")
        return EXIT_OUTPUT_FAILED
    return int(result) if isinstance(result, int) else EXIT_OK


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of what is still buffered
    cannot fail again (Python's advice for SIGPIPE); harmless where stdout has no file."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
