"""Recorded runs: ``bibliography`` run again on unchanged inputs prints its recorded result.

The record is keyed by the inputs' file-system entries (identity, size, times), the options,
the style's bytes, the catalog and the code. These tests run the command as a user does and
check that a replay prints exactly what the run printed, warnings included, reads no input,
and that any change a user can make (an edited file, an option, a catalog entry, a file edited
within the clock's resolution) is a fresh run.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from transpacific_cite._cli import _common, _recorded, main

from .conftest import EXAMPLES
from .test_render import RENDER_FIXTURES

HOUR_AGO = time.time() - 3600
CHICAGO_319 = (
    "Hornung, Jeffrey. “Ukraine War: The Impact on Japan-Russia Relations.” Interview by Mercy "
    "A. Kuo. The Diplomat, The Trans-Pacific View Insight Series, May 16, 2022."
)


def _settled(path: Path) -> Path:
    """A file last modified an hour ago (its change time is now: see ``settle_at_once``)."""
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


@pytest.fixture
def settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs count as settled as soon as they exist, so these tests need not wait two seconds
    (a change time cannot be set back); the rule itself is tested with its real value."""
    monkeypatch.setattr(_recorded, "SETTLED_NS", 0)


@pytest.fixture
def entry(tmp_path: Path, settle_at_once: None) -> Path:
    return _settled(Path(shutil.copy(EXAMPLES / "319-hornung.json", tmp_path / "319.json")))


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the INPUTs the command reads (the real reader still runs)."""
    read: list[str] = []
    real = _common.read_inputs

    def counting(spec: str, **options: object) -> object:
        read.append(spec)
        return real(spec, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(_common, "read_inputs", counting)
    from transpacific_cite._cli import render_cmd

    monkeypatch.setattr(render_cmd, "read_inputs", counting)
    return read


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["bibliography", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_second_run_replays_without_reading(
    capsys: pytest.CaptureFixture[str], entry: Path, no_reading: list[str]
) -> None:
    first = _run(capsys, str(entry))
    assert first == (0, CHICAGO_319 + "\n", "")
    assert no_reading == [str(entry)]
    assert _run(capsys, str(entry)) == first
    assert no_reading == [str(entry)]  # the second run read nothing


def test_warnings_are_replayed_in_order_and_obey_quiet(
    capsys: pytest.CaptureFixture[str], entry: Path, no_reading: list[str]
) -> None:
    twice = (str(entry), str(entry))
    status, out, err = _run(capsys, *twice)
    assert (status, out) == (0, CHICAGO_319 + "\n")
    assert err.startswith("warning: ") and err.count("\n") == 1
    assert _run(capsys, *twice) == (status, out, err)
    assert _run(capsys, "-q", *twice) == (0, out, "")
    assert len(no_reading) == 2  # only the first run read (both of its INPUTs)


def test_an_edited_input_is_read_again(
    capsys: pytest.CaptureFixture[str], entry: Path, no_reading: list[str]
) -> None:
    assert _run(capsys, str(entry))[1] == CHICAGO_319 + "\n"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["title"] = "Another Title"
    entry.write_text(json.dumps(data), encoding="utf-8")
    _settled(entry)  # even with its old modification time back, its change time moved
    status, out, _ = _run(capsys, str(entry))
    assert status == 0 and "“Another Title.”" in out
    assert len(no_reading) == 2


def test_an_input_changed_within_two_seconds_is_never_recorded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_reading: list[str]
) -> None:
    fresh = Path(shutil.copy(EXAMPLES / "319-hornung.json", tmp_path / "fresh.json"))
    assert _recorded.SETTLED_NS == 2_000_000_000  # the real rule: this file is a moment old
    for _ in range(3):
        assert _run(capsys, str(fresh)) == (0, CHICAGO_319 + "\n", "")
    assert no_reading == [str(fresh)] * 3


def test_options_style_and_catalog_are_part_of_the_record(
    capsys: pytest.CaptureFixture[str], entry: Path, tmp_path: Path, no_reading: list[str]
) -> None:
    _run(capsys, str(entry))
    status, out, _ = _run(capsys, str(entry), "--style", "apa")
    assert status == 0 and out.startswith("Hornung, J. (2022, May 16).")
    catalog = tmp_path / "catalog.sqlite3"
    assert main(["add", str(entry), "--catalog", str(catalog)]) == 0
    capsys.readouterr()
    _run(capsys, str(entry), "--catalog", str(catalog))
    assert main(["add", str(RENDER_FIXTURES / "486-hornung.json"), "--catalog", str(catalog)]) == 0
    capsys.readouterr()
    _run(capsys, str(entry), "--catalog", str(catalog))  # the catalog changed: read again
    assert len(no_reading) == 4


def test_verbose_and_stdin_are_never_replayed(
    capsys: pytest.CaptureFixture[str], entry: Path, no_reading: list[str]
) -> None:
    _run(capsys, str(entry))
    status, out, err = _run(capsys, "-v", str(entry))
    assert (status, out) == (0, CHICAGO_319 + "\n")
    assert f"info: {entry}: read from the file {entry}" in err
    assert len(no_reading) == 2


def test_a_failed_run_records_nothing(
    capsys: pytest.CaptureFixture[str], entry: Path, tmp_path: Path, no_reading: list[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    _settled(broken)
    for _ in range(2):
        status, out, err = _run(capsys, str(entry), str(broken))
        assert (status, out) == (2, "")
        assert err.startswith("transpacific-cite: error: ") and err.count("\n") == 1
    assert no_reading == [str(entry), str(broken)] * 2


def test_a_removed_working_folder_is_a_plain_run(
    capsys: pytest.CaptureFixture[str],
    entry: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_reading: list[str],
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # os.getcwd() now fails: no record, and no traceback
    for _ in range(2):
        assert _run(capsys, str(entry)) == (0, CHICAGO_319 + "\n", "")
    assert no_reading == [str(entry)] * 2
