"""Every command that takes an INPUT resolves catalog numbers and keys from ``--catalog PATH``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transpacific_cite._cli import main

from .conftest import EXAMPLES


@pytest.fixture
def catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.delenv("TRANSPACIFIC_CITE_CATALOG", raising=False)
    path = str(tmp_path / "catalog.sqlite3")
    assert main(["add", str(EXAMPLES / "319-hornung.json"), "--catalog", path]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("spec", ["319", "hornung2022tpv319"])
def test_parse_export_and_pinpoint_read_from_the_catalog(
    catalog: str, spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", spec, "--json", "--catalog", catalog]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed == json.loads((EXAMPLES / "319-hornung.json").read_text(encoding="utf-8"))

    assert main(["export", spec, "--to", "csl-json", "--catalog", catalog]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["id"], item["collection-number"]) == ("hornung2022tpv319", 319)

    assert main(["pinpoint", spec, "q3", "--as", "pandoc", "--catalog", catalog]) == 0
    assert capsys.readouterr().out == "[@hornung2022tpv319, sec. 3]\n"

    assert main(["cite", spec, "q3", "--style", "apa", "--catalog", catalog]) == 0
    assert capsys.readouterr().out == "(Hornung, 2022, Section 3)\n"

    assert main(["bibliography", spec, "--style", "apa", "--catalog", catalog]) == 0
    assert capsys.readouterr().out.startswith("Hornung, J. (2022, May 16). Ukraine War")


def test_a_number_missing_from_the_catalog_is_one_line_exit_2(
    catalog: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "486", "--to", "bibtex", "--catalog", catalog]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("transpacific-cite: error: ")
    assert "486" in captured.err and captured.err.count("\n") == 1
