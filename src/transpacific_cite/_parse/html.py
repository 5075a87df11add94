"""The HTML reader: a Diplomat article page (WordPress, the "Newspaper" theme's ``td-`` markup).

The reader turns the page into the same :class:`~.common.Page` the text reader makes (one
block per body paragraph, bold paragraphs marked as headings) and adds what only markup
can give: title, publication date, byline and canonical URL. :mod:`.common` then reads the
intro and the Q&A exactly as for a text copy. Its lxml is HTML only (render/ parses CSL).

Speed: a full page is ~180 KB, most of it scripts, styles and sidebars. The whole document
is parsed once by libxml2; the reader then looks up the few elements it needs with compiled
XPath expressions and walks only the story body in Python.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from .._errors import ParseError
from .._model import ParseResult
from .common import Block, Page, build_interview, clean, parse_date, strip_site_suffix

# The story body of a Diplomat page: <div class="td-post-content" id="td-story-body">.
# libxml2 registers HTML ids, so XPath's id() finds it without scanning the tree (~1 µs
# against ~40 µs for "//div[@id=...]" on a 180 KB page).
STORY_BODY = etree.XPath("id('td-story-body')")
# Where the story is when a page (or a saved copy) lost the td- ids or the div: any element
# with that id, schema.org's articleBody, then <article>, then the whole <body>.
STORY_FALLBACKS = (
    etree.XPath("//*[@id='td-story-body']"),
    etree.XPath("//*[@itemprop='articleBody']"),
    etree.XPath("//article"),
    etree.XPath("//body"),
)
# The headline: <h1 id="td-headline">, then og:title, then <title>, minus " – The Diplomat".
HEADLINE = (etree.XPath("id('td-headline')"), etree.XPath("//*[@id='td-headline']"))
TITLE_ELEMENT = etree.XPath("//title")
# Every <meta>: og:title, og:url, article:published_time, author, itemprop=datePublished.
META = etree.XPath("//meta[@content]")
# <link rel="canonical" href="https://thediplomat.com/2022/05/...">.
CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
# The publication date as schema.org marks it: <meta itemprop="datePublished" content=...>
# or <time itemprop="datePublished" datetime=...>.
DATE_PUBLISHED = (
    etree.XPath("//meta[@itemprop='datePublished']"),
    etree.XPath("//*[@itemprop='datePublished']"),
)
# The visible date: <time datetime="2022-05-16T...">May 16, 2022</time> or .td-post-date.
# Looked for inside the story's <article> first: sidebars list other posts' dates too.
VISIBLE_DATE = etree.XPath(
    ".//time | .//*[contains(concat(' ', normalize-space(@class), ' '), ' td-post-date ')]"
)
# The byline: <a rel="author">, the theme's .td-byline / .td-post-author-name /
# .td-author-name, or #td-author ("By Mercy A. Kuo" or just the name); inside the story's
# <article> first, as sidebars name other posts' authors.
BYLINE = etree.XPath(
    ".//*[@rel='author'] | .//*[@id='td-author'] | "
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' td-byline ')] | "
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' td-post-author-name ')] | "
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' td-author-name ')]"
)
# An ISO date at the start of a machine-readable value, taken as written (no UTC shift):
# "2022-05-16T09:00:00+09:00" -> 2022-05-16.
ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
# Paragraph-level elements of the body: each one is a block.
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
# Elements that are headings by their tag alone.
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Inline bold: a paragraph whose text is all inside these is a question heading.
BOLD_TAGS = frozenset({"strong", "b"})
# Elements that are never story text: scripts, styles, asides (pull quotes, related boxes),
# embedded frames and forms (newsletter sign-up), figures (their captions are credits).
DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "aside", "iframe", "form", "figure",
        "figcaption", "svg", "button", "nav", "footer", "header", "ins", "object", "embed",
    }
)  # fmt: skip
# Classes or ids of boxes inside the story body that are not the story: inline ads
# (".td-ad-inline", ".td-a-rec"), paywall and subscription prompts (".dip-paywall",
# ".subscribe-box"), share bars (".td-post-sharing"), related-article boxes, newsletter boxes.
DROP_CLASS = re.compile(
    r"td-ad|td-a-rec|\bad-|\badvert|paywall|subscri|sharing|\bshare\b|related|newsletter",
    re.IGNORECASE,
)


def _dropped(element: etree._Element) -> bool:
    """Whether an element (and all it holds) is page furniture rather than story."""
    tag = element.tag
    if not isinstance(tag, str) or tag in DROP_TAGS:
        return True
    classes, ident = element.get("class"), element.get("id")
    if classes is None and ident is None:
        return False
    return DROP_CLASS.search(f"{classes or ''} {ident or ''}") is not None


def _collect(element: etree._Element, parts: list[str], bold: list[str], in_bold: bool) -> None:
    """Append an element's text (skipping dropped children, keeping their tails)."""
    if element.text:
        parts.append(element.text)
        if in_bold:
            bold.append(element.text)
    for child in element:
        if not _dropped(child):
            tag = child.tag
            if tag == "br":
                parts.append(" ")
            else:
                _collect(child, parts, bold, in_bold or tag in BOLD_TAGS)
        if child.tail:
            parts.append(child.tail)
            if in_bold:
                bold.append(child.tail)


# Layout whitespace inside a paragraph's source (newlines, tabs) that is collapsed; runs of
# plain spaces are kept, as the intro's lost-dash test reads them.
LAYOUT_WHITESPACE = re.compile(r"[\t\n\r\f\v]")


def _block(element: etree._Element) -> Block | None:
    """One body paragraph as a block; marked when all its text is bold or it is a heading."""
    if len(element) == 0:  # fast path: a plain paragraph, the common case
        text = element.text or ""
        marked = element.tag in HEADING_TAGS
    else:
        parts: list[str] = []
        bold: list[str] = []
        _collect(element, parts, bold, False)
        text = "".join(parts)
        marked = element.tag in HEADING_TAGS or (
            bool(bold) and "".join(bold).split() == text.split()
        )
    if not text or text.isspace():
        return None
    if LAYOUT_WHITESPACE.search(text):
        text = clean(text)
    return Block(text, marked=marked)


def _walk(element: etree._Element, blocks: list[Block]) -> None:
    """Collect the blocks under ``element`` in document order."""
    for child in element:
        if _dropped(child):
            continue
        tag = child.tag
        if tag in BLOCK_TAGS and (tag in ("p", "pre") or child.find(".//p") is None):
            block = _block(child)
            if block is not None:
                blocks.append(block)
        else:
            _walk(child, blocks)


def _text(element: etree._Element) -> str:
    parts: list[str] = []
    _collect(element, parts, [], False)
    return clean("".join(parts))


def _first(values: list[str | None]) -> str | None:
    for value in values:
        if value and value.strip():
            return clean(value)
    return None


def _date_from(value: str | None) -> dt.date | None:
    """A date from a machine-readable value (ISO, date part as written) or visible text."""
    if not value:
        return None
    iso = ISO_DATE.match(value)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            return None
    return parse_date(value)


def _xpath_elements(expression: etree.XPath, root: etree._Element) -> list[etree._Element]:
    result = expression(root)
    return [e for e in result if isinstance(e, etree._Element)] if isinstance(result, list) else []


def _xpath_strings(expression: etree.XPath, root: etree._Element) -> list[str]:
    result = expression(root)
    return [str(v) for v in result if isinstance(v, str)] if isinstance(result, list) else []


def _tree(data: str | bytes) -> etree._Element:
    """The document's root element.

    Raises:
        ParseError: libxml2 cannot make a tree of it, or it is empty.
    """
    try:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        parser = etree.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
        )
        root = etree.fromstring(payload, parser)
    except (etree.LxmlError, ValueError) as error:
        raise ParseError(
            f"cannot read the HTML ({clean(str(error)) or 'empty document'})"
        ) from None
    if root is None:
        raise ParseError("empty input: an HTML document with no content")
    return root


def _meta(root: etree._Element) -> dict[str, str]:
    """The page's <meta> values by lower-cased property, name or itemprop (first wins)."""
    meta: dict[str, str] = {}
    for element in _xpath_elements(META, root):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        if key and key.lower() not in meta:
            meta[key.lower()] = element.get("content", "")
    return meta


def _story(root: etree._Element) -> etree._Element | None:
    """The element holding the story's paragraphs (see STORY_BODY and STORY_FALLBACKS)."""
    bodies = _xpath_elements(STORY_BODY, root)
    for fallback in STORY_FALLBACKS:
        if bodies:
            break
        bodies = _xpath_elements(fallback, root)
    return bodies[0] if bodies else None


def _title(root: etree._Element, meta: dict[str, str]) -> str | None:
    headline = _xpath_elements(HEADLINE[0], root) or _xpath_elements(HEADLINE[1], root)
    titles = _xpath_elements(TITLE_ELEMENT, root)
    return _first(
        [
            _text(headline[0]) if headline else None,
            strip_site_suffix(meta["og:title"]) if meta.get("og:title") else None,
            strip_site_suffix(titles[0].text or "") if titles else None,
        ]
    )


def _published(
    root: etree._Element, scopes: list[etree._Element], meta: dict[str, str]
) -> dt.date | None:
    for expression in DATE_PUBLISHED:
        for element in _xpath_elements(expression, root):
            value = element.get("content") or element.get("datetime") or _text(element)
            published = _date_from(value)
            if published:
                return published
    published = _date_from(meta.get("article:published_time"))
    for scope in scopes:
        if published:
            break
        for element in _xpath_elements(VISIBLE_DATE, scope):
            published = _date_from(element.get("datetime")) or parse_date(_text(element))
            if published:
                break
    return published


def _byline(scopes: list[etree._Element], meta: dict[str, str]) -> str | None:
    if meta.get("author"):
        return meta["author"]
    for scope in scopes:
        for element in _xpath_elements(BYLINE, scope):
            byline = _text(element)
            if byline:
                return byline
    return None


def page_from_html(data: str | bytes, *, url: str | None = None) -> Page:
    """The blocks and metadata of a Diplomat article page.

    Raises:
        ParseError: the document is empty, not HTML libxml2 can read, or has no paragraphs.
    """
    root = _tree(data)
    meta = _meta(root)
    story = _story(root)
    # Where to look for the visible date and byline: the story's <article>, then the page.
    article = next(story.iterancestors("article"), None) if story is not None else None
    scopes = [root] if article is None else [article, root]
    blocks: list[Block] = []
    if story is not None:
        _walk(story, blocks)
    if not blocks:
        raise ParseError("no paragraphs in the HTML page: not an article")
    return Page(
        blocks,
        title=_title(root, meta),
        published=_published(root, scopes, meta),
        url=_first([*_xpath_strings(CANONICAL, root), meta.get("og:url"), url]),
        byline=_byline(scopes, meta),
    )


def read_html(data: str | bytes, *, url: str | None = None) -> ParseResult:
    """Read a Diplomat article page; ``url`` is used when the page names no canonical URL.

    Raises:
        ParseError: the page is not an entry of the series (naming what is missing).
    """
    return build_interview(page_from_html(data, url=url))
