"""The reader's cheap pre-checks never change what the rules they guard decide.

Each pre-check (a substring test, a search started late) only skips a regular expression
where it cannot match; these properties run the guarded rule both ways on text built from
the pieces the rules look for, glued by arbitrary text, and on the benchmark's lines.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from transpacific_cite._parse import common

PIECES = [
    "Like this article?",
    "like  this ARTICLE ?",
    "Enjoying this article?",
    "Click here to subscribe for full access.",
    "CLICK HERE to register",
    "Just $5 a month.",
    "$ 12.50 per month",
    "Subscribe now",
    "Already a subscriber? Log in",
    "The rest of this article is available only to subscribers",
    "for full access",
    "author of",
    "Co-Author with Jane Q. Doe of",
    "editors",
    "TRANSLATOR",
    ", ",
    " ,",
    " -- ",
    "--",
    " – ",
    "—",
    " - ",
    "-",
    "\u0336",
    " \u0336\u0336 ",
    "  ",
    "\u2009",
    "\u00a0",
    "\t",
    "\n",
    "Jane Fixture",
    "senior fellow at the Center for Invented Studies (CIS)",
]

glued = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=8).map("".join)


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


@settings(max_examples=400)
@given(glued)
def test_a_line_without_a_paywall_word_is_no_paywall_prompt(text: str) -> None:
    if common.PAYWALL.search(text) is not None:
        assert common.has_paywall_word(text)


@settings(max_examples=400)
@given(glued)
def test_the_description_end_is_found_from_the_trailing_marks(text: str) -> None:
    late = common.DESCRIPTION_END.search(text, common._trailing_marks_start(text))
    assert _span(late) == _span(common.DESCRIPTION_END.search(text))


@settings(max_examples=400)
@given(glued)
def test_a_description_without_work_words_has_no_work_clause(text: str) -> None:
    if common.WORK_CLAUSE.search(text) is not None:
        lower = text.lower()
        assert "author" in lower or "editor" in lower or "translator" in lower


def test_the_prechecks_pass_what_their_rules_match() -> None:
    """Real shapes: every paywall prompt and description end the fixtures' rules name."""
    for prompt in (
        "Like this article? Click here to subscribe for full access. Just $5 a month.",
        "Enjoying this article? Click here to subscribe for full access.",
        "Already a subscriber? Log in",
        "Subscribe today",
        "This article is available only to subscribers.",
    ):
        assert common.has_paywall_word(prompt) and common.is_noise(prompt), prompt
    assert not common.has_paywall_word("Identify the invented drivers of the fixture crisis.")
    who = "Jane Fixture, senior fellow at the Center for Invented Studies (CIS), "
    assert common._trailing_marks_start(who) == len(who) - 2
    assert common._trailing_marks_start("Ana Lima  \u0336 ") == len("Ana Lima")
    assert common._trailing_marks_start("Ana Lima") == len("Ana Lima")
