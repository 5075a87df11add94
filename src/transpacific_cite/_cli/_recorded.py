"""Recorded runs: a command run again on inputs that have not changed prints what it printed.

``transpacific-cite bibliography`` on 1,000 files spends most of a warm run reading and
checking files whose rendering the render cache already holds. Like ``make`` and git's index,
a recorded run is keyed by what the inputs' file-system entries say about them instead of by
their bytes: for each INPUT its device, inode, size, modification and change times (or that it
does not exist), the catalog file and its write-ahead log the same way, the style file's bytes,
every option, the working folder, and the sources of this package and of citeproc-py. When all
of that is unchanged, the recorded output and warnings are printed and no file is read.

Safety rules: a record is only written when every input's times are at least
:data:`SETTLED_NS` older than the run (a file rewritten within the clock's resolution
after being read would otherwise keep its stat); ``-`` (stdin), the fact options and
``--verbose`` (whose lines say where each input came from) are never recorded; a run that
fails records nothing. Records live in the render cache's store, so an unusable cache folder
only means no record. A record is a convenience: every failure to use one is a plain run.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .._files import STDIO

if TYPE_CHECKING:
    from .._render.cache import RenderCache

# Inputs changed less than this long before a run are not recorded: two seconds covers the
# coarsest file-system clocks in use (FAT's), so a later edit always changes a time we keep.
SETTLED_NS = 2_000_000_000


@dataclass(frozen=True)
class Replay:
    """What a recorded run printed: its stdout text and its warning messages, in order."""

    stdout: str
    warnings: tuple[str, ...]


def _stat(path: str | os.PathLike[str]) -> list[int] | None:
    """The identity and times of one file-system entry, or None where there is none."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return [found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]


@cache
def _code_fingerprint() -> str:
    """This package's sources and the render engine's: any code change is a new record."""
    from .._render.cache import engine_fingerprint, sources_digest

    return f"{engine_fingerprint()};tpc={sources_digest(Path(__file__).resolve().parent.parent)}"


class RecordedRun:
    """One command's record: looked up before the run, kept after it succeeds."""

    def __init__(self, store: RenderCache, key: str, settled: bool) -> None:
        self._store = store
        self._key = key
        self._settled = settled

    @classmethod
    def open(
        cls,
        command: str,
        specs: Sequence[str],
        options: Mapping[str, object],
        *,
        catalog: str | os.PathLike[str],
        style: str,
    ) -> RecordedRun | None:
        """The record of this run, or None where it cannot have one (stdin, no cache)."""
        if STDIO in specs:
            return None
        from .._errors import CiteError
        from .._render.cache import digest, file_digest, open_cache
        from .._render.styles import resolve_style

        started = time.time_ns()
        try:
            style_digest = file_digest(resolve_style(style))
            folder = os.getcwd()  # relative INPUTs mean other files in another folder
        except (CiteError, OSError):
            return None  # the plain run reports the style (or reads from a removed folder)
        catalog_path = os.fspath(catalog)
        stats = [_stat(spec) for spec in specs]
        stats += [_stat(catalog_path), _stat(catalog_path + "-wal")]
        key = digest(
            {
                "recorded": command,
                "folder": folder,
                "specs": list(specs),
                "options": dict(options),
                "catalog": catalog_path,
                "style": style_digest,
                "stats": stats,
                "code": _code_fingerprint(),
            }
        )
        settled = all(
            stat is None or max(stat[3], stat[4]) <= started - SETTLED_NS for stat in stats
        )
        store = open_cache()
        return None if store is None else cls(store, key, settled)

    def replay(self) -> Replay | None:
        """The recorded output, or None on a miss (or a record that is not what we wrote)."""
        hit = self._store.get_many([self._key]).get(self._key)
        if hit is None:
            return None
        try:
            saved = json.loads(hit)
            stdout, warnings = saved["stdout"], tuple(saved["warnings"])
        except (ValueError, TypeError, KeyError):
            return None
        if not isinstance(stdout, str) or not all(isinstance(w, str) for w in warnings):
            return None
        return Replay(stdout, warnings)

    def keep(self, stdout: str, warnings: Sequence[str]) -> None:
        """Record a successful run's output, if its inputs had settled when it began."""
        if self._settled:
            saved = {"stdout": stdout, "warnings": list(warnings)}
            self._store.put_many({self._key: json.dumps(saved, ensure_ascii=False)})

    def close(self) -> None:
        """Close the store (records already written stay)."""
        self._store.close()
