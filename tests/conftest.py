"""Shared test set-up: hypothesis profiles, paths to fixtures, examples and ../shared/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
# The CSL-JSON schema (CSL 1.0.2), vendored with its MIT licence: checked on every run.
CSL_DATA_SCHEMA = ROOT / "tests" / "schemas" / "csl-data.schema.json"
VALIDATORS_HOME = Path(os.environ.get("VALIDATORS_HOME", "/tmp/tpc-validators"))

# CI must not be flaky on a busy 2-core machine: fixed examples, no deadlines.
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REQUIRE_CLIENTS = os.environ.get("TPC_REQUIRE_CLIENTS") == "1"


def need_client(name: str, path: str | Path | None = None) -> str:
    """Path of a real client program; skip (or fail when TPC_REQUIRE_CLIENTS=1) if absent."""
    found = str(path) if path is not None and Path(path).exists() else shutil.which(name)
    if not found:
        message = f"{name} is not installed (.ci/run installs it)"
        if REQUIRE_CLIENTS:
            pytest.fail(message + "; TPC_REQUIRE_CLIENTS=1 makes it mandatory")
        pytest.skip(message)
    return found


def pandoc3() -> str:
    """pandoc 3.9, the binary that the pypandoc-binary test extra ships."""
    try:
        import pypandoc
    except ImportError:  # a test extra; skip (or fail under TPC_REQUIRE_CLIENTS=1) without it
        return need_client("pandoc (pypandoc-binary)", Path("/nonexistent"))
    path = Path(pypandoc.__file__).parent / "files" / "pandoc"
    return need_client("pandoc (pypandoc-binary)", path)


def shared_file(*parts: str) -> Path:
    """A file under ../shared/; skip cleanly where ../shared/ is absent (a failure under
    TPC_REQUIRE_CLIENTS=1, see :func:`pytest_runtest_makereport`)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Under TPC_REQUIRE_CLIENTS=1 (CI) a skip is a failure, whatever skipped.

    A missing client, a missing file under ../shared/, a missing SQLite feature or a test
    extra that did not install would otherwise pass CI as a skip and hide the check it
    stands for; on a developer's bare machine they stay skips. Expected failures (xfail)
    are not skips and are left alone.
    """
    report: pytest.TestReport = yield
    if REQUIRE_CLIENTS and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under TPC_REQUIRE_CLIENTS=1, which forbids skips: {reason}"
    return report


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own empty cache folder and its own empty user data folder (where the
    default catalog lives): no test reads another's, or the user's, cache or catalog."""
    monkeypatch.setenv("TRANSPACIFIC_CITE_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("TRANSPACIFIC_CITE_CATALOG", raising=False)


@pytest.fixture
def example_319() -> Path:
    return EXAMPLES / "319-hornung.json"
