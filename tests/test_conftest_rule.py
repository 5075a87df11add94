"""The conftest rule: under TPC_REQUIRE_CLIENTS=1 any skip fails; without it, it skips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PROBE = """
import pytest
from tests.conftest import shared_file

def test_missing_shared_file():
    shared_file("no-such-folder", "no-such-file.txt")

@pytest.mark.skipif(True, reason="a client is missing")
def test_marked_skip():
    pass

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_failure():
    assert False
"""


@pytest.mark.parametrize(
    ("required", "summary"),
    [
        pytest.param("1", "1 failed, 1 xfailed, 1 error", id="required"),  # skipif: an error
        pytest.param("0", "2 skipped, 1 xfailed", id="not-required"),
    ],
)
def test_skips_fail_only_when_clients_are_required(
    required: str, summary: str, tmp_path: Path
) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    env = dict(os.environ, TPC_REQUIRE_CLIENTS=required, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(probe)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert summary in done.stdout, done.stdout + done.stderr
    if required == "1":
        assert "forbids skips" in done.stdout
