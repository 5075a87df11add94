"""CSL-JSON: the exact item, both flavours, byline, and validity against the official schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transpacific_cite import Interview, Person, load
from transpacific_cite._formats.csl import dumps, to_csl_data, to_csl_item

from .conftest import CSL_DATA_SCHEMA, EXAMPLES, FIXTURES

KEY = "hornung2022tpv319"


def schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(CSL_DATA_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)  # type: ignore[no-any-return]


def assert_valid(data: list[dict[str, Any]]) -> None:
    errors = sorted(schema_validator().iter_errors(data), key=str)
    assert not errors, [e.message for e in errors]


@pytest.fixture
def hornung() -> Interview:
    return load(EXAMPLES / "319-hornung.json")


def test_example_319_item(hornung: Interview) -> None:
    assert to_csl_item(hornung, key=KEY) == {
        "id": KEY,
        "type": "interview",
        "author": [{"family": "Hornung", "given": "Jeffrey"}],
        "interviewer": [{"family": "Kuo", "given": "Mercy A."}],
        "title": "Ukraine War: The Impact on Japan-Russia Relations",
        "container-title": "The Diplomat",
        "collection-title": "The Trans-Pacific View Insight Series",
        "collection-number": 319,
        "issued": {"date-parts": [[2022, 5, 16]]},
    }


@pytest.mark.parametrize(
    ("flavour", "golden"),
    [
        pytest.param("standard", "319.csl.json", id="standard"),
        pytest.param("zotero", "319.zotero.csl.json", id="zotero"),
    ],
)
def test_golden_files_and_schema(hornung: Interview, flavour: str, golden: str) -> None:
    text = dumps(to_csl_data([hornung], [KEY], flavour=flavour))  # type: ignore[arg-type]
    assert text == (FIXTURES / "export" / golden).read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, list)
    assert_valid(data)


def test_url_and_accessed_dates(hornung: Interview) -> None:
    import dataclasses

    entry = dataclasses.replace(
        hornung, url="https://thediplomat.com/2022/05/x/?a=1&b=2", accessed=dt.date(2024, 1, 15)
    )
    item = to_csl_item(entry, key=KEY)
    assert item["URL"] == "https://thediplomat.com/2022/05/x/?a=1&b=2"
    assert item["accessed"] == {"date-parts": [[2024, 1, 15]]}
    assert_valid([item])


def test_zotero_note_carries_what_zotero_drops(hornung: Interview) -> None:
    item = to_csl_item(hornung, key=KEY, flavour="zotero")
    assert item["note"].split("\n") == [
        "container-title: The Diplomat",
        "collection-title: The Trans-Pacific View Insight Series",
        "collection-number: 319",
        "Citation Key: hornung2022tpv319",
    ]
    # the standard fields stay, for processors that read them directly
    assert item["container-title"] == "The Diplomat"


def test_byline_makes_the_interviewer_the_author(hornung: Interview) -> None:
    item = to_csl_item(hornung, key=KEY, byline=True)
    assert item["author"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert "interviewer" not in item
    assert item["note"] == "Interview with Jeffrey Hornung"
    zotero = to_csl_item(hornung, key=KEY, byline=True, flavour="zotero")
    assert zotero["note"].split("\n")[-1] == "Interview with Jeffrey Hornung"
    assert_valid([item, {**zotero, "id": "other"}])


def test_always_an_array_and_utf8(hornung: Interview) -> None:
    text = dumps(to_csl_data([hornung], [KEY]))
    assert text.startswith("[\n") and text.endswith("]\n")
    assert dumps([]) == "[]\n"
    satō = Interview(1, "Satō on 陳", (Person("Kuo"),), (Person("Satō", "Ryōko"),))
    assert "Satō on 陳" in dumps(to_csl_data([satō], ["sato"]))


def test_byline_without_a_known_interviewer_has_no_author() -> None:
    item = to_csl_item(Interview(7, "T", (), (Person("Satō", "Ryōko"),)), key="k", byline=True)
    assert "author" not in item
    assert item["note"] == "Interview with Ryōko Satō"
    assert_valid([item])


def test_mononym_and_no_date() -> None:
    entry = Interview(7, None, (), (Person("Cher"),))
    item = to_csl_item(entry, key="cherndtpv7")
    assert item["author"] == [{"family": "Cher"}]
    assert "issued" not in item and "title" not in item and "interviewer" not in item
    assert_valid([item])


def test_bad_arguments(hornung: Interview) -> None:
    with pytest.raises(ValueError, match="unknown CSL-JSON flavour"):
        to_csl_item(hornung, key=KEY, flavour="mendeley")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1 interviews but 0 keys"):
        to_csl_data([hornung], [])


TEXT = st.text(
    alphabet=st.sampled_from(
        [*"&%$#_{}~^\\'\"`-–—‘’“”<>", "ō", "Ō", "陳", "安", "倍", " ", "a", "Z"]
    )
    | st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn")),
    min_size=1,
    max_size=30,
).filter(lambda s: bool(s.strip()))


@settings(max_examples=50)
@given(title=TEXT, family=TEXT, given_name=TEXT, number=st.integers(1, 10_000))
def test_property_every_item_validates(
    title: str, family: str, given_name: str, number: int
) -> None:
    entry = Interview(
        number,
        title,
        (Person("Kuo", "Mercy A."),),
        (Person(family, given_name),),
        published=dt.date(2022, 5, 16),
        url="https://thediplomat.com/x/",
    )
    data = to_csl_data([entry, entry], ["a", "b"], flavour="zotero")
    assert_valid(data)
    assert json.loads(dumps(data)) == data
