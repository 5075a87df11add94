"""Zotero exports as INPUT everywhere, and our own exports read back to the same interviews."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from transpacific_cite import Interview, Person, load, read, read_all
from transpacific_cite._catalog import Catalog
from transpacific_cite._cli import main
from transpacific_cite._errors import ParseError
from transpacific_cite._formats.bibtex import to_bib
from transpacific_cite._formats.csl import dumps, to_csl_data
from transpacific_cite._formats.ris import to_ris
from transpacific_cite._formats.zotero_rdf import to_rdf

from .conftest import FIXTURES, shared_file

LIBRARY = FIXTURES / "zotero"
URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"


@pytest.fixture(autouse=True)
def _own_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "catalog.sqlite3"
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(path))
    return path


@pytest.fixture
def hornung(example_319: Path) -> Interview:
    return dataclasses.replace(load(example_319), url=URL_319, accessed=dt.date(2024, 1, 15))


def as_read_back(interview: Interview) -> Interview:
    """What an export can carry: no sections, names without honorific or description."""
    return dataclasses.replace(
        interview,
        sections=(),
        interviewees=tuple(Person(p.family, p.given) for p in interview.interviewees),
        interviewers=tuple(Person(p.family, p.given) for p in interview.interviewers),
    )


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("standard.json", lambda i: dumps(to_csl_data(i, ["k1", "k2"]))),
        ("zotero.json", lambda i: dumps(to_csl_data(i, ["k1", "k2"], flavour="zotero"))),
        ("byline.json", lambda i: dumps(to_csl_data(i, ["k1", "k2"], byline=True))),
        ("ours.ris", lambda i: to_ris(i, ["k1", "k2"])),
        ("byline.ris", lambda i: to_ris(i, ["k1", "k2"], byline=True)),
        ("ours.bib", lambda i: to_bib(i, ["k1", "k2"]).text),
        ("byline.bib", lambda i: to_bib(i, ["k1", "k2"], byline=True).text),
        ("ours.rdf", lambda i: to_rdf(i, ["k1", "k2"])),
    ],
)
def test_our_exports_read_back(
    name: str, write: object, hornung: Interview, tmp_path: Path
) -> None:
    other = Interview(
        412,
        "The East China Sea After the Summit",
        (Person("Kuo", "Mercy A."),),
        (Person("Tanaka", "Aiko"), Person("Satō", "Ryōko")),
        published=dt.date(2023, 8, 22),
        url="https://thediplomat.com/2023/08/the-east-china-sea-after-the-summit/",
    )
    path = tmp_path / name
    path.write_text(write([hornung, other]), encoding="utf-8")  # type: ignore[operator]
    results = read_all(path)
    assert [r.interview for r in results] == [as_read_back(hornung), as_read_back(other)]
    assert all(r.warnings == () for r in results)


def test_cli_export_of_a_library(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["export", str(LIBRARY / "library.csl.json"), "--to", "csl-json"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    items = json.loads(captured.out)
    assert [(i["collection-number"], i["author"][0]["family"]) for i in items] == [
        (412, "Tanaka"),
        (486, "Núñez"),
        (500, "Lee"),
    ]
    assert captured.err.splitlines() == [
        f"warning: {LIBRARY / 'library.csl.json'}: 2 item(s) are not series entries and were "
        "left out: http://zotero.org/users/4711/items/Q3R5S7T9, "
        "http://zotero.org/users/4711/items/V4W6X8Y2",
        f"warning: {LIBRARY / 'library.csl.json'}: 1 series item(s) with no known number were "
        "left out: http://zotero.org/users/4711/items/5JQHV8TC (add the entry to the catalog, "
        "or run zotero enrich --fetch)",
    ]


def test_cli_add_a_library_then_the_catalog_numbers_319(
    _own_catalog: Path, hornung: Interview, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(LIBRARY / "library.bbt.json")]) == 0
    out = capsys.readouterr().out
    assert [line.split("\t")[0] for line in out.splitlines()] == ["412", "486", "500"]
    with Catalog(_own_catalog) as catalog:
        catalog.put(hornung, kind="page", source=URL_319)
    # now the "Insights from" item of the same library is numbered by its URL
    status = main(["bibliography", str(LIBRARY / "library.ris"), "--style", "apa"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "Hornung, J. (2022" in captured.out and "Tanaka, A. (2023" in captured.out


def test_cli_one_entry_commands(
    _own_catalog: Path, hornung: Interview, capsys: pytest.CaptureFixture[str]
) -> None:
    blog = shared_file("zotero", "diplomat-319", "blogpost.csljson.json")
    assert main(["cite", str(blog), "--style", "chicago"]) == 2
    assert "no series entry with a known number" in capsys.readouterr().err
    with Catalog(_own_catalog) as catalog:
        catalog.put(hornung, kind="page", source=URL_319)
    assert main(["cite", str(blog), "--style", "chicago"]) == 0
    assert "Hornung" in capsys.readouterr().out
    assert main(["cite", str(LIBRARY / "library.csl.json"), "--style", "chicago"]) == 2
    assert "holds 4 series entries (412, 486, 319, 500); this command takes one" in (
        capsys.readouterr().err
    )


def test_read_wants_one_entry() -> None:
    with pytest.raises(ParseError, match=r"holds 3 series entries \(412, 486, 500\)"):
        read(LIBRARY / "library.csl.json")


def test_sniff() -> None:
    from transpacific_cite._formats.sniff import sniff

    assert sniff('\ufeff[\n\t{\n\t\t"id": 1') == "json"
    assert sniff("[]") == "json"
    assert sniff('  {"items": []}') == "json"
    assert sniff("[Photo: Depositphotos]\nThis conversation with ...") is None
    assert sniff("\r\nTY  - BLOG\r\n") == "ris"
    assert sniff("% quality report\n@online{key,\n") == "bib"
    assert sniff('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x">') == "zotero-rdf"
    assert sniff("<!doctype html><html>") is None
