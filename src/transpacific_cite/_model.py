"""The core model of one entry of The Diplomat's Trans-Pacific View Insight Series.

Vocabulary used across the package:

- *interview*: one numbered entry of the series (:class:`Interview`).
- *interviewer* / *interviewee*: :class:`Person` values; Mercy A. Kuo asks, the expert answers.
- *section*: one question heading with its answer paragraphs (:class:`QASection`), numbered from 1.
- *pinpoint*: a section, a paragraph of a section, or a range of sections (:class:`Pinpoint`).
- *model dict* / *model JSON*: the plain, stable form of an interview (:meth:`Interview.to_dict`)::

    {"series": "The Trans-Pacific View Insight Series", "number": 319, "title": str | null,
     "publication": "The Diplomat", "published": "YYYY-MM-DD" | null, "url": str | null,
     "accessed": "YYYY-MM-DD" | null, "interviewers": [Person], "interviewees": [Person],
     "sections": [{"number": 1, "question": str, "paragraphs": [str, ...]}, ...]}
    Person = {"given": str | null, "family": str, "honorific": str | null,
              "description": str | null, "organization": str | null}

All values are frozen and validated on construction; invalid data raises
:class:`~transpacific_cite._errors.ModelError`. This module does no I/O and imports no
third-party code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._errors import ModelError

SERIES = "The Trans-Pacific View Insight Series"
PUBLICATION = "The Diplomat"

_PERSON_KEYS = ("given", "family", "honorific", "description", "organization")
_PERSON_OPTIONAL = tuple((name, f"a person's {name}") for name in _PERSON_KEYS if name != "family")
_SECTION_KEYS = ("number", "question", "paragraphs")
_INTERVIEW_KEYS = (
    "series", "number", "title", "publication", "published", "url", "accessed",
    "interviewers", "interviewees", "sections",
)  # fmt: skip


def _clean(value: str | None, what: str, *, required: bool = False) -> str | None:
    """Strip a text field; empty text is None (or an error where the field is required)."""
    if value is None:
        if required:
            raise ModelError(f"{what} is required")
        return None
    if not isinstance(value, str):
        raise ModelError(f"{what} must be a string, not {type(value).__name__}")
    text = " ".join(value.split())
    if not text:
        if required:
            raise ModelError(f"{what} must not be empty")
        return None
    return text


@dataclass(frozen=True, slots=True)
class Person:
    """A person as the series names them: "Dr. Jeffrey Hornung, senior political scientist at RAND".

    Attributes:
        family: family name, the only required part.
        given: given name(s), or None for a mononym.
        honorific: as written in the intro ("Dr.", "Prof.", "Ambassador"), or None.
        description: the role/affiliation phrase as written, or None.
        organization: the institution (not a programme or centre inside it), or None.
    """

    family: str
    given: str | None = None
    honorific: str | None = None
    description: str | None = None
    organization: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "family", _clean(self.family, "a person's family name", required=True)
        )
        for name, what in _PERSON_OPTIONAL:
            value = getattr(self, name)
            if value is not None:  # None stays None: most people lack most parts
                object.__setattr__(self, name, _clean(value, what))

    @property
    def full_name(self) -> str:
        """Given and family name, without the honorific: "Jeffrey Hornung"."""
        return f"{self.given} {self.family}" if self.given else self.family

    def to_dict(self) -> dict[str, str | None]:
        """The person as the documented plain dict (keys in a fixed order)."""
        return {key: getattr(self, key) for key in _PERSON_KEYS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "person") -> Person:
        """Build a person from its plain dict; a missing optional key is None."""
        if not _is_mapping(data):
            raise ModelError(f"{where}: expected an object, not {type(data).__name__}")
        _reject_unknown(data, _PERSON_KEYS, where)
        try:
            return cls(
                family=data.get("family"),  # type: ignore[arg-type]  # validated in __post_init__
                given=data.get("given"),
                honorific=data.get("honorific"),
                description=data.get("description"),
                organization=data.get("organization"),
            )
        except ModelError as error:
            raise ModelError(f"{where}: {error}") from None


@dataclass(frozen=True, slots=True)
class QASection:
    """One question heading and its answer paragraphs (none in example data)."""

    number: int
    question: str
    paragraphs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.number, bool) or not isinstance(self.number, int) or self.number < 1:
            raise ModelError(f"a section number must be a whole number >= 1, not {self.number!r}")
        object.__setattr__(
            self, "question", _clean(self.question, "a section's question", required=True)
        )
        if not _is_sequence(self.paragraphs):
            raise ModelError("a section's paragraphs must be a list of strings")
        paragraphs = tuple(_clean(p, "an answer paragraph", required=True) for p in self.paragraphs)
        object.__setattr__(self, "paragraphs", paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """The section as the documented plain dict."""
        return {
            "number": self.number,
            "question": self.question,
            "paragraphs": list(self.paragraphs),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "section") -> QASection:
        """Build a section from its plain dict."""
        if not _is_mapping(data):
            raise ModelError(f"{where}: expected an object, not {type(data).__name__}")
        _reject_unknown(data, _SECTION_KEYS, where)
        try:
            return cls(
                number=data.get("number"),  # type: ignore[arg-type]
                question=data.get("question"),  # type: ignore[arg-type]
                paragraphs=tuple(data.get("paragraphs") or ()),
            )
        except (ModelError, TypeError) as error:
            raise ModelError(f"{where}: {error}") from None


@dataclass(frozen=True, slots=True)
class Pinpoint:
    """A place inside an interview: section 3, section 3 paragraph 2, or sections 2-4.

    Attributes:
        section: the (first) section, from 1.
        paragraph: a paragraph within ``section``, from 1, or None.
        end_section: the last section of a range, or None; a range has no paragraph.
    """

    section: int
    paragraph: int | None = None
    end_section: int | None = None

    def __post_init__(self) -> None:
        for name in ("section", "paragraph", "end_section"):
            value = getattr(self, name)
            if value is None and name != "section":
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ModelError(
                    f"a pinpoint's {name.replace('_', ' ')} must be >= 1, not {value!r}"
                )
        if self.end_section is not None:
            if self.paragraph is not None:
                raise ModelError("a range of sections cannot also name a paragraph")
            if self.end_section <= self.section:
                raise ModelError(
                    f"a range of sections must end after it starts ({self.section}-{self.end_section})"
                )

    @property
    def sections(self) -> range:
        """The section numbers the pinpoint covers."""
        return range(self.section, (self.end_section or self.section) + 1)


@dataclass(frozen=True, slots=True)
class Interview:
    """One entry of the series.

    Attributes:
        number: the series number (319 for Jeffrey Hornung on Ukraine and Japan-Russia relations).
        title: the article's title, or None where a copy lost it.
        interviewers: who asks (Mercy A. Kuo), in byline order.
        interviewees: who answers, in intro order; at least one.
        sections: the Q&A sections, numbered 1..n in order.
        published: publication date, or None.
        url: the article's canonical URL, or None.
        accessed: when the page was read, or None.
        series: the series name, without a final period.
        publication: the publishing outlet.
    """

    number: int
    title: str | None
    interviewers: tuple[Person, ...]
    interviewees: tuple[Person, ...]
    sections: tuple[QASection, ...] = ()
    published: dt.date | None = None
    url: str | None = None
    accessed: dt.date | None = None
    series: str = SERIES
    publication: str = PUBLICATION

    def __post_init__(self) -> None:
        if isinstance(self.number, bool) or not isinstance(self.number, int) or self.number < 1:
            raise ModelError(f"the series number must be a whole number >= 1, not {self.number!r}")
        object.__setattr__(self, "title", _clean(self.title, "the title"))
        object.__setattr__(self, "url", _clean(self.url, "the URL"))
        series = _clean(self.series, "the series", required=True)
        object.__setattr__(self, "series", series.rstrip(". ") if series else series)
        object.__setattr__(
            self, "publication", _clean(self.publication, "the publication", required=True)
        )
        for name in ("interviewers", "interviewees", "sections"):
            value = getattr(self, name)
            if not _is_sequence(value):
                raise ModelError(f"{name} must be a sequence")
            if type(value) is not tuple:
                object.__setattr__(self, name, tuple(value))
        for name in ("interviewers", "interviewees"):
            if not all(isinstance(p, Person) for p in getattr(self, name)):
                raise ModelError(f"{name} must hold Person values")
        if not self.interviewees:
            raise ModelError("an interview needs at least one interviewee")
        if not all(isinstance(s, QASection) for s in self.sections):
            raise ModelError("sections must hold QASection values")
        numbers = [s.number for s in self.sections]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ModelError(f"sections must be numbered 1..{len(numbers)} in order, not {numbers}")
        for name in ("published", "accessed"):
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, dt.date) or isinstance(value, dt.datetime)
            ):
                raise ModelError(f"{name} must be a date, not {type(value).__name__}")

    @property
    def year(self) -> int | None:
        """The publication year, or None."""
        return self.published.year if self.published else None

    def section(self, number: int) -> QASection:
        """The section with this number; ModelError naming how many there are otherwise."""
        if 1 <= number <= len(self.sections):
            return self.sections[number - 1]
        if not self.sections:
            raise ModelError(f"interview {self.number} has no sections")
        count = len(self.sections)
        raise ModelError(
            f"interview {self.number} has {count} section{'' if count == 1 else 's'}; "
            f"there is no section {number}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The interview as the documented model dict (what ``parse --json`` prints)."""
        return {
            "series": self.series,
            "number": self.number,
            "title": self.title,
            "publication": self.publication,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "accessed": self.accessed.isoformat() if self.accessed else None,
            "interviewers": [p.to_dict() for p in self.interviewers],
            "interviewees": [p.to_dict() for p in self.interviewees],
            "sections": [s.to_dict() for s in self.sections],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Interview:
        """Build an interview from a model dict; a missing optional key is None.

        Raises:
            ModelError: naming the field at fault ("interviewees[0]: a person's family name is required").
        """
        if not _is_mapping(data):
            raise ModelError(f"model JSON must be an object, not {type(data).__name__}")
        _reject_unknown(data, _INTERVIEW_KEYS, "interview")
        if "number" not in data:
            raise ModelError("interview: 'number' is required")
        people: dict[str, tuple[Person, ...]] = {}
        for name in ("interviewers", "interviewees"):
            raw = data.get(name) or []
            if not isinstance(raw, list):
                raise ModelError(f"{name} must be a list")
            people[name] = tuple(
                Person.from_dict(p, where=f"{name}[{i}]") for i, p in enumerate(raw)
            )
        raw_sections = data.get("sections") or []
        if not isinstance(raw_sections, list):
            raise ModelError("sections must be a list")
        sections = tuple(
            QASection.from_dict(s, where=f"sections[{i}]") for i, s in enumerate(raw_sections)
        )
        return cls(
            number=data["number"],
            title=data.get("title"),
            interviewers=people["interviewers"],
            interviewees=people["interviewees"],
            sections=sections,
            published=_date(data.get("published"), "published"),
            url=data.get("url"),
            accessed=_date(data.get("accessed"), "accessed"),
            series=data.get("series") or SERIES,
            publication=data.get("publication") or PUBLICATION,
        )


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a reader returns: the interview plus the problems it recovered from.

    Warnings are data (e.g. "no publication date found"); the CLI prints them to stderr as
    ``warning: ...`` lines, a library caller decides for itself.
    """

    interview: Interview
    warnings: tuple[str, ...] = field(default=())


def _date(value: Any, name: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ModelError(f"{name} must be a 'YYYY-MM-DD' string, not {type(value).__name__}")
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ModelError(f"{name} must be a 'YYYY-MM-DD' date, not {value!r}") from None


def _reject_unknown(data: Mapping[str, Any], known: Sequence[str], where: str) -> None:
    if data.keys() <= _KNOWN.get(known, frozenset()):
        return  # the common case, checked by one set comparison
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ModelError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")


# The key sets the readers accept, for _reject_unknown's one-comparison check.
_KNOWN: dict[Sequence[str], frozenset[str]] = {
    keys: frozenset(keys) for keys in (_PERSON_KEYS, _INTERVIEW_KEYS, _SECTION_KEYS)
}


def _is_mapping(value: object) -> bool:
    """``isinstance(value, Mapping)``, with a plain dict (what JSON gives) answered first:
    the ABC check is the slow part of reading 1,000 model files (issue 9's warm path)."""
    return type(value) is dict or isinstance(value, Mapping)


def _is_sequence(value: object) -> bool:
    """A sequence that is not a string, with lists and tuples answered first (as above)."""
    if type(value) is tuple or type(value) is list:
        return True
    return not isinstance(value, str) and isinstance(value, Sequence)
