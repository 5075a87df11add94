"""Rendered citations and bibliographies: goldens, one regression test per citeproc-py fault.

The faults are those of citeproc-py 0.11.1 listed in issue 4 (and located in
``../shared/notes/citeproc-py.md``); each test names its fault. The test corpus: entry 319
(examples/, given a URL here) and four invented entries in tests/fixtures/render/.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.render_corpus import authors_item
from transpacific_cite._errors import (
    RenderError,
    StyleError,
    UnknownKeyError,
    UnknownStyleError,
)
from transpacific_cite._formats.csl import to_csl_data
from transpacific_cite._keys import assign_keys
from transpacific_cite._model import Interview, Pinpoint
from transpacific_cite._render import (
    Cite,
    Rendered,
    Renderer,
    cite_at,
    load_style,
    resolve_style,
)

from .conftest import EXAMPLES, FIXTURES

# Output is checked through one Renderer (styles kept in memory, no persistent cache, no
# fork), the path the CLI takes, so each style is loaded once for the whole suite; the pure
# functions are tied to it byte for byte in test_render_pure.py.
RENDERER = Renderer()
render = RENDERER.render
render_citation = RENDERER.render_citation
render_bibliography = RENDERER.render_bibliography

URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
RENDER_FIXTURES = FIXTURES / "render"
K319, K486 = "hornung2022tpv319", "hornung2022tpv486"
K402, K150, K200 = "lee2023tpv402", "smithndtpv150", "baker2021tpv200"


def load_319() -> Interview:
    data = json.loads((EXAMPLES / "319-hornung.json").read_text(encoding="utf-8"))
    data["url"] = URL_319
    return Interview.from_dict(data)


@cache
def corpus() -> tuple[Interview, ...]:
    """319, two interviewees (402), no date (150), hostile title (200), Hornung again (486)."""
    others = [
        Interview.from_dict(json.loads((RENDER_FIXTURES / name).read_text(encoding="utf-8")))
        for name in (
            "402-two-interviewees.json",
            "150-no-date.json",
            "200-hostile-title.json",
            "486-hornung.json",
        )
    ]
    return (load_319(), *others)


def corpus_items() -> list[dict[str, Any]]:
    interviews = list(corpus())
    keys = assign_keys(interviews)
    assert keys == [K319, K402, K150, K200, K486]
    return to_csl_data(interviews, keys)


def items_319() -> list[dict[str, Any]]:
    return to_csl_data([load_319()], [K319])


def sec(key: str, locator: str = "3") -> list[Cite]:
    return [Cite(key, label="section", locator=locator)]


# --- goldens: entry 319 in every style, checked by hand against the manuals -------------------

GOLDEN_319 = [
    pytest.param(
        "chicago",
        "en-US",
        # CMOS 18 14.106-14.110 (interviews published in periodicals), notes form
        f"Jeffrey Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” interview by "
        f"Mercy A. Kuo, *The Diplomat*, The Trans-Pacific View Insight Series, May 16, 2022, "
        f"sec. 3, <{URL_319}>.",
        "Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” sec. 3.",
        f"Hornung, Jeffrey. “Ukraine War: The Impact on Japan-Russia Relations.” Interview by "
        f"Mercy A. Kuo. *The Diplomat*, The Trans-Pacific View Insight Series, May 16, 2022. "
        f"<{URL_319}>.",
        id="chicago-notes",
    ),
    pytest.param(
        "chicago-author-date",
        "en-US",
        "(Hornung 2022, sec. 3)",
        "(Hornung 2022, sec. 3)",
        f"Hornung, Jeffrey. 2022. “Ukraine War: The Impact on Japan-Russia Relations.” "
        f"Interview by Mercy A. Kuo. *The Diplomat*, The Trans-Pacific View Insight Series, "
        f"May 16. <{URL_319}>.",
        id="chicago-author-date",
    ),
    pytest.param(
        "apa",
        "en-US",
        # APA 7 10.x: interviewer in parentheses with the capitalised role; the style
        # italicises container and collection together
        "(Hornung, 2022, Section 3)",
        "(Hornung, 2022, Section 3)",
        "Hornung, J. (2022, May 16). Ukraine War: The Impact on Japan-Russia Relations "
        "(M. A. Kuo, Interviewer). *The Diplomat, The Trans-Pacific View Insight Series*. "
        f"<{URL_319}>",
        id="apa",
    ),
    pytest.param(
        "mla",
        "en-US",
        # MLA 9: full given name, "Interview by", day-month-year, URL last
        "(Hornung, sec. 3)",
        "(Hornung, sec. 3)",
        "Hornung, Jeffrey. “Ukraine War: The Impact on Japan-Russia Relations.” Interview by "
        "Mercy A. Kuo. *The Diplomat*, The Trans-Pacific View Insight Series, 16 May 2022, "
        f"<{URL_319}>.",
        id="mla",
    ),
    pytest.param(
        "harvard",
        "en-GB",
        # Cite Them Right: single quotes, punctuation outside them (en-GB), "Available at:"
        "(Hornung, 2022, sect. 3)",
        "(Hornung, 2022, sect. 3)",
        "Hornung, J. (2022) ‘Ukraine War: The Impact on Japan-Russia Relations’, *The Diplomat*. "
        f"(The Trans-Pacific View Insight Series, 319). Available at: <{URL_319}>.",
        id="harvard-en-GB",
    ),
    pytest.param(
        "transpacific-notes",
        "en-US",
        # ours: Chicago's shape plus the series number, and Q&A sections as questions
        "Jeffrey Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” interview by "
        "Mercy A. Kuo, *The Diplomat*, The Trans-Pacific View Insight Series, no. 319, "
        f"May 16, 2022, Q3, <{URL_319}>.",
        "Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” Q3.",
        "Hornung, Jeffrey. “Ukraine War: The Impact on Japan-Russia Relations.” Interview by "
        "Mercy A. Kuo. *The Diplomat*, The Trans-Pacific View Insight Series, no. 319, "
        f"May 16, 2022. <{URL_319}>.",
        id="ours",
    ),
]


@pytest.mark.parametrize(("style", "locale", "first", "subsequent", "entry"), GOLDEN_319)
def test_golden_319(style: str, locale: str, first: str, subsequent: str, entry: str) -> None:
    rendered = render(
        items_319(), [sec(K319), sec(K319)], style=style, locale=locale, fmt="markdown"
    )
    assert rendered.citations == (first, subsequent)
    assert rendered.bibliography == (entry,)
    assert rendered.warnings == ()


def test_result_is_frozen_data() -> None:
    rendered = render_citation(items_319(), sec(K319), style="apa")
    assert isinstance(rendered, Rendered)
    assert rendered.format == "text"
    with pytest.raises(AttributeError):
        rendered.citations = ()  # type: ignore[misc]


def test_cite_at_maps_pinpoints_to_csl_locators() -> None:
    assert cite_at(K319) == Cite(K319)
    assert cite_at(K319, Pinpoint(3)) == Cite(K319, label="section", locator="3")
    assert cite_at(K319, Pinpoint(3, paragraph=2)).locator == "3, para. 2"
    assert cite_at(K319, Pinpoint(2, end_section=4)).locator == "2-4"


@pytest.mark.parametrize(
    ("pinpoint", "expected"),
    [
        pytest.param(Pinpoint(3), "Q3", id="section"),
        pytest.param(Pinpoint(3, paragraph=2), "Q3, para. 2", id="paragraph"),
        pytest.param(Pinpoint(2, end_section=4), "Q2–4", id="range"),
    ],
)
def test_our_style_labels_sections_as_questions(pinpoint: Pinpoint, expected: str) -> None:
    rendered = render_citation(
        items_319(), [cite_at(K319, pinpoint)], style="transpacific-notes", position="subsequent"
    )
    assert rendered.citations == (
        f"Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” {expected}.",
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param("mla", "(Hornung, sec. 3, par. 2)", id="mla-own-term"),
        pytest.param("apa", "(Hornung, 2022, Section 3, para. 2)", id="apa"),
    ],
)
def test_paragraph_label_in_a_locator_uses_the_style_term(style: str, expected: str) -> None:
    """As citeproc-js: "3, para. 2" prints the style's term for paragraph (MLA: "par.")."""
    rendered = render_citation(items_319(), [cite_at(K319, Pinpoint(3, paragraph=2))], style=style)
    assert rendered.citations == (expected,)


def test_subsequent_position_is_a_short_note_not_ibid() -> None:
    style = "chicago-notes-bibliography-subsequent-ibid"
    first = render_citation(items_319(), sec(K319), style=style)
    later = render_citation(items_319(), sec(K319), style=style, position="subsequent")
    assert first.citations[0].startswith("Jeffrey Hornung, “Ukraine War")
    assert later.citations == (
        "Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” sec. 3.",
    )


# --- one regression test per fault -----------------------------------------------------------


def test_fault_01_locator_does_not_leak_into_bibliography() -> None:
    rendered = render(items_319(), [sec(K319)], style="chicago")
    assert "sec. 3" in rendered.citations[0]
    assert "sec." not in rendered.bibliography[0]
    assert rendered.bibliography[0].endswith(f"May 16, 2022. {URL_319}.")


@pytest.mark.parametrize(
    ("style", "where", "expected"),
    [
        pytest.param("chicago", "citation", "Jeffrey Hornung, ", id="chicago-note"),
        pytest.param("chicago", "citation", "interview by Mercy A. Kuo", id="chicago-interviewer"),
        pytest.param("mla", "bibliography", "Hornung, Jeffrey.", id="mla-entry"),
        pytest.param("apa", "bibliography", "Hornung, J. (2022", id="apa-still-initializes"),
    ],
)
def test_fault_02_initialize_false_keeps_given_names(style: str, where: str, expected: str) -> None:
    rendered = render(items_319(), [sec(K319)], style=style)
    text = rendered.citations[0] if where == "citation" else rendered.bibliography[0]
    assert expected in text


def test_fault_03_punctuation_in_quote_follows_the_locale() -> None:
    us = render(items_319(), [sec(K319)], style="chicago")
    assert "Relations,” interview by" in us.citations[0]
    assert "Relations.” Interview by" in us.bibliography[0]
    gb = render(items_319(), [sec(K319)], style="chicago", locale="en-GB")
    assert "Relations’, interview by" in gb.citations[0]
    assert "Relations’. Interview by" in gb.bibliography[0]


def test_fault_03_a_title_ending_in_a_question_mark_keeps_it_alone() -> None:
    items = items_319()
    items[0]["title"] = "Is the War Over?"
    rendered = render(items, [sec(K319)], style="chicago")
    assert "“Is the War Over?” interview by" in rendered.citations[0]
    assert "“Is the War Over?” Interview by" in rendered.bibliography[0]


def test_fault_04_no_label_for_an_empty_variable() -> None:
    rendered = render(items_319(), [sec(K319), sec(K319)], style="chicago")
    assert "edition" not in rendered.citations[1].lower()
    assert (
        rendered.citations[1]
        == "Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” sec. 3."
    )


def test_fault_05_disambiguate_condition_only_when_ambiguous() -> None:
    alone = render_citation(items_319(), sec(K319), style="mla")
    assert alone.citations == ("(Hornung, sec. 3)",)
    both = render(corpus_items(), [sec(K319), sec(K486)], style="mla", bibliography=False)
    assert both.citations == (
        "(Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” sec. 3)",
        "(Hornung, “Japan’s Defense Budget and the Road to 2027,” sec. 3)",
    )


def test_fault_06_year_suffixes_in_citations_and_bibliography() -> None:
    rendered = render(corpus_items(), [sec(K319), sec(K486)], style="apa")
    assert rendered.citations == ("(Hornung, 2022a, Section 3)", "(Hornung, 2022b, Section 3)")
    hornung = [e for e in rendered.bibliography if e.startswith("Hornung")]
    assert [e[:22] for e in hornung] == ["Hornung, J. (2022a, Ma", "Hornung, J. (2022b, No"]


def test_fault_06_an_uncited_entry_still_gets_its_suffix() -> None:
    rendered = render_bibliography(corpus_items(), style="chicago-author-date")
    assert [e[:22] for e in rendered.bibliography if e.startswith("Hornung")] == [
        "Hornung, Jeffrey. 2022",
        "Hornung, Jeffrey. 2022",
    ]
    assert {e[22] for e in rendered.bibliography if e.startswith("Hornung")} == {"a", "b"}


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # APA's bibliography sorts a year's entries by date: 319 (May) is 2022a
        pytest.param("apa", "(Hornung, 2022a, 2022b)", id="apa"),
        # these sort a year's entries by title ("Japan’s" before "Ukraine"): 319 is 2022b;
        # the citation keeps the order given (no cs:sort, or a tie on the year), as pandoc
        pytest.param("chicago-author-date", "(Hornung 2022b, 2022a)", id="chicago-author-date"),
        pytest.param("harvard", "(Hornung, 2022b, 2022a)", id="harvard"),
    ],
)
def test_fault_06_cites_collapse_by_author(style: str, expected: str) -> None:
    rendered = render_citation(corpus_items(), [Cite(K319), Cite(K486)], style=style)
    assert rendered.citations == (expected,)


def test_fault_06_collapse_keeps_other_authors_apart() -> None:
    rendered = render_citation(
        corpus_items(), [Cite(K319), Cite(K402), Cite(K486)], style="chicago-author-date"
    )
    assert rendered.citations == ("(Hornung 2022b, 2022a; Lee and Ōta 2023)",)


def test_fault_06_given_names_and_hidden_names() -> None:
    """Outputs as pandoc 3.9 prints them (see test_render_crosscheck for the live check)."""
    items = [
        authors_item("jh", [("Hornung", "Jeffrey")], "Alpha"),
        authors_item("ah", [("Hornung", "Anna")], "Beta"),
        authors_item("jh2", [("Hornung", "Jeffrey")], "Gamma"),
        authors_item("o1", [("Ono", "Bo"), ("Lee", "Xi"), ("Kim", "Yu")], "Delta"),
        authors_item("o2", [("Ono", "Bo"), ("Park", "Zo"), ("Kim", "Yu")], "Epsilon"),
    ]
    rendered = render(items, [[Cite(str(i["id"]))] for i in items], style="apa", bibliography=False)
    assert rendered.citations == (
        "(J. Hornung, 2022a)",
        "(A. Hornung, 2022)",
        "(J. Hornung, 2022b)",
        "(Ono, Lee, et al., 2022)",
        "(Ono, Park, et al., 2022)",
    )
    # the bibliography never shows the citation's expansions
    entries = render_bibliography(items, style="apa").bibliography
    assert [e[:25] for e in entries[:2]] == [
        "Hornung, A. (2022, May 1)",
        "Hornung, J. (2022a, May 1",
    ]


def test_fault_06_implicit_year_suffix() -> None:
    """APSA never places year-suffix itself: it follows the first issued date (pandoc's output)."""
    rendered = render(
        corpus_items(), [[Cite(K319), Cite(K486)]], style="american-political-science-association"
    )
    assert rendered.citations == ("(Hornung 2022b, 2022a)",)
    hornung = [e for e in rendered.bibliography if e.startswith("Hornung")]
    assert [e[:24] for e in hornung] == ["Hornung, Jeffrey. 2022a.", "Hornung, Jeffrey. 2022b."]


def test_fault_06_subsequent_author_substitute() -> None:
    rendered = render_bibliography(corpus_items(), style="mla")
    hornung = [e for e in rendered.bibliography if "Mercy A. Kuo" in e and "2022" in e]
    assert hornung[0].startswith("Hornung, Jeffrey. “Japan’s Defense Budget")
    assert hornung[1].startswith("———. “Ukraine War")


def test_fault_07_cites_keep_their_order_without_cs_sort() -> None:
    rendered = render_citation(corpus_items(), [Cite(K402), Cite(K200)], style="chicago")
    assert rendered.citations[0].startswith("Ji-young Lee and Fumio Ōta")
    assert "; Anne Baker, " in rendered.citations[0]


def test_fault_07_styles_with_cs_sort_still_sort() -> None:
    rendered = render_citation(corpus_items(), [Cite(K402), Cite(K200)], style="apa")
    assert rendered.citations == ("(Baker, 2021; Lee & Ōta, 2023)",)


def _person(item_id: str, family: str, given: str, **extra: str) -> dict[str, Any]:
    name: dict[str, str] = {"family": family, "given": given, **extra}
    return {
        "id": item_id,
        "type": "interview",
        "author": [name],
        "title": f"Interview with {family}",
        "container-title": "The Diplomat",
        "issued": {"date-parts": [[2020, 1, 1]]},
    }


def test_fault_08_sorting_ignores_diacritics_and_case() -> None:
    items = [
        _person("smith", "Smith", "Alan"),
        _person("ota", "Ōta", "Fumio"),
        _person("hornung", "Hornung", "Jeffrey"),
        _person("abe", "abe", "Kenji"),
    ]
    rendered = render_bibliography(items, style="apa")
    assert [e.split(",")[0] for e in rendered.bibliography] == ["abe", "Hornung", "Ōta", "Smith"]


def test_fault_08_sort_only_particles_sort_under_the_family_name() -> None:
    items = [
        _person("zed", "Zed", "Zoe"),
        _person("berg", "Berg", "Anna", **{"non-dropping-particle": "van der"}),
        _person("adams", "Adams", "Al"),
    ]
    # Harvard says demote-non-dropping-particle="sort-only": displayed "van der Berg",
    # sorted under B
    rendered = render_bibliography(items, style="harvard")
    assert [e.split(",")[0] for e in rendered.bibliography] == ["Adams", "van der Berg", "Zed"]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # MLA sorts by author, then title: "Japan" before "Solo"
        pytest.param("mla", ["Japan and the Quad", "Solo Interview"], id="mla"),
        # Harvard by author, then year, then title: same year, so the title decides
        pytest.param("harvard", ["Japan and the Quad", "Solo Interview"], id="harvard"),
    ],
)
def test_fault_08_et_al_is_not_part_of_a_sort_key(style: str, expected: list[str]) -> None:
    """CSL 1.0.2: "et al." is left out of sort keys, so Hornung et al. sorts as Hornung and
    the next key decides (pandoc 3.9 orders these two so); it was sorted after Hornung."""
    solo = _person("solo", "Hornung", "Jeffrey") | {"title": "Solo Interview"}
    group = _person("group", "Hornung", "Jeffrey") | {"title": "Japan and the Quad"}
    group["author"] = [
        {"family": family, "given": "Anna"} for family in ("Hornung", "Lee", "Kim", "Ōta")
    ]
    group["author"][0]["given"] = "Jeffrey"
    rendered = render_bibliography([solo, group], style=style)
    found = [next(t for t in expected if t in entry) for entry in rendered.bibliography]
    assert found == expected
    assert "et al." in rendered.bibliography[0]


@pytest.mark.parametrize(
    ("style", "first", "subsequent", "entry"),
    [
        pytest.param(
            "chicago",
            "山田太郎, “Interview with 山田,” The Diplomat, January 1, 2020, sec. 3.",
            "山田, “Interview with 山田,” sec. 3.",
            "山田太郎. “Interview with 山田.” The Diplomat, January 1, 2020.",
            id="chicago",
        ),
        pytest.param(
            "apa",
            "(山田, 2020, Section 3)",
            "(山田, 2020, Section 3)",
            "山田太郎. (2020, January 1). Interview with 山田 [Interview]. The Diplomat.",
            id="apa",
        ),
    ],
)
def test_east_asian_names_print_family_name_first_without_a_space(
    style: str, first: str, subsequent: str, entry: str
) -> None:
    """CSL 1.0.2 name-part order for non-Byzantine scripts, as pandoc 3.9 prints it; was
    "太郎 山田" (notes), "山田, 太郎" (bibliography) and "山田, . 太郎 ." (APA). (In an APA
    list of several names pandoc 3.9 prints "山田太郎.," with an initial's period; the spec
    says such names are not initialized, so we print "山田太郎,".)"""
    item = _person("yamada", "山田", "太郎")
    cited = [[Cite("yamada", label="section", locator="3")]] * 2
    rendered = render([item], cited, style=style)
    assert rendered.citations == (first, subsequent)
    assert rendered.bibliography == (entry,)
    korean = render_bibliography([_person("kim", "김", "민준")], style="mla")
    assert korean.bibliography[0].startswith("김민준. “Interview with 김.”")


NAME_PART_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Name-part probe</title><id>http://example.org/name-part-probe</id>
    <updated>2026-11-24T00:00:00+00:00</updated></info>
  <citation><layout>
    <names variable="author"><name and="text" {order}>
      <name-part name="given" text-case="{case}"/>
      <name-part name="family" text-case="{case}" font-weight="bold"/>
    </name></names>
  </layout></citation>
</style>
"""


@pytest.mark.parametrize(
    ("case", "order", "expected"),
    [
        pytest.param(
            "uppercase", "", "JEFFREY **HORNUNG**, **MADONNA**, and **山田太郎**", id="uppercase"
        ),
        pytest.param(
            "capitalize-first",
            'name-as-sort-order="all"',
            "**Hornung**, Jeffrey, **Madonna**, and **山田太郎**",
            id="capitalize-first-inverted",
        ),
    ],
)
def test_name_parts_format_without_crashing(
    tmp_path: Path, case: str, order: str, expected: str
) -> None:
    """citeproc-py formatted the given name of a mononym (or of an East Asian name, printed
    whole) too: "'NoneType' object has no attribute 'upper'"; capitalize-first needs its
    String ("'str' object has no attribute 'capitalize_first'"); and an inverted name joined
    formatted parts with str.join ("expected str instance, MixedString found")."""
    style = tmp_path / "name-part-probe.csl"
    style.write_text(NAME_PART_STYLE.format(case=case, order=order), encoding="utf-8")
    item = _person("three", "Hornung", "Jeffrey")
    item["author"] += [{"family": "Madonna"}, {"family": "山田", "given": "太郎"}]
    cites = [[Cite("three")]]
    rendered = render([item], cites, style=str(style), bibliography=False, fmt="markdown")
    assert rendered.citations == (expected,)


def test_fault_09_label_title_case() -> None:
    rendered = render_bibliography(items_319(), style="apa")
    assert "(M. A. Kuo, Interviewer)" in rendered.bibliography[0]


def test_fault_10_smart_apostrophes_and_nested_quotes() -> None:
    items = items_319()
    items[0]["title"] = "Japan's \"Normal\" Military and the '90s"
    rendered = render(items, [sec(K319)], style="chicago")
    assert "“Japan’s ‘Normal’ Military and the ’90s,”" in rendered.citations[0]
    apa = render_bibliography(items, style="apa")
    assert "Japan’s “Normal” Military and the ’90s" in apa.bibliography[0]


@pytest.mark.parametrize(
    ("title", "chicago", "apa"),
    [
        pytest.param(
            "Japan's 'Normal' Military",
            "“Japan’s ‘Normal’ Military,”",
            "Japan’s “Normal” Military",
            id="scare-quotes",
        ),
        pytest.param(
            "'Wolf Warrior' Diplomacy: Rock 'n' Roll",
            "“‘Wolf Warrior’ Diplomacy: Rock ‘n’ Roll,”",
            "“Wolf Warrior” Diplomacy: Rock “n” Roll",
            id="opening-the-title",
        ),
        pytest.param(
            "Say \"Yes 'Now'\" Please",
            "“Say ‘Yes “Now”’ Please,”",
            "Say “Yes ‘Now’” Please",
            id="nested-in-double",
        ),
        pytest.param(
            "The Experts' View of the '90s: 'Tis Japan's",
            "“The Experts’ View of the ’90s: ’Tis Japan’s,”",
            "The Experts’ View of the ’90s: ’Tis Japan’s",
            id="apostrophes-only",
        ),
    ],
)
def test_fault_10_single_quotes_pair_like_the_reference_processors(
    title: str, chicago: str, apa: str
) -> None:
    """Straight single quotes around words are a quotation (pandoc 3.9 and citeproc-js):
    ``’Normal’`` with a closing mark on both sides was printed before."""
    items = items_319()
    items[0]["title"] = title
    rendered = render(items, [sec(K319)], style="chicago", bibliography=False)
    assert chicago in rendered.citations[0]
    assert apa in render_bibliography(items, style="apa").bibliography[0]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param("de-DE", "„Japan’s ‚Normal‘ Military“, interviewt von", id="de-DE"),
        # fr-FR quotes carry no-break spaces
        pytest.param("fr-FR", "«\xa0Japan’s “Normal” Military\xa0», entretien", id="fr-FR"),
        # fi-FI opens and closes with the same marks (” ”, ’ ’)
        pytest.param("fi-FI", "”Japan’s ’Normal’ Military”, haastatellut", id="fi-FI"),
    ],
)
def test_fault_10_quotes_nest_in_other_locales(locale: str, expected: str) -> None:
    items = items_319()
    items[0]["title"] = 'Japan\'s "Normal" Military'
    rendered = render(items, [sec(K319)], style="chicago", locale=locale, bibliography=False)
    assert expected in rendered.citations[0]


def test_fault_10_urls_keep_their_apostrophes() -> None:
    items = items_319()
    items[0]["URL"] = "https://example.org/it's"
    rendered = render_bibliography(items, style="chicago")
    assert rendered.bibliography[0].endswith("https://example.org/it's.")


def test_fault_11_html_escapes_field_text() -> None:
    items = corpus_items()
    items[3]["title"] = "Q&A: <script>alert(1)</script> 3 < 4"
    rendered = render(items, [sec(K200)], style="apa", fmt="html")
    entry = next(e for e in rendered.bibliography if e.startswith("Baker"))
    assert "Q&amp;A: &lt;script&gt;alert(1)&lt;/script&gt; 3 &lt; 4" in entry
    assert "<script>" not in entry
    assert '<a href="https://thediplomat.com/2021/02/q-a-100%25/?a=1&amp;b=2">' in entry
    assert "<i>The Diplomat, The Trans-Pacific View Insight Series</i>" in entry


_TAG = re.compile(r"</?(?:i|b|sup|sub)>|<span style=\"[^\"]*\">|</span>|<a href=\"[^\"]*\">|</a>")


@settings(max_examples=25)
@given(title=st.text(alphabet="<>&\"'ab /=;", min_size=1, max_size=30))
def test_fault_11_html_never_contains_markup_from_the_input(title: str) -> None:
    items = items_319()
    items[0]["title"] = title
    rendered = render(items, [sec(K319)], style="apa", fmt="html")
    for text in (*rendered.citations, *rendered.bibliography):
        assert "<" not in _TAG.sub("", text)
        assert ">" not in _TAG.sub("", text)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("javascript:alert(1)", id="javascript"),
        pytest.param("data:text/html,<script>alert(1)</script>", id="data"),
        pytest.param("JavaScript:alert(1)", id="mixed-case"),
    ],
)
def test_only_web_addresses_become_links(url: str) -> None:
    """A URL field is linked in HTML and Markdown; a "javascript:" one was linked too, a
    clickable script from the input. It is printed as escaped text instead."""
    items = items_319()
    items[0]["URL"] = url
    html_entry = render_bibliography(items, style="chicago", fmt="html").bibliography[0]
    markdown_entry = render_bibliography(items, style="chicago", fmt="markdown").bibliography[0]
    assert "<a " not in html_entry and "href" not in html_entry
    assert html.escape(url, quote=False) in html_entry
    assert f"<{url}>" not in markdown_entry
    web = render_bibliography(items_319(), style="chicago", fmt="html").bibliography[0]
    assert f'<a href="{URL_319}">{URL_319}</a>' in web


def test_tags_in_titles_are_text_not_formatting() -> None:
    """Our model stores plain text, so "<i>" in a title is printed, never applied."""
    items = items_319()
    items[0]["title"] = "The <i>Quad</i> at Five"
    rendered = render(items, [sec(K319)], style="chicago", fmt="html")
    assert "The &lt;i&gt;Quad&lt;/i&gt; at Five" in rendered.citations[0]
    text = render(items, [sec(K319)], style="chicago")
    assert "“The <i>Quad</i> at Five,”" in text.citations[0]


def test_markdown_escapes_specials_in_field_text() -> None:
    items = items_319()
    items[0]["title"] = "Why *Now*? [Tokyo] #1 `code` <tag> Now_Then"
    rendered = render(items, [sec(K319)], style="chicago", fmt="markdown")
    # title case as pandoc 3.9 prints this title: "`Code`" (a word after "<" stays as typed)
    assert r"“Why \*Now\*? \[Tokyo\] \#1 \`Code\` \<tag\> Now\_Then,”" in rendered.citations[0]
    assert "*The Diplomat*" in rendered.citations[0]


V102_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>CSL 1.0.2 variables</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout>
    <group delimiter="|">
      <text variable="title"/>
      <text variable="event-title"/>
      <date variable="available-date" form="numeric"/>
      <number variable="part-number"/>
      <number variable="collection-number"/>
      <names variable="host"><name/></names>
    </group>
  </layout></citation>
</style>
"""


def test_fault_12_csl_1_0_2_variables_render_without_warnings(tmp_path: Path) -> None:
    style = tmp_path / "v102.csl"
    style.write_text(V102_STYLE, encoding="utf-8")
    item = {
        "id": "p",
        "type": "interview",
        "title": "Panel",
        "event-title": "Shangri-La Dialogue",
        "available-date": {"date-parts": [[2022, 6, 1]]},
        "part-number": "2",
        "collection-number": 319,
        "host": [{"family": "Kuo", "given": "Mercy A."}],
    }
    rendered = render_citation([item], [Cite("p")], style=style)
    assert rendered.citations == ("Panel|Shangri-La Dialogue|06/01/2022|2|319|Mercy A. Kuo",)
    assert rendered.warnings == ()


def test_fault_13_ids_differing_only_by_case_stay_apart() -> None:
    upper = {**items_319()[0], "id": "Hornung2022", "title": "Upper-case id"}
    lower = {**items_319()[0], "id": "hornung2022", "title": "Lower-case id"}
    rendered = render([upper, lower], [[Cite("Hornung2022")], [Cite("hornung2022")]], style="mla")
    assert rendered.citations == ("(Hornung, “Upper-Case Id”)", "(Hornung, “Lower-Case Id”)")


def test_title_case_reaches_hyphenated_words() -> None:
    """Notes section 14: citeproc-py title-cased "Self-defense"; pandoc prints "Self-Defense"."""
    items = items_319()
    items[0]["title"] = "japan's self-defense forces and out-of-area missions"
    rendered = render_bibliography(items, style="mla")
    assert "“Japan’s Self-Defense Forces and Out-of-Area Missions.”" in rendered.bibliography[0]
    items[0]["language"] = "de"  # no title case for a German item, hyphens or not
    german = render_bibliography(items, style="mla")
    assert "“japan’s self-defense forces and out-of-area missions.”" in german.bibliography[0]


def test_title_case_reaches_words_inside_quotes() -> None:
    """citeproc-py capitalized the quotation mark before "normal", not the word; pandoc 3.9
    prints this title exactly so (one-letter words such as "n" in "‘n’" stay lower-case)."""
    items = items_319()
    items[0]["title"] = (
        "the war in ukraine and japan's \"normal\" military (and china's 'quiet' role)"
    )
    rendered = render_bibliography(items, style="mla")
    expected = "“The War in Ukraine and Japan’s ‘Normal’ Military (and China’s ‘Quiet’ Role).”"
    assert expected in rendered.bibliography[0]


def test_fault_13_better_bibtex_keys_work() -> None:
    interview = load_319()
    key = assign_keys([interview], key_format="bbt")[0]
    assert key == "hornungUkraineWarImpact2022"
    rendered = render_citation(
        to_csl_data([interview], [key]), [cite_at(key, Pinpoint(3))], style="apa"
    )
    assert rendered.citations == ("(Hornung, 2022, Section 3)",)


def test_fault_13_unknown_key_is_an_error() -> None:
    with pytest.raises(UnknownKeyError, match="no item has the key 'Missing-Key'"):
        render_citation(items_319(), [Cite("Missing-Key")], style="apa")


def test_fault_13_invalid_style_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csl"
    bad.write_text(
        V102_STYLE.replace('<text variable="title"/>', '<text variabel="title"/><bogus/>')
    )
    with pytest.raises(StyleError, match=r"bad\.csl is not valid CSL 1\.0\.2 \(line \d+"):
        render_citation(items_319(), [Cite(K319)], style=bad)
    broken = tmp_path / "broken.csl"
    broken.write_text("<style")
    with pytest.raises(StyleError, match="not well-formed XML"):
        load_style(broken)


def test_unknown_style_and_locale_are_errors() -> None:
    with pytest.raises(UnknownStyleError, match="unknown style 'chicgo'; did you mean 'chicago'"):
        resolve_style("chicgo")
    with pytest.raises(UnknownStyleError, match="does not exist"):
        resolve_style("missing/style.csl")
    with pytest.raises(StyleError, match="unknown locale 'xx-YY'"):
        load_style("apa", locale="xx-YY")


def test_duplicate_ids_and_bad_options_are_errors() -> None:
    with pytest.raises(RenderError, match="two CSL items have the id"):
        render_bibliography(items_319() * 2, style="apa")
    with pytest.raises(ValueError, match="unknown format"):
        render_bibliography(items_319(), style="apa", fmt="pdf")  # type: ignore[arg-type]


def test_a_renderer_parses_each_style_once() -> None:
    assert RENDERER.style("chicago") is RENDERER.style("chicago-notes-bibliography")
    assert RENDERER.style("chicago") is not RENDERER.style("chicago", locale="en-GB")
    assert Renderer().style("chicago") is not RENDERER.style("chicago")  # its own styles


def test_load_style_loads_afresh_each_time() -> None:
    """No process-wide cache: two callers never share a style's per-run state."""
    assert load_style("apa") is not load_style("apa")


def test_citeproc_py_users_see_its_own_classes_and_behaviour() -> None:
    """Our speed-ups live in our parser's element classes; citeproc-py's own are untouched."""
    from citeproc import CitationStylesStyle, model

    loaded = load_style("apa")
    assert model.CitationStylesElement.get_macro.__module__ == "citeproc.model"
    other = CitationStylesStyle(str(resolve_style("apa")), validate=False)
    assert type(other.root) is model.Style
    assert type(loaded.engine_style.root) is not model.Style
    assert isinstance(loaded.engine_style.root, model.Style)
    macro = other.root.get_macro("author-short")
    macro.set("name", "renamed")  # a tree edited by others is seen live
    with pytest.raises(IndexError):
        other.root.get_macro("author-short")
    assert other.root.get_macro("renamed") is not None


def test_warnings_are_returned_not_emitted() -> None:
    item = {"id": "x", "type": "interview", "title": "T", "container-title": {"bad": 1}}
    rendered = render_citation([item], [Cite("x")], style="apa")
    assert rendered.warnings == ("x: ignored 'container-title' (not a CSL value)",)


ALL_STYLES = (
    "chicago",
    "chicago-author-date",
    "apa",
    "mla",
    "harvard",
    "transpacific-notes",
)
_words = st.text(alphabet="abcÖōé'\"&<>%*_ -", min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=20)
@given(
    title=_words,
    family=_words,
    given_name=st.none() | _words,
    year=st.none() | st.integers(min_value=1990, max_value=2030),
    style=st.sampled_from(ALL_STYLES),
    fmt=st.sampled_from(("text", "html", "markdown")),
)
def test_any_entry_renders_in_every_style(
    title: str, family: str, given_name: str | None, year: int | None, style: str, fmt: str
) -> None:
    item: dict[str, Any] = {
        "id": "Any-Key",
        "type": "interview",
        "author": [{"family": family, **({"given": given_name} if given_name else {})}],
        "title": title,
        "container-title": "The Diplomat",
        "collection-title": "The Trans-Pacific View Insight Series",
        "collection-number": 7,
    }
    if year is not None:
        item["issued"] = {"date-parts": [[year, 2, 3]]}
    rendered = render(
        [item], [[Cite("Any-Key", label="section", locator="2")]], style=style, fmt=fmt
    )  # type: ignore[arg-type]
    assert rendered.warnings == ()
    assert rendered.citations[0] and len(rendered.bibliography) == 1
    for text in (*rendered.citations, *rendered.bibliography):
        assert not re.search("[\ue000-\ue03f]", text)  # no mark leaks out
        if fmt == "html":
            assert "<" not in _TAG.sub("", text)


def test_a_style_without_bibliography_says_so(tmp_path: Path) -> None:
    style = tmp_path / "citations-only.csl"
    style.write_text(V102_STYLE, encoding="utf-8")
    rendered = render_bibliography(items_319(), style=style)
    assert rendered.bibliography == ()
    assert rendered.warnings == ("style citations-only has no bibliography",)
