"""CSL-JSON read back: every item shape ``to_csl_item`` writes gives back its interview."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from transpacific_cite import ModelError, load
from transpacific_cite.api import interviews_from_json
from transpacific_cite.formats.csl import dumps, from_csl_item, to_csl_data, to_csl_item
from transpacific_cite.model import Interview, Person

from .conftest import EXAMPLES, FIXTURES


@pytest.fixture(scope="module")
def hornung() -> Interview:
    return dataclasses.replace(
        load(EXAMPLES / "319-hornung.json"),
        url="https://thediplomat.com/2022/05/ukraine-war/",
        accessed=dt.date(2022, 5, 20),
    )


def citable(interview: Interview) -> Interview:
    """What CSL carries of an interview: names without honorific, description, organization."""
    return dataclasses.replace(
        interview,
        sections=(),
        interviewers=tuple(Person(p.family, p.given) for p in interview.interviewers),
        interviewees=tuple(Person(p.family, p.given) for p in interview.interviewees),
    )


@pytest.mark.parametrize("flavour", ["standard", "zotero"])
@pytest.mark.parametrize("byline", [False, True], ids=["interviewee-author", "byline"])
def test_round_trip(hornung: Interview, flavour: str, byline: bool) -> None:
    item = json.loads(json.dumps(to_csl_item(hornung, key="k", byline=byline, flavour=flavour)))  # type: ignore[arg-type]
    assert from_csl_item(item) == citable(hornung)


def test_byline_splits_several_interviewees_from_the_note(hornung: Interview) -> None:
    three = dataclasses.replace(
        hornung,
        interviewees=(Person("Hornung", "Jeffrey"), Person("Sukarno"), Person("Satō", "Ryōko")),
    )
    item = to_csl_item(three, key="k", byline=True)
    assert item["note"] == "Interview with Jeffrey Hornung, Sukarno, and Ryōko Satō"
    assert from_csl_item(item).interviewees == three.interviewees


@pytest.mark.parametrize("name", ["319.csl.json", "319.zotero.csl.json"])
def test_the_export_fixtures_read_back(name: str) -> None:
    keyed = interviews_from_json((FIXTURES / "export" / name).read_bytes(), source=name)
    assert [key for key, _ in keyed] == ["hornung2022tpv319"]
    assert keyed[0][1] == citable(load(EXAMPLES / "319-hornung.json"))


def test_model_json_is_keyed_as_export_keys_it() -> None:
    keyed = interviews_from_json((EXAMPLES / "319-hornung.json").read_bytes(), source="x")
    assert [key for key, _ in keyed] == ["hornung2022tpv319"]
    assert keyed[0][1] == load(EXAMPLES / "319-hornung.json")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        pytest.param({"id": "a", "type": "book"}, "CSL item 'a': type 'book' is not interview", id="book"),
        pytest.param(
            {"id": "a", "type": "interview", "author": [{"family": "X"}]},
            "CSL item 'a': collection-number None is not a series number",
            id="no-number",
        ),
        pytest.param(
            {"id": "a", "type": "interview", "collection-number": 3, "author": [{"family": "X"}]},
            "CSL item 'a': no collection-title or container-title",
            id="no-series",
        ),
        pytest.param(
            {
                "id": "a", "type": "interview", "collection-number": "3", "author": [{"family": "X"}],
                "collection-title": "S", "container-title": "D", "issued": {"date-parts": [[2022]]},
            },
            "CSL item 'a': issued must be a full date",
            id="year-only",
        ),
        pytest.param("nope", "a CSL item must be an object", id="not-an-object"),
    ],
)  # fmt: skip
def test_items_that_are_not_ours_are_model_errors(item: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        from_csl_item(item)


def test_csl_data_with_an_item_without_id(hornung: Interview) -> None:
    data = to_csl_data([hornung], ["k"])
    del data[0]["id"]
    with pytest.raises(ModelError, match=r"f\.json: CSL item 319 has no id"):
        interviews_from_json(dumps(data).encode(), source="f.json")
