"""The two-core split (parallel.py) of a Renderer(workers=2): the same output as the pure,
serial core, and it really forks (these tests fail where fork or a second core is missing).

A process with another thread alive never forks (a fork copies only the calling thread), and
the test session keeps pytest-httpserver's server thread alive; so where another thread is
alive, each test here runs itself again in a fresh pytest process and asserts that it passed
there (:func:`alone`).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from transpacific_cite._render import Cite, Renderer, render
from transpacific_cite._render.parallel import MIN_ITEMS, split_map

from .conftest import ROOT
from .render_corpus import citations, corpus

CHILD_ENV = "TPC_SPLIT_TEST_CHILD"


def alone(request: pytest.FixtureRequest) -> bool:
    """Run the calling test in a fresh, single-threaded pytest process if this one has other
    threads; True when it did so (and it passed there), False to run it here."""
    if threading.active_count() == 1 or os.environ.get(CHILD_ENV) == "1":
        return False
    env = dict(os.environ, **{CHILD_ENV: "1"})
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout + done.stderr
    return True


@contextlib.contextmanager
def count_forks() -> Iterator[list[int]]:
    """Count the real forks made inside the block (``os.fork`` wrapped, never replaced)."""
    real_fork = os.fork
    count = [0]

    def counting_fork() -> int:
        count[0] += 1
        return real_fork()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fork", counting_fork)
        yield count


def test_split_map_equals_a_serial_map_and_really_forks(request: pytest.FixtureRequest) -> None:
    """The second half is computed in another process: where fork (or a second core) is
    missing this fails, instead of passing on a serial map."""
    if alone(request):
        return
    units = list(range(MIN_ITEMS * 3 + 1))
    mapped = split_map(lambda x: (x, str(x) * 2, os.getpid()), units)
    assert [(x, doubled) for x, doubled, _ in mapped] == [(x, str(x) * 2) for x in units]
    half = len(units) // 2
    assert {pid for *_, pid in mapped[:half]} == {os.getpid()}
    assert os.getpid() not in {pid for *_, pid in mapped[half:]}


def test_split_map_recomputes_when_the_child_fails(request: pytest.FixtureRequest) -> None:
    if alone(request):
        return
    parent = os.getpid()

    def only_here(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("fails in the child")
        return x + 1

    units = list(range(MIN_ITEMS * 2))
    with count_forks() as forks:
        assert split_map(only_here, units) == [x + 1 for x in units]
    assert forks == [1]  # the child was made, failed, and its half was recomputed here


@pytest.mark.parametrize("style", ["chicago", "apa", "mla"])
def test_split_run_equals_the_pure_serial_run(style: str, request: pytest.FixtureRequest) -> None:
    if alone(request):
        return
    items = corpus(150)
    with count_forks() as forks:
        split = Renderer(workers=2).render(items, citations(items), style=style, fmt="html")
    assert forks[0] >= 3  # sorting, citations, bibliography (at least) were split
    serial = render(items, citations(items), style=style, fmt="html")
    assert split == serial
    assert len(split.bibliography) == 150


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


def test_split_citations_fall_back_when_a_first_half_cite_prints_nothing(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """An untitled item prints nothing, so it never enters the position history: cited again
    in the second half it is still "first" (and prints nothing again), never "again"."""
    if alone(request):
        return
    style = tmp_path / "position-probe.csl"
    style.write_text(POSITION_STYLE, encoding="utf-8")
    items = [{"id": f"t{i}", "type": "interview", "title": f"Title {i}"} for i in range(100)]
    items.append({"id": "untitled", "type": "interview"})
    document = [[Cite("untitled")]] + [[Cite(f"t{i}")] for i in range(100)] + [[Cite("untitled")]]
    with count_forks() as forks:
        split = Renderer(workers=2).render(items, document, style=str(style), bibliography=False)
    assert forks == [1]  # the citations were split (and the child's half dropped)
    serial = render(items, document, style=str(style), bibliography=False)
    assert split == serial
    assert split.citations[0] == split.citations[-1] == ""
    assert split.citations[1:3] == ("Title 0", "Title 1")
    assert split.warnings == ("untitled: the style printed nothing for it",) * 2
