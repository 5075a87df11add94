"""README's Python API section: every example runs, and every public name has one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import transpacific_cite

from .conftest import ROOT

README = ROOT / "README.md"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_the_python_api_examples_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The blocks run in order in one namespace, from the clone's top folder, as written;
    each asserts what it shows, so a changed output fails here."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "catalog.sqlite3"))
    blocks = re.findall(r"```python\n(.*?)```", section("Python API"), re.S)
    assert len(blocks) >= 6
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"README.md Python API block {number}", "exec"), namespace)


def test_every_public_name_has_an_example() -> None:
    api = section("Python API")
    code = "\n".join(re.findall(r"```python\n(.*?)```", api, re.S))
    missing = [name for name in transpacific_cite.__all__ if f"tpc.{name}" not in code]
    assert missing == []
