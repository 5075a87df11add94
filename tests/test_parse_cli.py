"""``transpacific-cite parse``: the summary, the model JSON, warnings and one-line errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from transpacific_cite._cli import main

from .conftest import EXAMPLES, FIXTURES, shared_file

HTML_319 = FIXTURES / "html" / "319-hornung.html"


def test_seed_json(capsys: pytest.CaptureFixture[str]) -> None:
    seed = shared_file("seed", "319-article.txt")
    assert main(["parse", str(seed), "--json"]) == 0
    out, err = capsys.readouterr()
    model = json.loads(out)
    assert model["number"] == 319
    assert model["publication"] == "The Diplomat"
    assert model["title"] == "The impact on Japanese-Russian relations"
    assert model["published"] is None
    assert [p["given"] + " " + p["family"] for p in model["interviewers"]] == ["Mercy Kuo"]
    assert model["interviewees"] == [
        {
            "given": "Jeffrey",
            "family": "Hornung",
            "honorific": "Dr.",
            "description": "senior political scientist at RAND Corporation",
            "organization": "RAND Corporation",
        }
    ]
    assert [len(s["paragraphs"]) for s in model["sections"]] == [4, 2, 1, 2, 1]
    assert "Click here" not in out
    assert err == f"warning: {seed}: no publication date found\n"


def test_json_is_indented_and_not_ascii_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(HTML_319), "--json"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n  "series": "The Trans-Pacific View Insight Series",\n')
    assert "Tokyo’s" in out
    assert out.endswith("}\n")


def test_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(HTML_319)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[:8] == [
        "The Trans-Pacific View Insight Series, no. 319",
        "Title:       Ukraine War: The Impact on Japan-Russia Relations",
        "Publication: The Diplomat",
        "Published:   2022-05-16",
        "URL:         https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/",
        "Interviewer: Mercy A. Kuo",
        "Interviewee: Dr. Jeffrey Hornung, senior political scientist at RAND Corporation "
        "[organization: RAND Corporation]",
        "Sections:    5",
    ]
    assert lines[8] == (
        "  1. Identify the three main impacts of the war in Ukraine on Japanese-Russian "
        "relations. (4 paragraphs)"
    )
    assert lines[10].endswith("(1 paragraph)")
    assert len(lines) == 13


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (FIXTURES / "text" / "page-chrome.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["parse", "-", "--json"]) == 0
    out, err = capsys.readouterr()
    model = json.loads(out)
    assert (model["number"], model["published"]) == (112, "2022-05-16")
    assert err == ""


def test_warnings_go_to_stderr_only(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "text" / "description-lost-dash-stroke.txt"
    assert main(["parse", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "warning" not in out
    assert err.splitlines() == [
        f"warning: {path}: dash guessed: the intro lost the dash around the interviewee's "
        "description",
        f"warning: {path}: no publication date found",
    ]


def test_model_json_input_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    example = EXAMPLES / "319-hornung.json"
    assert main(["parse", str(example), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(example.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "html/not-series.html",
            "not an entry of The Trans-Pacific View Insight Series: no series intro",
            id="not-series",
        ),
        pytest.param("text/error-no-number.txt", "no series number in the intro", id="no-number"),
        pytest.param("text/error-rebalance.txt", "The Rebalance Insight Series", id="rebalance"),
        pytest.param("missing.txt", "no such file", id="missing-file"),
    ],
)
def test_errors_are_one_line_exit_2(
    name: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(FIXTURES / name)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("transpacific-cite: error: ")
    assert message in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty input: no text to read", id="empty"),
        pytest.param(
            b"\x00\x01\x02binary", "binary data (NUL bytes), not article text or HTML", id="binary"
        ),
        pytest.param(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n",
            "a PDF document, not article text or HTML (save the article as a web page, or copy "
            "its text)",
            id="pdf",
        ),
        pytest.param(
            b"\x81\x8d\x8f",
            "undecodable bytes: neither UTF-8 nor cp1252 (byte 0x81 at offset 0)",
            id="undecodable",
        ),
    ],
)
def test_bad_bytes_exit_2(
    data: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"transpacific-cite: error: {path}: {message}\n"
    assert path.read_bytes() == data  # the input is never modified


def test_a_name_too_long_to_look_up_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = str(tmp_path / ("a" * 300))  # os.stat raises ENAMETOOLONG, not FileNotFoundError
    assert main(["parse", name]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"transpacific-cite: error: {name}: cannot read (File name too long)\n"
