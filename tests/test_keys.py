"""Citation keys: both formats, transliteration, missing dates, and collisions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from transpacific_cite import Interview, Person, assign_keys, citation_key, load

from .conftest import EXAMPLES


def entry(
    family: str = "Hornung",
    *,
    year: int | None = 2022,
    number: int = 319,
    title: str | None = "Ukraine War: The Impact on Japan-Russia Relations",
) -> Interview:
    return Interview(
        number=number,
        title=title,
        interviewers=(Person("Kuo", "Mercy A."),),
        interviewees=(Person(family, "Given"), Person("Second", "Person")),
        published=dt.date(year, 5, 16) if year else None,
    )


def test_example_319() -> None:
    hornung = load(EXAMPLES / "319-hornung.json")
    assert citation_key(hornung) == "hornung2022tpv319"
    assert citation_key(hornung, key_format="bbt") == "hornungUkraineWarImpact2022"


@pytest.mark.parametrize(
    ("family", "year", "tpv", "bbt"),
    [
        pytest.param(
            "Hornung", 2022, "hornung2022tpv319", "hornungUkraineWarImpact2022", id="plain"
        ),
        pytest.param("Hornung", None, "hornungndtpv319", "hornungUkraineWarImpact", id="no-date"),
        pytest.param("Satō", 2021, "sato2021tpv319", "satoUkraineWarImpact2021", id="macron"),
        pytest.param("陳", 2020, "chen2020tpv319", "chenUkraineWarImpact2020", id="cjk"),
        pytest.param(
            "O'Brien-Smith",
            2019,
            "obriensmith2019tpv319",
            "obriensmithUkraineWarImpact2019",
            id="punctuation",
        ),
        pytest.param(
            "van der Berg",
            2018,
            "vanderberg2018tpv319",
            "vanderbergUkraineWarImpact2018",
            id="spaces",
        ),
    ],
)
def test_key_formats(family: str, year: int | None, tpv: str, bbt: str) -> None:
    interview = entry(family, year=year)
    assert citation_key(interview) == tpv
    assert citation_key(interview, key_format="bbt") == bbt
    assert citation_key(interview).isascii()
    assert citation_key(interview) == citation_key(interview).lower()


@pytest.mark.parametrize(
    ("title", "short"),
    [
        pytest.param("The Future of the U.S.-Japan Alliance", "FutureUSJapan", id="skip-words"),
        pytest.param("Abe Shinzō’s Legacy", "AbeShinzosLegacy", id="macron"),
        pytest.param("China", "China", id="one-word"),
        pytest.param(None, "", id="no-title"),
    ],
)
def test_bbt_short_title(title: str | None, short: str) -> None:
    assert citation_key(entry(title=title), key_format="bbt") == f"hornung{short}2022"


def test_first_interviewee_names_the_key() -> None:
    interview = entry("Hornung")
    assert citation_key(
        dataclasses.replace(interview, interviewees=interview.interviewees[::-1])
    ) == ("second2022tpv319")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown key format 'apa'; choose one of tpv, bbt"):
        citation_key(entry(), key_format="apa")  # type: ignore[arg-type]


def test_unique_keys_are_left_alone() -> None:
    assert assign_keys([entry(number=1), entry(number=2)]) == ["hornung2022tpv1", "hornung2022tpv2"]


def test_collisions_get_a_b_c_in_input_order() -> None:
    same = [entry(), entry(), entry()]
    assert assign_keys(same) == ["hornung2022tpv319a", "hornung2022tpv319b", "hornung2022tpv319c"]
    bbt = [entry(number=1), entry(number=2)]
    assert assign_keys(bbt, key_format="bbt") == [
        "hornungUkraineWarImpact2022a",
        "hornungUkraineWarImpact2022b",
    ]


def test_a_suffix_never_lands_on_another_key() -> None:
    # two "hornungChina2022" keys would become ...a and ...b, but an undated interview
    # titled "China 2022a" already owns "hornungChina2022a"
    twins = [entry(title="China", number=1), entry(title="China", number=2)]
    owner = entry(title="China 2022a", year=None, number=3)
    keys = assign_keys([*twins, owner], key_format="bbt")
    assert keys == ["hornungChina2022b", "hornungChina2022c", "hornungChina2022a"]


def test_many_collisions_go_past_z() -> None:
    keys = assign_keys([entry()] * 28)
    assert keys[25:] == ["hornung2022tpv319z", "hornung2022tpv319aa", "hornung2022tpv319ab"]
    assert len(set(keys)) == 28
