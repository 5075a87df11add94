"""RIS: the exact record, byline, and rispy reading our output back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from transpacific_cite import Interview, ParseError, Person, load
from transpacific_cite._formats.ris import read_ris, to_ris

from .conftest import EXAMPLES, FIXTURES

KEY = "hornung2022tpv319"


@pytest.fixture
def hornung() -> Interview:
    return load(EXAMPLES / "319-hornung.json")


def test_golden_file(hornung: Interview) -> None:
    text = to_ris([hornung], [KEY])
    assert text == (FIXTURES / "export" / "319.ris").read_text(encoding="utf-8")
    assert text.startswith("TY  - MGZN\n")  # no rispy "1." header line


def test_full_record_reads_back(hornung: Interview) -> None:
    entry = dataclasses.replace(
        hornung,
        url="https://thediplomat.com/2022/05/a_b?x=1&y=50%25#c",
        accessed=dt.date(2024, 1, 15),
        interviewees=(Person("Hornung", "Jeffrey"), Person("Satō", "Ryōko")),
    )
    text = to_ris([entry], [KEY])
    assert text == (
        "TY  - MGZN\n"
        "ID  - hornung2022tpv319\n"
        "AU  - Hornung, Jeffrey\n"
        "AU  - Satō, Ryōko\n"
        "TI  - Ukraine War: The Impact on Japan-Russia Relations\n"
        "T2  - The Diplomat\n"
        "DA  - 2022/05/16/\n"
        "PY  - 2022\n"
        "Y2  - 2024/01/15/\n"
        "UR  - https://thediplomat.com/2022/05/a_b?x=1&y=50%25#c\n"
        "N1  - Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 319.\n"
        "ER  - \n"
    )
    assert read_ris(text) == [
        {
            "type_of_reference": "MGZN",
            "id": KEY,
            "authors": ["Hornung, Jeffrey", "Satō, Ryōko"],
            "title": "Ukraine War: The Impact on Japan-Russia Relations",
            "secondary_title": "The Diplomat",
            "date": "2022/05/16/",
            "year": "2022",
            "access_date": "2024/01/15/",
            "urls": ["https://thediplomat.com/2022/05/a_b?x=1&y=50%25#c"],
            "notes": ["Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 319."],
        }
    ]


def test_byline(hornung: Interview) -> None:
    [record] = read_ris(to_ris([hornung], [KEY], byline=True))
    assert record["authors"] == ["Kuo, Mercy A."]
    assert record["notes"] == [
        "Interview with Jeffrey Hornung. The Trans-Pacific View Insight Series, no. 319."
    ]


def test_several_records_and_mononyms(hornung: Interview) -> None:
    other = Interview(12, "T", (), (Person("Cher"),))
    records = read_ris(to_ris([hornung, other], ["a", "b"]))
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[1]["authors"] == ["Cher"]
    assert records[1]["notes"] == ["The Trans-Pacific View Insight Series, no. 12."]
    assert "date" not in records[1]


def test_mismatched_keys(hornung: Interview) -> None:
    with pytest.raises(ValueError, match="1 interviews but 2 keys"):
        to_ris([hornung], ["a", "b"])


def test_read_ris_rejects_garbage() -> None:
    with pytest.raises(ParseError, match="not valid RIS"):
        read_ris("this is not RIS\n")
