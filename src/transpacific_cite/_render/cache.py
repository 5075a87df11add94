"""A persistent cache of rendered bibliography entries, so an unchanged bibliography re-renders nothing.

An entry is stored under a SHA-256 digest of everything its text depends on: the CSL item
(canonical JSON), the style file's bytes, the locale, the output format, the engine version
(ours and citeproc-py's), and the disambiguation the entry received (year suffix, names added,
subsequent-author substitution). Any change to any of those is a different digest, so
invalidation is exact and nothing is ever evicted by guesswork; stale rows are only unused.

Two kinds of rows share the store: a whole document (every citation and the bibliography,
keyed by all the document's inputs), so an unchanged rebuild renders nothing at all; and one
bibliography entry (keyed by its item and the disambiguation it received), so a rebuild after
one item changed renders that one entry again and takes the others from the store.

The store is one SQLite file, ``render-cache.sqlite3``, in :func:`paths.cache_dir`
(``TRANSPACIFIC_CITE_CACHE``). Every failure to use it (read-only disk, a corrupt file) degrades
to rendering afresh: a cache must never be the reason a bibliography fails. SQLite checks its
page structure but not the bytes of a stored value, so each row also keeps a SHA-256 of its
key and text; a row whose bytes were damaged is a miss, never served as a citation.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import sqlite3
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2  # 2: each row carries a checksum of its key and text
FILE_NAME = "render-cache.sqlite3"


def digest(parts: Mapping[str, Any]) -> str:
    """The cache key of one rendered entry: SHA-256 of the canonical JSON of its inputs."""
    canonical = json.dumps(
        parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=repr
    )
    # surrogatepass: a lone surrogate from JSON input still has a key (output shows U+FFFD)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


@cache
def engine_fingerprint() -> str:
    """What the rendering code is: citeproc-py's sources, lxml's version and our render sources.

    Hashing source files (ours and citeproc-py's, not just version numbers) makes every code
    change, released or not, a cache miss, so a fixed bug can never be served from the store.
    citeproc-py's version is in its sources (``_version.py``); its locales and schema come
    with it. Nothing here imports citeproc-py, lxml's compiled part or ``importlib.metadata``:
    a document served whole from the cache loads none of them (the warm path, issue 9).
    """
    import lxml  # the package only (its version), not lxml.etree

    here = Path(__file__).resolve().parent
    return ";".join(
        (
            f"citeproc-py={sources_digest(_package_folder('citeproc'))}",
            f"lxml={getattr(lxml, '__version__', '?')}",
            sources_digest(here),
        )
    )


def _package_folder(name: str) -> Path | None:
    """Where an installed package's sources are, found without importing it."""
    spec = importlib.util.find_spec(name)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) if locations else None


def sources_digest(folder: Path | None) -> str:
    """SHA-256 over the names and bytes of every ``.py`` file in a package's folder tree."""
    if folder is None:  # pragma: no cover - citeproc-py is a dependency
        return "?"
    sources = hashlib.sha256()
    for source in sorted(folder.rglob("*.py")):
        name = source.relative_to(folder).as_posix()
        sources.update(name.encode() + b"\0" + source.read_bytes())
    return sources.hexdigest()


def open_cache() -> RenderCache | None:
    """The user's render cache, or None where the cache folder cannot be made."""
    from .._paths import cache_dir

    try:
        return RenderCache(cache_dir() / FILE_NAME)
    except OSError:
        return None


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (a style file: editing it invalidates its entries)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _checksum(key: str, text: str) -> str:
    """What a row's damaged bytes are detected by: SHA-256 of its key and text together."""
    return hashlib.sha256(f"{key}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


class RenderCache:
    """Rendered texts by digest, in one SQLite file; unusable storage means a silent miss."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.hits = 0  # rows served, for callers that report what was re-rendered
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                db.execute("DROP TABLE IF EXISTS entries")
                db.execute(
                    "CREATE TABLE entries "
                    "(digest TEXT PRIMARY KEY, text TEXT NOT NULL, checksum TEXT NOT NULL)"
                )
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db = db
        except sqlite3.Error:
            self._db = None

    def get_many(self, digests: Iterable[str]) -> dict[str, str]:
        """The stored texts among ``digests`` (missing ones are absent from the result)."""
        if self._db is None:
            return {}
        wanted = list(dict.fromkeys(digests))
        found: dict[str, str] = {}
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT digest, text, checksum FROM entries WHERE digest IN ({marks})",
                    chunk,
                )
                for key, text, checksum in rows.fetchall():
                    if isinstance(text, str) and checksum == _checksum(key, text):
                        found[key] = text
        except sqlite3.Error:
            return {}
        self.hits += len(found)
        return found

    def put_many(self, texts: Mapping[str, str]) -> None:
        """Store rendered texts in one transaction (nothing on failure)."""
        if self._db is None or not texts:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries (digest, text, checksum) VALUES (?, ?, ?)",
                    [(key, text, _checksum(key, text)) for key, text in texts.items()],
                )
                self._db.execute("COMMIT")
            except sqlite3.Error:
                self._db.execute("ROLLBACK")

    def close(self) -> None:
        """Close the database file."""
        if self._db is not None:
            self._db.close()
            self._db = None
