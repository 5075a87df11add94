"""Zotero RDF, both directions: read a library, enrich its series items, write our interviews.

This is the only module that imports lxml's XML parser for RDF. Vocabulary: a *library* is a
Zotero RDF file (an ``rdf:RDF`` root whose element children are items, notes (``bib:Memo``),
attachments and collections); an *item* is a child with a ``z:itemType``; its *fields* are
its child elements (``dc:title``, ``bib:authors``, ``dc:description`` = Zotero's Extra...).

Why Zotero RDF: with CSL JSON it is the only format Zotero imports back as an interview with
both creators (see ``../shared/zotero/README.md``). Zotero's RDF translator reads
``z:itemType`` for the type, ``z:interviewees``/``z:interviewers`` sequences of
``foaf:Person`` for the creators, ``dc:description`` as Extra, ``z:medium`` as
interviewMedium, ``dcterms:dateSubmitted`` as the access date and ``dc:identifier`` /
``dcterms:URI`` as the URL. The interview type has no publication field, so "The Diplomat"
goes to ``z:medium`` (as Zotero itself exports a retyped interview) and, with the series and
number, to Extra lines (``container-title: The Diplomat``) that Zotero keeps and citeproc-js
reads, as our CSL JSON Zotero flavour does::

    <bib:Interview rdf:about="https://thediplomat.com/2022/05/...">
        <z:itemType>interview</z:itemType>
        <z:interviewees><rdf:Seq><rdf:li><foaf:Person>
            <foaf:surname>Hornung</foaf:surname><foaf:givenName>Jeffrey</foaf:givenName>
        </foaf:Person></rdf:li></rdf:Seq></z:interviewees>
        <z:interviewers>... Kuo, Mercy A. ...</z:interviewers>
        <dc:title>Ukraine War: The Impact on Japan-Russia Relations</dc:title>
        <dc:date>2022-05-16</dc:date>
        <z:medium>The Diplomat</z:medium>
        <dc:identifier><dcterms:URI><rdf:value>https://...</rdf:value></dcterms:URI></dc:identifier>
        <dc:description>container-title: The Diplomat
    collection-title: The Trans-Pacific View Insight Series
    collection-number: 319</dc:description>
    </bib:Interview>

Enrichment rewrites a series item's element in place of the old one, keeping its
``rdf:about`` and every child it does not own (tags ``dc:subject``, notes
``dcterms:isReferencedBy``, attachments ``link:link``, language, rights, abstract, custom
``z:`` fields); every other byte of the file (other items, notes, collections, comments) is
kept as it was. Element spans come from expat's byte offsets (the standard library's parser,
run only after lxml has accepted the file).

Hostile files: a document type declaration is refused before any parsing (Zotero never writes
one, and it is how external entities (XXE) and entity-expansion bombs get in); lxml then
parses with DTD loading, entity resolution and network access off and ``huge_tree`` off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.parsers import expat

from lxml import etree

from .._errors import FormatError
from .._model import Interview, Person
from .csl import iso_from_csl, people_from_csl

if TYPE_CHECKING:
    from .._zotero.recognise import Enriched, SeriesFacts

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
Z = "http://www.zotero.org/namespaces/export#"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
BIB = "http://purl.org/net/biblio#"
FOAF = "http://xmlns.com/foaf/0.1/"
LINK = "http://purl.org/rss/1.0/modules/link/"
# The namespaces and prefixes of Zotero's own RDF export, in its order.
NSMAP = {"rdf": RDF, "z": Z, "dcterms": DCTERMS, "dc": DC, "bib": BIB, "foaf": FOAF}

# Zotero item types -> CSL types (Zotero's own CSL mapping for the types a library holds).
CSL_TYPES: dict[str, str] = {
    "blogPost": "post-weblog", "webpage": "webpage", "magazineArticle": "article-magazine",
    "journalArticle": "article-journal", "newspaperArticle": "article-newspaper",
    "interview": "interview", "book": "book", "bookSection": "chapter", "report": "report",
    "thesis": "thesis", "conferencePaper": "paper-conference", "letter": "personal_communication",
    "manuscript": "manuscript", "presentation": "speech", "forumPost": "post",
    "encyclopediaArticle": "entry-encyclopedia", "dictionaryEntry": "entry-dictionary",
    "computerProgram": "software", "dataset": "dataset", "film": "motion_picture",
    "podcast": "song", "videoRecording": "motion_picture", "map": "map", "patent": "patent",
    "statute": "legislation", "case": "legal_case", "preprint": "article",
}  # fmt: skip
# Creator sequences -> CSL name variables (the rest are kept but not read).
CREATORS = {
    f"{{{BIB}}}authors": "author", f"{{{Z}}}interviewees": "author",
    f"{{{Z}}}interviewers": "interviewer", f"{{{BIB}}}editors": "editor",
    f"{{{Z}}}contributors": "contributor", f"{{{Z}}}translators": "translator",
    f"{{{Z}}}seriesEditors": "collection-editor", f"{{{Z}}}bookAuthors": "container-author",
}  # fmt: skip
# Children an enriched item writes itself (the rest are kept, in their order).
OWNED = frozenset({
    f"{{{Z}}}itemType", f"{{{BIB}}}authors", f"{{{Z}}}interviewees", f"{{{Z}}}interviewers",
    f"{{{DCTERMS}}}isPartOf", f"{{{DC}}}title", f"{{{DC}}}date", f"{{{Z}}}medium",
    f"{{{DC}}}description", f"{{{Z}}}websiteType",
})  # fmt: skip
# Extra lines that enrichment writes (any older line of these names is replaced).
EXTRA_NAMES = ("container-title", "collection-title", "collection-number")
_EXTRA_LINE = re.compile(r"^\s*(?P<name>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*?)\s*$")
# A document type declaration: refused before parsing (XXE, entity bombs).
_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True, slots=True)
class Record:
    """What the writer puts into one ``bib:Interview`` element."""

    about: str
    interviewees: tuple[Person, ...]
    interviewers: tuple[Person, ...]
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DD"
    medium: str | None = None
    url: str | None = None
    accessed: str | None = None
    extra: tuple[str, ...] = field(default=())


# -- parsing ---------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    """lxml's parser with everything that could read a file or the network switched off."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )


def _payload(text: str) -> bytes:
    """The text as UTF-8 bytes for the parsers: BOM dropped, encoding declaration made UTF-8."""
    text = text.removeprefix("\ufeff")
    declaration = _XML_DECL.match(text)
    if declaration:
        fixed = re.sub(r"""encoding\s*=\s*["'][^"']*["']""", 'encoding="UTF-8"', declaration[0])
        text = fixed + text[declaration.end() :]
    return text.encode("utf-8")


def _parse(text: str, *, source: str) -> etree._Element:
    """The root of a Zotero RDF file, parsed safely.

    Raises:
        FormatError: a DTD (refused), XML that is not well-formed, or a root that is not
            ``rdf:RDF``; the message names ``source`` and the line.
    """
    doctype = _DOCTYPE.search(text)
    if doctype:
        line = text.count("\n", 0, doctype.start()) + 1
        raise FormatError(
            f"{source}: line {line}: a document type declaration (<!DOCTYPE> or <!ENTITY>) is "
            "refused: Zotero RDF never has one, and its entities could read local files, "
            "reach the network or expand without bound"
        )
    try:
        root = etree.fromstring(_payload(text), _parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (error.lineno, 0)
        raise FormatError(
            f"{source}: line {line}, column {column}: not well-formed XML ({error.msg})"
        ) from None
    if root.tag != f"{{{RDF}}}RDF":
        raise FormatError(f"{source}: line {root.sourceline}: not a Zotero RDF file (the root is "
                         f"<{etree.QName(root).localname}>, not <rdf:RDF>)")  # fmt: skip
    return root


_ITEM_TYPE = f"{{{Z}}}itemType"
_ABOUT = f"{{{RDF}}}about"
# Children read as plain text fields: tag -> CSL variable.
_TEXT_FIELDS = {
    f"{{{DC}}}title": "title",
    f"{{{DCTERMS}}}abstract": "abstract",
    f"{{{DC}}}description": "note",
    f"{{{Z}}}medium": "medium",
    f"{{{Z}}}language": "language",
}


def _item_type(element: etree._Element) -> str | None:
    return (element.findtext(_ITEM_TYPE) or "").strip() or None


def _items(root: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    """(index among the root's element children, element) of each item (not notes etc.)."""
    index = -1
    for child in root:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            continue
        index += 1
        kind = _item_type(child)
        if kind and kind not in ("note", "attachment"):
            yield index, child


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    if len(element) == 0:  # the common case: text only
        return (element.text or "").strip() or None
    return "".join(str(t) for t in element.itertext()).strip() or None


def _names(container: etree._Element) -> list[dict[str, str]]:
    names: list[dict[str, str]] = []
    for person in container.iter(f"{{{FOAF}}}Person", f"{{{FOAF}}}Organization"):
        family = (
            person.findtext(f"{{{FOAF}}}surname") or person.findtext(f"{{{FOAF}}}name") or ""
        ).strip()
        given = (person.findtext(f"{{{FOAF}}}givenName") or "").strip()
        if family and given:
            names.append({"family": family, "given": given})
        elif family:
            names.append({"literal": family})
    return names


def _date_parts(text: str | None) -> dict[str, list[list[int]]] | None:
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", (text or "").strip())
    if not match:
        return None
    return {"date-parts": [[int(p) for p in match.groups() if p is not None and int(p)]]}


def item_to_csl(element: etree._Element) -> dict[str, Any]:
    """One Zotero RDF item as a Zotero-shaped CSL item (``id`` is its ``rdf:about``).

    One pass over the item's children (a library has thousands of items).
    """
    about = element.get(_ABOUT) or element.get(f"{{{RDF}}}ID") or ""
    item: dict[str, Any] = {"id": about, "type": "document"}
    tags: list[str] = []
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _ITEM_TYPE:
            item["type"] = CSL_TYPES.get((child.text or "").strip(), "document")
        elif tag in _TEXT_FIELDS:
            variable = _TEXT_FIELDS[tag]
            if variable not in item and (value := _text(child)) is not None:
                item[variable] = value
        elif tag in CREATORS:
            if names := _names(child):
                item.setdefault(CREATORS[tag], []).extend(names)
        elif tag == f"{{{DCTERMS}}}isPartOf":
            container = _text(child.find(f".//{{{DC}}}title"))
            if container is not None and "container-title" not in item:
                item["container-title"] = container
        elif tag == f"{{{DC}}}identifier":
            uri = child.find(f"{{{DCTERMS}}}URI/{{{RDF}}}value")
            if uri is not None and (url := _text(uri)):
                item.setdefault("URL", url)
            elif (text := _text(child)) and text.upper().startswith("DOI "):
                item["DOI"] = text[4:].strip()
        elif tag == f"{{{DC}}}date":
            if "issued" not in item and (date := _date_parts(_text(child))):
                item["issued"] = date
        elif tag == f"{{{DCTERMS}}}dateSubmitted":
            if "accessed" not in item and (accessed := _date_parts(_text(child))):
                item["accessed"] = accessed
        elif tag == f"{{{DC}}}subject" and (subject := _text(child)):
            tags.append(subject)
    if tags:
        item["keyword"] = ", ".join(tags)
    for line in (item.get("note") or "").splitlines():
        extra = _EXTRA_LINE.match(line)
        if extra and extra["name"].lower() == "citation key" and extra["value"]:
            item["citation-key"] = extra["value"]
            break
    return item


def read_items(text: str, *, source: str) -> list[dict[str, Any]]:
    """Every item of a Zotero RDF file as a CSL item, in file order (notes, attachments and
    collections are not items).

    Raises:
        FormatError: a DTD, XML that is not well-formed, or not an ``rdf:RDF`` document.
    """
    return [item_to_csl(element) for _, element in _items(_parse(text, source=source))]


# -- writing ---------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, tag)
    if text is not None:
        child.text = text
    return child


def _creators(parent: etree._Element, tag: str, people: Sequence[Person]) -> None:
    seq = _sub(_sub(parent, tag), f"{{{RDF}}}Seq")
    for person in people:
        foaf = _sub(_sub(seq, f"{{{RDF}}}li"), f"{{{FOAF}}}Person")
        _sub(foaf, f"{{{FOAF}}}surname", person.family)
        if person.given:
            _sub(foaf, f"{{{FOAF}}}givenName", person.given)


def _fill(element: etree._Element, record: Record, kept: Sequence[etree._Element]) -> None:
    """Children of an interview element: ours in Zotero's order, then the kept ones."""
    _sub(element, f"{{{Z}}}itemType", "interview")
    if record.interviewees:
        _creators(element, f"{{{Z}}}interviewees", record.interviewees)
    if record.interviewers:
        _creators(element, f"{{{Z}}}interviewers", record.interviewers)
    if record.title:
        _sub(element, f"{{{DC}}}title", record.title)
    if record.published:
        _sub(element, f"{{{DC}}}date", record.published)
    if record.medium:
        _sub(element, f"{{{Z}}}medium", record.medium)
    has_url = any(k.tag == f"{{{DC}}}identifier" and k.find(f"{{{DCTERMS}}}URI") is not None
                  for k in kept)  # fmt: skip
    if record.url and not has_url:
        uri = _sub(_sub(element, f"{{{DC}}}identifier"), f"{{{DCTERMS}}}URI")
        _sub(uri, f"{{{RDF}}}value", record.url)
    if record.accessed:
        _sub(element, f"{{{DCTERMS}}}dateSubmitted", record.accessed)
    for child in kept:
        element.append(child)
    if record.extra:
        _sub(element, f"{{{DC}}}description", "\n".join(record.extra))


def _extra_lines(number: int | None, series: str, publication: str) -> list[str]:
    lines = [f"container-title: {publication}", f"collection-title: {series}"]
    if number is not None:
        lines.append(f"collection-number: {number}")
    return lines


def to_rdf(interviews: Sequence[Interview], keys: Sequence[str]) -> str:
    """Interviews as a Zotero RDF file that Zotero imports as interviews with both creators.

    Each is a ``bib:Interview`` named by its URL (or ``#item_N``), with the Extra lines of our
    CSL JSON Zotero flavour (publication, series, number, ``Citation Key``).

    Raises:
        ValueError: not as many unique keys as interviews.
    """
    if len(keys) != len(interviews):
        raise ValueError(f"{len(interviews)} interviews but {len(keys)} keys")
    if len(set(keys)) != len(keys):
        raise ValueError("citation keys must be unique")
    root = etree.Element(f"{{{RDF}}}RDF", nsmap=NSMAP)
    for index, (interview, key) in enumerate(zip(interviews, keys, strict=True), start=1):
        extra = [
            *_extra_lines(interview.number, interview.series, interview.publication),
            f"Citation Key: {key}",
        ]
        record = Record(
            about=interview.url or f"#item_{index}",
            interviewees=interview.interviewees,
            interviewers=interview.interviewers,
            title=interview.title,
            published=interview.published.isoformat() if interview.published else None,
            medium=interview.publication,
            url=interview.url,
            accessed=interview.accessed.isoformat() if interview.accessed else None,
            extra=tuple(extra),
        )
        element = etree.SubElement(root, f"{{{BIB}}}Interview")
        element.set(f"{{{RDF}}}about", record.about)
        _fill(element, record, ())
    etree.indent(root, space="    ")
    return etree.tostring(root, encoding="unicode") + "\n"


# -- CSL items to Zotero RDF (``zotero enrich --to zotero-rdf`` from another format) --------

ZOTERO_TYPES = {csl: zotero for zotero, csl in reversed(list(CSL_TYPES.items()))}
# Zotero's RDF element for an item type, and the container element of its publication.
ELEMENTS: dict[str, tuple[str, str | None]] = {
    "interview": (f"{{{BIB}}}Interview", None),
    "book": (f"{{{BIB}}}Book", None),
    "bookSection": (f"{{{BIB}}}BookSection", f"{{{BIB}}}Book"),
    "journalArticle": (f"{{{BIB}}}Article", f"{{{BIB}}}Journal"),
    "magazineArticle": (f"{{{BIB}}}Article", f"{{{BIB}}}Periodical"),
    "newspaperArticle": (f"{{{BIB}}}Article", f"{{{BIB}}}Newspaper"),
    "blogPost": (f"{{{BIB}}}Document", f"{{{Z}}}Blog"),
    "webpage": (f"{{{BIB}}}Document", f"{{{Z}}}Website"),
    "report": (f"{{{BIB}}}Report", None),
    "thesis": (f"{{{BIB}}}Thesis", None),
    "letter": (f"{{{BIB}}}Letter", None),
    "manuscript": (f"{{{BIB}}}Manuscript", None),
}
# CSL name variables -> Zotero RDF creator sequences, for items other than interviews.
ROLES = {"author": f"{{{BIB}}}authors", "editor": f"{{{BIB}}}editors",
         "translator": f"{{{Z}}}translators", "contributor": f"{{{Z}}}contributors"}  # fmt: skip


def _is_series(item: dict[str, Any]) -> bool:
    from .._model import SERIES

    title = str(item.get("collection-title") or "").rstrip(". ").lower()
    return item.get("type") == "interview" and title == SERIES.lower()


def _item_element(root: etree._Element, item: dict[str, Any], about: str) -> None:
    """One CSL item as a Zotero RDF item element under ``root``."""
    from .._model import PUBLICATION, SERIES

    kind = ZOTERO_TYPES.get(str(item.get("type")), "document")
    tag, container = ELEMENTS.get(kind, (f"{{{BIB}}}Document", None))
    element = etree.SubElement(root, tag)
    element.set(f"{{{RDF}}}about", about)
    note = [line for line in str(item.get("note") or "").splitlines() if line.strip()]
    url = str(item["URL"]) if item.get("URL") else None
    if kind == "interview":
        extra = note
        if _is_series(item):
            number = item.get("collection-number")
            publication = str(item.get("container-title") or PUBLICATION)
            ours = _extra_lines(int(str(number)) if str(number or "").isdigit() else None, SERIES,
                                publication)  # fmt: skip
            names = {line.split(":", 1)[0].strip().lower() for line in ours}
            extra = ours + [
                line for line in note
                if not ((m := _EXTRA_LINE.match(line)) and m["name"].strip().lower() in names)
            ]  # fmt: skip
        record = Record(
            about=about,
            interviewees=people_from_csl(item.get("author")),
            interviewers=people_from_csl(item.get("interviewer")),
            title=str(item["title"]) if item.get("title") else None,
            published=iso_from_csl(item.get("issued")),
            medium=str(item.get("medium") or item.get("container-title") or "") or None,
            url=url,
            accessed=iso_from_csl(item.get("accessed")),
            extra=tuple(extra),
        )
        _fill(element, record, ())
        return
    _sub(element, f"{{{Z}}}itemType", kind)
    if container and item.get("container-title"):
        part = _sub(_sub(element, f"{{{DCTERMS}}}isPartOf"), container)
        _sub(part, f"{{{DC}}}title", str(item["container-title"]))
    for variable, role in ROLES.items():
        people = people_from_csl(item.get(variable))
        if people:
            _creators(element, role, people)
    for keyword in str(item.get("keyword") or "").split(","):
        if keyword.strip():
            _sub(element, f"{{{DC}}}subject", keyword.strip())
    if item.get("title"):
        _sub(element, f"{{{DC}}}title", str(item["title"]))
    if item.get("abstract"):
        _sub(element, f"{{{DCTERMS}}}abstract", str(item["abstract"]))
    if date := iso_from_csl(item.get("issued")):
        _sub(element, f"{{{DC}}}date", date)
    if item.get("DOI"):
        _sub(element, f"{{{DC}}}identifier", f"DOI {item['DOI']}")
    if url:
        _sub(
            _sub(_sub(element, f"{{{DC}}}identifier"), f"{{{DCTERMS}}}URI"), f"{{{RDF}}}value", url
        )
    if accessed := iso_from_csl(item.get("accessed")):
        _sub(element, f"{{{DCTERMS}}}dateSubmitted", accessed)
    if item.get("language"):
        _sub(element, f"{{{Z}}}language", str(item["language"]))
    if note:
        _sub(element, f"{{{DC}}}description", "\n".join(note))


def write_items(items: Sequence[dict[str, Any]]) -> str:
    """CSL items as a Zotero RDF file (``zotero enrich --to zotero-rdf`` from another format).

    A series interview is written as :func:`to_rdf` writes ours (``bib:Interview`` with both
    creator sequences, ``z:medium`` and Extra lines); other items with Zotero's element and
    fields for their type. Each item is named by its URL, or ``#item_N`` when it has none or
    shares it with an earlier item.
    """
    root = etree.Element(f"{{{RDF}}}RDF", nsmap=NSMAP)
    used: set[str] = set()
    for index, item in enumerate(items, start=1):
        url = str(item.get("URL") or "")
        about = url if url and url not in used else f"#item_{index}"
        used.add(about)
        _item_element(root, dict(item), about)
    etree.indent(root, space="    ")
    return etree.tostring(root, encoding="unicode") + "\n"


# -- enrichment ------------------------------------------------------------------------------


def _spans(payload: bytes) -> list[tuple[int, int]]:
    """Byte spans (start of ``<``, just past ``>``) of each element child of the root.

    expat reports the byte offset of each start and end tag; lxml has none to give.
    """
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    parser = expat.ParserCreate()

    def on_start(name: str, attrs: Any) -> None:
        nonlocal depth, start
        depth += 1
        if depth == 2:
            start = parser.CurrentByteIndex

    def on_end(name: str) -> None:
        nonlocal depth
        if depth == 2:
            at = parser.CurrentByteIndex
            if payload.startswith(b"</", at):
                end = payload.index(b">", at) + 1
            else:  # an empty-element tag: expat points at its start
                end = payload.index(b"/>", at) + 2
            spans.append((start, end))
        depth -= 1

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.Parse(payload, True)
    return spans


def _strip_redundant_ns(serialized: str, nsmap: dict[str | None, str]) -> str:
    """Drop from an element's start tag the xmlns declarations its root already makes."""
    end = serialized.index(">")
    head = serialized[:end]
    for prefix, uri in nsmap.items():
        name = f"xmlns:{prefix}" if prefix else "xmlns"
        head = head.replace(f' {name}="{uri}"', "")
    return head + serialized[end:]


def _enriched_extra(old: str | None, facts: Any) -> tuple[str, ...]:
    """Extra with our lines first and the user's other lines after them, as they were."""
    ours = _extra_lines(facts.number, facts.series, facts.publication)
    rest = [
        line
        for line in (old or "").splitlines()
        if not ((m := _EXTRA_LINE.match(line)) and m["name"].strip().lower() in EXTRA_NAMES)
    ]
    while rest and not rest[0].strip():
        rest.pop(0)
    return tuple(ours + rest)


def _rewrite(element: etree._Element, facts: Any) -> None:
    """Turn one item element into an interview in place (see the module docstring)."""
    kept = [c for c in element if not (isinstance(c.tag, str) and c.tag in OWNED)]
    kept = [c for c in kept if isinstance(c.tag, str)]  # comments inside go with the old shape
    extra = _text(element.find(f"{{{DC}}}description"))
    title = facts.title or _text(element.find(f"{{{DC}}}title"))
    published = facts.published or _text(element.find(f"{{{DC}}}date"))
    record = Record(
        about=element.get(f"{{{RDF}}}about") or "",
        interviewees=tuple(facts.interviewees),
        interviewers=(facts.interviewer,),
        title=title,
        published=published,
        medium=facts.publication,
        url=facts.url,
        extra=_enriched_extra(extra, facts),
    )
    for child in list(element):
        element.remove(child)
    element.text = None
    element.tag = f"{{{BIB}}}Interview"
    _fill(element, record, kept)
    etree.indent(element, space="    ", level=1)


def enrich_text(
    text: str, *, source: str, recognise: Callable[[dict[str, Any]], Any]
) -> tuple[str, list[tuple[dict[str, Any], Any, list[str]]]]:
    """The library with each series item rewritten, plus (item, facts, changed fields) of each.

    Raises:
        FormatError: a DTD, XML that is not well-formed, or not an ``rdf:RDF`` document.
    """
    root = _parse(text, source=source)
    found: list[tuple[dict[str, Any], Any, list[str]]] = []
    targets: list[tuple[int, etree._Element]] = []
    for index, element in _items(root):
        item = item_to_csl(element)
        facts = recognise(item)
        if facts is None:
            continue
        before = etree.tostring(element, with_tail=False)
        _rewrite(element, facts)
        if etree.tostring(element, with_tail=False) == before:
            found.append((item, facts, []))
            continue
        found.append((item, facts, _changed(item, item_to_csl(element))))
        targets.append((index, element))
    if not targets:
        return text, found
    payload = _payload(text)
    spans = _spans(payload)
    pieces: list[bytes] = []
    done = 0
    for index, element in targets:
        start, end = spans[index]
        serialized = etree.tostring(element, encoding="unicode", with_tail=False)
        pieces += [payload[done:start], _strip_redundant_ns(serialized, root.nsmap).encode()]
        done = end
    pieces.append(payload[done:])
    new = b"".join(pieces).decode("utf-8")
    return ("\ufeff" + new if text.startswith("\ufeff") else new), found


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The CSL variables that differ: ``type`` first, then by name (child order is arbitrary)."""
    changed = {k for k in (*before, *after) if before.get(k) != after.get(k)}
    return sorted(changed, key=lambda name: (name != "type", name))


def enrich(
    text: str, *, source: str, recognise: Callable[[dict[str, Any]], SeriesFacts | None]
) -> Enriched:
    """A Zotero RDF file with each series item rewritten as an interview of the series.

    Items ``recognise`` returns None for are kept as they were (see :func:`enrich_text`).

    Returns:
        The new text and one report line per series item (what it was, what changed, what
        could not be determined), in file order.

    Raises:
        FormatError: a file that cannot be read, naming ``source`` and the place.
    """
    from .._zotero.recognise import enriched

    return enriched(*enrich_text(text, source=source, recognise=recognise))
