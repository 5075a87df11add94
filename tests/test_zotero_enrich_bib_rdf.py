""".bib and Zotero RDF enrichment driven by the real recogniser: the fixture libraries, Zotero's
own exports of number 319 (with and without the catalog), and real libraries that must come
out unchanged."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pybtex.database.input.bibtex import Parser as PybtexParser

from transpacific_cite import load
from transpacific_cite._catalog import Catalog
from transpacific_cite._formats import bibtex, zotero_rdf
from transpacific_cite._zotero.recognise import SeriesFacts, recognise

from .conftest import EXAMPLES, FIXTURES, SHARED
from .test_zotero_bib import BIBLATEX_NEW, BIBTEX_NEW, raw_entry
from .test_zotero_bib import by_url as bib_facts
from .test_zotero_rdf import by_url as rdf_facts

URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
MODULES = {".bib": bibtex, ".rdf": zotero_rdf, ".xml": zotero_rdf}


def real_exports() -> list[Any]:
    folder = SHARED / "zotero" / "real-exports"
    files = sorted(p for p in folder.glob("*") if p.suffix in MODULES) if folder.is_dir() else []
    return [pytest.param(p, id=p.name) for p in files] or [
        pytest.param(None, marks=pytest.mark.skip(reason=f"{folder} is absent"))
    ]


def zotero_319() -> list[Any]:
    folder = SHARED / "zotero" / "diplomat-319"
    files = sorted(
        p for p in folder.glob("*") if p.suffix in (".bib", ".rdf")
    ) if folder.is_dir() else []  # fmt: skip
    return [pytest.param(p, id=p.name) for p in files] or [
        pytest.param(None, marks=pytest.mark.skip(reason=f"{folder} is absent"))
    ]


@pytest.mark.parametrize("path", real_exports())
def test_real_exports_read_and_come_out_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    module = MODULES[path.suffix]
    items = module.read_items(text, source=str(path))
    result = module.enrich(text, source=str(path), recognise=recognise)
    assert result.text == text
    assert result.reports == ()
    # an independent parser sees the same items
    if module is bibtex:
        assert [i["id"] for i in items] == list(PybtexParser().parse_string(text).entries)
    else:
        root = etree.fromstring(text.encode())
        z = f"{{{zotero_rdf.Z}}}itemType"
        expected = [
            e.get(f"{{{zotero_rdf.RDF}}}about")
            for e in root
            if e.findtext(z) not in (None, "note", "attachment")
        ]
        assert [i["id"] for i in items] == expected


def _facts_319(path: Path, recogniser: Callable[[dict[str, Any]], SeriesFacts | None]) -> Any:
    module = MODULES[path.suffix]
    result = module.enrich(path.read_text(encoding="utf-8"), source=path.name, recognise=recogniser)
    (item,) = module.read_items(result.text, source=path.name)
    (report,) = result.reports
    return item, report, result.text


@pytest.mark.parametrize("path", zotero_319())
def test_zoteros_319_becomes_an_interview_with_hornung_and_kuo(path: Path) -> None:
    item, report, text = _facts_319(path, recognise)
    assert item["type"] == "interview"
    assert item["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    assert item["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert item["URL"] == URL_319
    assert "collection-number" not in item and "collection-number:" not in item.get("note", "")
    assert "undetermined: number" in report
    # enriching again changes nothing more
    module = MODULES[path.suffix]
    assert module.enrich(text, source=path.name, recognise=recognise).text == text


@pytest.mark.parametrize("path", zotero_319())
def test_with_319_in_the_catalog_it_also_gets_its_number(path: Path, tmp_path: Path) -> None:
    hornung = dataclasses.replace(load(EXAMPLES / "319-hornung.json"), url=URL_319)
    with Catalog(tmp_path / "c.sqlite3") as catalog:
        catalog.put(hornung, kind="json", source="319-hornung.json")
        item, report, _ = _facts_319(path, functools.partial(recognise, catalog=catalog))
    assert item["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    assert item["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    if path.suffix == ".bib":
        assert item["collection-number"] == 319
    else:
        assert "collection-number: 319" in item["note"].splitlines()
    assert "no. 319 (catalog URL)" in report


@pytest.mark.parametrize(
    ("name", "expected"),
    [("library.biblatex.bib", BIBLATEX_NEW), ("library.bibtex.bib", BIBTEX_NEW)],
)
def test_fixture_libraries_through_the_real_recogniser(name: str, expected: dict[str, str]) -> None:
    """The recogniser finds the same series entries and facts the hand-made tests assume."""
    text = (FIXTURES / "zotero" / name).read_text(encoding="utf-8")
    result = bibtex.enrich(text, source=name, recognise=recognise)
    assert result.text == bibtex.enrich_text(text, source=name, recognise=bib_facts)[0]
    for key, entry in expected.items():
        assert raw_entry(result.text, key) == entry
    assert len(result.reports) == 4


def test_fixture_rdf_through_the_real_recogniser() -> None:
    text = (FIXTURES / "zotero" / "library.rdf").read_text(encoding="utf-8")
    result = zotero_rdf.enrich(text, source="library.rdf", recognise=recognise)
    assert result.text == zotero_rdf.enrich_text(text, source="x", recognise=rdf_facts)[0]
    assert result.reports == (
        "https://thediplomat.com/2023/03/japans-space-strategy-and-the-alliance/: post-weblog by"
        " Kuo -> interview with Aiko Tanaka, no. 401 (intro sentence in note); changed:"
        " type, author, container-title, interviewer, medium, note",
        "https://thediplomat.com/2023/04/koreas-semiconductor-supply-chains/: article-magazine by"
        " Kuo -> interview with Min-jun Lee, no. 402 (intro sentence in abstract);"
        " changed: type, author, container-title, interviewer, medium, note",
        f"{URL_319}: webpage by Kuo -> interview with Jeffrey Hornung, no. undetermined"
        " (Insights from); changed: type, author, container-title, interviewer, medium, note;"
        " undetermined: number",
        "https://thediplomat.com/2022/12/japans-defense-budget/: interview by Hornung ->"
        " interview with Jeffrey Hornung, no. 350 (series fields); unchanged",
    )


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex", "zotero-rdf"])
def test_our_own_exports_read_back_to_the_same_interview(fmt: str) -> None:
    from transpacific_cite._formats.bibtex import to_bib
    from transpacific_cite._zotero.recognise import series_interview

    hornung = dataclasses.replace(load(EXAMPLES / "319-hornung.json"), url=URL_319)
    if fmt == "zotero-rdf":
        text, module = zotero_rdf.to_rdf([hornung], ["hornung2022tpv319"]), zotero_rdf
    else:
        text, module = to_bib([hornung], ["hornung2022tpv319"], dialect=fmt).text, bibtex  # type: ignore[arg-type]
    (item,) = module.read_items(text, source=fmt)
    facts = recognise(item)
    assert facts is not None
    back = series_interview(facts)
    assert back is not None
    assert back.number == 319
    assert back.title == hornung.title
    assert [p.full_name for p in back.interviewees] == ["Jeffrey Hornung"]
    assert [p.full_name for p in back.interviewers] == ["Mercy A. Kuo"]
    assert back.url == URL_319
    # classic BibTeX carries the month, not the day (plain.bst has no day field)
    assert back.published == (None if fmt == "bibtex" else hornung.published)
    # and enriching our own export changes nothing
    assert module.enrich(text, source=fmt, recognise=recognise).text == text
