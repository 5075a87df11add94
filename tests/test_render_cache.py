"""The render cache of a Renderer(cache=True) (cache.py): identical output, exact invalidation.

Changing one field of one item re-renders exactly that entry; a changed style, locale,
disambiguation or engine renders again; damaged rows and unusable folders are misses. The
pure functions, which never touch the cache, are the reference.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from transpacific_cite._render import Rendered, Renderer, render, resolve_style

from .render_corpus import citations, corpus

CACHED = Renderer(cache=True)  # opens the cache folder of the moment on every render


def cached(*args: Any, **options: Any) -> Rendered:
    """A render through a renderer with the user's cache (the test's private folder)."""
    return CACHED.render(*args, **options)


def test_unchanged_document_is_served_whole_and_identical() -> None:
    items = corpus(40)
    cold = cached(items, citations(items), style="chicago", fmt="html")
    assert not cold.stats.from_cache and cold.stats.entries_rendered == 40
    warm = cached(items, citations(items), style="chicago", fmt="html")
    assert warm.stats.from_cache
    assert (warm.citations, warm.bibliography, warm.warnings) == (
        cold.citations,
        cold.bibliography,
        cold.warnings,
    )
    uncached = cached(items, citations(items), style="chicago", fmt="html")
    assert uncached.citations == cold.citations and uncached.bibliography == cold.bibliography


def test_changing_one_field_of_one_item_re_renders_exactly_that_entry() -> None:
    items = corpus(40)
    cached(items, style="apa", citations=())
    changed = copy.deepcopy(items)
    changed[17]["title"] = "Japan and the Quad, Revisited"
    again = cached(changed, style="apa", citations=())
    assert again.stats == type(again.stats)(from_cache=False, entries_rendered=1, entries_cached=39)
    fresh = render(changed, style="apa", citations=())
    assert again.bibliography == fresh.bibliography
    assert any("Revisited" in entry for entry in again.bibliography)


def test_a_new_year_suffix_re_renders_the_entries_that_receive_it() -> None:
    """Adding a second Hornung 2022 entry gives 319 a year suffix: its entry renders again."""
    base = corpus(12)
    hornung = next(i for i in base if i["author"][0]["family"] == "Hornung")
    cached(base, style="apa", citations=())
    twin = copy.deepcopy(hornung) | {"id": "twin", "title": "Another Interview"}
    again = cached([*base, twin], style="apa", citations=())
    assert again.stats.entries_rendered == 2  # the twin and the entry that became "a"
    fresh = render([*base, twin], style="apa", citations=())
    assert again.bibliography == fresh.bibliography


def test_style_locale_and_format_changes_are_misses(tmp_path: Path) -> None:
    items = corpus(10)
    first = cached(items, style="harvard", citations=())
    assert cached(items, style="harvard", citations=(), locale="en-GB").stats.entries_cached == 0
    # another format is another document, but entries are stored before formatting
    html = cached(items, style="harvard", citations=(), fmt="html")
    assert not html.stats.from_cache and html.stats.entries_rendered == 0
    # the same style file with one edit is another style: nothing is reused
    edited = tmp_path / "harvard-edited.csl"
    text = resolve_style("harvard").read_text(encoding="utf-8")
    edited.write_text(text.replace("<title>", "<title>Edited "), encoding="utf-8")
    other = cached(items, style=str(edited), citations=())
    assert other.stats.entries_cached == 0 and other.bibliography == first.bibliography


def test_an_unwritable_cache_folder_only_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TRANSPACIFIC_CITE_CACHE", str(blocker / "cache"))
    items = corpus(5)
    rendered = cached(items, style="apa", citations=())
    assert rendered.stats.entries_rendered == 5 and len(rendered.bibliography) == 5


def _damage_cache(needle: bytes, replacement: bytes) -> int:
    """Overwrite every copy of ``needle`` in the render cache's file (as a bad disk would)."""
    from transpacific_cite._paths import cache_dir
    from transpacific_cite._render.cache import FILE_NAME

    path = cache_dir() / FILE_NAME
    assert len(needle) == len(replacement)  # pages keep their layout: only values change
    data = path.read_bytes()
    count = data.count(needle)
    path.write_bytes(data.replace(needle, replacement))
    return count


@pytest.mark.parametrize(
    ("needle", "replacement"),
    [
        pytest.param(b'{"citations"', b"#not-json!#!", id="document-row-not-json"),
        pytest.param(b"Quad, Part 7", b"QUAD, PART 7", id="entry-text-altered"),
    ],
)
def test_damaged_cache_rows_are_misses_never_served(needle: bytes, replacement: bytes) -> None:
    """SQLite checks its pages, not the bytes of a value: a damaged row (not JSON any more,
    or a title changed in place) must be rendered afresh, never raised or served."""
    items = corpus(10)
    expected = render(items, citations(items), style="chicago")
    cached(items, citations(items), style="chicago")
    cached(items, citations(items), style="chicago", fmt="html")  # entries shared by formats
    assert _damage_cache(needle, replacement) >= 1
    again = cached(items, citations(items), style="chicago")
    assert (again.citations, again.bibliography) == (expected.citations, expected.bibliography)
    assert not again.stats.from_cache
