"""Facts a user supplies for what a copy lacks: interviewer, date, URL, title, number.

A copy pasted without the "Mercy Kuo" boilerplate names no interviewer; a text copy carries
no URL and often no date; a noisy one may have no title. Instead of editing the model JSON by
hand, the caller gives the missing facts (``--interviewer``, ``--date``, ``--url``,
``--title``, ``--number`` on the command line; the same keyword arguments in the API).

Vocabulary: a *fact* is one of those five values as given; the *copy's* value is what the
reader (or the model JSON, or the catalog) found. The rule, in :func:`apply_facts`:

- a fact the copy lacks is filled in (and the reader's "no title found" or the like goes);
- a fact that agrees with the copy changes nothing;
- a fact that contradicts the copy is a warning naming both values, and the given value is
  kept (the caller said it on purpose; the copy is the likelier to be wrong);
- an interviewer with the copy's family name is the same person ("Mercy A. Kuo" for "Mercy
  Kuo"): the given form is kept, without a warning.

Title, URL and number describe one article, so :func:`check_facts_for_inputs` refuses them
for several inputs at once; the interviewer is the series' and applies to all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from .._errors import OptionError, ParseError
from .._model import ParseResult
from .common import NO_DATE, NO_INTERVIEWER, NO_TITLE, clean, person_from_name


@dataclass(frozen=True, slots=True, kw_only=True)
class Facts:
    """The facts given for an input; None for each one not given."""

    interviewer: str | None = None
    date: dt.date | str | None = None
    url: str | None = None
    title: str | None = None
    number: int | None = None

    @property
    def per_article(self) -> tuple[str, ...]:
        """The names of the given facts that describe one article (title, URL, number)."""
        given = (("title", self.title), ("url", self.url), ("number", self.number))
        return tuple(name for name, value in given if value is not None)

    def __bool__(self) -> bool:
        return any(
            v is not None for v in (self.interviewer, self.date, self.url, self.title, self.number)
        )


def check_facts_for_inputs(facts: Facts, inputs: int) -> None:
    """Refuse a title, URL or number given for several inputs at once.

    Raises:
        OptionError: ``inputs`` is more than one and a per-article fact is given.
    """
    if inputs > 1 and facts.per_article:
        names = " and ".join(f"--{name}" for name in facts.per_article)
        raise OptionError(
            f"{names} describe{'s' if len(facts.per_article) == 1 else ''} one article: give "
            f"{'it' if len(facts.per_article) == 1 else 'them'} with a single input, not "
            f"{inputs} (--interviewer and --date apply to all)"
        )


def _date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise OptionError(f"--date must be a YYYY-MM-DD date, not {value!r}") from None


def _text(name: str, value: str) -> str:
    text = clean(value)
    if not text:
        raise OptionError(f"--{name} must not be empty")
    return text


def _number(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise OptionError(f"--number must be a whole number >= 1, not {value!r}")
    return value


def _contradiction(name: str, copy: object, given: object) -> str:
    return f"{name}: the copy says {copy!s}, --{name} says {given!s}; kept --{name}"


def apply_facts(result: ParseResult, facts: Facts) -> ParseResult:
    """The result with the given facts filled in, and a warning per contradicted fact.

    Raises:
        OptionError: a fact that is not a valid value (a date that is not YYYY-MM-DD, an
            empty title, a number below 1, a name that is not a person's).
    """
    if not facts:
        return result
    interview, warnings = result.interview, list(result.warnings)
    changes: dict[str, object] = {}
    if facts.number is not None:
        number = _number(facts.number)
        if number != interview.number:
            warnings.append(_contradiction("number", interview.number, number))
            changes["number"] = number
    if facts.title is not None:
        title = _text("title", facts.title)
        if interview.title is not None and interview.title != title:
            warnings.append(_contradiction("title", f"“{interview.title}”", f"“{title}”"))
        changes["title"] = title
    if facts.url is not None:
        url = _text("url", facts.url)
        if interview.url is not None and interview.url != url:
            warnings.append(_contradiction("url", interview.url, url))
        changes["url"] = url
    if facts.date is not None:
        date = _date(facts.date)
        if interview.published is not None and interview.published != date:
            warnings.append(_contradiction("date", interview.published.isoformat(), date))
        changes["published"] = date
    if facts.interviewer is not None:
        try:
            person = person_from_name(_text("interviewer", facts.interviewer))
        except ParseError:
            raise OptionError(
                f"--interviewer must be a person's name, not {facts.interviewer!r}"
            ) from None
        copy = interview.interviewers
        if copy and all(p.family != person.family for p in copy):
            names = " and ".join(p.full_name for p in copy)
            warnings.append(_contradiction("interviewer", names, person.full_name))
        changes["interviewers"] = (person,)
    filled = {"title": NO_TITLE, "published": NO_DATE, "interviewers": NO_INTERVIEWER}
    obsolete = {message for name, message in filled.items() if name in changes}
    warnings = [w for w in warnings if w not in obsolete]
    remaining = {k: v for k, v in changes.items() if getattr(interview, k) != v}
    if remaining:
        interview = dataclasses.replace(interview, **remaining)  # type: ignore[arg-type]
    return ParseResult(interview, tuple(warnings))
