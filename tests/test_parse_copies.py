"""The shapes real web copies take (issue 10): one fixture per shape, every field asserted.

Fixtures under ``tests/fixtures/copies/`` are written for these tests in the shape of copies
collected from the web (thediplomat.com and its mirrors, aggregators, tag pages, Markdown
clippers); names, numbers and institutions may be real, all text is invented. Each case
states the whole model dict (number, names, honorific, organization, title, questions and
their paragraphs) and the exact warnings.
"""

from __future__ import annotations

from typing import Any

import pytest

from transpacific_cite import Interview, ParseError
from transpacific_cite._parse import parse_bytes, parse_html
from transpacific_cite._parse.common import organization_of, person_from_name, read_interviewee

from .conftest import FIXTURES

COPIES = FIXTURES / "copies"
NO_DATE = "no publication date found"
DASH_GUESSED = "dash guessed: the intro lost the dash around the interviewee's description"
SKIPPED = (
    "skipped {} long paragraph(s) between the intro and the first question "
    "(an unrecognised question heading?)"
)
KUO = {"given": "Mercy", "family": "Kuo", "honorific": None, "description": None}


def person(
    given: str | None,
    family: str,
    honorific: str | None = None,
    description: str | None = None,
    organization: str | None = None,
) -> dict[str, Any]:
    return {
        "given": given,
        "family": family,
        "honorific": honorific,
        "description": description,
        "organization": organization,
    }


def entry(
    number: int,
    title: str | None,
    interviewees: list[dict[str, Any]],
    sections: list[tuple[str, list[str]]],
    *,
    published: str | None = None,
    interviewer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole model dict of a copy."""
    return {
        "series": "The Trans-Pacific View Insight Series",
        "number": number,
        "title": title,
        "publication": "The Diplomat",
        "published": published,
        "url": None,
        "accessed": None,
        "interviewers": [{**KUO, "organization": None, **(interviewer or {})}],
        "interviewees": interviewees,
        "sections": [
            {"number": n, "question": q, "paragraphs": p} for n, (q, p) in enumerate(sections, 1)
        ],
    }


SEO = person(
    "Minji",
    "Seo",
    "Dr.",
    "research fellow at the Fixture Institute for Trade",
    "Fixture Institute for Trade",
)
TANABE = person("Aiko", "Tanabe", "Dr.", "professor at Keio University", "Keio University")
ANSWER_2 = "Invented answer two: with interest, and with some caution about the timing."
ANSWER_3 = "Invented answer three: supply chains are long and hard to reroute in a hurry."
FIXTURE_SECTIONS = [
    (
        "Identify the main drivers of the invented policy shift in the fixture region.",
        [
            "Invented answer one, first paragraph: the fixture government weighs costs and "
            "benefits.",
            "Invented answer one, second paragraph: partners watch closely and adjust their plans.",
        ],
    ),
    (
        "Explain how the fixture alliance responds to the invented crisis.",
        ["Invented answer two, only paragraph: the alliance coordinates and signals resolve."],
    ),
]
ENERGY_SECTIONS = [
    (
        "Identify the main drivers of the invented energy pivot.",
        ["Invented answer one: prices, partners and politics, in that order."],
    ),
    ("Explain how Moscow has responded.", ["Invented answer two: with discounts and warnings."]),
]
ELECTION_SECTIONS = [
    (
        "Identify what surprised you in the invented election.",
        ["Invented answer one: the turnout, which nobody predicted."],
    ),
    (
        "Explain what comes next for the fixture coalition.",
        ["Invented answer two: a long negotiation."],
    ),
]

CASES = [
    # --- 1. question headings the reader did not take for questions ---
    pytest.param(
        "headings-adverb-caption.txt",
        entry(
            402,
            "Seoul’s Export-Control Playbook",
            [SEO],
            [
                (
                    "Briefly assess Seoul’s export-control strategy.",
                    [
                        "Invented answer one: Seoul lists fewer items than its neighbours and "
                        "reviews the list every year. The review is slow, and that is deliberate.",
                        "Invented answer one, continued: officials prefer predictability to speed.",
                    ],
                ),
                ("Now, explain how Tokyo reads that strategy.", [ANSWER_2]),
                ("Finally, identify the risks for the region’s chip makers.", [ANSWER_3]),
            ],
        ),
        [NO_DATE],
        id="1-adverb-led-headings-after-caption-and-glued-credit",
    ),
    pytest.param(
        "headings-missing-first.txt",
        entry(
            402,
            "Seoul’s Export-Control Playbook",
            [SEO],
            [
                ("Explain how Tokyo reads that strategy.", [ANSWER_2]),
                ("What should the region’s chip makers expect next?", [ANSWER_3]),
            ],
        ),
        [SKIPPED.format(2), NO_DATE],
        id="1-first-question-missing-is-a-warning",
    ),
    pytest.param(
        "markdown-clipper.txt",
        entry(
            402,
            "Seoul’s Export-Control Playbook",
            [SEO],
            [
                (
                    "Briefly assess Seoul’s export-control strategy.",
                    [
                        "Invented answer one: Seoul lists fewer items than its neighbours and "
                        "reviews the list every year. The review is slow, and that is deliberate."
                    ],
                ),
                ("Now, explain how Tokyo reads that strategy.", [ANSWER_2]),
            ],
        ),
        [NO_DATE],
        id="1-markdown-clipper-image-and-italic-caption-not-answers",
    ),
    # --- 2. organization ---
    pytest.param(
        "organization-division.txt",
        entry(
            415,
            "North Korea’s Invented Missile Calendar",
            [
                person(
                    "Daniel",
                    "Park",
                    None,
                    "Korea lead at the Strategy Division, senior fellow at the Hudson Institute, "
                    "and co-author of “Fixture Peninsula: Deterrence After the Invented Summit”",
                    "Hudson Institute",
                )
            ],
            [
                (
                    "Identify the pattern behind the invented launch calendar.",
                    ["Invented answer one: launches cluster around allied exercises."],
                ),
                (
                    "Examine what Washington can do about it.",
                    ["Invented answer two: less than it says, more than it does."],
                ),
            ],
        ),
        [NO_DATE],
        id="2-division-is-not-the-institution",
    ),
    pytest.param(
        "organization-coauthor.txt",
        entry(
            433,
            "Maritime Order in the Invented Strait",
            [
                person(
                    "Hana",
                    "Okoye",
                    "Prof.",
                    "professor in the Center for Maritime Studies within the Pacific Policy "
                    "Institute at Example State University (ESU) and co-author with Jane Q. Doe "
                    "of Tides of Power: The Invented Strait and Its Neighbours",
                    "Example State University",
                )
            ],
            [
                (
                    "Describe the legal status of the invented strait.",
                    ["Invented answer one: contested, and likely to stay so."],
                ),
                (
                    "Assess the coast guards’ role in keeping the peace.",
                    ["Invented answer two: quiet, steady and underrated."],
                ),
            ],
        ),
        [NO_DATE],
        id="2-university-not-co-author-or-book",
    ),
    # --- 3. title from noise ---
    pytest.param(
        "title-noise.txt",
        entry(
            327,
            "Japan’s Quiet Pivot on Russian Energy",
            [{**TANABE}],
            ENERGY_SECTIONS,
            published="2022-05-16",
        ),
        [],
        id="3-title-after-ad-logo-site-breadcrumb-submitted-caption-teaser",
    ),
    pytest.param(
        "title-none.txt",
        entry(327, None, [TANABE], ENERGY_SECTIONS, published="2022-05-16"),
        ["no title found"],
        id="3-only-noise-means-no-title",
    ),
    # --- 4. flattened and split copies ---
    pytest.param(
        "flattened-tag-page.txt",
        entry(
            319,
            "Japan's Invented Reckoning With Moscow",
            [
                person(
                    "Jeffrey",
                    "Hornung",
                    "Dr.",
                    "senior political scientist at RAND Corporation",
                    "RAND Corporation",
                )
            ],
            [
                (
                    "Identify the invented turning points in Tokyo's Russia policy.",
                    [
                        "Invented answer one: the first turning point came early. The second "
                        "came when the talks stopped."
                    ],
                ),
                (
                    "Examine Tokyo's view of Beijing's \"neutrality.\"",
                    ["Invented answer two: Tokyo does not believe it. Few in the region do."],
                ),
                (
                    "What would change Tokyo's calculus?",
                    ["Invented answer three: a settlement, and it is not in sight."],
                ),
            ],
        ),
        [NO_DATE],
        id="4-flattened-tag-page-straight-quotes",
    ),
    pytest.param(
        "intro-split.txt",
        entry(471, "Fixture Alliances After the Invented Summit", [TANABE], FIXTURE_SECTIONS),
        [NO_DATE],
        id="4-intro-split-by-a-blank-line",
    ),
    pytest.param(
        "teaser-single-newlines.txt",
        entry(
            471,
            "Fixture Alliances After the Invented Summit",
            [TANABE],
            FIXTURE_SECTIONS,
            published="2025-06-02",
            interviewer={"given": "Mercy A."},
        ),
        [],
        id="4-teaser-block-single-newlines",
    ),
    # --- 5. dashes and separators ---
    pytest.param(
        "dash-none.txt",
        entry(
            350,
            "Tokyo Bureau Notes on the Invented Election",
            [person("Ana M.", "Lima", None, "Financial Times Tokyo correspondent", None)],
            ELECTION_SECTIONS,
        ),
        [DASH_GUESSED, NO_DATE],
        id="5-no-separator-lowercase-series-no-quotes",
    ),
    pytest.param(
        "dash-combining-stroke.txt",
        entry(
            351,
            "Tokyo Bureau Notes on the Invented Election",
            [person("Ana", "Lima", None, "Tokyo correspondent for the Financial Times", None)],
            ELECTION_SECTIONS,
        ),
        [DASH_GUESSED, NO_DATE],
        id="5-combining-long-stroke-as-dash",
    ),
    # --- 6. names ---
    pytest.param(
        "names-singapore.txt",
        entry(
            455,
            "Singapore’s Invented Hedging Doctrine",
            [
                person(
                    "Benjamin Tze Ern",
                    "Ho",
                    "Dr.",
                    "assistant professor at the S. Rajaratnam School of International Studies "
                    "(RSIS)",
                    "S. Rajaratnam School of International Studies",
                ),
                person(
                    "Wei Ming",
                    "Tan",
                    None,
                    "senior analyst with the Fixture Strategy Group",
                    "Fixture Strategy Group",
                ),
            ],
            [
                (
                    "Identify the core of Singapore’s invented hedging doctrine.",
                    ["Invented answer one: keep every door open, and say so often."],
                ),
                (
                    "Assess how Washington reads it.",
                    ["Invented answer two: with more patience than it shows in public."],
                ),
            ],
        ),
        [NO_DATE],
        id="6-english-then-chinese-and-given-first-chinese",
    ),
    pytest.param(
        "names-particles.txt",
        entry(
            461,
            "Europe’s Invented Indo-Pacific Turn",
            [
                person(
                    "Ulrich",
                    "van der Heyden",
                    "Dr.",
                    "senior fellow at the Fixture Institute for European Studies",
                    "Fixture Institute for European Studies",
                ),
                person(
                    "Ahmad",
                    "bin Ibrahim",
                    None,
                    "research director at the Invented Policy Foundation",
                    "Invented Policy Foundation",
                ),
            ],
            [
                (
                    "Identify what drives the invented European turn to the Indo-Pacific.",
                    ["Invented answer one: trade first, security second."],
                ),
                (
                    "Explain how Southeast Asian capitals receive it.",
                    ["Invented answer two: politely, and with a list of requests."],
                ),
            ],
        ),
        [NO_DATE],
        id="6-particles-van-der-and-bin-second-interviewee",
    ),
    pytest.param(
        "names-particle-al.txt",
        entry(
            466,
            "Gulf Capital in the Invented Pacific",
            [
                person(
                    "Layla",
                    "al-Rashid",
                    "Dr.",
                    "fellow at the Fixture Gulf Institute",
                    "Fixture Gulf Institute",
                )
            ],
            [
                (
                    "Identify where Gulf capital goes in the invented Pacific.",
                    ["Invented answer one: ports, power and data centres."],
                ),
                ("Explain why.", ["Invented answer two: because the returns are steady."]),
            ],
        ),
        [NO_DATE],
        id="6-particle-al-hyphen",
    ),
]


@pytest.mark.parametrize(("name", "model", "warnings"), CASES)
def test_web_copy_shape(name: str, model: dict[str, Any], warnings: list[str]) -> None:
    result = parse_bytes((COPIES / name).read_bytes())
    assert result.interview.to_dict() == model
    assert list(result.warnings) == warnings
    assert Interview.from_dict(result.interview.to_dict()) == result.interview


# --- 7. not series entries stay errors ---
@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "not-series-rebalance.txt",
            "an entry of “The Rebalance Insight Series”, not of The Trans-Pacific View Insight "
            "Series",
            id="7-rebalance-precursor-flattened",
        ),
        pytest.param(
            "not-series-no-number.txt",
            "no series number in the intro",
            id="7-boilerplate-without-number-split-intro",
        ),
    ],
)
def test_not_a_series_entry(name: str, message: str) -> None:
    with pytest.raises(ParseError, match="^" + message):
        parse_bytes((COPIES / name).read_bytes())


INTERVIEWEES = [
    pytest.param("Ana Lima – Tokyo correspondent ", ("Ana", "Lima", "Tokyo correspondent", False)),
    pytest.param("Ana Lima — Tokyo correspondent ", ("Ana", "Lima", "Tokyo correspondent", False)),
    pytest.param("Ana Lima—Tokyo correspondent—", ("Ana", "Lima", "Tokyo correspondent", False)),
    pytest.param("Ana Lima ̶ Tokyo correspondent ̶ ", ("Ana", "Lima", "Tokyo correspondent", True)),
    pytest.param("Ana Lima̶Tokyo correspondent̶", ("Ana", "Lima", "Tokyo correspondent", True)),
    pytest.param("Ana Lima  Tokyo correspondent  ", ("Ana", "Lima", "Tokyo correspondent", True)),
    pytest.param(
        "Ana Lima Financial Times correspondent ",
        ("Ana", "Lima", "Financial Times correspondent", True),
        id="no-separator",
    ),
    pytest.param(
        "Jane Q. R. Doe senior fellow at the Fixture Fund ",
        ("Jane Q. R.", "Doe", "senior fellow at the Fixture Fund", True),
        id="no-separator-middle-initials",
    ),
    pytest.param(
        "Jan van der Berg senior fellow ",
        ("Jan", "van der Berg", "senior fellow", True),
        id="no-separator-particles",
    ),
    pytest.param(
        "Benjamin Ho Tze Ern senior fellow ",
        ("Benjamin Tze Ern", "Ho", "senior fellow", True),
        id="no-separator-english-then-chinese",
    ),
    pytest.param(
        "Wei Ming Tan Reuters correspondent ",
        ("Wei Ming", "Tan", "Reuters correspondent", True),
        id="no-separator-chinese-given-first",
    ),
    pytest.param(
        "Mary Ann Smith ", ("Mary Ann", "Smith", None, False), id="no-description-three-words"
    ),
]


@pytest.mark.parametrize(("who", "expected"), INTERVIEWEES)
def test_dashes_and_separators(who: str, expected: tuple[Any, ...]) -> None:
    found, guessed = read_interviewee(who)
    assert (found.given, found.family, found.description, guessed) == expected


@pytest.mark.parametrize(
    ("name", "given", "family"),
    [
        ("Benjamin Ho Tze Ern", "Benjamin Tze Ern", "Ho"),
        ("Jason Tan Kim Hock", "Jason Kim Hock", "Tan"),
        ("Wei Ming Tan", "Wei Ming", "Tan"),
        ("Mercy A. Kuo", "Mercy A.", "Kuo"),
        ("Sarah Jane Lee", "Sarah Jane", "Lee"),
        ("Maria de la Cruz", "Maria", "de la Cruz"),
        ("Ahmad al Rashid", "Ahmad", "al Rashid"),
        ("Siti binti Hassan", "Siti", "binti Hassan"),
    ],
)
def test_names(name: str, given: str, family: str) -> None:
    found = person_from_name(name)
    assert (found.given, found.family) == (given, family)


@pytest.mark.parametrize(
    ("description", "organization"),
    [
        pytest.param(
            "Korea lead at the Strategy Division, senior fellow at the Hudson Institute, and "
            "co-author of The Invented Peninsula",
            "Hudson Institute",
            id="unit-first-then-institution",
        ),
        pytest.param(
            "professor in the Center for X within the Y Institute at Example State University "
            "(ESU) and co-author with Jane Q. Doe of Tides of Power",
            "Example State University",
            id="co-author-with-a-person",
        ),
        pytest.param(
            "lead author of the Pacific Futures Report",
            None,
            id="report-title-is-not-an-organization",
        ),
        pytest.param("fellow at the Belfer Center", "Belfer Center", id="unit-alone-is-kept"),
        pytest.param(
            "analyst at the Port Authority of Fixture", "Port Authority of Fixture", id="authority"
        ),
    ],
)
def test_organization(description: str, organization: str | None) -> None:
    assert organization_of(description) == organization


def test_flattened_story_body_of_a_page() -> None:
    """FLATTENED is the core's: an HTML page whose story body is one paragraph splits too."""
    run = (COPIES / "flattened-tag-page.txt").read_text(encoding="utf-8").splitlines()[-1]
    page = f'<html><body><div id="td-story-body"><p>{run}</p></div></body></html>'
    sections = parse_html(page, url="https://thediplomat.com/x/").interview.sections
    assert [(s.question, len(s.paragraphs)) for s in sections] == [
        ("Identify the invented turning points in Tokyo's Russia policy.", 1),
        ("Examine Tokyo's view of Beijing's \"neutrality.\"", 1),
        ("What would change Tokyo's calculus?", 1),
    ]
