"""Recognising series items in a Zotero library: each rule, and the items it must leave alone."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from transpacific_cite._api import load
from transpacific_cite._catalog import Catalog
from transpacific_cite._formats.csl import to_csl_item
from transpacific_cite._model import Person
from transpacific_cite._zotero.recognise import (
    KUO,
    SeriesFacts,
    describe,
    is_diplomat_url,
    recognise,
    series_interview,
)

from .conftest import shared_file

URL = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
TITLE = "Ukraine War: The Impact on Japan-Russia Relations"
HORNUNG = Person(family="Hornung", given="Jeffrey")
INTRO = (
    "Trans-Pacific View author Mercy Kuo regularly engages subject-matter experts. This "
    "conversation with Dr. Jeffrey Hornung, senior political scientist at the RAND Corporation, "
    "is the 319th in “The Trans-Pacific View Insight Series.”"
)
KUO_NAME = {"family": "Kuo", "given": "Mercy A."}


def blog_post(**fields: Any) -> dict[str, Any]:
    """Number 319 as Zotero's page reader saves it (a blogPost by Kuo), as Zotero CSL JSON."""
    item: dict[str, Any] = {
        "id": "http://zotero.org/users/local/Ab3dE7gH/items/5JQHV8TC",
        "type": "post-weblog",
        "abstract": "Insights from Jeffrey Hornung.",
        "container-title": "The Diplomat",
        "title": TITLE,
        "URL": URL,
        "author": [KUO_NAME],
        "issued": {"date-parts": [["2022", 5, 16]]},
    }
    item.update(fields)
    return {k: v for k, v in item.items() if v is not None}


def expected(number: int | None, evidence: str, **changes: Any) -> SeriesFacts:
    facts = SeriesFacts(
        interviewees=(HORNUNG,),
        interviewer=KUO,
        title=TITLE,
        number=number,
        published="2022-05-16",
        url=URL,
        evidence=evidence,
        undetermined=() if number is not None else ("number",),
    )
    return dataclasses.replace(facts, **changes)


HORNUNG_DR = dataclasses.replace(
    HORNUNG,
    honorific="Dr.",
    description="senior political scientist at the RAND Corporation",
    organization="RAND Corporation",
)


@pytest.mark.parametrize(
    ("item", "facts"),
    [
        pytest.param(
            blog_post(abstract=INTRO),
            expected(319, "intro sentence in abstract", interviewees=(HORNUNG_DR,)),
            id="intro-in-abstract",
        ),
        pytest.param(
            blog_post(abstract=None, note=f"Saved from the web.\n{INTRO}"),
            expected(319, "intro sentence in note", interviewees=(HORNUNG_DR,)),
            id="intro-in-extra",
        ),
        pytest.param(blog_post(), expected(None, "Insights from"), id="insights-from-only"),
        pytest.param(
            blog_post(type="webpage", **{"container-title": None}),
            expected(None, "Insights from"),
            id="webpage-url-only",
        ),
        pytest.param(
            blog_post(type="article-magazine", URL=None),
            expected(None, "Insights from", url=None),
            id="magazine-no-url",
        ),
        pytest.param(
            {
                "id": "http://zotero.org/users/local/Ab3dE7gH/items/NW3F7K2A",
                "type": "interview",
                "medium": "The Diplomat",
                "title": TITLE,
                "URL": URL,
                "author": [{"family": "Hornung", "given": "Jeffrey"}],
                "interviewer": [KUO_NAME],
                "issued": {"date-parts": [[2022, 5, 16]]},
            },
            expected(None, "interview item"),
            id="zotero-interview",
        ),
        pytest.param(
            blog_post(abstract="Insights from Jeffrey Hornung and Ōta Yū."),
            expected(
                None,
                "Insights from",
                interviewees=(HORNUNG, Person(family="Yū", given="Ōta")),
            ),
            id="two-experts",
        ),
        pytest.param(
            blog_post(
                author=[{"family": "Hornung", "given": "Jeffrey"}],
                abstract=None,
                note="Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 319.",
                type="article-magazine",
            ),
            expected(319, "series fields"),
            id="our-ris-note",
        ),
        pytest.param(
            blog_post(
                abstract=None,
                note="Interview with Jeffrey Hornung. The Trans-Pacific View Insight Series, no.~319.",
            ),
            expected(319, "series fields"),
            id="our-byline-note",
        ),
    ],
)
def test_recognised(item: dict[str, Any], facts: SeriesFacts) -> None:
    assert recognise(item) == facts


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(blog_post(author=[{"family": "Smith", "given": "Jane"}]), id="other-author"),
        pytest.param(
            blog_post(
                URL="https://example.org/2022/05/x/", **{"container-title": "Foreign Policy"}
            ),
            id="not-on-the-diplomat",
        ),
        pytest.param(
            blog_post(
                URL="https://thediplomat.com.evil.example/2022/05/x/", **{"container-title": None}
            ),
            id="lookalike-host",
        ),
        pytest.param(
            blog_post(
                abstract="Insights from Jeffrey Hornung.",
                note=(
                    "This conversation with Jane Doe is the 12th in “The Rebalance Insight Series.”"
                ),
            ),
            id="rebalance-series",
        ),
        pytest.param(blog_post(abstract="A commentary on Japan."), id="no-interviewee"),
        pytest.param(
            blog_post(author=[{"family": "Smith", "given": "Jane"}], abstract=INTRO),
            id="intro-but-other-author",
        ),
        pytest.param({"id": "x", "type": "book", "title": "Papsturkunden"}, id="book"),
    ],
)
def test_left_alone(item: dict[str, Any]) -> None:
    assert recognise(item) is None


def test_our_own_csl_exports_are_recognised(example_319: Path) -> None:
    interview = dataclasses.replace(load(example_319), url=URL)
    for flavour in ("standard", "zotero"):
        item = to_csl_item(interview, key="hornung2022tpv319", flavour=flavour)  # type: ignore[arg-type]
        facts = recognise(item)
        assert facts is not None, flavour
        assert facts.number == 319
        assert facts.interviewees == (HORNUNG,)
        assert series_interview(facts) == dataclasses.replace(
            interview,
            interviewees=(HORNUNG,),
            sections=(),
        )


@pytest.mark.parametrize(
    "stored_url",
    [
        URL,
        URL.rstrip("/"),
        URL.replace("https://thediplomat.com", "https://www.thediplomat.com"),
        URL.replace("https://thediplomat.com", "http://manage.thediplomat.com").rstrip("/"),
    ],
)
def test_catalog_url_settles_the_number(tmp_path: Path, example_319: Path, stored_url: str) -> None:
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        catalog.put(dataclasses.replace(load(example_319), url=stored_url), kind="json", source="x")
        assert recognise(blog_post(), catalog=catalog) == expected(319, "catalog URL")
        # a URL the catalog does not hold leaves the number undetermined
        other = blog_post(URL="https://thediplomat.com/2022/05/another-article/")
        facts = recognise(other, catalog=catalog)
        assert facts is not None and facts.number is None


def test_diplomat_hosts() -> None:
    assert is_diplomat_url(URL)
    assert is_diplomat_url("http://www.thediplomat.com/x")
    assert not is_diplomat_url("ftp://thediplomat.com/x")
    assert not is_diplomat_url("https://thediplomat.com.example/x")
    assert not is_diplomat_url("not a url [")


def test_report_line() -> None:
    item = blog_post()
    facts = recognise(item)
    assert facts is not None
    assert describe(item, facts, ["type", "author"]) == (
        "http://zotero.org/users/local/Ab3dE7gH/items/5JQHV8TC: post-weblog by Kuo -> interview "
        "with Jeffrey Hornung, no. undetermined (Insights from); changed: type, author; "
        "undetermined: number"
    )


@pytest.mark.parametrize("name", ["blogpost", "interview"])
def test_zoteros_own_319_csl_json(name: str) -> None:
    item = json.loads(shared_file("zotero", "diplomat-319", f"{name}.csljson.json").read_text())[0]
    facts = recognise(item)
    assert facts is not None
    assert facts.interviewees == (HORNUNG,) and facts.interviewer == KUO
    assert facts.number is None and facts.undetermined == ("number",)
