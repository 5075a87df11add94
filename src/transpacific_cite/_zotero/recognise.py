"""Tell which items of a Zotero library are entries of the series, and what they should say.

Vocabulary: an *item* is one CSL item as a format reader gives it (see
:mod:`transpacific_cite._formats`); a *series item* is one that :func:`recognise` accepts; its
*facts* (:class:`SeriesFacts`) are what enrichment writes into it.

Zotero's generic page reader saves a Diplomat interview as a blogPost (or webpage, or magazine
article) *by Mercy A. Kuo* with the abstract "Insights from Jeffrey Hornung.": the expert, the
series and the number are lost. Evidence is weighed in this order, the first that settles the
series number winning:

1. the series intro sentence ("This conversation with Dr. Jeffrey Hornung, ... is the 319th
   in “The Trans-Pacific View Insight Series.”") in any text field (abstract, note / Extra);
2. what we wrote ourselves: a ``collection-number`` field or Extra line of an item whose
   ``collection-title`` is the series, or the note "The Trans-Pacific View Insight Series,
   no. 319." of our RIS and ``.bib`` exports (so enriching twice changes nothing more);
3. a catalog entry read from the same URL (any of the Diplomat's three hosts, http or https,
   with or without a trailing slash);
4. with a fetcher, the page itself.

Without any of them, a Diplomat item by Kuo whose abstract says "Insights from NAME." (or an
item Zotero already typed as an interview with Kuo as interviewer) is an interview with NAME
whose number is *undetermined*: what is known is enriched and the number is reported missing.

An item is never a series item unless it is on The Diplomat (a Diplomat URL, or "The Diplomat"
as its publication or medium) and Kuo is among its creators (author or interviewer, or named
"Interview by Mercy A. Kuo" in a note we wrote); items by other authors and items elsewhere
are left alone whatever their text says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from .._errors import CiteError, ParseError
from .._model import PUBLICATION, SERIES, Interview, Person
from .._parse.common import OTHER_SERIES, SERIES_ORDINAL, person_from_name, read_intro

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._fetch import Fetcher

__all__ = [
    "DIPLOMAT_HOSTS",
    "KUO",
    "Enriched",
    "SeriesFacts",
    "describe",
    "enriched",
    "is_diplomat_url",
    "might_be_series",
    "recognise",
    "series_interview",
]

# The interviewer of every entry, as her byline writes her name.
KUO = Person(family="Kuo", given="Mercy A.")
# Kuo as one literal name ("Mercy A. Kuo", "Mercy Kuo").
KUO_LITERAL = re.compile(r"^mercy\b.*\bkuo$", re.IGNORECASE)
# The hosts the Diplomat serves its articles from (as fetch.DEFAULT_HOSTS; repeated here so
# that recognising an item does not import the network layer).
DIPLOMAT_HOSTS = ("thediplomat.com", "www.thediplomat.com", "manage.thediplomat.com")
# A URL on one of those hosts (any case, an optional port), http or https.
DIPLOMAT_URL = re.compile(
    r"^https?://(?:" + "|".join(re.escape(h) for h in DIPLOMAT_HOSTS) + r")(?::\d+)?(?:[/?#]|$)",
    re.IGNORECASE,
)
# The fields where Zotero keeps free text: CSL ``abstract`` (abstractNote, RDF
# dcterms:abstract or dc:description) and ``note`` (Extra; RIS N1; .bib note/annotation).
TEXT_FIELDS = ("abstract", "note")
# The dek Zotero's page reader saves as the abstract: "Insights from Jeffrey Hornung." (or
# two experts: "Insights from A and B.", "Insights from A, B, and C.").
INSIGHTS_FROM = re.compile(r"^\s*insights\s+from\s+(?P<names>[^\n]+?)\.?\s*$", re.IGNORECASE)
# Names inside "Insights from ...": "A and B", "A, B, and C", "A & B".
NAME_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# Our own Extra lines (csl.py, zotero flavour) and any "name: value" line Zotero keeps in Extra.
EXTRA_LINE = re.compile(r"^\s*(?P<name>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*?)\s*$")
# Our RIS and .bib note: "Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series,
# no. 319." (".bib" writes "no.~319"); the byline flavour says "Interview with Jeffrey Hornung.".
OUR_NUMBER_NOTE = re.compile(
    r"trans[\s\-‐–]*pacific\s+view\s+insight\s+series\s*,\s*no\.?[\s~]*(?P<number>\d{1,5})",
    re.IGNORECASE,
)
# A name list ends at a full stop that is not an initial's ("Mercy A. Kuo." ends after "Kuo").
# CSL's byline note has no full stop: "Interview with Jeffrey Hornung" ends at the line's end.
_NAMES_TO_STOP = r"(?P<names>[^\n]+?)(?:(?<![\s.][A-Z])\.(?=\s|$)|[ \t]*$)"
OUR_INTERVIEWER_NOTE = re.compile(
    r"\binterview\s+by\s+" + _NAMES_TO_STOP, re.IGNORECASE | re.MULTILINE
)
OUR_INTERVIEWEE_NOTE = re.compile(
    r"\binterview\s+with\s+" + _NAMES_TO_STOP, re.IGNORECASE | re.MULTILINE
)
# CSL types that mean "already an interview" (Zotero: interview; RIS PCOMM with an A2 reads
# as ``interview`` in our RIS reader).
INTERVIEW_TYPES = frozenset({"interview"})


@dataclass(frozen=True, slots=True)
class SeriesFacts:
    """What enrichment writes into one series item (the target facts).

    Attributes:
        interviewees: who answers (the item's new authors), in intro order.
        interviewer: who asks: Mercy A. Kuo.
        title: the article title, or None when neither the item nor the evidence has one.
        number: the series number, or None when no evidence settles it.
        published: the publication date as "YYYY-MM-DD", or None.
        url: the article URL (the item's own when it has one).
        publication: "The Diplomat".
        series: the series name.
        evidence: where the facts came from ("intro sentence in abstract", "catalog URL", ...).
        undetermined: the facts no evidence settled (e.g. ``("number",)``).
    """

    interviewees: tuple[Person, ...]
    interviewer: Person
    title: str | None
    number: int | None
    published: str | None
    url: str | None
    publication: str = PUBLICATION
    series: str = SERIES
    evidence: str = ""
    undetermined: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Enriched:
    """An enriched file: its new text and one report line per series item (file order)."""

    text: str
    reports: tuple[str, ...]


def is_diplomat_url(url: str | None) -> bool:
    """Whether a URL is on one of the Diplomat's hosts (http or https)."""
    return bool(url) and DIPLOMAT_URL.match(url.strip()) is not None  # type: ignore[union-attr]


def url_variants(url: str) -> list[str]:
    """The spellings one Diplomat article URL is known by: each host, http(s), with and
    without a trailing slash (the asked spelling first)."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    found = [url.strip()]
    for scheme in ("https", "http"):
        for host in DIPLOMAT_HOSTS:
            for tail in ("/", ""):
                found.append(urlunsplit((scheme, host, path + tail, parts.query, "")))
    return list(dict.fromkeys(found))


def recognise(
    item: Mapping[str, Any],
    *,
    catalog: Catalog | None = None,
    fetcher: Fetcher | None = None,
) -> SeriesFacts | None:
    """The series facts of one item, or None when it is not an entry of the series.

    Args:
        item: a CSL item (see :mod:`transpacific_cite._formats`).
        catalog: consulted for an entry read from the item's URL.
        fetcher: when given, the item's page is fetched (through its cache and allowlist) if
            nothing else settles the number; None never touches the network.

    Returns:
        The facts to write, or None for an item that is not by Kuo on The Diplomat (or that
        names no interviewee anywhere).
    """
    if not might_be_series(item):
        return None
    url = _text(item.get("URL"))
    kuo_creator = _has_kuo(item.get("author")) or _has_kuo(item.get("interviewer"))
    notes = _texts(item)
    if any("eries" in text and OTHER_SERIES.search(text) for text in notes):  # Rebalance
        return None
    our_interviewer = _our_interviewer_note(notes)
    intro = _intro(item)
    if not (kuo_creator or our_interviewer or (intro is not None and not _people(item))):
        return None

    number: int | None = None
    interviewees: tuple[Person, ...] = ()
    evidence = ""
    if intro is not None:
        number, interviewees, evidence = intro
    if number is None:
        number = _our_number(item, notes)
        if number is not None:
            evidence = evidence or "series fields"
    if not interviewees:
        interviewees, how = _interviewees(item, notes)
        evidence = evidence or how
    known: Interview | None = None
    if number is None and url and catalog is not None:
        known = _from_catalog(catalog, url)
        if known is not None:
            evidence = "catalog URL"
    if number is None and known is None and url and fetcher is not None:
        known = _from_page(fetcher, url)
        if known is not None:
            evidence = "fetched page"
    if known is not None:
        number = known.number
        interviewees = interviewees or known.interviewees
    if not interviewees:
        return None

    title = _text(item.get("title")) or (known.title if known else None)
    published = _date(item.get("issued")) or (
        known.published.isoformat() if known and known.published else None
    )
    undetermined = tuple(
        name
        for name, value in (("number", number), ("title", title), ("published", published))
        if value is None
    )
    return SeriesFacts(
        interviewees=interviewees,
        interviewer=KUO,
        title=title,
        number=number,
        published=published,
        url=url or (known.url if known else None),
        evidence=evidence,
        undetermined=undetermined,
    )


def might_be_series(item: Mapping[str, Any]) -> bool:
    """:func:`recognise`'s first test: whether an item is on The Diplomat at all (its URL, its
    publication, medium or publisher, or such a line of Extra in its abstract or note).

    It reads only ``URL``, ``container-title``, ``medium``, ``publisher``, ``abstract`` and
    ``note``, so a reader can build just those for each item and skip the rest of the work
    for items where it is False: :func:`recognise` returns None for them.
    """
    return _on_the_diplomat(item, _text(item.get("URL")))


def series_interview(facts: SeriesFacts) -> Interview | None:
    """The model interview of a series item, or None when its number is undetermined."""
    if facts.number is None:
        return None
    import datetime as dt

    published = dt.date.fromisoformat(facts.published) if facts.published else None
    return Interview(
        number=facts.number,
        title=facts.title,
        interviewers=(facts.interviewer,),
        interviewees=facts.interviewees,
        published=published,
        url=facts.url,
        series=facts.series,
        publication=facts.publication,
    )


def describe(item: Mapping[str, Any], facts: SeriesFacts, changed: Sequence[str]) -> str:
    """One report line for an enriched item: what it was, what changed, what is undetermined.

    ``"http://zotero.org/users/1/items/AB12CD34: post-weblog by Kuo -> interview with Jeffrey
    Hornung, no. 319 (intro sentence in abstract); changed: type, author, interviewer"``.
    """
    who = ", ".join(p.full_name for p in facts.interviewees)
    number = f"no. {facts.number}" if facts.number is not None else "no. undetermined"
    byline = _names(item.get("author")) or "no author"
    line = (
        f"{_text(item.get('id')) or repr(_text(item.get('title')) or '(untitled)')}: {_text(item.get('type')) or 'item'} by {byline}"
        f" -> interview with {who}, {number} ({facts.evidence})"
    )
    line += f"; changed: {', '.join(changed)}" if changed else "; unchanged"
    if facts.undetermined:
        line += f"; undetermined: {', '.join(facts.undetermined)}"
    return line


def enriched(
    text: str, found: Iterable[tuple[Mapping[str, Any], SeriesFacts, Sequence[str]]]
) -> Enriched:
    """An enriched file from its new text and, for each series item in file order, the item as
    read, its facts and the fields that changed: the one place every format's ``enrich`` turns
    what it did into report lines (:func:`describe`)."""
    return Enriched(text, tuple(describe(item, facts, changed) for item, facts, changed in found))


# ---------------------------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------------------------


def _intro(item: Mapping[str, Any]) -> tuple[int | None, tuple[Person, ...], str] | None:
    """Number and interviewees from an intro sentence in a text field, and where it was."""
    for name in (*TEXT_FIELDS, *sorted(k for k in item if k not in TEXT_FIELDS)):
        text = item.get(name)
        if not isinstance(text, str) or "eries" not in text:
            continue
        match = SERIES_ORDINAL.search(text)
        if match is None:
            continue
        try:
            intro = read_intro(text, match)
        except ParseError:  # the ordinal without "This conversation with ...": number only
            return int(match["number"]), (), f"series number in {name}"
        return intro.number, intro.interviewees, f"intro sentence in {name}"
    return None


def _our_number(item: Mapping[str, Any], notes: Sequence[str]) -> int | None:
    """The number as our exports and enrichment write it: CSL ``collection-title`` and
    ``collection-number`` (as fields or as Extra lines), or our RIS / .bib note."""
    extra = _extra_fields(notes)
    for title, number in (
        (item.get("collection-title"), item.get("collection-number")),
        (extra.get("collection-title"), extra.get("collection-number")),
    ):
        text = _text(title)
        if text and _same_series(text) and _int(number) is not None:
            return _int(number)
    for text in notes:
        found = OUR_NUMBER_NOTE.search(text)
        if found:
            return int(found["number"])
    return None


def _interviewees(item: Mapping[str, Any], notes: Sequence[str]) -> tuple[tuple[Person, ...], str]:
    """The interviewees when no intro names them: "Insights from NAME.", an item already typed
    as an interview, our own note, or the authors of an item we already enriched."""
    abstract = _text(item.get("abstract"))
    if abstract:
        found = INSIGHTS_FROM.match(abstract)
        if found:
            people = _people_from_names(found["names"])
            if people:
                return people, "Insights from"
    authors = [p for p in _people(item, "author") if not _is_kuo(p)]
    if _text(item.get("type")) in INTERVIEW_TYPES and _has_kuo(item.get("interviewer")):
        return tuple(authors), "interview item"
    for text in notes:
        found = OUR_INTERVIEWEE_NOTE.search(text)
        if found:
            people = _people_from_names(found["names"])
            if people:
                return people, "interview note"
    if authors and (_our_interviewer_note(notes) or _has_kuo(item.get("interviewer"))):
        return tuple(authors), "interview item"
    return (), ""


def _from_catalog(catalog: Catalog, url: str) -> Interview | None:
    from .._errors import NotFoundError

    for variant in url_variants(url):
        try:
            return catalog.by_url(variant).interview
        except NotFoundError:
            continue
    return None


def _from_page(fetcher: Fetcher, url: str) -> Interview | None:
    """The interview on the item's page; a page that cannot be fetched or read is no evidence."""
    from .._library import parse_page

    try:
        page = fetcher.fetch(url)
        return parse_page(page).interview
    except CiteError:
        return None


# ---------------------------------------------------------------------------------------------
# Field helpers
# ---------------------------------------------------------------------------------------------


def _on_the_diplomat(item: Mapping[str, Any], url: str | None) -> bool:
    if is_diplomat_url(url):
        return True
    wanted = PUBLICATION.lower()
    for name in ("container-title", "medium", "publisher"):
        value = _text(item.get(name))
        if value and value.lower() == wanted:
            return True
    notes = [t for t in _texts(item) if "diplomat" in t.lower()]
    extra = _extra_fields(notes) if notes else {}
    return any(
        (extra.get(name) or "").strip().lower() == wanted
        for name in ("container-title", "medium", "publisher")
    )


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _texts(item: Mapping[str, Any]) -> list[str]:
    return [t for t in (_text(item.get(name)) for name in TEXT_FIELDS) if t]


def _int(value: Any) -> int | None:
    text = _text(value)
    if text is None or not text.isdigit():
        return None
    number = int(text)
    return number if number >= 1 else None


def _same_series(name: str) -> bool:
    return name.strip().rstrip(". ").lower() == SERIES.lower()


def _extra_fields(notes: Iterable[str]) -> dict[str, str]:
    """``name: value`` lines of Extra (first of each, names lowercased)."""
    fields: dict[str, str] = {}
    for text in notes:
        for line in text.splitlines():
            found = EXTRA_LINE.match(line)
            if found:
                fields.setdefault(found["name"].strip().lower(), found["value"])
    return fields


def _name_person(name: Any) -> Person | None:
    """A CSL name object as a person (a literal is read as a written name)."""
    if not isinstance(name, Mapping):
        return None
    family = _text(name.get("family"))
    given = _text(name.get("given"))
    try:
        if family:
            return Person(family=family, given=given)
        literal = _text(name.get("literal"))
        return person_from_name(literal) if literal else None
    except CiteError:
        return None


def _people(item: Mapping[str, Any], *roles: str) -> list[Person]:
    people: list[Person] = []
    for role in roles or ("author", "interviewer", "editor"):
        names = item.get(role)
        if isinstance(names, list):
            people.extend(p for p in map(_name_person, names) if p is not None)
    return people


def _is_kuo(person: Person) -> bool:
    given = (person.given or "").lower()
    return person.family.lower() == "kuo" and given.startswith("mercy")


def _has_kuo(names: Any) -> bool:
    """Whether a CSL name list names Mercy Kuo (read from the raw names: this runs on every
    item of a library)."""
    if not isinstance(names, list):
        return False
    for name in names:
        if not isinstance(name, Mapping):
            continue
        family, given = name.get("family"), name.get("given")
        if (
            isinstance(family, str)
            and family.strip().lower() == "kuo"
            and isinstance(given, str)
            and given.strip().lower().startswith("mercy")
        ):
            return True
        literal = name.get("literal")
        if isinstance(literal, str) and KUO_LITERAL.match(literal.strip()):
            return True
    return False


def _our_interviewer_note(notes: Iterable[str]) -> bool:
    for text in notes:
        found = OUR_INTERVIEWER_NOTE.search(text)
        if found and any(_is_kuo(p) for p in _people_from_names(found["names"])):
            return True
    return False


def _people_from_names(text: str) -> tuple[Person, ...]:
    people: list[Person] = []
    for name in NAME_LIST_SPLIT.split(text.strip().rstrip(".")):
        if not name.strip():
            continue
        try:
            people.append(person_from_name(name))
        except ParseError:
            return ()
    return tuple(people)


def _names(names: Any) -> str:
    if not isinstance(names, list):
        return ""
    people = [p for p in map(_name_person, names) if p is not None]
    return ", ".join(p.family for p in people)


def _date(issued: Any) -> str | None:
    """A full CSL date (date-parts year, month, day; strings or integers) as "YYYY-MM-DD"."""
    if not isinstance(issued, Mapping):
        return None
    parts = issued.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    first = [_int(p) for p in parts[0]]
    if len(first) < 3 or None in first[:3]:
        return None
    import datetime as dt

    year, month, day = first[0], first[1], first[2]
    assert year is not None and month is not None and day is not None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def with_number(facts: SeriesFacts, number: int) -> SeriesFacts:
    """The facts with a number settled later (e.g. by the caller's own catalog)."""
    return replace(
        facts, number=number, undetermined=tuple(u for u in facts.undetermined if u != "number")
    )
