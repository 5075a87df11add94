"""An opt-in renderer that keeps what it can: loaded styles, a persistent cache, two cores.

The pure functions of :mod:`transpacific_cite._render` load their style afresh, run serially and
touch no disk. Programs that render again and again (the CLI, paper builds, benchmarks) make
one :class:`Renderer` instead and choose what it may do:

* it always keeps the styles it has loaded (in memory, by file, modification time and
  locale), because loading Chicago costs a good part of a second;
* ``cache=True`` (the user's cache folder, ``TRANSPACIFIC_CITE_CACHE``) or ``cache=PATH`` keeps
  rendered documents and bibliography entries in a SQLite file (:mod:`.cache`): an unchanged
  document is served whole, and only entries whose inputs changed are rendered again;
* ``workers=2`` renders the second half of large phases in a forked child (:mod:`.parallel`),
  where that pays and is safe (Linux, two usable cores, one thread).

Its output is byte-for-byte the pure functions' output; only the work differs.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import FILE_NAME, RenderCache, digest, engine_fingerprint, file_digest, open_cache
from .parallel import SERIAL, Executor, Forking
from .result import Position, Rendered, RenderStats, check_options
from .styles import (
    DEFAULT_LOCALE,
    LoadedStyle,
    load_style_file,
    may_be_ambiguous,
    resolve_style,
    style_identity,
)

if TYPE_CHECKING:
    from .items import Cite
    from .output import Format

Kept = dict[tuple[str, float, str, bool], tuple[LoadedStyle, threading.Lock]]


def _keep(
    styles: Kept, spec: str | Path, locale: str, twins: bool
) -> tuple[LoadedStyle, threading.Lock]:
    """The kept style for a spec, loaded on first use. For ``twins=False`` a style kept with
    fault 6's twins serves too (it renders the same); else one without is loaded and kept."""
    path = resolve_style(str(spec))
    identity = style_identity(path, locale)
    kept = styles.get((*identity, True))
    if kept is None and not twins:
        kept = styles.get((*identity, False))
    if kept is None:
        loaded = load_style_file(path, locale=locale, twins=twins)
        kept = styles[(*identity, twins)] = (loaded, threading.Lock())
    return kept


# The phases (document.py and below, with citeproc-py) are imported on the first render the
# cache cannot serve: a document served whole from the cache imports none of them.


class Renderer:
    """Renders like :func:`transpacific_cite._render.render`, keeping styles, a cache, a fork.

    Thread-safe: each kept style is used by one render at a time.

    Args:
        cache: False (default) for no persistent cache; True for the user's render cache
            (``TRANSPACIFIC_CITE_CACHE`` or the user cache folder); a folder path for that
            folder's cache file.
        workers: 1 (default) renders in this process; 2 splits large phases with a forked
            child where that pays and is safe.

    Raises:
        ValueError: for a number of workers other than 1 or 2.
    """

    def __init__(self, *, cache: bool | str | Path = False, workers: int = 1) -> None:
        if workers not in (1, 2):
            raise ValueError(f"workers must be 1 or 2, not {workers!r}")
        self.cache = cache
        self.workers = workers
        self._executor: Executor = Forking() if workers == 2 else SERIAL
        self._styles: Kept = {}  # by file, modification time, locale, and twins or not
        self._lock = threading.Lock()

    def style(self, spec: str | Path, *, locale: str = DEFAULT_LOCALE) -> LoadedStyle:
        """The loaded style for a spec and locale, loaded once and then kept.

        Raises:
            UnknownStyleError, StyleError: as :func:`~.styles.load_style`.
        """
        return self._kept(spec, locale, twins=True)[0]

    def _kept(
        self, spec: str | Path, locale: str, *, twins: bool
    ) -> tuple[LoadedStyle, threading.Lock]:
        with self._lock:
            return _keep(self._styles, spec, locale, twins)

    def _store(self) -> RenderCache | None:
        if self.cache is False:
            return None
        if self.cache is True:
            return open_cache()
        try:
            return RenderCache(Path(self.cache) / FILE_NAME)
        except OSError:
            return None

    def render(
        self,
        items: Sequence[Mapping[str, Any]],
        citations: Sequence[Sequence[Cite]] = (),
        *,
        style: str | Path = "chicago",
        locale: str = DEFAULT_LOCALE,
        fmt: Format = "text",
        bibliography: bool = True,
        position: Position = "first",
    ) -> Rendered:
        """As :func:`transpacific_cite._render.render`, with this renderer's styles and cache.

        Raises:
            UnknownStyleError, StyleError, UnknownKeyError, RenderError; ValueError for an
            unknown format or position.
        """
        check_options(fmt, position)
        store = self._store()
        try:
            return self._render(store, items, citations, style, locale, fmt, bibliography, position)
        finally:
            if store is not None:
                store.close()

    def _render(
        self,
        store: RenderCache | None,
        items: Sequence[Mapping[str, Any]],
        citations: Sequence[Sequence[Cite]],
        style: str | Path,
        locale: str,
        fmt: Format,
        bibliography: bool,
        position: Position,
    ) -> Rendered:
        document_key = context = ""
        if store is not None:
            keys = _document_keys(items, citations, style, locale, fmt, bibliography, position)
            if keys is None:  # an unreadable style file: loading it below says so
                store = None
            else:
                context, document_key = keys
                served = _from_store(store.get_many([document_key]).get(document_key), fmt)
                if served is not None:
                    return served
        from .document import render_document  # a miss: only now the phases and citeproc-py

        loaded, lock = self._kept(style, locale, twins=may_be_ambiguous(items))
        with lock:
            rendered = render_document(
                loaded,
                items,
                citations,
                fmt=fmt,
                bibliography=bibliography,
                position=position,
                executor=self._executor,
                store=store,
                context=context,
            )
        if store is not None:
            saved = {
                "citations": rendered.citations,
                "bibliography": rendered.bibliography,
                "warnings": rendered.warnings,
            }
            store.put_many({document_key: json.dumps(saved, ensure_ascii=False)})
        return rendered

    def render_citation(
        self,
        items: Sequence[Mapping[str, Any]],
        citation: Sequence[Cite],
        *,
        style: str | Path = "chicago",
        locale: str = DEFAULT_LOCALE,
        fmt: Format = "text",
        position: Position = "first",
    ) -> Rendered:
        """One citation alone (``citations`` holds one string); see :meth:`render`."""
        return self.render(
            items, [citation], style=style, locale=locale, fmt=fmt, bibliography=False,
            position=position,
        )  # fmt: skip

    def render_bibliography(
        self,
        items: Sequence[Mapping[str, Any]],
        *,
        style: str | Path = "chicago",
        locale: str = DEFAULT_LOCALE,
        fmt: Format = "text",
    ) -> Rendered:
        """The bibliography of every item (``citations`` is empty); see :meth:`render`."""
        return self.render(items, (), style=style, locale=locale, fmt=fmt)


def _document_keys(
    items: Sequence[Mapping[str, Any]],
    citations: Sequence[Sequence[Cite]],
    style: str | Path,
    locale: str,
    fmt: Format,
    bibliography: bool,
    position: Position,
) -> tuple[str, str] | None:
    """The entry context (style file, locale, engine) and the whole document's cache key;
    None where the style file cannot be read."""
    try:
        style_digest = file_digest(resolve_style(str(style)))
    except OSError:
        return None
    context = digest({"style": style_digest, "locale": locale, "engine": engine_fingerprint()})
    document = {
        "document": context,
        "items": list(items),
        "citations": [[astuple(cite) for cite in citation] for citation in citations],
        "format": fmt,
        "bibliography": bibliography,
        "position": position,
    }
    return context, digest(document)


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
