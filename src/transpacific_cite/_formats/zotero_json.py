"""Zotero's own item JSON: Better BibTeX JSON libraries and Zotero's plain item lists.

Two shapes hold the same items (``itemType``, ``creators`` with ``creatorType``, Zotero's field
names, ``key``, ``citationKey``, ``tags``, ``notes``, ``attachments``):

- *Better BibTeX JSON*: an object ``{"config": ..., "version": ..., "collections": ...,
  "items": [...]}``; Better BibTeX stores a blogPost's ``blogTitle`` and a webpage's
  ``websiteTitle`` as ``publicationTitle``.
- *Zotero item JSON*: a bare array of such items (what Zotero's API and its ``Zotero JSON``
  tests write; ``diplomat-319/*.zotero.json``).

:func:`read_items` maps each item to a CSL item (see :mod:`transpacific_cite._formats`), with
the mapping of Zotero's CSL JSON export; standalone notes and attachments are not items.
:func:`enrich` rewrites a series item in Zotero's own terms (``itemType`` interview,
``interviewee`` and ``interviewer`` creators, ``interviewMedium`` "The Diplomat", Extra lines
for the publication and series, which the interview type has no fields for) and leaves its
``key``, ``citationKey``, ``itemID``, tags, notes, attachments, relations and collections,
and every other item, exactly as read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import FormatError
from .._model import Person
from .csl import extra_lines, loads, splice

if TYPE_CHECKING:
    from .._zotero.recognise import Enriched, SeriesFacts

# Zotero itemType -> CSL type, as Zotero's CSL JSON export maps them (the types a library of
# articles holds; any other falls back to "document", as Zotero's does).
CSL_TYPES = {
    "artwork": "graphic",
    "blogPost": "post-weblog",
    "book": "book",
    "bookSection": "chapter",
    "case": "legal_case",
    "conferencePaper": "paper-conference",
    "dataset": "dataset",
    "document": "document",
    "encyclopediaArticle": "entry-encyclopedia",
    "forumPost": "post",
    "interview": "interview",
    "journalArticle": "article-journal",
    "letter": "personal_communication",
    "magazineArticle": "article-magazine",
    "manuscript": "manuscript",
    "newspaperArticle": "article-newspaper",
    "preprint": "article",
    "presentation": "speech",
    "report": "report",
    "thesis": "thesis",
    "videoRecording": "motion_picture",
    "webpage": "webpage",
}
ZOTERO_TYPES = {csl: zotero for zotero, csl in CSL_TYPES.items()}
# Zotero fields -> CSL variables (plain text ones).
CSL_FIELDS = {
    "title": "title",
    "abstractNote": "abstract",
    "extra": "note",
    "url": "URL",
    "DOI": "DOI",
    "ISBN": "ISBN",
    "ISSN": "ISSN",
    "language": "language",
    "publicationTitle": "container-title",
    "blogTitle": "container-title",
    "websiteTitle": "container-title",
    "bookTitle": "container-title",
    "interviewMedium": "medium",
    "volume": "volume",
    "issue": "issue",
    "pages": "page",
    "publisher": "publisher",
    "place": "publisher-place",
    "shortTitle": "title-short",
    "citationKey": "citation-key",
    "websiteType": "genre",
}
# Creator roles -> CSL name variables (the interviewee is the author, as Zotero exports it).
CSL_ROLES = {
    "author": "author",
    "interviewee": "author",
    "interviewer": "interviewer",
    "editor": "editor",
    "seriesEditor": "collection-editor",
    "translator": "translator",
    "contributor": "contributor",
    "bookAuthor": "container-author",
}
# Fields an interview cannot hold: the site or publication name goes to interviewMedium and
# Extra instead (Zotero's interview type has no publication field).
PUBLICATION_FIELDS = ("publicationTitle", "blogTitle", "websiteTitle", "websiteType", "type")
# Items that are not references.
NOT_ITEMS = frozenset({"note", "attachment", "annotation"})
# The translator id Better BibTeX JSON files carry in ``config.id``.
BBT_JSON_ID = "36a3b0b5-bad0-4a04-b79b-441c7cef77db"
_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")


def is_bbt_json(data: Any) -> bool:
    """Whether parsed JSON is a Better BibTeX JSON library (an object with ``items``)."""
    return isinstance(data, dict) and isinstance(data.get("items"), list) and "config" in data


def is_zotero_items(data: Any) -> bool:
    """Whether parsed JSON is a bare list of Zotero items (``itemType`` on the first)."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and "itemType" in data[0]
    )


def zotero_items(data: Any, *, source: str) -> list[dict[str, Any]]:
    """The raw Zotero items of a Better BibTeX JSON library or a Zotero item list.

    Raises:
        FormatError: neither shape, or an item that is not an object.
    """
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise FormatError(f"{source}: not a Better BibTeX JSON library (no 'items' array)")
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("itemType", ""), str):
            raise FormatError(f"{source}: item {index} is not a Zotero item object")
    return items


def read_items(text: str, *, source: str) -> list[dict[str, Any]]:
    """The items of a Better BibTeX JSON library or Zotero item list, as CSL items.

    Raises:
        FormatError: not JSON, or not one of the two shapes.
    """
    data = loads(text, source=source)
    return [
        to_csl(item)
        for item in zotero_items(data, source=source)
        if item.get("itemType") not in NOT_ITEMS
    ]


def to_csl(item: Mapping[str, Any]) -> dict[str, Any]:
    """One Zotero item as a CSL item (the mapping of Zotero's CSL JSON export)."""
    csl: dict[str, Any] = {
        "id": _text(item.get("citationKey")) or _text(item.get("uri")) or _text(item.get("key")),
        "type": CSL_TYPES.get(str(item.get("itemType")), "document"),
    }
    for field, variable in CSL_FIELDS.items():
        value = _text(item.get(field))
        if value is not None and variable not in csl:
            csl[variable] = value
    for creator in item.get("creators") or ():
        if not isinstance(creator, Mapping):
            continue
        role = CSL_ROLES.get(str(creator.get("creatorType")), "contributor")
        csl.setdefault(role, []).append(_csl_name(creator))
    for field, variable in (("date", "issued"), ("accessDate", "accessed")):
        parts = _date_parts(item.get(field))
        if parts:
            csl[variable] = {"date-parts": [parts]}
    return csl


def apply_facts(item: Mapping[str, Any], facts: SeriesFacts) -> tuple[dict[str, Any], list[str]]:
    """A Zotero item rewritten as an interview of the series; and which fields changed."""
    new = {k: v for k, v in item.items() if k not in PUBLICATION_FIELDS}
    new["itemType"] = "interview"
    if facts.title and not _text(new.get("title")):
        new["title"] = facts.title
    people = {(p.family, p.given) for p in (*facts.interviewees, facts.interviewer)}
    others = [
        c
        for c in item.get("creators") or ()
        if isinstance(c, Mapping)
        and c.get("creatorType") not in ("author", "interviewee", "interviewer")
        and (_text(c.get("lastName")) or _text(c.get("name")), _text(c.get("firstName")))
        not in people
    ]
    new["creators"] = [
        *(_creator(p, "interviewee") for p in facts.interviewees),
        _creator(facts.interviewer, "interviewer"),
        *others,
    ]
    if facts.published and not _text(new.get("date")):
        new["date"] = facts.published
    if facts.url and not _text(new.get("url")):
        new["url"] = facts.url
    new["interviewMedium"] = _text(item.get("interviewMedium")) or facts.publication
    extra = extra_lines(item.get("extra"), facts)
    if extra is not None:
        new["extra"] = extra
    changed = sorted(name for name in set(item) | set(new) if item.get(name) != new.get(name))
    return new, changed


def enrich(
    text: str,
    *,
    source: str,
    recognise: Callable[[dict[str, Any]], SeriesFacts | None],
) -> Enriched:
    """A Better BibTeX JSON library (or Zotero item list) with its series items enriched.

    Only the series items are written anew (in the layout of the item they replace); the rest
    of the text (``config``, ``version``, ``collections``, the other items) is kept byte for
    byte.

    Raises:
        FormatError: not one of the two shapes.
    """
    from .._zotero.recognise import Enriched, describe

    items = zotero_items(loads(text, source=source), source=source)
    reports: list[str] = []  # report lines now: keeping each item's CSL until the end costs memory
    changes: dict[int, dict[str, Any]] = {}
    for index, item in enumerate(items):
        if item.get("itemType") in NOT_ITEMS:
            continue
        csl = to_csl(item)
        facts = recognise(csl)
        if facts is None:
            continue
        new, changed = apply_facts(item, facts)
        reports.append(describe(csl, facts, changed))
        if changed:
            changes[index] = new
    return Enriched(splice(text, changes), tuple(reports))


def write_items(items: Sequence[Mapping[str, Any]]) -> str:
    """CSL items as a Better BibTeX JSON library (``zotero enrich --to bbt-json``)."""
    library = {
        "config": {
            "id": BBT_JSON_ID,
            "label": "BetterBibTeX JSON",
            "preferences": {},
            "options": {},
        },
        "collections": {},
        "items": [from_csl(i) for i in items],
    }
    return json.dumps(library, ensure_ascii=False, indent=2) + "\n"


def from_csl(csl: Mapping[str, Any]) -> dict[str, Any]:
    """One CSL item as a Zotero item (the inverse of :func:`to_csl`, for the fields it maps)."""
    item_type = ZOTERO_TYPES.get(str(csl.get("type")), "document")
    item: dict[str, Any] = {"itemType": item_type}
    site = {"blogPost": "blogTitle", "webpage": "websiteTitle"}.get(item_type, "publicationTitle")
    for field, variable in CSL_FIELDS.items():
        if field in ("blogTitle", "websiteTitle", "publicationTitle") and field != site:
            continue
        if item_type == "interview" and field == "publicationTitle":
            continue  # kept as interviewMedium and Extra lines, as Zotero stores it
        value = _text(csl.get(variable))
        if value is not None:
            item[field] = value
    if item_type == "interview" and "interviewMedium" not in item and csl.get("container-title"):
        item["interviewMedium"] = _text(csl.get("container-title"))
    creators: list[dict[str, str]] = []
    for variable, role in (
        ("author", "interviewee" if item_type == "interview" else "author"),
        ("interviewer", "interviewer"),
        ("editor", "editor"),
        ("translator", "translator"),
        ("contributor", "contributor"),
    ):
        for name in csl.get(variable) or ():
            if isinstance(name, Mapping):
                creators.append(_zotero_name(name, role))
    item["creators"] = creators
    for variable, field in (("issued", "date"), ("accessed", "accessDate")):
        date = _iso(csl.get(variable))
        if date:
            item[field] = date
    item["tags"] = []
    return item


# ---------------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _csl_name(creator: Mapping[str, Any]) -> dict[str, str]:
    family, given = _text(creator.get("lastName")), _text(creator.get("firstName"))
    if family is None:
        return {"literal": _text(creator.get("name")) or ""}
    return {"family": family, "given": given} if given else {"family": family}


def _zotero_name(name: Mapping[str, Any], role: str) -> dict[str, str]:
    family, given = _text(name.get("family")), _text(name.get("given"))
    if family is None:
        return {"name": _text(name.get("literal")) or "", "creatorType": role}
    return {"firstName": given or "", "lastName": family, "creatorType": role}


def _creator(person: Person, role: str) -> dict[str, str]:
    if person.given is None:
        return {"name": person.family, "creatorType": role}
    return {"firstName": person.given, "lastName": person.family, "creatorType": role}


def _date_parts(value: Any) -> list[int] | None:
    text = _text(value)
    found = _DATE.match(text.strip()) if text else None
    if found is None:
        return None
    return [int(p) for p in (found["y"], found["m"], found["d"]) if p]


def _iso(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    try:
        numbers = [int(p) for p in parts[0][:3]]
    except (TypeError, ValueError):
        return None
    if not numbers:
        return None
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])
