"""The HTML reader: Diplomat WordPress pages, one fixture per variant of item 4.

Fixtures under ``tests/fixtures/html/`` are written for these tests in the shape of a
Diplomat article page (``h1#td-headline``, ``#td-lead``, ``meta[itemprop=datePublished]``,
``link[rel=canonical]``, ``#td-story-body``); every answer paragraph is invented.
"""

from __future__ import annotations

from typing import Any

import pytest

from transpacific_cite import Interview, ParseError
from transpacific_cite._parse import looks_like_html, parse_bytes, parse_html, parse_text

from .conftest import FIXTURES, shared_file

HTML = FIXTURES / "html"
TITLE = "Ukraine War: The Impact on Japan-Russia Relations"
URL = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
QUESTIONS = [
    "Identify the three main impacts of the war in Ukraine on Japanese-Russian relations.",
    "Examine Tokyo’s reckoning on Russia’s invasion of Ukraine and China’s refusal to condemn "
    "the invasion in the context of Sino-Japanese relations.",
    "What calculations if Japan faced Sino-American geostrategic competition?",
    "Analyze the internal debate among Japan’s political leaders and the implications for "
    "Japan’s nuclear posture.",
    "Assess the effectiveness of Japan’s sanctions against Russia and coordination with the "
    "United States and other G-7 allies in responding to the conflict in Ukraine.",
]
COUNTS = [4, 2, 1, 2, 1]
HORNUNG = {
    "given": "Jeffrey",
    "family": "Hornung",
    "honorific": "Dr.",
    "description": "senior political scientist at RAND Corporation",
    "organization": "RAND Corporation",
}
KUO = {
    "given": "Mercy A.",
    "family": "Kuo",
    "honorific": None,
    "description": None,
    "organization": None,
}


def answer(question: int, paragraph: int) -> str:
    return (
        f"Fixture answer {question}.{paragraph}: invented text standing in for the "
        "interviewee’s reasoning."
    )


def model_319(
    *,
    published: str | None = "2022-05-16",
    url: str | None = URL,
    interviewer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "series": "The Trans-Pacific View Insight Series",
        "number": 319,
        "title": TITLE,
        "publication": "The Diplomat",
        "published": published,
        "url": url,
        "accessed": None,
        "interviewers": [interviewer or KUO],
        "interviewees": [HORNUNG],
        "sections": [
            {
                "number": q,
                "question": question,
                "paragraphs": [answer(q, p) for p in range(1, count + 1)],
            }
            for q, (question, count) in enumerate(zip(QUESTIONS, COUNTS, strict=True), 1)
        ],
    }


CASES = [
    pytest.param("319-hornung.html", None, model_319(), [], id="full-page-with-chrome"),
    pytest.param("title-og.html", None, model_319(), [], id="title-from-og-title"),
    pytest.param("title-tag.html", None, model_319(), [], id="title-from-title-tag"),
    pytest.param(
        "date-published-time.html",
        None,
        model_319(),
        [],
        id="date-part-of-published-time-not-utc",
    ),
    pytest.param("date-visible.html", None, model_319(), [], id="date-visible"),
    pytest.param(
        "no-date.html", None, model_319(published=None), ["no publication date found"], id="no-date"
    ),
    pytest.param("url-og.html", None, model_319(), [], id="url-from-og-url"),
    pytest.param(
        "url-argument.html",
        "https://example.org/saved/319",
        model_319(url="https://example.org/saved/319"),
        [],
        id="url-from-argument",
    ),
    pytest.param("url-argument.html", None, model_319(url=None), [], id="no-url-anywhere"),
    pytest.param(
        "chrome-before-article.html",
        None,
        model_319(),
        [],
        id="other-posts-dates-and-authors-before-the-article",
    ),
    pytest.param("byline-meta-author.html", None, model_319(), [], id="byline-meta-author"),
    pytest.param("byline-rel-author.html", None, model_319(), [], id="byline-rel-author"),
    pytest.param(
        "no-byline.html",
        None,
        model_319(interviewer={**KUO, "given": "Mercy"}),
        [],
        id="no-byline-intro-name",
    ),
    pytest.param(
        "no-story-body.html", None, model_319(), [], id="no-td-story-body-falls-back-to-article"
    ),
    pytest.param(
        "cp1252.html",
        None,
        model_319(),
        ["input is not UTF-8; decoded as cp1252"],
        id="cp1252-page",
    ),
]


@pytest.mark.parametrize(("name", "url", "model", "warnings"), CASES)
def test_html_variant(
    name: str, url: str | None, model: dict[str, Any], warnings: list[str]
) -> None:
    result = parse_bytes((HTML / name).read_bytes(), url=url)
    assert result.interview.to_dict() == model
    assert list(result.warnings) == warnings
    assert Interview.from_dict(result.interview.to_dict()) == result.interview


def test_canonical_link_beats_url_argument() -> None:
    result = parse_html((HTML / "319-hornung.html").read_bytes(), url="https://example.org/x")
    assert result.interview.url == URL


def test_str_and_bytes_give_the_same_interview() -> None:
    data = (HTML / "319-hornung.html").read_bytes()
    assert parse_html(data.decode("utf-8")) == parse_html(data)


def test_bold_and_h3_paragraphs_are_headings_partial_bold_is_not() -> None:
    sections = parse_html((HTML / "headings-b-h3.html").read_bytes()).interview.to_dict()[
        "sections"
    ]
    assert sections == [
        {
            "number": 1,
            "question": QUESTIONS[0],
            "paragraphs": ["First, an invented answer paragraph that opens with a bold word."],
        },
        {
            "number": 2,
            "question": QUESTIONS[1],
            "paragraphs": ["An invented answer with bold and italic words inside."],
        },
        {
            "number": 3,
            "question": QUESTIONS[2],
            "paragraphs": ["An invented answer to the third question."],
        },
    ]


def test_ads_asides_paywall_scripts_and_styles_are_dropped() -> None:
    result = parse_html((HTML / "dropped-blocks.html").read_bytes())
    assert [s.to_dict() for s in result.interview.sections] == [
        {
            "number": 1,
            "question": QUESTIONS[0],
            "paragraphs": ["An invented answer that keeps its tail. After a line break."],
        },
        {
            "number": 2,
            "question": QUESTIONS[1],
            "paragraphs": [
                "An invented quoted answer paragraph.",
                "An invented list item in the answer.",
            ],
        },
    ]
    assert result.warnings == ()


def test_same_facts_as_the_text_seed_plus_date_and_url() -> None:
    text = parse_bytes(shared_file("seed", "319-article.txt").read_bytes()).interview
    page = parse_bytes((HTML / "319-hornung.html").read_bytes()).interview
    assert (page.number, page.publication) == (text.number, text.publication)
    assert page.interviewees == text.interviewees
    assert [s.question for s in page.sections] == [s.question for s in text.sections]
    assert [len(s.paragraphs) for s in page.sections] == [len(s.paragraphs) for s in text.sections]
    assert (text.published, text.url) == (None, None)
    assert (str(page.published), page.url) == ("2022-05-16", URL)


def test_fetch_fixture_page_shape() -> None:
    """The page shape the fetch/catalog tests serve is read as well."""
    path = FIXTURES / "pages" / "319-hornung.html"  # in the repository: never skipped
    interview = parse_bytes(path.read_bytes()).interview
    assert interview.number == 319
    assert interview.title == TITLE
    assert str(interview.published) == "2022-05-16"
    assert interview.url == URL
    assert interview.interviewees[0].to_dict() == HORNUNG
    assert interview.interviewers[0].full_name == "Mercy A. Kuo"


ERRORS = [
    pytest.param(
        (HTML / "not-series.html").read_bytes(),
        "not an entry of The Trans-Pacific View Insight Series: no series intro",
        id="another-diplomat-interview",
    ),
    pytest.param(
        (HTML / "listing.html").read_bytes(), "no series number in the intro", id="listing-page"
    ),
    pytest.param(b"<html></html>", "no paragraphs in the HTML page", id="empty-document"),
    pytest.param(
        b"<!DOCTYPE html><html><head><title>x</title></head></html>",
        "no paragraphs in the HTML page",
        id="no-body",
    ),
    pytest.param(b"<html><body><p>\x00</p></body></html>", "binary data", id="nul-in-html"),
]


@pytest.mark.parametrize(("data", "message"), ERRORS)
def test_html_that_is_not_a_series_entry(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("head", "is_html"),
    [
        pytest.param("<!DOCTYPE html>\n<html>", True, id="doctype"),
        pytest.param("\ufeff  <html lang='en'>", True, id="bom-and-spaces"),
        pytest.param("<div id='td-story-body'><p>", True, id="fragment"),
        pytest.param("The title – The Diplomat\n<p>", False, id="text-mentioning-a-tag"),
        pytest.param("<3 this article", False, id="text-starting-with-lt"),
    ],
)
def test_html_is_told_by_content(head: str, is_html: bool) -> None:
    assert looks_like_html(head) is is_html


def test_text_reader_on_html_markup_says_what_is_missing() -> None:
    with pytest.raises(ParseError, match="no series intro"):
        parse_text("<html><body><p>Not an entry.</p></body></html>")
