"""The pure core: the public render functions touch no disk, make no process, keep no state.

``render``, ``render_citation`` and ``render_bibliography`` are called here with an empty
cache folder, ``os.fork`` raising, every way of writing a file raising, and HOME, the XDG
folders, the cache folder and the working directory pointing at read-only folders; they must
succeed and leave those folders as they were. Their output must equal a Renderer's (the
CLI's path, with the persistent cache and the two-core split) byte for byte.
"""

from __future__ import annotations

import builtins
import io
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import transpacific_cite
from transpacific_cite._render import (
    Cite,
    Renderer,
    render,
    render_bibliography,
    render_citation,
)

from .render_corpus import citations, corpus
from .test_render import K319, corpus_items

STYLES = ["chicago", "chicago-author-date", "apa", "mla", "harvard", "transpacific-notes"]


def _snapshot(folder: Path) -> list[tuple[str, int, int]]:
    return sorted(
        (str(path.relative_to(folder)), path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
    )


@pytest.fixture
def nowhere_to_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Read-only HOME, XDG folders, cache folder and cwd; fork and file writes raise."""
    folders = []
    for name in ("home", "xdg-cache", "xdg-data", "xdg-config", "xdg-state", "cache", "cwd"):
        folder = tmp_path / name
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        folders.append(folder)
    home, xdg_cache, xdg_data, xdg_config, xdg_state, cache, cwd = folders
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg_cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg_data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg_config))
    monkeypatch.setenv("XDG_STATE_HOME", str(xdg_state))
    monkeypatch.setenv("TRANSPACIFIC_CITE_CACHE", str(cache))
    monkeypatch.chdir(cwd)
    # chmod does not stop root (CI runs as root): every way of writing also raises
    real_open = builtins.open

    def read_only_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            raise PermissionError(f"the pure core opened {file!r} for writing")
        return real_open(file, mode, *args, **kwargs)

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(f"the pure core called {what}")

        return refused

    real_os_open = os.open

    def read_only_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC):
            raise PermissionError(f"the pure core opened {path!r} for writing")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only_open)
    monkeypatch.setattr(io, "open", read_only_open)
    monkeypatch.setattr(os, "open", read_only_os_open)
    monkeypatch.setattr(os, "fork", refuse("os.fork"))
    monkeypatch.setattr(os, "mkdir", refuse("os.mkdir"))
    monkeypatch.setattr(os, "makedirs", refuse("os.makedirs"))
    monkeypatch.setattr(os, "replace", refuse("os.replace"))
    monkeypatch.setattr(sqlite3, "connect", refuse("sqlite3.connect"))
    before = [_snapshot(folder) for folder in folders]
    yield folders
    assert [_snapshot(folder) for folder in folders] == before == [[]] * len(folders)


def test_the_public_functions_write_nothing_and_never_fork(nowhere_to_write: list[Path]) -> None:
    items = corpus(80)  # more than the split threshold: a forking core would fork here
    document = citations(items)
    bibliography = render_bibliography(items, style="chicago", fmt="html")
    assert len(bibliography.bibliography) == 80 and not bibliography.stats.from_cache
    citation = render_citation(items, document[1], style="apa", position="subsequent")
    assert citation.citations[0].startswith("(")
    whole = render(items, document, style="mla", fmt="markdown")
    assert len(whole.citations) == len(document) and len(whole.bibliography) == 80
    # the package's top level re-exports them
    top = transpacific_cite.render_bibliography(corpus_items(), style="apa")
    assert len(top.bibliography) == 5
    assert transpacific_cite.render_citation(
        corpus_items(), [Cite(K319)], style="apa"
    ).citations == ("(Hornung, 2022a)",)


@pytest.mark.parametrize("style", STYLES)
def test_pure_output_equals_a_caching_forking_renderers(style: str) -> None:
    """Byte for byte, cold and warm: the Renderer only changes the work, never the output."""
    items = corpus(70)
    document = citations(items)
    pure = render(items, document, style=style, fmt="html")
    renderer = Renderer(cache=True, workers=2)
    cold = renderer.render(items, document, style=style, fmt="html")
    warm = renderer.render(items, document, style=style, fmt="html")
    assert warm.stats.from_cache and not cold.stats.from_cache
    for rendered in (cold, warm):
        assert (rendered.citations, rendered.bibliography, rendered.warnings) == (
            pure.citations,
            pure.bibliography,
            pure.warnings,
        )


def test_renderer_options_are_checked() -> None:
    with pytest.raises(ValueError, match="workers must be 1 or 2, not 3"):
        Renderer(workers=3)
