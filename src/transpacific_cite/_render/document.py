"""One document through one loaded style: the phases in order, then the finished texts.

This is the whole core of a render, shared by the pure functions of
:mod:`transpacific_cite._render` (a fresh style, :data:`~.parallel.SERIAL`, no store) and by
:class:`~.renderer.Renderer` (its kept styles, maybe a forking executor and an entry store).
Everything a render may touch outside its arguments is passed in, so what runs here is the
same either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._errors import CiteError, RenderError
from .bibliography import bibliography as bibliography_phase
from .cache import RenderCache
from .citations import cite_all, prime
from .disambiguation import disambiguate
from .faults.f03_punctuation_in_quote import tidy
from .faults.f10_smart_and_nested_quotes import resolve_quotes
from .faults.f11_html_escaping import to_format
from .items import Cite
from .output import Format
from .parallel import SERIAL, Executor
from .result import Position, Rendered, RenderStats
from .sorting import register
from .state import RunState
from .styles import LoadedStyle


def render_document(
    loaded: LoadedStyle,
    items: Sequence[Mapping[str, Any]],
    citations: Sequence[Sequence[Cite]],
    *,
    fmt: Format,
    bibliography: bool,
    position: Position,
    executor: Executor = SERIAL,
    store: RenderCache | None = None,
    context: str = "",
) -> Rendered:
    """Render ``citations`` and (if asked) the bibliography of ``items`` with ``loaded``.

    The caller owns ``loaded`` for the duration (citeproc-py keeps per-run state on it).

    Args:
        loaded: the style, loaded for the output locale.
        items: CSL items; citations: in document order; fmt, bibliography, position: as
            :func:`transpacific_cite._render.render` takes them.
        executor: how independent units run (serial, or split with a forked child).
        store: bibliography entries already rendered, by digest (None: render them all).
        context: the style/locale/engine part of each entry's digest (with ``store``).

    Raises:
        UnknownKeyError, RenderError.
    """
    if loaded.engine_style.root.citation is None:  # pragma: no cover - the schema requires it
        raise RenderError(f"{loaded.path.name} has no citation layout")
    try:
        # the phases, in the order the CSL specification describes them
        run = RunState(loaded, items, executor)  # 1. reading items
        register(run, citations)  # 2. registration and sorting
        disambiguate(run)  # 3. disambiguation
        if position == "subsequent" and citations and citations[0]:
            prime(run, citations[0][0].key)
        marked = cite_all(run, citations)  # 4. citations and collapsing
        entries = bibliography_phase(run, store, context) if bibliography else []  # 5.
    except CiteError:
        raise
    except Exception as error:  # citeproc-py's own faults, as one error
        # Some valid styles reach code paths of citeproc-py 0.11.1 that fail (text-case on a
        # plain str, str.join over formatted parts): one readable error, not a traceback,
        # names the style; the CLI prints it as one line.
        raise RenderError(
            f"citeproc-py cannot render style {loaded.path.name}: {type(error).__name__}: {error}"
        ) from error
    if bibliography and items and not loaded.has_bibliography:
        run.result.warnings.append(f"style {loaded.path.stem} has no bibliography")
    return Rendered(
        citations=tuple(finish(text, loaded, fmt) for text in marked),
        bibliography=tuple(finish(text, loaded, fmt) for text in entries),
        warnings=tuple(run.result.warnings),
        format=fmt,
        stats=RenderStats(
            entries_rendered=run.result.entries_rendered,
            entries_cached=run.result.entries_cached,
        ),
    )


def finish(marked: str, style: LoadedStyle, fmt: Format) -> str:
    """A marked string as the finished text: punctuation tidied, quotes resolved, formatted."""
    return to_format(resolve_quotes(tidy(marked, style.quotes), style.quotes), fmt)
