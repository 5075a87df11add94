"""What the command line prints besides its results: errors, warnings, notes, details.

Vocabulary: an *error* ends the command (one ``transpacific-cite: error: ...`` line); a
*warning* (``warning: ...``) is a problem the command worked around; a *note* (``note: ...``)
is a choice the command made for the user that they may want to change; *details*
(``info: ...``) say where things came from and only print with ``--verbose``. All of them go
to stderr, one line each, so stdout holds only the result and scripts can use it.

``--quiet`` drops warnings, notes and reports (never errors); ``--verbose`` adds details. The
level is kept in the click context's ``meta`` (shared by a group and its subcommand), so each
run of :func:`transpacific_cite._cli.main` starts afresh. Prefixes are coloured only when
stderr is a terminal (click strips the colour codes otherwise) and never when ``NO_COLOR`` is
set.

This module imports only click: ``transpacific-cite --help`` loads it, and must stay fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

PROG = "transpacific-cite"
_LEVEL_KEY = "transpacific_cite.verbosity"
QUIET, NORMAL, VERBOSE = -1, 0, 1


def _level() -> int:
    ctx = click.get_current_context(silent=True)
    return int(ctx.meta.get(_LEVEL_KEY, NORMAL)) if ctx is not None else NORMAL


def _colour() -> bool | None:
    """None lets click decide by whether stderr is a terminal; NO_COLOR turns colour off."""
    return False if os.environ.get("NO_COLOR") else None


def _line(prefix: str, colour: str, message: str) -> None:
    text = " ".join(message.split())
    styled = click.style(prefix, fg=colour, bold=True)
    click.echo(f"{styled} {text}", err=True, color=_colour())


def error(message: str) -> None:
    """Print one ``transpacific-cite: error: ...`` line on stderr (whatever the verbosity)."""
    _line(f"{PROG}: error:", "red", message)


def warn(message: str) -> None:
    """Print one ``warning: ...`` line on stderr, unless ``--quiet``."""
    if _level() > QUIET:
        _line("warning:", "yellow", message)


def note(message: str) -> None:
    """Print one ``note: ...`` line on stderr, unless ``--quiet``."""
    if _level() > QUIET:
        _line("note:", "cyan", message)


def report(message: str) -> None:
    """Print one report line on stderr as it is (no prefix), unless ``--quiet``.

    For a command's own account of what it did, one line per item (``zotero enrich``).
    """
    if _level() > QUIET:
        click.echo(message, err=True)


def verbose() -> bool:
    """Whether ``--verbose`` is on (its ``info:`` lines would print)."""
    return _level() >= VERBOSE


def info(message: str) -> None:
    """Print one ``info: ...`` line on stderr, only with ``--verbose``."""
    if _level() >= VERBOSE:
        _line("info:", "blue", message)


def _set_level(level: int) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        if not value:
            return
        current = ctx.meta.get(_LEVEL_KEY, NORMAL)
        if current not in (NORMAL, level):
            raise click.UsageError("--quiet and --verbose contradict each other")
        ctx.meta[_LEVEL_KEY] = level

    return callback


def verbosity_options() -> list[click.Option]:
    """``-q/--quiet`` and ``-v/--verbose``, for the group and for every subcommand.

    They set the level as they are parsed and are not passed to the command function, so a
    user may put them before or after the subcommand's name.
    """
    return [
        click.Option(
            ["-q", "--quiet"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_set_level(QUIET),
            help="Print no warnings or notes (errors still print).",
        ),
        click.Option(
            ["-v", "--verbose"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_set_level(VERBOSE),
            help="Also say where each INPUT and style came from.",
        ),
    ]


def count(number: int, noun: str) -> str:
    """``1 entry``, ``2 entries``: a count whose noun agrees (nouns in -y take -ies)."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"
