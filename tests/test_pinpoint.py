"""Pinpoints: every accepted spelling, every rejection, and each rendering exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import unquote

import pytest

from transpacific_cite import (
    ExportError,
    Interview,
    Person,
    Pinpoint,
    PinpointError,
    QASection,
    load,
)
from transpacific_cite._pinpoint import (
    fragment_quote,
    parse_pinpoint,
    to_csl_citation_item,
    to_csl_locator,
    to_latex,
    to_link,
    to_pandoc,
)

from .conftest import EXAMPLES

KEY = "hornung2022tpv319"


@pytest.fixture
def hornung() -> Interview:
    return load(EXAMPLES / "319-hornung.json")


def with_paragraphs(interview: Interview) -> Interview:
    sections = tuple(
        dataclasses.replace(s, paragraphs=(f"First answer paragraph of {s.number}.", "Second one."))
        for s in interview.sections
    )
    return dataclasses.replace(
        interview, sections=sections, url="https://thediplomat.com/2022/05/x/"
    )


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param("3", Pinpoint(3), id="bare"),
        pytest.param("q3", Pinpoint(3), id="q"),
        pytest.param("Q3", Pinpoint(3), id="Q"),
        pytest.param(" q 3 ", Pinpoint(3), id="spaces"),
        pytest.param("3.2", Pinpoint(3, paragraph=2), id="dotted"),
        pytest.param("q3p2", Pinpoint(3, paragraph=2), id="q-p"),
        pytest.param("q3.2", Pinpoint(3, paragraph=2), id="q-dotted"),
        pytest.param("2-4", Pinpoint(2, end_section=4), id="range"),
        pytest.param("2–4", Pinpoint(2, end_section=4), id="range-en-dash"),
        pytest.param("q2-q4", Pinpoint(2, end_section=4), id="q-range"),
        pytest.param("q2-4", Pinpoint(2, end_section=4), id="q-range-short"),
        pytest.param("section 3", Pinpoint(3), id="section"),
        pytest.param("sec. 3", Pinpoint(3), id="sec"),
        pytest.param("Sec 3", Pinpoint(3), id="Sec-no-dot"),
        pytest.param("sec. 3 para. 2", Pinpoint(3, paragraph=2), id="sec-para"),
        pytest.param("section 3 paragraph 2", Pinpoint(3, paragraph=2), id="section-paragraph"),
        pytest.param("section 3, paragraph 2", Pinpoint(3, paragraph=2), id="comma"),
        pytest.param("sec 3, p. 2", Pinpoint(3, paragraph=2), id="p-dot"),
        pytest.param("sections 2-4", Pinpoint(2, end_section=4), id="sections-range"),
        pytest.param("§ 3", Pinpoint(3), id="section-sign"),
        pytest.param("§3.2", Pinpoint(3, paragraph=2), id="section-sign-paragraph"),
    ],
)
def test_accepted_forms(spec: str, expected: Pinpoint) -> None:
    assert parse_pinpoint(spec) == expected


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param("", id="empty"),
        pytest.param("x", id="word"),
        pytest.param("p2", id="paragraph-only"),
        pytest.param("3,2", id="comma-only"),
        pytest.param("q3p", id="dangling-p"),
        pytest.param("3.2-4", id="range-with-paragraph"),
        pytest.param("question 3", id="question-word"),
        pytest.param("-3", id="negative"),
    ],
)
def test_unreadable_forms_say_what_is_accepted(spec: str) -> None:
    with pytest.raises(PinpointError) as caught:
        parse_pinpoint(spec)
    assert str(caught.value) == (
        f"cannot read pinpoint {spec!r}; accepted forms: 3, q3, section 3, sec. 3 (a section); "
        "3.2, q3p2, sec. 3 para. 2, section 3 paragraph 2 (a paragraph); "
        "2-4, q2-q4 (a range of sections)"
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param("q0", "pinpoint 'q0': a pinpoint's section must be >= 1, not 0", id="zero"),
        pytest.param(
            "4-2",
            "pinpoint '4-2': a range of sections must end after it starts (4-2)",
            id="backwards",
        ),
        pytest.param(
            "3-3",
            "pinpoint '3-3': a range of sections must end after it starts (3-3)",
            id="empty-range",
        ),
    ],
)
def test_impossible_pinpoints(spec: str, message: str) -> None:
    with pytest.raises(PinpointError) as caught:
        parse_pinpoint(spec)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param("q7", "interview 319 has 5 sections; there is no section 7", id="past-end"),
        pytest.param("q3-q6", "interview 319 has 5 sections; there is no section 6", id="range"),
    ],
)
def test_checked_against_known_sections(hornung: Interview, spec: str, message: str) -> None:
    with pytest.raises(PinpointError) as caught:
        parse_pinpoint(spec, interview=hornung)
    assert str(caught.value) == message
    assert parse_pinpoint("q5", interview=hornung) == Pinpoint(5)


def test_paragraphs_are_checked_only_where_known(hornung: Interview) -> None:
    # the example has no answer text: any paragraph passes
    assert parse_pinpoint("q3p9", interview=hornung) == Pinpoint(3, paragraph=9)
    with pytest.raises(PinpointError) as caught:
        parse_pinpoint("q3p3", interview=with_paragraphs(hornung))
    assert str(caught.value) == (
        "section 3 of interview 319 has 2 paragraphs; there is no paragraph 3"
    )


def test_unknown_sections_are_not_checked(hornung: Interview) -> None:
    bare = dataclasses.replace(hornung, sections=())
    assert parse_pinpoint("q40", interview=bare) == Pinpoint(40)


@pytest.mark.parametrize(
    ("pinpoint", "locator", "latex", "bibtex", "pandoc"),
    [
        pytest.param(
            Pinpoint(3),
            "3",
            r"\autocite[sec.~3]{k}",
            r"\cite[sec.~3]{k}",
            "[@k, sec. 3]",
            id="section",
        ),
        pytest.param(
            Pinpoint(3, paragraph=2),
            "3, para. 2",
            r"\autocite[sec.~3, para.~2]{k}",
            r"\cite[sec.~3, para.~2]{k}",
            "[@k, sec. 3, para. 2]",
            id="paragraph",
        ),
        pytest.param(
            Pinpoint(2, end_section=4),
            "2-4",
            r"\autocite[secs.~2--4]{k}",
            r"\cite[secs.~2--4]{k}",
            "[@k, secs. 2-4]",
            id="range",
        ),
    ],
)
def test_renderings(pinpoint: Pinpoint, locator: str, latex: str, bibtex: str, pandoc: str) -> None:
    assert to_csl_locator(pinpoint) == ("section", locator)
    assert to_csl_citation_item(pinpoint, key="k") == {
        "id": "k",
        "label": "section",
        "locator": locator,
    }
    assert to_latex(pinpoint, key="k") == latex
    assert to_latex(pinpoint, key="k", dialect="bibtex") == bibtex
    assert to_pandoc(pinpoint, key="k") == pandoc


def test_pandoc_braces_keys_it_would_misread() -> None:
    assert to_pandoc(Pinpoint(1), key="hornungUkraineWarImpact2022") == (
        "[@hornungUkraineWarImpact2022, sec. 1]"
    )
    assert to_pandoc(Pinpoint(1), key="odd key") == "[@{odd key}, sec. 1]"


def test_unknown_latex_dialect() -> None:
    with pytest.raises(ValueError, match="unknown LaTeX dialect"):
        to_latex(Pinpoint(1), key="k", dialect="context")  # type: ignore[arg-type]


def test_link_quotes_the_opening_words_of_the_question(hornung: Interview) -> None:
    entry = dataclasses.replace(hornung, url="https://thediplomat.com/2022/05/ukraine-war/#top")
    link = to_link(Pinpoint(2), entry)
    assert link == (
        "https://thediplomat.com/2022/05/ukraine-war/#:~:text="
        "Examine%20Tokyo%E2%80%99s%20reckoning%20on%20Russia%E2%80%99s%20invasion%20of%20Ukraine"
    )
    assert (
        unquote(link.split("=", 1)[1])
        == "Examine Tokyo’s reckoning on Russia’s invasion of Ukraine"
    )
    # a range links to its first section; the question's trailing "." is not quoted
    assert to_link(Pinpoint(1, end_section=3), entry).endswith(
        "text=Identify%20the%20top%20three%20impacts%20of%20the%20Ukraine"
    )


def test_link_escapes_the_directive_syntax() -> None:
    assert fragment_quote("Japan-Russia, trade & arms") == (
        "Japan%2DRussia%2C%20trade%20%26%20arms"
    )
    entry = Interview(
        number=5,
        title="T",
        interviewers=(Person("Kuo", "Mercy A."),),
        interviewees=(Person("Satō"),),
        sections=(QASection(1, "Japan-Russia, trade & arms: what now?"),),
        url="https://thediplomat.com/t/",
        published=dt.date(2020, 1, 1),
    )
    assert to_link(Pinpoint(1), entry) == (
        "https://thediplomat.com/t/#:~:text=Japan%2DRussia%2C%20trade%20%26%20arms%3A%20what%20now"
    )


def test_link_to_a_paragraph_quotes_the_paragraph(hornung: Interview) -> None:
    assert to_link(Pinpoint(3, paragraph=1), with_paragraphs(hornung)) == (
        "https://thediplomat.com/2022/05/x/#:~:text=First%20answer%20paragraph%20of%203"
    )


def test_no_url_no_link(hornung: Interview) -> None:
    with pytest.raises(ExportError) as caught:
        to_link(Pinpoint(3), hornung)
    assert str(caught.value) == ("interview 319 has no URL, so there is no link to a section of it")


def test_no_sections_no_link(hornung: Interview) -> None:
    entry = dataclasses.replace(hornung, url="https://thediplomat.com/x/", sections=())
    with pytest.raises(ExportError, match="has no Q&A sections"):
        to_link(Pinpoint(1), entry)


def test_link_checks_the_pinpoint(hornung: Interview) -> None:
    entry = dataclasses.replace(hornung, url="https://thediplomat.com/x/")
    with pytest.raises(PinpointError, match="has 5 sections; there is no section 6"):
        to_link(Pinpoint(6), entry)
