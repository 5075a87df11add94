"""Issue 5: the fast paths change no output, and the render cache invalidates exactly.

Guards: the position index against citeproc-py's own position test, the two-core split
against a serial run, cached renders against fresh ones; and the cache's invalidation:
changing one field of one item re-renders exactly that entry; a changed style, locale,
disambiguation or engine renders again.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
from pathlib import Path
from typing import Any

import pytest
from citeproc import model
from citeproc.source import Citation, CitationItem

from transpacific_cite.formats.csl import to_csl_data
from transpacific_cite.keys import assign_keys
from transpacific_cite.model import Interview, Person
from transpacific_cite.render import Cite, load_style, render, resolve_style
from transpacific_cite.render.engine import _Locator
from transpacific_cite.render.fast import CiteHistory
from transpacific_cite.render.parallel import MIN_ITEMS, SERIAL_ENV, can_split, split_map

FAMILIES = ["Hornung", "Ōta", "Smith", "van der Berg", "Lee", "Kim"]


def corpus(n: int) -> list[dict[str, Any]]:
    """``n`` invented series entries; names and years repeat so disambiguation has work."""
    interviews = [
        Interview(
            number=i,
            title=f"Japan and the Quad, Part {i}",
            interviewers=(Person("Kuo", "Mercy A."),),
            interviewees=(Person(FAMILIES[i % len(FAMILIES)], ["Jeffrey", "Anna"][i % 2]),),
            published=dt.date(2020 + i % 3, 1 + i % 12, 1 + i % 28),
            url=f"https://thediplomat.com/2022/05/entry-{i}/",
        )
        for i in range(1, n + 1)
    ]
    return to_csl_data(interviews, assign_keys(interviews))


def citations(items: list[dict[str, Any]]) -> list[list[Cite]]:
    result = []
    for index, item in enumerate(items):
        result.append([Cite(item["id"], label="section", locator=str(1 + index % 5))])
        if index % 3 == 0:  # same item again: ibid / subsequent
            result.append([Cite(item["id"], label="section", locator="2")])
    return result


# --- the position index -----------------------------------------------------------------------


def test_position_index_answers_as_citeproc_py_scan_does() -> None:
    """Every position test, on a long random history, equals citeproc-py's own scan."""
    style = load_style("chicago")
    root = style.engine_style.root
    condition = next(e for e in root.iter("{*}if") if e.get("position"))
    layout = root.citation.layout
    citation_element = root.citation
    generator = random.Random(5)
    history: list[Any] = []
    indexed = CiteHistory()
    checked = 0
    for _ in range(400):
        keys = generator.sample(["a", "b", "c", "d"], generator.choice([1, 1, 1, 2]))
        items = []
        for key in keys:
            locator = generator.choice([None, "1", "2"])
            extra = {"locator": _Locator("section", locator)} if locator else {}
            items.append(CitationItem(key, **extra))
        Citation(items)
        for item in items:
            for position in ("first", "subsequent", "ibid", "ibid-with-locator", "near-note"):
                condition.set("position", position)
                citation_element.cites = history
                if position == "near-note":
                    expected = _near_note_by_scan(history, item, distance=5)
                else:
                    expected = model.If._position(condition, item, layout)
                citation_element.cites = indexed
                assert condition._position(item, layout) == (
                    expected if isinstance(expected, list) else [expected]
                ), (position, item.key, len(history))
                checked += 1
            history.append(item)
            indexed.append(item)
    assert checked == 5 * len(history) > 2000


def _near_note_by_scan(history: list[Any], item: Any, *, distance: int) -> bool:
    """CSL's near-note: cited within ``distance`` citations back (a plain scan)."""
    citations, previous = 1, None
    for cite in reversed(history):
        if item.key == cite.key and citations <= distance:
            return True
        if cite.citation is not previous:
            citations += 1
            previous = cite.citation
    return False


# --- two cores --------------------------------------------------------------------------------


def test_split_map_equals_a_serial_map() -> None:
    units = list(range(MIN_ITEMS * 3 + 1))
    assert split_map(lambda x: (x, str(x) * 2), units) == [(x, str(x) * 2) for x in units]


def test_split_map_recomputes_when_the_child_fails() -> None:
    parent = os.getpid()

    def only_here(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("fails in the child")
        return x + 1

    units = list(range(MIN_ITEMS * 2))
    assert split_map(only_here, units) == [x + 1 for x in units]


@pytest.mark.skipif(not can_split(MIN_ITEMS), reason="needs two cores and fork")
@pytest.mark.parametrize("style", ["chicago", "apa", "mla"])
def test_split_run_equals_serial_run(style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    items = corpus(150)
    split = render(items, citations(items), style=style, fmt="html", cache=False)
    monkeypatch.setenv(SERIAL_ENV, "1")
    serial = render(items, citations(items), style=style, fmt="html", cache=False)
    assert split == serial
    assert len(split.bibliography) == 150


# --- the render cache -------------------------------------------------------------------------


def test_unchanged_document_is_served_whole_and_identical() -> None:
    items = corpus(40)
    cold = render(items, citations(items), style="chicago", fmt="html")
    assert not cold.stats.from_cache and cold.stats.entries_rendered == 40
    warm = render(items, citations(items), style="chicago", fmt="html")
    assert warm.stats.from_cache
    assert (warm.citations, warm.bibliography, warm.warnings) == (
        cold.citations,
        cold.bibliography,
        cold.warnings,
    )
    uncached = render(items, citations(items), style="chicago", fmt="html", cache=False)
    assert uncached.citations == cold.citations and uncached.bibliography == cold.bibliography


def test_changing_one_field_of_one_item_re_renders_exactly_that_entry() -> None:
    items = corpus(40)
    render(items, style="apa", citations=())
    changed = copy.deepcopy(items)
    changed[17]["title"] = "Japan and the Quad, Revisited"
    again = render(changed, style="apa", citations=())
    assert again.stats == type(again.stats)(from_cache=False, entries_rendered=1, entries_cached=39)
    fresh = render(changed, style="apa", citations=(), cache=False)
    assert again.bibliography == fresh.bibliography
    assert any("Revisited" in entry for entry in again.bibliography)


def test_a_new_year_suffix_re_renders_the_entries_that_receive_it() -> None:
    """Adding a second Hornung 2022 entry gives 319 a year suffix: its entry renders again."""
    base = corpus(12)
    hornung = next(i for i in base if i["author"][0]["family"] == "Hornung")
    render(base, style="apa", citations=())
    twin = copy.deepcopy(hornung) | {"id": "twin", "title": "Another Interview"}
    again = render([*base, twin], style="apa", citations=())
    assert again.stats.entries_rendered == 2  # the twin and the entry that became "a"
    fresh = render([*base, twin], style="apa", citations=(), cache=False)
    assert again.bibliography == fresh.bibliography


def test_style_locale_and_format_changes_are_misses(tmp_path: Path) -> None:
    items = corpus(10)
    first = render(items, style="harvard", citations=())
    assert render(items, style="harvard", citations=(), locale="en-GB").stats.entries_cached == 0
    # another format is another document, but entries are stored before formatting
    html = render(items, style="harvard", citations=(), fmt="html")
    assert not html.stats.from_cache and html.stats.entries_rendered == 0
    # the same style file with one edit is another style: nothing is reused
    edited = tmp_path / "harvard-edited.csl"
    text = resolve_style("harvard").read_text(encoding="utf-8")
    edited.write_text(text.replace("<title>", "<title>Edited "), encoding="utf-8")
    other = render(items, style=str(edited), citations=())
    assert other.stats.entries_cached == 0 and other.bibliography == first.bibliography


def test_an_unwritable_cache_folder_only_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TRANSPACIFIC_CITE_CACHE", str(blocker / "cache"))
    items = corpus(5)
    rendered = render(items, style="apa", citations=())
    assert rendered.stats.entries_rendered == 5 and len(rendered.bibliography) == 5


def _damage_cache(needle: bytes, replacement: bytes) -> int:
    """Overwrite every copy of ``needle`` in the render cache's file (as a bad disk would)."""
    from transpacific_cite.paths import cache_dir
    from transpacific_cite.render.cache import FILE_NAME

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
    expected = render(items, citations(items), style="chicago", cache=False)
    render(items, citations(items), style="chicago")
    render(items, citations(items), style="chicago", fmt="html")  # entries shared by formats
    assert _damage_cache(needle, replacement) >= 1
    again = render(items, citations(items), style="chicago")
    assert (again.citations, again.bibliography) == (expected.citations, expected.bibliography)
    assert not again.stats.from_cache


POSITION_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>Position probe</title><id>http://example.org/position-probe</id>
    <updated>2026-11-24T00:00:00+00:00</updated></info>
  <citation><layout>
    <choose><if position="subsequent"><text value="again"/></if>
      <else><text variable="title"/></else></choose>
  </layout></citation>
</style>
"""


@pytest.mark.skipif(not can_split(MIN_ITEMS), reason="needs two cores and fork")
def test_split_citations_fall_back_when_a_first_half_cite_prints_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An untitled item prints nothing, so it never enters the position history: cited again
    in the second half it is still "first" (and prints nothing again), never "again"."""
    style = tmp_path / "position-probe.csl"
    style.write_text(POSITION_STYLE, encoding="utf-8")
    items = [{"id": f"t{i}", "type": "interview", "title": f"Title {i}"} for i in range(100)]
    items.append({"id": "untitled", "type": "interview"})
    document = [[Cite("untitled")]] + [[Cite(f"t{i}")] for i in range(100)] + [[Cite("untitled")]]
    split = render(items, document, style=str(style), bibliography=False, cache=False)
    monkeypatch.setenv(SERIAL_ENV, "1")
    serial = render(items, document, style=str(style), bibliography=False, cache=False)
    assert split == serial
    assert split.citations[0] == split.citations[-1] == ""
    assert split.citations[1:3] == ("Title 0", "Title 1")
    assert split.warnings == ("untitled: the style printed nothing for it",) * 2
