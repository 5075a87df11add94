"""Facts a copy lacks, given by the caller (issue 10): the library rule, the API, the CLI.

A fact the copy lacks is filled in (and the reader's warning about it goes); one that
contradicts the copy is kept with a warning naming both values; title, URL and number are
refused for several inputs, the interviewer applies to all.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from transpacific_cite import ParseResult, read, read_data
from transpacific_cite._cli import main
from transpacific_cite._errors import CiteError, OptionError
from transpacific_cite._parse import Facts, apply_facts, check_facts_for_inputs

from .conftest import EXAMPLES, FIXTURES

BARE = FIXTURES / "copies" / "no-boilerplate.txt"  # no interviewer, title, date or URL
CHROME = FIXTURES / "text" / "page-chrome.txt"  # title, byline "Mercy A. Kuo", May 16, 2022
URL = "https://thediplomat.com/2019/03/the-invented-entry-on-pacific-diplomacy/"
TITLE = "The Invented Entry on Pacific Diplomacy"


def test_bare_copy_lacks_the_facts() -> None:
    result = read(BARE)
    interview = result.interview
    assert (interview.title, interview.published, interview.url) == (None, None, None)
    assert interview.interviewers == ()
    assert result.warnings == (
        "no interviewer named in the intro or a byline",
        "no title found",
        "no publication date found",
    )


def test_facts_fill_what_the_copy_lacks() -> None:
    result = read(
        BARE, interviewer="Mercy A. Kuo", date="2019-03-04", url=URL, title=TITLE, number=112
    )
    model = result.interview.to_dict()
    assert model["interviewers"] == [
        {
            "given": "Mercy A.",
            "family": "Kuo",
            "honorific": None,
            "description": None,
            "organization": None,
        }
    ]
    assert (model["title"], model["published"], model["url"], model["number"]) == (
        TITLE,
        "2019-03-04",
        URL,
        112,
    )
    assert result.warnings == ()  # the "no ... found" warnings went with the filled facts


def test_contradicting_facts_are_kept_with_a_warning_naming_both() -> None:
    result = read(CHROME, title="Another Title", date=dt.date(2022, 5, 17), number=113)
    interview = result.interview
    assert (interview.title, interview.published, interview.number) == (
        "Another Title",
        dt.date(2022, 5, 17),
        113,
    )
    assert result.warnings == (
        "number: the copy says 112, --number says 113; kept --number",
        f"title: the copy says “{TITLE}”, --title says “Another Title”; kept --title",
        "date: the copy says 2022-05-16, --date says 2022-05-17; kept --date",
    )


def test_interviewer_of_the_same_family_is_no_contradiction() -> None:
    result = read(CHROME, interviewer="Mercy Kuo")
    assert [(p.given, p.family) for p in result.interview.interviewers] == [("Mercy", "Kuo")]
    assert result.warnings == ()
    other = read(CHROME, interviewer="Jane Q. Doe")
    assert [(p.given, p.family) for p in other.interview.interviewers] == [("Jane Q.", "Doe")]
    assert other.warnings == (
        "interviewer: the copy says Mercy A. Kuo, --interviewer says Jane Q. Doe; "
        "kept --interviewer",
    )


def test_agreeing_facts_change_nothing() -> None:
    plain = read(CHROME)
    again = read(CHROME, title=TITLE, date="2022-05-16", number=112, interviewer="Mercy A. Kuo")
    assert again == plain


def test_model_json_takes_facts_too() -> None:
    data = (EXAMPLES / "319-hornung.json").read_bytes()
    original = json.loads(data)
    assert original["url"] is None
    result = read_data(data, source="319.json", url="https://example.org/copy", title="T")
    assert result.interview.url == "https://example.org/copy"
    assert result.interview.title == "T"
    assert result.warnings == (
        f"title: the copy says “{original['title']}”, --title says “T”; kept --title",
    )


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        pytest.param(Facts(date="16 May 2022"), "--date must be a YYYY-MM-DD date", id="date"),
        pytest.param(Facts(title="  "), "--title must not be empty", id="empty-title"),
        pytest.param(Facts(number=0), "--number must be a whole number >= 1", id="number"),
        pytest.param(
            Facts(interviewer="the desk"), "--interviewer must be a person's name", id="name"
        ),
    ],
)
def test_invalid_facts_are_option_errors(facts: Facts, message: str) -> None:
    with pytest.raises(OptionError, match="^" + message):
        apply_facts(read(BARE), facts)
    assert issubclass(OptionError, CiteError) and issubclass(OptionError, ValueError)


def test_several_inputs_refuse_per_article_facts() -> None:
    check_facts_for_inputs(Facts(title="X"), 1)
    check_facts_for_inputs(Facts(interviewer="Mercy A. Kuo", date="2022-05-16"), 3)
    with pytest.raises(OptionError) as error:
        check_facts_for_inputs(Facts(title="X", number=3), 2)
    assert str(error.value) == (
        "--title and --number describe one article: give them with a single input, not 2 "
        "(--interviewer and --date apply to all)"
    )


def test_no_facts_is_the_identity() -> None:
    result = ParseResult(read(CHROME).interview, ("a warning",))
    assert apply_facts(result, Facts()) is result


# --- the command line ---


def test_parse_fills_facts(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["parse", str(BARE), "--json", "--interviewer", "Mercy A. Kuo", "--title", TITLE]
    assert main([*args, "--date", "2019-03-04", "--url", URL]) == 0
    out, err = capsys.readouterr()
    model = json.loads(out)
    assert (model["title"], model["published"], model["url"]) == (TITLE, "2019-03-04", URL)
    assert model["interviewers"][0]["family"] == "Kuo"
    assert err == ""


def test_parse_warns_on_a_contradiction(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CHROME), "--json", "--number", "113"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["number"] == 113
    assert err == (
        f"warning: {CHROME}: number: the copy says 112, --number says 113; kept --number\n"
    )


def test_bad_date_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(BARE), "--date", "May 2022"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("transpacific-cite: error: --date must be a YYYY-MM-DD date, not 'May 2022'\n")


@pytest.mark.parametrize("command", ["export", "bibliography"])
@pytest.mark.parametrize("option", ["--title", "--url", "--number"])
def test_per_article_facts_with_several_inputs_exit_2(
    capsys: pytest.CaptureFixture[str], command: str, option: str
) -> None:
    value = "7" if option == "--number" else "x"
    to = ["--to", "csl-json"] if command == "export" else []
    assert main([command, str(BARE), str(CHROME), *to, option, value]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"transpacific-cite: error: {option} describes one article")
    assert err.count("\n") == 1


def test_interviewer_applies_to_every_input(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", str(BARE), str(CHROME), "--to", "csl-json", "--interviewer", "Mercy A. Kuo"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    items = json.loads(out)
    assert [item["interviewer"] for item in items] == [[{"family": "Kuo", "given": "Mercy A."}]] * 2
    assert "no interviewer" not in err


def test_cite_takes_facts(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["cite", str(BARE), "--style", "apa", "--interviewer", "Mercy A. Kuo"]
    assert main([*args, "--title", TITLE, "--date", "2019-03-04", "--url", URL]) == 0
    out, err = capsys.readouterr()
    assert out == "(Tanabe, 2019)\n"
    assert err == ""


def test_add_takes_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tmp_path / "catalog.sqlite"
    args = ["add", str(BARE), "--catalog", str(catalog), "--title", TITLE, "--url", URL]
    assert main([*args, "--interviewer", "Mercy A. Kuo", "--date", "2019-03-04"]) == 0
    capsys.readouterr()
    assert main(["show", "112", "--catalog", str(catalog), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    model = shown["interview"]
    assert (model["title"], model["url"], model["published"]) == (TITLE, URL, "2019-03-04")
    assert model["interviewers"][0]["given"] == "Mercy A."


def test_add_refuses_a_title_for_several_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "catalog.sqlite"
    assert main(["add", str(BARE), str(CHROME), "--catalog", str(catalog), "--title", "x"]) == 2
    assert capsys.readouterr().err.startswith(
        "transpacific-cite: error: --title describes one article: give it with a single input"
    )
    assert not catalog.exists()
