"""The text reader: one fixture per variant of the copies that circulate on the web.

Fixtures under ``tests/fixtures/text/`` are written for these tests in the series' shape;
their answers are invented. Each case states the whole model dict it must give (as a base
plus the fields the variant changes) and the exact warnings.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from transpacific_cite import Interview, ParseError, ParseResult
from transpacific_cite._parse import parse_bytes, parse_text
from transpacific_cite._parse.common import organization_of, read_interviewee

from .conftest import FIXTURES, shared_file

TEXT = FIXTURES / "text"
NO_DATE = "no publication date found"
DASH_GUESSED = "dash guessed: the intro lost the dash around the interviewee's description"

Q1 = "Identify the main drivers of the invented policy shift in the fixture region."
Q2 = "Explain how the fixture alliance responds to the invented crisis."
A1 = [
    "Invented answer one, first paragraph: the fixture government weighs costs and benefits.",
    "Invented answer one, second paragraph: partners watch closely and adjust their plans.",
]
A2 = ["Invented answer two, only paragraph: the alliance coordinates and signals resolve."]
TANABE = {
    "given": "Aiko",
    "family": "Tanabe",
    "honorific": "Dr.",
    "description": "professor at Keio University",
    "organization": "Keio University",
}
KUO = {
    "given": "Mercy",
    "family": "Kuo",
    "honorific": None,
    "description": None,
    "organization": None,
}


def expected(
    *,
    number: int = 112,
    title: str | None = "The Invented Entry on Pacific Diplomacy",
    published: str | None = None,
    interviewer: dict[str, Any] | None = None,
    interviewee: dict[str, Any] | None = None,
    sections: list[tuple[str, list[str]]] | None = None,
    more_interviewees: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The model dict of a text fixture: the common base with a variant's changes."""
    return {
        "series": "The Trans-Pacific View Insight Series",
        "number": number,
        "title": title,
        "publication": "The Diplomat",
        "published": published,
        "url": None,
        "accessed": None,
        "interviewers": [interviewer or KUO],
        "interviewees": [{**TANABE, **(interviewee or {})}, *(more_interviewees or [])],
        "sections": [
            {"number": n, "question": q, "paragraphs": p}
            for n, (q, p) in enumerate(sections or [(Q1, A1), (Q2, A2)], 1)
        ],
    }


def read(name: str) -> ParseResult:
    return parse_bytes((TEXT / name).read_bytes())


CASES = [
    # --- the intro: honorifics as written ---
    pytest.param("honorific-dr.txt", expected(), [NO_DATE], id="honorific-dr"),
    pytest.param(
        "honorific-prof.txt",
        expected(
            interviewee={
                "given": "Daniel",
                "family": "Okafor",
                "honorific": "Prof.",
                "description": "professor of political science at the University of Tokyo",
                "organization": "University of Tokyo",
            }
        ),
        [NO_DATE],
        id="honorific-prof",
    ),
    pytest.param(
        "honorific-professor.txt",
        expected(
            interviewee={
                "given": "Lena",
                "family": "Brandt",
                "honorific": "Professor",
                "description": "chair of Asian studies at Heidelberg University",
                "organization": "Heidelberg University",
            }
        ),
        [NO_DATE],
        id="honorific-professor",
    ),
    pytest.param(
        "honorific-ambassador.txt",
        expected(
            interviewee={
                "given": "Tomas",
                "family": "Rivera",
                "honorific": "Ambassador",
                "description": "former U.S. ambassador to the fixture republic",
                "organization": None,
            }
        ),
        [NO_DATE],
        id="honorific-ambassador-no-organization",
    ),
    pytest.param(
        "honorific-none.txt",
        expected(
            interviewee={
                "given": "Priya",
                "family": "Raman",
                "honorific": None,
                "description": "director of the Asia Program at the German Marshall Fund",
                "organization": "German Marshall Fund",
            }
        ),
        [NO_DATE],
        id="honorific-none-programme-inside-institution",
    ),
    # --- the intro: where the description sits ---
    pytest.param(
        "description-en-dashes.txt",
        expected(
            interviewee={
                "description": "senior fellow at the Center for Strategic and International "
                "Studies (CSIS)",
                "organization": "Center for Strategic and International Studies",
            }
        ),
        [NO_DATE],
        id="description-en-dashes-abbreviation-dropped",
    ),
    pytest.param(
        "description-em-dashes.txt",
        expected(
            interviewee={
                "description": "research fellow at the Fixture Institute for Peace",
                "organization": "Fixture Institute for Peace",
            }
        ),
        [NO_DATE],
        id="description-em-dashes",
    ),
    pytest.param(
        "description-em-dashes-closed.txt", expected(), [NO_DATE], id="description-em-dashes-closed"
    ),
    pytest.param(
        "description-double-hyphen.txt", expected(), [NO_DATE], id="description-double-hyphen"
    ),
    pytest.param(
        "honorific-retired.txt",
        expected(
            interviewee={
                "honorific": "Lt. Gen. (ret.)",
                "description": "former commander of U.S. Forces Fixture",
                "organization": "U.S. Forces Fixture",
            }
        ),
        [NO_DATE],
        id="honorific-retired",
    ),
    pytest.param(
        "description-dash-comma.txt",
        expected(
            interviewee={
                "description": "nonresident fellow with the Atlantic Fixture Council",
                "organization": "Atlantic Fixture Council",
            }
        ),
        [NO_DATE],
        id="description-dash-then-comma",
    ),
    pytest.param(
        "description-lost-dash-spaces.txt",
        expected(
            number=319,
            interviewee={
                "description": "senior analyst at the Fixture Corporation",
                "organization": "Fixture Corporation",
            },
        ),
        [DASH_GUESSED, NO_DATE],
        id="description-lost-dash-two-spaces",
    ),
    pytest.param(
        "description-lost-dash-stroke.txt",
        expected(
            interviewee={
                "description": "senior analyst at the Fixture Corporation",
                "organization": "Fixture Corporation",
            }
        ),
        [DASH_GUESSED, NO_DATE],
        id="description-lost-dash-combining-stroke",
    ),
    pytest.param(
        "description-book-title.txt",
        expected(
            interviewee={
                "description": "professor at Keio University and author of “The Invented "
                "Alliance: Power, Trust, and the Fixture Order” (Harvard University Press 2024)",
            }
        ),
        [NO_DATE],
        id="description-book-title-and-publisher",
    ),
    pytest.param(
        "description-abbreviation.txt",
        expected(
            interviewee={
                "description": "distinguished research fellow at National Defense University (NDU)",
                "organization": "National Defense University",
            }
        ),
        [NO_DATE],
        id="description-abbreviation-ndu",
    ),
    pytest.param(
        "description-commas.txt",
        expected(
            interviewee={
                "description": "senior fellow, Asia-Pacific security, at the Fixture Policy "
                "Institute, and former adviser to the invented ministry",
                "organization": "Fixture Policy Institute",
            }
        ),
        [NO_DATE],
        id="description-with-commas",
    ),
    pytest.param(
        "description-none.txt",
        expected(interviewee={"description": None, "organization": None}),
        [NO_DATE],
        id="description-none",
    ),
    # --- the intro: quotes, ordinal, disclaimer ---
    pytest.param(
        "series-straight-quotes.txt", expected(number=3), [NO_DATE], id="series-straight-quotes"
    ),
    pytest.param(
        "intro-disclaimer.txt", expected(number=486), [NO_DATE], id="intro-disclaimer-not-content"
    ),
    pytest.param(
        "two-interviewees.txt",
        expected(
            more_interviewees=[
                {
                    "given": "Priya",
                    "family": "Raman",
                    "honorific": None,
                    "description": "director of the Asia Program at the German Marshall Fund",
                    "organization": "German Marshall Fund",
                }
            ]
        ),
        [NO_DATE],
        id="two-interviewees",
    ),
    # --- question headings ---
    pytest.param(
        "heading-question-mark.txt",
        expected(
            sections=[
                (
                    "What explains the fixture government’s sudden shift?",
                    ["Invented answer one: a mix of pressure and opportunity."],
                ),
                (
                    "How should partners respond to the invented shift?",
                    ["Invented answer two: patiently, with clear signals."],
                ),
            ]
        ),
        [NO_DATE],
        id="heading-question-mark",
    ),
    pytest.param(
        "heading-punctuation.txt",
        expected(
            sections=[
                (
                    "Examine the “fixture doctrine” – its aims, its limits, and its critics.",
                    ["Invented answer one: the doctrine is narrower than it sounds."],
                ),
                (
                    "Assess the summit’s outcome: success, stalemate, or setback?",
                    ["Invented answer two: a stalemate dressed as a success."],
                ),
                (
                    "Discuss the ‘invented corridor’ — and what it means for trade.",
                    ["Invented answer three: the corridor shortens shipping times."],
                ),
            ]
        ),
        [NO_DATE],
        id="heading-quotes-dashes-colon",
    ),
    pytest.param(
        "heading-markdown-bold.txt",
        expected(
            sections=[
                (
                    "Describe the invented reform package.",
                    [
                        "Invented answer one: three laws and a new agency.",
                        "Consider the agency first.",
                    ],
                ),
                (
                    "Evaluate its chances of success.",
                    ["Invented answer two: moderate, given the invented budget."],
                ),
            ]
        ),
        [NO_DATE],
        id="heading-markdown-bold-trailing-spaces",
    ),
    pytest.param(
        "heading-verbs.txt",
        expected(
            sections=[
                ("Analyze the fixture coalition’s internal debate.", ["Invented answer one."]),
                ("Describe the invented opposition’s stance.", ["Invented answer two."]),
                ("Discuss the role of the fixture courts.", ["Invented answer three."]),
                ("Evaluate the outlook for the invented election.", ["Invented answer four."]),
            ]
        ),
        [NO_DATE],
        id="heading-imperative-verbs",
    ),
    pytest.param(
        "unrecognised-first-question.txt",
        expected(),
        [
            "skipped 1 long paragraph(s) between the intro and the first question "
            "(an unrecognised question heading?)",
            NO_DATE,
        ],
        id="unrecognised-question-is-reported",
    ),
    # --- noise ---
    pytest.param("noise-paywall.txt", expected(), [NO_DATE], id="noise-paywall-variants"),
    pytest.param("title-pipe-suffix.txt", expected(), [NO_DATE], id="title-pipe-suffix"),
    pytest.param(
        "page-chrome.txt",
        expected(
            published="2022-05-16",
            interviewer={**KUO, "given": "Mercy A."},
        ),
        [],
        id="page-chrome-byline-date-breadcrumbs-dek-credit",
    ),
    pytest.param(
        "truncated-read-more.txt",
        expected(
            sections=[
                (Q1, A1),
                (Q2, ["Invented answer two, cut short in this copy as web copies often are"]),
            ]
        ),
        ["answer truncated: the copy stops at “Read more” in section 2", NO_DATE],
        id="truncated-read-more",
    ),
    pytest.param("no-title.txt", expected(title=None), ["no title found", NO_DATE], id="no-title"),
    # --- line endings and characters ---
    pytest.param("crlf.txt", expected(), [NO_DATE], id="crlf"),
    pytest.param("single-newlines.txt", expected(), [NO_DATE], id="single-newlines"),
    pytest.param("nbsp.txt", expected(), [NO_DATE], id="nbsp"),
    pytest.param("bom.txt", expected(), [NO_DATE], id="bom"),
    pytest.param(
        "cp1252.txt",
        expected(),
        ["input is not UTF-8; decoded as cp1252", NO_DATE],
        id="cp1252-not-utf8",
    ),
]


@pytest.mark.parametrize(("name", "model", "warnings"), CASES)
def test_text_variant(name: str, model: dict[str, Any], warnings: list[str]) -> None:
    result = read(name)
    assert result.interview.to_dict() == model
    assert list(result.warnings) == warnings
    assert Interview.from_dict(result.interview.to_dict()) == result.interview


@pytest.mark.parametrize(
    "ordinal",
    [
        pytest.param(o, id=o)
        for o in ("1st", "2nd", "3rd", "11th", "21st", "112th", "319th", "486th", "1000th")
    ],
)
def test_any_ordinal(ordinal: str) -> None:
    text = (TEXT / "honorific-dr.txt").read_text(encoding="utf-8").replace("112th", ordinal)
    assert parse_text(text).interview.number == int(re.sub(r"\D", "", ordinal))


ERRORS = [
    pytest.param(
        (TEXT / "error-other-interview.txt").read_bytes(),
        "not an entry of The Trans-Pacific View Insight Series: no series intro",
        id="another-diplomat-interview",
    ),
    pytest.param(
        (TEXT / "error-listing.txt").read_bytes(),
        "no series number in the intro",
        id="listing-page",
    ),
    pytest.param(
        (TEXT / "error-rebalance.txt").read_bytes(),
        "an entry of “The Rebalance Insight Series”",
        id="rebalance-insight-series",
    ),
    pytest.param(
        (TEXT / "error-no-number.txt").read_bytes(),
        "no series number in the intro",
        id="series-named-without-number",
    ),
    pytest.param(b"", "empty input", id="empty"),
    pytest.param(b" \r\n\t\n", "empty input", id="whitespace-only"),
    pytest.param(b"\xef\xbb\xbf", "empty input", id="bom-only"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data", id="binary-nul"),
    pytest.param(bytes(range(1, 9)) * 50, "binary data", id="binary-controls"),
    pytest.param(b"Title \x81\x8d\x8f\x90\x9d here", "undecodable bytes", id="undecodable"),
]


@pytest.mark.parametrize(("data", "message"), ERRORS)
def test_not_a_series_entry(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data)
    assert message in str(caught.value)


def test_listing_with_several_intros_is_refused() -> None:
    one = (TEXT / "honorific-dr.txt").read_text(encoding="utf-8")
    with pytest.raises(ParseError, match=r"several series intros \(112, 113\): a listing page"):
        parse_text(one + one.replace("112th", "113th"))


def test_no_question_after_the_intro_is_refused() -> None:
    text = (TEXT / "honorific-dr.txt").read_text(encoding="utf-8").split(Q1)[0]
    with pytest.raises(ParseError, match="no question headings after the intro"):
        parse_text(text)


def test_byline_that_is_not_the_interviewer_keeps_the_intro() -> None:
    text = "By Fixture Editor\n" + (TEXT / "honorific-dr.txt").read_text(encoding="utf-8")
    result = parse_text(text)
    assert result.interview.interviewers[0].full_name == "Mercy Kuo"
    assert "the byline names Fixture Editor, the intro Mercy Kuo; kept the intro's" in (
        result.warnings
    )


ORGANIZATIONS = [
    pytest.param(
        "director of the Asia Program at the German Marshall Fund",
        "German Marshall Fund",
        id="programme-named-first",
    ),
    pytest.param(
        "senior fellow at the Center for Strategic and International Studies (CSIS)",
        "Center for Strategic and International Studies",
        id="abbreviation-dropped",
    ),
    pytest.param("professor at Keio University", "Keio University", id="university"),
    pytest.param("independent analyst", None, id="none"),
    pytest.param("senior political scientist at RAND Corporation", "RAND Corporation", id="rand"),
    pytest.param(
        "senior fellow at Harvard University’s Belfer Center", "Harvard University", id="possessive"
    ),
    pytest.param(
        "fellow at the Asia Program of the German Marshall Fund",
        "German Marshall Fund",
        id="unit-of-institution",
    ),
    pytest.param(
        "research scientist at the Massachusetts Institute of Technology",
        "Massachusetts Institute of Technology",
        id="institute-of-is-the-institution",
    ),
    pytest.param("president of the Pacific Forum", "Pacific Forum", id="of-institution"),
    pytest.param("professor of political science", None, id="of-discipline"),
    pytest.param(
        "senior fellow for Asia at the Council on Foreign Relations",
        "Council on Foreign Relations",
        id="connector-on",
    ),
    pytest.param("director, German Marshall Fund", "German Marshall Fund", id="bare-after-comma"),
    pytest.param(
        "former U.S. Director of National Intelligence", None, id="office-is-not-an-institution"
    ),
    pytest.param("former Minister of Defense of Japan", None, id="minister-of"),
    pytest.param(
        "senior fellow at the U.S. Naval War College",
        "U.S. Naval War College",
        id="abbreviation-inside-the-name",
    ),
    pytest.param(
        "managing partner at The Asia Group, a former U.S. consul general",
        "The Asia Group",
        id="capital-the-is-part-of-the-name",
    ),
    pytest.param(
        "author of “The Invented Alliance” (Harvard University Press 2024)",
        None,
        id="publisher-is-not-an-affiliation",
    ),
]


@pytest.mark.parametrize(("description", "organization"), ORGANIZATIONS)
def test_organization_is_the_institution(description: str, organization: str | None) -> None:
    assert organization_of(description) == organization


SEED_QUESTIONS = [
    "Identify the three main impacts of the war in Ukraine on Japanese-Russian relations.",
    "Examine Tokyo’s reckoning on Russia’s invasion of Ukraine and China’s refusal to condemn "
    "the invasion in the context of Sino-Japanese relations.",
    "What calculations if Japan faced Sino-American geostrategic competition?",
    "Analyze the internal debate among Japan’s political leaders and the implications for "
    "Japan’s nuclear posture.",
    "Assess the effectiveness of Japan’s sanctions against Russia and coordination with the "
    "United States and other G-7 allies in responding to the conflict in Ukraine.",
]


def test_seed_319_article() -> None:
    result = parse_bytes(shared_file("seed", "319-article.txt").read_bytes())
    model = result.interview.to_dict()
    assert model["number"] == 319
    assert model["publication"] == "The Diplomat"
    assert model["title"] == "The impact on Japanese-Russian relations"
    assert model["published"] is None
    assert model["interviewers"] == [KUO]
    assert model["interviewees"] == [
        {
            "given": "Jeffrey",
            "family": "Hornung",
            "honorific": "Dr.",
            "description": "senior political scientist at RAND Corporation",
            "organization": "RAND Corporation",
        }
    ]
    assert [s["question"] for s in model["sections"]] == SEED_QUESTIONS
    assert [len(s["paragraphs"]) for s in model["sections"]] == [4, 2, 1, 2, 1]
    paragraphs = [p for s in model["sections"] for p in s["paragraphs"]]
    assert not [p for p in paragraphs if re.search(r"subscribe|register|\$5|this article", p)]
    assert any("\u0336" in p for p in model["sections"][1]["paragraphs"])  # kept as written
    assert list(result.warnings) == [NO_DATE]


NAMES = [
    pytest.param(
        "Jeffrey Hornung, Ph.D., senior political scientist at RAND Corporation, ",
        ("Jeffrey", "Hornung", None, "senior political scientist at RAND Corporation"),
        id="credential-dropped",
    ),
    pytest.param(
        "Dr. John Smith, Jr., professor at Keio University, ",
        ("John", "Smith Jr.", "Dr.", "professor at Keio University"),
        id="generation-suffix-after-comma",
    ),
    pytest.param(
        "John Smith Jr. – professor at Keio University – ",
        ("John", "Smith Jr.", None, "professor at Keio University"),
        id="generation-suffix",
    ),
    pytest.param(
        "Ulrich van der Heyden, fellow at the Fixture Institute, ",
        ("Ulrich", "van der Heyden", None, "fellow at the Fixture Institute"),
        id="family-name-particles",
    ),
    pytest.param(
        "Lt. Gen. Jane Q. Doe, former commander, ",
        ("Jane Q.", "Doe", "Lt. Gen.", "former commander"),
        id="two-word-honorific-middle-initial",
    ),
]


@pytest.mark.parametrize(("who", "person"), NAMES)
def test_interviewee_names(who: str, person: tuple[str | None, ...]) -> None:
    found, guessed = read_interviewee(who)
    assert (found.given, found.family, found.honorific, found.description) == person
    assert guessed is False
