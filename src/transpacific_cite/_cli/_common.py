"""What the subcommands share: reading INPUT arguments, printing warnings, writing outputs."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .._api import read_all
from .._files import STDIO, names_a_file, write_atomic
from .._model import ParseResult
from ._output import info, note, warn

__all__ = [
    "catalog_option",
    "emit",
    "info",
    "inputs_catalog",
    "note",
    "read_input",
    "read_inputs",
    "warn",
]

if TYPE_CHECKING:
    from .._parse import Facts

F = TypeVar("F", bound=Callable[..., Any])

# An INPUT starting with this names a catalog entry, never a file: '#400', '#hornung2022tpv319'.
CATALOG_MARK = "#"


def read_input(
    spec: str,
    *,
    show_warnings: bool = True,
    catalog: str | os.PathLike[str] | None = None,
    facts: Facts | None = None,
) -> ParseResult:
    """Turn one INPUT argument into an interview; ``facts`` fill what it lacks.

    ``#400`` (or ``#KEY``) is always a catalog entry. Otherwise an existing path (or ``-`` for
    stdin) is read, and anything else is looked up in the catalog at ``catalog`` (default
    ``paths.catalog_path()``): an all-digit series number, a citation key, or a URL an entry
    was fetched from. A bare name that is both a file here and a catalog entry (a file named
    ``400``) is refused rather than guessed, naming ``./400`` and ``#400``. Never fetches.

    Raises:
        click.UsageError: the bare name is both a file and a catalog entry.
        CiteError: the file cannot be read, or the catalog has no such entry.
    """
    from_catalog = spec.startswith(CATALOG_MARK)
    if not from_catalog and names_a_file(spec):
        results = read_inputs(spec, show_warnings=False, catalog=catalog)
        if len(results) != 1:
            from .._errors import ParseError

            numbers = ", ".join(str(r.interview.number) for r in results)
            raise ParseError(
                f"{spec}: holds {len(results)} series entries ({numbers}); this command takes "
                "one (export and bibliography take several)"
            )
        result = results[0]
    else:
        from .._catalog import lookup

        entry = lookup(spec.removeprefix(CATALOG_MARK) if from_catalog else spec, path=catalog)
        info(f"{spec}: catalog entry {entry.number} ({entry.key}, from {entry.source})")
        result = ParseResult(entry.interview)
    if facts:
        from .._parse import apply_facts

        result = apply_facts(result, facts)
    if show_warnings:
        for message in result.warnings:
            warn(f"{spec}: {message}")
    return result


def _refuse_if_also_in_catalog(spec: str, catalog: str | os.PathLike[str] | None) -> None:
    """A bare name (no folder, no suffix) that an existing catalog also holds is ambiguous.

    Only such names can be catalog numbers or keys, so only they open the catalog (a
    ``.json`` or ``dir/file`` path costs nothing); a catalog that is missing or cannot be
    read holds nothing, since the user did name an existing file.
    """
    if spec == STDIO or os.sep in spec or "/" in spec or "." in spec:
        return
    from .._catalog import Catalog
    from .._errors import CatalogError

    try:
        with Catalog(catalog, create=False) as store:
            entry = store.resolve(spec)
    except CatalogError:
        return
    raise click.UsageError(
        f"{spec} names both the file ./{spec} and catalog entry #{spec} "
        f"(no. {entry.number}, {entry.key}); say which: ./{spec} or '#{spec}'"
    )


def inputs_catalog(catalog: str | os.PathLike[str] | None) -> str | os.PathLike[str]:
    """The catalog a command's INPUTs are read with: ``--catalog``, else the default place.

    A command that reads many INPUTs resolves it once with this and passes it to each
    :func:`read_inputs` (finding the default costs about 0.1 ms through platformdirs, per
    INPUT when left to :func:`read_inputs`: 1,000 model JSON files paid it 1,000 times). Only
    reading, so a path here creates nothing, exactly as the default would not.
    """
    if catalog is not None:
        return catalog
    from .._paths import catalog_path

    return catalog_path()


def read_inputs(
    spec: str,
    *,
    show_warnings: bool = True,
    catalog: str | os.PathLike[str] | None = None,
    facts: Facts | None = None,
) -> list[ParseResult]:
    """Every interview one INPUT argument gives: all series entries of a Zotero export (CSL
    JSON, Better BibTeX JSON, RIS, .bib, Zotero RDF), else the one :func:`read_input` gives.

    The export's item numbers are settled by its own fields, or by the catalog at ``catalog``
    (when it exists) from the item's URL. ``facts`` are for one article: an export that gives
    several entries is refused with them.

    Raises:
        click.UsageError: ``facts`` with an export of several entries.
    """
    if spec.startswith(CATALOG_MARK) or not names_a_file(spec):
        return [read_input(spec, show_warnings=show_warnings, catalog=catalog, facts=facts)]
    _refuse_if_also_in_catalog(spec, catalog)
    info(f"{spec}: read from the file {spec}")
    results = read_all(spec, catalog=inputs_catalog(catalog))
    if facts:
        if len(results) != 1:
            raise click.UsageError(
                f"{spec} holds {len(results)} series entries; the fact options are for one"
            )
        from .._parse import apply_facts

        results = [apply_facts(results[0], facts)]
    if show_warnings:
        for result in results:
            for message in result.warnings:
                warn(f"{spec}: {message}")
    return results


def emit(text: str, output: str | None) -> None:
    """Write ``text`` to a file atomically, or to stdout when ``output`` is None or ``-``."""
    if output is None or output == STDIO:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        info(f"wrote {output}")


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


def check_facts(facts: Facts | None, inputs: int) -> None:
    """The library's rule for facts given with several inputs (a no-op without facts)."""
    if facts:
        from .._parse import check_facts_for_inputs

        check_facts_for_inputs(facts, inputs)


def fact_options(function: F) -> F:
    """``--interviewer``, ``--date``, ``--url``, ``--title``, ``--number``: facts for what an
    input lacks, passed to the command as one ``facts`` argument, None when none is given (the
    rule is the library's: :mod:`transpacific_cite._parse.facts`; the readers load only when
    a fact is given or an input needs them)."""

    @functools.wraps(function)
    def command(
        *args: Any,
        interviewer: str | None,
        date: str | None,
        url: str | None,
        title: str | None,
        number: int | None,
        **kwargs: Any,
    ) -> Any:
        given = (interviewer, date, url, title, number)
        if all(value is None for value in given):
            return function(*args, facts=None, **kwargs)
        from .._parse import Facts

        facts = Facts(interviewer=interviewer, date=date, url=url, title=title, number=number)
        return function(*args, facts=facts, **kwargs)

    # Each fills what the input lacks; a different value in the input is replaced, with a
    # warning naming both (see parse.facts).
    options = [
        ("--number", "N", int, "The series number (one input only)."),
        ("--title", "TITLE", str, "The article's title (one input only)."),
        ("--url", "URL", str, "The article's URL (one input only)."),
        ("--date", "YYYY-MM-DD", str, "The publication date."),
        ("--interviewer", "NAME", str, "The interviewer, e.g. 'Mercy A. Kuo' (all inputs)."),
    ]
    suffix = " Fills what the input lacks; replaces a different value, with a warning."
    wrapped: Any = command
    for name, metavar, kind, text in options:
        wrapped = click.option(name, metavar=metavar, type=kind, default=None, help=text + suffix)(
            wrapped
        )
    return wrapped  # type: ignore[no-any-return]
