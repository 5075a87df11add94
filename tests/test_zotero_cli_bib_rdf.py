"""``zotero enrich`` on .bib and Zotero RDF exports, and ``--to bibtex|biblatex|zotero-rdf``,
run through ``cli.main`` as a user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transpacific_cite._cli import main
from transpacific_cite._formats import bibtex, zotero_rdf
from transpacific_cite._zotero.enrich import enrich_text
from transpacific_cite._zotero.recognise import recognise

from .conftest import FIXTURES

LIBRARY = FIXTURES / "zotero"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("library.biblatex.bib", bibtex),
        ("library.bibtex.bib", bibtex),
        ("library.rdf", zotero_rdf),
    ],
)
def test_cli_enriches_in_the_inputs_format(
    name: str, module: object, capsys: pytest.CaptureFixture[str]
) -> None:
    path = LIBRARY / name
    status, out, err = run(["zotero", "enrich", str(path)], capsys)
    assert status == 0, err
    expected = module.enrich(  # type: ignore[attr-defined]
        path.read_text(encoding="utf-8"), source=str(path), recognise=recognise
    )
    assert out == expected.text
    assert err.splitlines() == list(expected.reports)
    assert len(err.splitlines()) == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "broken.bib",
            "@misc{a,\n  title = {x}\n}\n\n@misc{b,\n  title = {unclosed,\n}\n",
            r"line 5: a broken \.bib entry: ",
            id="bib",
        ),
        pytest.param(
            "broken.rdf",
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n  <rdf:Description>\n',
            r"line \d+, column \d+: not well-formed XML",
            id="rdf",
        ),
        pytest.param(
            "xxe.rdf",
            '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;</rdf:RDF>\n',
            r"line 2: a document type declaration \(<!DOCTYPE> or <!ENTITY>\) is refused",
            id="xxe",
        ),
    ],
)
def test_broken_files_exit_2_one_line_nothing_written(
    name: str, content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / name
    broken.write_text(content, encoding="utf-8")
    out = tmp_path / ("out" + broken.suffix)
    status, stdout, err = run(["zotero", "enrich", str(broken), "-o", str(out)], capsys)
    assert status == 2
    assert stdout == ""
    assert err.startswith(f"transpacific-cite: error: {broken}: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.search(message, err), err
    assert not out.exists() and list(tmp_path.iterdir()) == [broken]
    assert "root:" not in err  # nothing of /etc/passwd


@pytest.mark.parametrize(
    ("name", "to", "reader"),
    [
        ("library.csl.json", "zotero-rdf", zotero_rdf.read_items),
        ("library.csl.json", "biblatex", bibtex.read_items),
        ("library.ris", "bibtex", bibtex.read_items),
        ("library.biblatex.bib", "zotero-rdf", zotero_rdf.read_items),
        ("library.rdf", "biblatex", bibtex.read_items),
    ],
)
def test_cli_to_bib_and_rdf(
    name: str, to: str, reader: object, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["zotero", "enrich", str(LIBRARY / name), "--to", to], capsys)
    assert status == 0, err
    items = reader(out, source="out")  # type: ignore[operator]
    interviews = [i for i in items if i["type"] == "interview"]
    assert len(interviews) == len(err.splitlines()) >= 3
    for item in interviews:
        assert item["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
        assert {"family": "Kuo", "given": "Mercy A."} not in item["author"]
    # the result is itself an enriched library: enriching it again changes nothing
    assert enrich_text(out, source="out").text == out


def test_to_the_librarys_own_dialect_keeps_it_as_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = LIBRARY / "library.biblatex.bib"
    plain = run(["zotero", "enrich", str(path)], capsys)
    same = run(["zotero", "enrich", str(path), "--to", "biblatex"], capsys)
    assert same == plain
    other = run(["zotero", "enrich", str(path), "--to", "bibtex"], capsys)
    assert other[0] == 0 and other[1] != plain[1]
    assert "@misc{kuoJapanSpaceStrategy2023," in other[1]
