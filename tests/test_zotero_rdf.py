"""Zotero RDF: reading libraries, enriching series items in place, writing our interviews,
and refusing hostile files (DTDs, external entities, entity bombs, bad XML)."""

from __future__ import annotations

import contextlib
import dataclasses
import re
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pytest_httpserver import HTTPServer

from transpacific_cite import Interview, ParseError, Person, load
from transpacific_cite._formats import zotero_rdf
from transpacific_cite._formats.zotero_rdf import enrich_text, read_items, to_rdf
from transpacific_cite._zotero.recognise import SeriesFacts

from .conftest import EXAMPLES, FIXTURES, shared_file

LIBRARY = FIXTURES / "zotero" / "library.rdf"
NS = {
    "rdf": zotero_rdf.RDF, "z": zotero_rdf.Z, "dc": zotero_rdf.DC, "dcterms": zotero_rdf.DCTERMS,
    "bib": zotero_rdf.BIB, "foaf": zotero_rdf.FOAF, "link": zotero_rdf.LINK,
}  # fmt: skip
KUO = Person("Kuo", "Mercy A.")
URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
URL_401 = "https://thediplomat.com/2023/03/japans-space-strategy-and-the-alliance/"
URL_402 = "https://thediplomat.com/2023/04/koreas-semiconductor-supply-chains/"
URL_350 = "https://thediplomat.com/2022/12/japans-defense-budget/"
# Hand-made facts for the series items of tests/fixtures/zotero/library.rdf (by URL).
FACTS = {
    URL_401: SeriesFacts(
        (Person("Tanaka", "Aiko"),), KUO, "Japan's Space Strategy and the Alliance", 401,
        "2023-03-14", URL_401, evidence="intro sentence in note",
    ),
    URL_402: SeriesFacts(
        (Person("Lee", "Min-jun"),), KUO, "Korea's Semiconductor Supply Chains", 402,
        "2023-04-02", URL_402, evidence="intro sentence in abstract",
    ),
    URL_319: SeriesFacts(
        (Person("Hornung", "Jeffrey"),), KUO, "Ukraine War: The Impact on Japan-Russia Relations",
        None, "2022-05-16", URL_319, evidence="Insights from", undetermined=("number",),
    ),
    URL_350: SeriesFacts(
        (Person("Hornung", "Jeffrey"),), KUO, "Japan's Defense Budget", 350, "2022-12-20",
        URL_350, evidence="series fields",
    ),
}  # fmt: skip
UNTOUCHED = (
    "#item_12",
    "#item_13",
    "urn:isbn:978-4-13-030000-0",
    "#item_20",
    "https://example.org/2023/05/taiwans-chips/",
    "https://thediplomat.com/2023/06/india-in-the-pacific/",
    "#collection_3",
)


def by_url(item: dict[str, Any]) -> SeriesFacts | None:
    return FACTS.get(item.get("URL") or "")


def element(text: str, about: str) -> etree._Element:
    """The element named ``about`` in an RDF text, read by lxml directly (not our reader)."""
    root = etree.fromstring(text.encode())
    found = [e for e in root if e.get(f"{{{zotero_rdf.RDF}}}about") == about]
    assert len(found) == 1
    return found[0]


def source_of(text: str, about: str) -> str:
    """The exact source text of the top-level element named ``about`` (found by regex)."""
    match = re.search(
        r'(?m)^ {4}<(?P<tag>[\w:]+) rdf:about="' + re.escape(about) + r'">.*?</(?P=tag)>',
        text,
        re.DOTALL,
    )
    assert match, about
    return match.group(0)


def people(el: etree._Element, role: str) -> list[tuple[str, str | None]]:
    return [
        (p.findtext("foaf:surname", namespaces=NS), p.findtext("foaf:givenName", namespaces=NS))
        for p in el.findall(f"{role}/rdf:Seq/rdf:li/foaf:Person", NS)
    ]


def children(el: etree._Element) -> list[str]:
    return [etree.QName(c).localname for c in el if isinstance(c.tag, str)]


# -- reading ---------------------------------------------------------------------------------


def test_reads_the_library_items_in_file_order() -> None:
    items = read_items(LIBRARY.read_text(encoding="utf-8"), source="library.rdf")
    assert [i["id"] for i in items] == [
        URL_401, URL_402, URL_319, URL_350, "urn:isbn:978-4-13-030000-0",
        "https://example.org/2023/05/taiwans-chips/",
        "https://thediplomat.com/2023/06/india-in-the-pacific/",
    ]  # fmt: skip
    assert items[0] == {
        "id": URL_401,
        "type": "post-weblog",
        "title": "Japan's Space Strategy and the Alliance",
        "author": [{"family": "Kuo", "given": "Mercy A."}],
        "container-title": "The Diplomat",
        "URL": URL_401,
        "issued": {"date-parts": [[2023, 3, 14]]},
        "accessed": {"date-parts": [[2023, 3, 20]]},
        "note": "This conversation with Dr. Aiko Tanaka, senior fellow at the Pacific Forum, is "
        "the 401st in “The Trans-Pacific View Insight Series.”",
        "language": "en-US",
        "keyword": "Japan, space",
    }
    assert items[3]["type"] == "interview"
    assert items[3]["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    assert items[3]["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert items[3]["citation-key"] == "hornungJapanDefenseBudget2022"
    assert items[4]["author"] == [
        {"family": "Satō", "given": "Ryōko"},
        {"family": "Müller", "given": "Jörg"},
    ]
    assert items[4]["DOI"] == "10.1234/tdsk.2019.0042"


@pytest.mark.parametrize("kind", ["blogpost", "interview"])
def test_reads_zoteros_own_319(kind: str) -> None:
    path = shared_file("zotero", "diplomat-319", f"{kind}.rdf_zotero.rdf")
    (item,) = read_items(path.read_text(encoding="utf-8"), source=str(path))
    assert item["URL"] == URL_319
    assert item["title"] == "Ukraine War: The Impact on Japan-Russia Relations"
    assert item["issued"] == {"date-parts": [[2022, 5, 16]]}
    if kind == "interview":
        assert item["type"] == "interview"
        assert item["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
        assert item["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
        assert item["medium"] == "The Diplomat"
    else:
        assert item["type"] == "post-weblog"
        assert item["author"] == [{"family": "Kuo", "given": "Mercy A."}]
        assert item["abstract"] == "Insights from Jeffrey Hornung."


# -- enrichment ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def enriched() -> tuple[str, str, list[tuple[dict[str, Any], Any, list[str]]]]:
    text = LIBRARY.read_text(encoding="utf-8")
    new, found = enrich_text(text, source="library.rdf", recognise=by_url)
    return text, new, found


def test_series_items_become_interviews(enriched: tuple[str, str, Any]) -> None:
    _, new, found = enriched
    assert [item["id"] for item, _, _ in found] == [URL_401, URL_402, URL_319, URL_350]
    blog = element(new, URL_401)
    assert etree.QName(blog).localname == "Interview"
    assert children(blog) == [
        "itemType", "interviewees", "interviewers", "title", "date", "medium",
        "subject", "subject", "identifier", "dateSubmitted", "language", "description",
    ]  # fmt: skip
    assert blog.findtext("z:itemType", namespaces=NS) == "interview"
    assert people(blog, "z:interviewees") == [("Tanaka", "Aiko")]
    assert people(blog, "z:interviewers") == [("Kuo", "Mercy A.")]
    assert blog.findtext("dc:title", namespaces=NS) == "Japan's Space Strategy and the Alliance"
    assert blog.findtext("dc:date", namespaces=NS) == "2023-03-14"
    assert blog.findtext("z:medium", namespaces=NS) == "The Diplomat"
    assert blog.findtext("dcterms:dateSubmitted", namespaces=NS) == "2023-03-20 09:15:00"
    assert [s.text for s in blog.findall("dc:subject", NS)] == ["Japan", "space"]
    # Extra: our lines first, the intro sentence (the user's Extra) kept after them
    assert blog.findtext("dc:description", namespaces=NS) == (
        "container-title: The Diplomat\n"
        "collection-title: The Trans-Pacific View Insight Series\n"
        "collection-number: 401\n"
        "This conversation with Dr. Aiko Tanaka, senior fellow at the Pacific Forum, is the "
        "401st in “The Trans-Pacific View Insight Series.”"
    )
    assert blog.find("dcterms:isPartOf", NS) is None and blog.find("bib:authors", NS) is None

    magazine = element(new, URL_402)
    assert people(magazine, "z:interviewees") == [("Lee", "Min-jun")]
    assert people(magazine, "z:interviewers") == [("Kuo", "Mercy A.")]
    # the attachment link and the child note stay attached, the abstract stays
    assert magazine.find("link:link", NS).get(f"{{{zotero_rdf.RDF}}}resource") == "#item_12"
    assert (
        magazine.find("dcterms:isReferencedBy", NS).get(f"{{{zotero_rdf.RDF}}}resource")
        == "#item_13"
    )
    assert magazine.findtext("dcterms:abstract", namespaces=NS).startswith("Diplomat author")
    assert magazine.findtext("dc:description", namespaces=NS) == (
        "container-title: The Diplomat\n"
        "collection-title: The Trans-Pacific View Insight Series\n"
        "collection-number: 402"
    )

    page = element(new, URL_319)
    assert people(page, "z:interviewees") == [("Hornung", "Jeffrey")]
    assert page.findtext("dc:description", namespaces=NS) == (
        "container-title: The Diplomat\ncollection-title: The Trans-Pacific View Insight Series"
    )  # the number is undetermined: no collection-number line
    assert page.findtext("dcterms:abstract", namespaces=NS) == "Insights from Jeffrey Hornung."


def test_everything_else_is_kept_byte_for_byte(enriched: tuple[str, str, Any]) -> None:
    text, new, found = enriched
    for about in UNTOUCHED:
        assert source_of(text, about) in new, about
    # the already-correct interview is unchanged too, and reported so
    assert source_of(text, URL_350) in new
    assert found[3][2] == []
    assert new.startswith(text[: text.index("    <bib:Document")])  # root tag and namespaces
    assert new.endswith("    </z:Collection>\n</rdf:RDF>\n")


def test_enriched_items_keep_their_identity(enriched: tuple[str, str, Any]) -> None:
    _, new, _ = enriched
    for url in (URL_401, URL_402, URL_319):
        el = element(new, url)
        assert el.get(f"{{{zotero_rdf.RDF}}}about") == url
        assert el.findtext("dc:identifier/dcterms:URI/rdf:value", namespaces=NS) == url


def test_enrich_twice_is_enrich_once(enriched: tuple[str, str, Any]) -> None:
    _, new, _ = enriched
    again, found = enrich_text(new, source="library.rdf", recognise=by_url)
    assert again == new
    assert [changed for _, _, changed in found] == [[], [], [], []]


def test_items_not_recognised_leave_the_file_as_it_was() -> None:
    text = LIBRARY.read_text(encoding="utf-8")
    assert enrich_text(text, source="x", recognise=lambda item: None) == (text, [])


def test_a_bom_and_an_encoding_declaration_are_kept() -> None:
    text = '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n' + LIBRARY.read_text(encoding="utf-8")
    new, found = enrich_text(text, source="x", recognise=by_url)
    assert new.startswith('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF')
    assert len(found) == 4
    assert source_of(text, "urn:isbn:978-4-13-030000-0") in new


# -- writing ---------------------------------------------------------------------------------


@pytest.fixture
def hornung() -> Interview:
    return dataclasses.replace(load(EXAMPLES / "319-hornung.json"), url=URL_319)


def test_written_interview_has_what_zotero_writes_for_one(hornung: Interview) -> None:
    """Every statement of Zotero's own export of 319 retyped as an interview is in ours, so
    Zotero's RDF import makes the same interview with both creators of it."""
    ours = element(to_rdf([hornung], ["hornung2022tpv319"]), URL_319)
    sample = shared_file("zotero", "diplomat-319", "interview.rdf_zotero.rdf")
    theirs = element(sample.read_text(encoding="utf-8"), URL_319)
    assert ours.tag == theirs.tag == f"{{{zotero_rdf.BIB}}}Interview"

    def canonical(el: etree._Element) -> bytes:
        copy = etree.fromstring(etree.tostring(el))
        etree.indent(copy, space="")
        return etree.tostring(copy, method="c14n")

    mine = [canonical(c) for c in ours]
    for child in theirs:
        assert canonical(child) in mine, etree.QName(child).localname
    assert ours.findtext("dc:description", namespaces=NS) == (
        "container-title: The Diplomat\n"
        "collection-title: The Trans-Pacific View Insight Series\n"
        "collection-number: 319\n"
        "Citation Key: hornung2022tpv319"
    )


def test_written_file_reads_back(hornung: Interview) -> None:
    second = dataclasses.replace(
        hornung, number=320, url=None, interviewees=(Person("Satō", "Ryōko"), Person("Ōe", None))
    )
    text = to_rdf([hornung, second], ["hornung2022tpv319", "sato2022tpv320"])
    items = read_items(text, source="ours.rdf")
    assert items[0]["type"] == "interview"
    assert items[0]["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    assert items[0]["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert items[0]["citation-key"] == "hornung2022tpv319"
    assert items[1]["id"] == "#item_2"
    assert items[1]["author"] == [{"family": "Satō", "given": "Ryōko"}, {"literal": "Ōe"}]
    assert "collection-number: 320" in items[1]["note"]


def test_writer_refuses_mismatched_keys(hornung: Interview) -> None:
    with pytest.raises(ValueError, match="1 interviews but 2 keys"):
        to_rdf([hornung], ["a", "b"])
    with pytest.raises(ValueError, match="unique"):
        to_rdf([hornung, hornung], ["a", "a"])


# -- broken and hostile files ----------------------------------------------------------------

HEAD = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:z="http://www.zotero.org/namespaces/export#">'


def rdf_with(doctype: str, title: str) -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n{HEAD}\n  <rdf:Description rdf:about="#a">\n'
        f"    <z:itemType>book</z:itemType><dc:title>{title}</dc:title>\n"
        "  </rdf:Description>\n</rdf:RDF>\n"
    )


def test_bad_xml_is_one_error_naming_the_file_and_place() -> None:
    text = LIBRARY.read_text(encoding="utf-8")
    truncated = text[: text.index("<dc:title>Korea")] + "<dc:title>Korea"
    with pytest.raises(ParseError, match=r"^lib\.rdf: line 5\d, column \d+: not well-formed XML"):
        read_items(truncated, source="lib.rdf")
    with pytest.raises(ParseError, match=r"^lib\.rdf: line 1: not a Zotero RDF file"):
        read_items("<html><body/></html>", source="lib.rdf")
    with pytest.raises(ParseError, match=r"^lib\.rdf: line 1, column 1:"):
        enrich_text("", source="lib.rdf", recognise=by_url)


def test_external_entity_reads_no_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    doctype = f'<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file://{secret}">]>'
    text = rdf_with(doctype, "&x;")
    with pytest.raises(ParseError, match=r"^x\.rdf: line 2: a document type declaration") as error:
        read_items(text, source="x.rdf")
    assert "TOP-SECRET" not in str(error.value)
    # and the parser underneath resolves no entity even when handed such a file
    root = etree.fromstring(text.encode(), zotero_rdf._parser())
    assert "TOP-SECRET" not in etree.tostring(root, encoding="unicode")


def test_external_entity_and_dtd_make_no_request(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/evil").respond_with_data('<!ENTITY y "PWNED">')
    url = httpserver.url_for("/evil")
    for doctype in (
        f'<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "{url}">]>',
        f'<!DOCTYPE rdf:RDF SYSTEM "{url}">',
        f'<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "{url}"> %p;]>',
    ):
        text = rdf_with(doctype, "&x;" if "ENTITY x" in doctype else "t")
        with pytest.raises(ParseError, match="document type declaration"):
            read_items(text, source="x.rdf")
        with pytest.raises(ParseError, match="document type declaration"):
            enrich_text(text, source="x.rdf", recognise=by_url)
        # the hardened parser on its own: no request either
        with contextlib.suppress(etree.XMLSyntaxError):
            etree.fromstring(text.encode(), zotero_rdf._parser())
    assert httpserver.log == []


def test_entity_expansion_bomb_is_refused_at_once() -> None:
    entities = ['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    text = rdf_with(f"<!DOCTYPE rdf:RDF [{''.join(entities)}]>", "&a9;")
    start = time.perf_counter()
    with pytest.raises(ParseError, match="document type declaration"):
        read_items(text, source="bomb.rdf")
    assert time.perf_counter() - start < 1.0


# -- CSL items written as Zotero RDF (zotero enrich --to zotero-rdf) -------------------------


def test_write_items_writes_each_item_as_zotero_does(hornung: Interview) -> None:
    series = {
        "id": "hornung2022tpv319",
        "citation-key": "hornung2022tpv319",
        "type": "interview",
        "title": "Ukraine War: The Impact on Japan-Russia Relations",
        "author": [{"family": "Hornung", "given": "Jeffrey"}],
        "interviewer": [{"family": "Kuo", "given": "Mercy A."}],
        "container-title": "The Diplomat",
        "collection-title": "The Trans-Pacific View Insight Series",
        "collection-number": 319,
        "issued": {"date-parts": [[2022, 5, 16]]},
        "URL": URL_319,
        "note": "Citation Key: hornung2022tpv319",
    }
    book = {
        "id": "b",
        "type": "book",
        "title": "Nihon gaikō no kiseki",
        "author": [{"family": "Satō", "given": "Ryōko"}],
        "issued": {"date-parts": [[2019]]},
        "DOI": "10.1234/tdsk.2019.0042",
        "keyword": "diplomacy, Japan",
    }
    blog = {
        "id": "c",
        "type": "post-weblog",
        "title": "Citations in R Markdown",
        "author": [{"family": "Van Calster", "given": "Hans"}],
        "container-title": "INBO Tutorials",
        "URL": "https://tutorials.inbo.be/tutorials/r_citations_markdown/",
    }
    text = zotero_rdf.write_items([series, book, blog])
    # the series interview is exactly what our own export writes for it
    ours = to_rdf([hornung], ["hornung2022tpv319"])
    mine, theirs = element(text, URL_319), element(ours, URL_319)
    assert etree.tostring(mine, with_tail=False) == etree.tostring(theirs, with_tail=False)
    items = read_items(text, source="x")
    assert [i["type"] for i in items] == ["interview", "book", "post-weblog"]
    assert items[1]["id"] == "#item_2"
    assert items[1]["author"] == [{"family": "Satō", "given": "Ryōko"}]
    assert items[1]["DOI"] == "10.1234/tdsk.2019.0042"
    assert items[1]["keyword"] == "diplomacy, Japan"
    assert items[2]["container-title"] == "INBO Tutorials"
    assert element(text, blog["URL"]).find("dcterms:isPartOf/z:Blog", NS) is not None
