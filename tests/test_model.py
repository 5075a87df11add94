"""The core model: validation, the documented plain dict, and round trips."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transpacific_cite import Interview, ModelError, Person, Pinpoint, QASection, load
from transpacific_cite._api import interview_from_json

from .conftest import EXAMPLES


def test_example_319_has_the_real_facts() -> None:
    interview = load(EXAMPLES / "319-hornung.json")
    assert interview.number == 319
    assert interview.title == "Ukraine War: The Impact on Japan-Russia Relations"
    assert interview.published == dt.date(2022, 5, 16)
    assert interview.url is None
    assert interview.interviewers == (Person(given="Mercy A.", family="Kuo"),)
    assert interview.interviewees == (
        Person(
            given="Jeffrey",
            family="Hornung",
            honorific="Dr.",
            description="senior political scientist at RAND Corporation",
            organization="RAND Corporation",
        ),
    )
    assert [s.number for s in interview.sections] == [1, 2, 3, 4, 5]
    assert interview.sections[0].question == (
        "Identify the top three impacts of the Ukraine war on Japan-Russia relations."
    )
    assert all(s.paragraphs == () for s in interview.sections)


def test_to_dict_is_the_documented_shape(example_319) -> None:  # type: ignore[no-untyped-def]
    raw = json.loads(example_319.read_text(encoding="utf-8"))
    data = load(example_319).to_dict()
    assert data == raw
    assert list(data) == [
        "series", "number", "title", "publication", "published", "url", "accessed",
        "interviewers", "interviewees", "sections",
    ]  # fmt: skip
    assert list(data["interviewees"][0]) == [
        "given", "family", "honorific", "description", "organization",
    ]  # fmt: skip


def test_from_dict_treats_missing_optional_keys_as_null() -> None:
    interview = Interview.from_dict({"number": 5, "interviewees": [{"family": "Cha"}]})
    assert interview.title is None and interview.published is None and interview.sections == ()
    assert interview.series == "The Trans-Pacific View Insight Series"
    assert interview.publication == "The Diplomat"
    assert interview.interviewees[0].to_dict() == {
        "given": None, "family": "Cha", "honorific": None, "description": None, "organization": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({"interviewees": [{"family": "X"}]}, "'number' is required", id="no-number"),
        pytest.param(
            {"number": "319", "interviewees": [{"family": "X"}]}, "whole number", id="str-number"
        ),
        pytest.param(
            {"number": 0, "interviewees": [{"family": "X"}]}, "whole number >= 1", id="zero"
        ),
        pytest.param(
            {"number": 1, "interviewees": []}, "at least one interviewee", id="no-interviewee"
        ),
        pytest.param(
            {"number": 1, "interviewees": [{"given": "A"}]},
            "interviewees[0]: a person's family name is required",
            id="no-family",
        ),
        pytest.param(
            {"number": 1, "interviewees": [{"family": "X"}], "published": "16 May 2022"},
            "'YYYY-MM-DD' date",
            id="bad-date",
        ),
        pytest.param(
            {
                "number": 1,
                "interviewees": [{"family": "X"}],
                "sections": [{"number": 2, "question": "Q?"}],
            },
            "numbered 1..1",
            id="gap",
        ),
        pytest.param(
            {"number": 1, "interviewees": [{"family": "X"}], "autor": []},
            "unknown key(s) 'autor'",
            id="typo",
        ),
        pytest.param([], "must be an object", id="list"),
    ],
)
def test_from_dict_rejects_bad_data_with_a_clear_message(data: object, message: str) -> None:
    with pytest.raises(ModelError) as caught:
        Interview.from_dict(data)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_series_loses_a_final_period_and_whitespace_is_folded() -> None:
    interview = Interview(
        number=1,
        title="  A   title ",
        interviewers=(),
        interviewees=(Person(family="Cha"),),
        series="The Trans-Pacific View Insight Series.",
    )
    assert interview.series == "The Trans-Pacific View Insight Series"
    assert interview.title == "A title"


def test_section_lookup_names_how_many_there_are() -> None:
    interview = Interview(
        number=9,
        title=None,
        interviewers=(),
        interviewees=(Person(family="Cha"),),
        sections=tuple(QASection(number=n, question=f"Q{n}?") for n in range(1, 6)),
    )
    assert interview.section(3).question == "Q3?"
    with pytest.raises(ModelError, match="has 5 sections; there is no section 7"):
        interview.section(7)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"section": 0}, "section must be >= 1"),
        ({"section": 3, "end_section": 3}, "must end after it starts"),
        ({"section": 2, "paragraph": 1, "end_section": 4}, "cannot also name a paragraph"),
    ],
)
def test_pinpoint_validation(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        Pinpoint(**kwargs)


def test_pinpoint_sections() -> None:
    assert list(Pinpoint(2, end_section=4).sections) == [2, 3, 4]
    assert list(Pinpoint(3, paragraph=2).sections) == [3]


def test_bad_json_is_a_model_error_naming_the_source() -> None:
    with pytest.raises(ModelError, match=r"x\.json: not valid JSON \(Expecting"):
        interview_from_json(b'{"number": 1,', source="x.json")


# -- property test: from_dict(to_dict(x)) == x -------------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda s: s.split() != [])
_clean_text = _text.map(lambda s: " ".join(s.split()))
_opt = st.none() | _clean_text
_people = st.builds(
    Person, family=_clean_text, given=_opt, honorific=_opt, description=_opt, organization=_opt
)
_dates = st.none() | st.dates(min_value=dt.date(1000, 1, 1))


@st.composite
def interviews(draw: st.DrawFn) -> Interview:
    questions = draw(st.lists(_clean_text, max_size=6))
    sections = tuple(
        QASection(number=i, question=q, paragraphs=tuple(draw(st.lists(_clean_text, max_size=3))))
        for i, q in enumerate(questions, start=1)
    )
    return Interview(
        number=draw(st.integers(min_value=1, max_value=10_000)),
        title=draw(_opt),
        interviewers=tuple(draw(st.lists(_people, max_size=2))),
        interviewees=tuple(draw(st.lists(_people, min_size=1, max_size=3))),
        sections=sections,
        published=draw(_dates),
        url=draw(st.none() | st.just("https://thediplomat.com/2022/05/x/")),
        accessed=draw(_dates),
    )


@given(interviews())
def test_from_dict_of_to_dict_is_identity(interview: Interview) -> None:
    assert Interview.from_dict(interview.to_dict()) == interview
    assert Interview.from_dict(json.loads(json.dumps(interview.to_dict()))) == interview
