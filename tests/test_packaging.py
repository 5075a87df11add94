"""Packaging: our styles/ are found by an editable install and by an installed wheel alike."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import transpacific_cite
from transpacific_cite._paths import styles_dir

from .conftest import ROOT


def test_editable_install_finds_the_top_level_styles_folder() -> None:
    package = Path(transpacific_cite.__file__).resolve().parent
    if package != ROOT / "src" / "transpacific_cite":
        pytest.skip("the package under test is not the source tree (not an editable install)")
    assert styles_dir() == ROOT / "styles"
    assert (styles_dir() / "README.md").is_file()


@pytest.mark.slow
def test_wheel_carries_styles_and_finds_them(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("transpacific_cite-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.removeprefix("transpacific_cite/styles/") for n in names if "/styles/" in n)
    expected = sorted(p.name for p in (ROOT / "styles").iterdir() if p.is_file())
    assert shipped == expected
    assert "transpacific_cite/py.typed" in names

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from transpacific_cite._paths import styles_dir; print(styles_dir())",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert Path(probe.stdout.strip()) == target / "transpacific_cite" / "styles"
