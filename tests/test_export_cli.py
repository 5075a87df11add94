"""The ``export`` and ``pinpoint`` commands, run through ``cli.main`` as a user would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from transpacific_cite import Interview, Person, load
from transpacific_cite._cli import main

from .conftest import EXAMPLES, FIXTURES

EXAMPLE = str(EXAMPLES / "319-hornung.json")
GOLDEN = FIXTURES / "export"


def write_model(path: Path, interview: Interview) -> str:
    path.write_text(json.dumps(interview.to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def with_url(tmp_path: Path) -> str:
    entry = dataclasses.replace(
        load(EXAMPLE),
        url="https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/",
        accessed=dt.date(2024, 1, 15),
    )
    return write_model(tmp_path / "319-url.json", entry)


@pytest.mark.parametrize(
    ("to", "golden"),
    [
        pytest.param("csl-json", "319.csl.json", id="csl-json"),
        pytest.param("zotero-csl-json", "319.zotero.csl.json", id="zotero"),
        pytest.param("biblatex", "319.biblatex.bib", id="biblatex"),
        pytest.param("bibtex", "319.bibtex.bib", id="bibtex"),
        pytest.param("ris", "319.ris", id="ris"),
        pytest.param("zotero-rdf", "319.zotero.rdf", id="zotero-rdf"),
    ],
)
def test_export_to_stdout(capsys: pytest.CaptureFixture[str], to: str, golden: str) -> None:
    assert main(["export", EXAMPLE, "--to", to]) == 0
    out, err = capsys.readouterr()
    assert out == (GOLDEN / golden).read_text(encoding="utf-8")
    assert err == ""


@pytest.mark.parametrize(
    ("name", "golden"),
    [
        pytest.param("out.json", "319.csl.json", id="json"),
        pytest.param("out.bib", "319.biblatex.bib", id="bib"),
        pytest.param("OUT.RIS", "319.ris", id="ris-upper"),
        pytest.param("refs.rdf", "319.zotero.rdf", id="rdf"),
    ],
)
def test_output_suffix_decides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, golden: str
) -> None:
    out = tmp_path / name
    assert main(["export", EXAMPLE, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (GOLDEN / golden).read_text(encoding="utf-8")
    note = (
        f"note: {out}: writing biblatex; for BibTeX (\\bibliographystyle) use --to bibtex\n"
        if name.endswith(".bib")
        else ""
    )
    assert capsys.readouterr() == ("", note)


def test_to_wins_over_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    assert main(["export", EXAMPLE, "--to", "bibtex", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (GOLDEN / "319.bibtex.bib").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            [],
            "transpacific-cite: error: say which format: --to "
            "csl-json|zotero-csl-json|biblatex|bibtex|ris|zotero-rdf, or -o a file ending in .json, .bib, .ris or .rdf",
            id="neither",
        ),
        pytest.param(
            ["-o", "refs.txt"],
            "transpacific-cite: error: cannot tell the format from 'refs.txt'; give --to "
            "csl-json|zotero-csl-json|biblatex|bibtex|ris|zotero-rdf or an output file ending in .json, .bib, .ris or .rdf",
            id="unknown-suffix",
        ),
    ],
)
def test_no_format_is_a_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", EXAMPLE, *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == message + "\n"
    assert list(tmp_path.iterdir()) == []


def test_several_inputs_go_into_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], with_url: str
) -> None:
    other = write_model(
        tmp_path / "7.json",
        Interview(7, "Taiwan and 陳", (Person("Kuo", "Mercy A."),), (Person("Satō", "Ryōko"),)),
    )
    out = tmp_path / "refs.json"
    assert main(["export", with_url, other, "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [item["id"] for item in data] == ["hornung2022tpv319", "satondtpv7"]
    assert data[1]["title"] == "Taiwan and 陳"
    # the same input twice: written once, and a warning says so (the rule `bibliography`
    # follows too: transpacific_cite.unique_interviews)
    assert main(["export", EXAMPLE, EXAMPLE, "--to", "csl-json"]) == 0
    out, err = capsys.readouterr()
    assert [item["id"] for item in json.loads(out)] == ["hornung2022tpv319"]
    assert err == f"warning: {EXAMPLE}: the same entry as an earlier INPUT (no. 319); listed once\n"
    # another version of 319 (here: with a URL) is kept under its own key, with a warning
    assert main(["export", EXAMPLE, with_url, "--to", "csl-json"]) == 0
    out, err = capsys.readouterr()
    assert [item["id"] for item in json.loads(out)] == ["hornung2022tpv319a", "hornung2022tpv319b"]
    assert err == (
        f"warning: {with_url}: another version of interview 319 (first given as {EXAMPLE}); "
        "both are listed\n"
    )


def test_key_format_and_byline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", EXAMPLE, "--to", "biblatex", "--key-format", "bbt", "--byline"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("@article{hornungUkraineWarImpact2022,\n  author = {Kuo, Mercy A.},\n")
    assert "titleaddon = {interview with {Jeffrey Hornung}}" in out


def test_bibtex_warnings_are_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cjk = write_model(tmp_path / "cjk.json", Interview(8, "On 陳", (), (Person("Chen"),)))
    assert main(["export", cjk, "--to", "bibtex"]) == 0
    out, err = capsys.readouterr()
    assert "title = {{On 陳}}" in out
    assert err == (
        "warning: chenndtpv8: title: '陳' (U+9673) has no LaTeX escape; kept as UTF-8 "
        "(classic BibTeX styles such as alpha.bst may mislabel it)\n"
    )


def test_failed_export_leaves_the_old_file_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "refs.bib"
    old = b"@misc{old,\n  title = {Kept}\n}\n\x00 raw bytes \xff\n"
    out.write_bytes(old)
    broken = tmp_path / "broken.json"
    broken.write_text('{"number": 319, "interviewees": []}', encoding="utf-8")
    assert main(["export", EXAMPLE, str(broken), "-o", str(out)]) == 2
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "refs.bib"]
    err = capsys.readouterr().err
    assert err.startswith("transpacific-cite: error: ")
    assert "an interview needs at least one interviewee" in err


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_output_that_is_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    """Regression: ``export a.json -o a.json`` used to replace the input with CSL-JSON."""
    source = tmp_path / "319.json"
    source.write_bytes((EXAMPLES / "319-hornung.json").read_bytes())
    before = source.read_bytes()
    output = {
        "same": source,
        "dotted": tmp_path / "." / "319.json",
        "symlink": tmp_path / "link.json",
    }[spelling]
    if spelling == "symlink":
        output.symlink_to(source)
    assert main(["export", EXAMPLE, str(source), "-o", str(output)]) == 2
    assert source.read_bytes() == before
    assert capsys.readouterr() == (
        "",
        f"transpacific-cite: error: {output}: is also an input; "
        "an input file is never overwritten\n",
    )


def test_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "nope.json"), "--to", "ris"]) == 2
    assert (
        capsys.readouterr().err
        == f"transpacific-cite: error: {tmp_path / 'nope.json'}: no such file\n"
    )


# -- pinpoint -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        pytest.param(
            ["q3"],
            '{"id": "hornung2022tpv319", "label": "section", "locator": "3"}',
            id="csl-default",
        ),
        pytest.param(
            ["3.2", "--as", "csl"],
            '{"id": "hornung2022tpv319", "label": "section", "locator": "3, para. 2"}',
            id="csl-paragraph",
        ),
        pytest.param(
            ["q2-q4", "--as", "csl"],
            '{"id": "hornung2022tpv319", "label": "section", "locator": "2-4"}',
            id="csl-range",
        ),
        pytest.param(
            ["q3", "--as", "latex"], r"\autocite[sec.~3]{hornung2022tpv319}", id="biblatex"
        ),
        pytest.param(
            ["q3", "--as", "latex", "--dialect", "bibtex"],
            r"\cite[sec.~3]{hornung2022tpv319}",
            id="bibtex",
        ),
        pytest.param(["section 3", "--as", "pandoc"], "[@hornung2022tpv319, sec. 3]", id="pandoc"),
        pytest.param(
            ["q3", "--as", "pandoc", "--key-format", "bbt"],
            "[@hornungUkraineWarImpact2022, sec. 3]",
            id="pandoc-bbt",
        ),
    ],
)
def test_pinpoint_forms(capsys: pytest.CaptureFixture[str], args: list[str], printed: str) -> None:
    assert main(["pinpoint", EXAMPLE, *args]) == 0
    assert capsys.readouterr() == (printed + "\n", "")


def test_pinpoint_link(capsys: pytest.CaptureFixture[str], with_url: str) -> None:
    assert main(["pinpoint", with_url, "q3", "--as", "link"]) == 0
    assert capsys.readouterr().out == (
        "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
        "#:~:text=What%20calculations%20if%20Japan%20faced%20Sino%2DAmerican%20geostrategic%20competition\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["q7"], "interview 319 has 5 sections; there is no section 7", id="past-end"),
        pytest.param(
            ["q3", "--as", "link"],
            "interview 319 has no URL, so there is no link to a section of it",
            id="no-url",
        ),
        pytest.param(
            ["question three"],
            "cannot read pinpoint 'question three'; accepted forms:",
            id="unreadable",
        ),
    ],
)
def test_pinpoint_errors_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["pinpoint", EXAMPLE, *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("transpacific-cite: error: " + message)
    assert err.count("\n") == 1
