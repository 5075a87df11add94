"""Fault 11: citeproc-py's HTML formatter escapes terms but not field text, so a title's
``<script>`` came out as markup. The whole repair: the engine renders marks, never markup
(the formatter of :mod:`.formatter` wraps text in the marks of :mod:`.output`), and
:func:`to_format` escapes the finished text once for HTML or Markdown and only then turns
the marks into tags; only web addresses become links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from .. import output as out

_HTML_TAGS: Mapping[str, str] = {
    out.ITALIC_ON: "<i>",
    out.ITALIC_OFF: "</i>",
    out.BOLD_ON: "<b>",
    out.BOLD_OFF: "</b>",
    out.SMALLCAPS_ON: '<span style="font-variant:small-caps;">',
    out.SMALLCAPS_OFF: "</span>",
    out.SUP_ON: "<sup>",
    out.SUP_OFF: "</sup>",
    out.SUB_ON: "<sub>",
    out.SUB_OFF: "</sub>",
    out.UNDERLINE_ON: '<span style="text-decoration:underline;">',
    out.UNDERLINE_OFF: "</span>",
}
_MARKDOWN_TAGS: Mapping[str, str] = {
    out.ITALIC_ON: "*",
    out.ITALIC_OFF: "*",
    out.BOLD_ON: "**",
    out.BOLD_OFF: "**",
    out.SUP_ON: "<sup>",
    out.SUP_OFF: "</sup>",
    out.SUB_ON: "<sub>",
    out.SUB_OFF: "</sub>",
}


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~^$])")
_MARKDOWN_ENTITY = re.compile(r"&(?=#?\w+;)")
_URL_SPAN = re.compile(f"{out.URL_ON}(.*?){out.URL_OFF}", re.S)


def to_format(marked: str, fmt: out.Format) -> str:
    """A finished marked string (quotes resolved) as text, HTML or Markdown."""
    if fmt == "text":
        return out.strip_marks(marked)
    pieces: list[str] = []
    pos = 0
    for match in _URL_SPAN.finditer(marked):
        pieces.append(_format_run(marked[pos : match.start()], fmt))
        url = out.strip_marks(match.group(1))
        if not _WEB_ADDRESS.match(url):  # printed as text, never a link
            pieces.append(_escape(url, fmt))
        elif fmt == "html":
            escaped = html.escape(url, quote=True)
            pieces.append(f'<a href="{escaped}">{html.escape(url, quote=False)}</a>')
        else:
            pieces.append(f"<{url}>" if _AUTOLINKABLE.fullmatch(url) else _md_escape(url))
        pos = match.end()
    pieces.append(_format_run(marked[pos:], fmt))
    return "".join(pieces)


# Only web addresses become links: a "javascript:" or "data:" URL in the input must not turn
# into a clickable script in HTML or Markdown output (it is printed, escaped, as text).
_WEB_ADDRESS = re.compile(r"(?i:https?|ftp)://")
_AUTOLINKABLE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*")


def _md_escape(text: str) -> str:
    return _MARKDOWN_ENTITY.sub("&amp;", _MARKDOWN_SPECIALS.sub(r"\\\1", text))


_MARK_CHAR = re.compile("[\ue000-\ue03f]")  # the marks of :mod:`..output`


def _format_run(marked: str, fmt: out.Format) -> str:
    """Marked text as HTML or Markdown: each mark as its tag, the text between escaped.

    A regex finds the marks; the text between them is escaped one run at a time.
    """
    tags = _HTML_TAGS if fmt == "html" else _MARKDOWN_TAGS
    pieces: list[str] = []
    pos = 0
    for found in _MARK_CHAR.finditer(marked):
        start = found.start()
        if start > pos:
            pieces.append(_escape(marked[pos:start], fmt))
        pieces.append(tags.get(found.group(), ""))
        pos = start + 1
    if pos < len(marked):
        pieces.append(_escape(marked[pos:], fmt))
    return "".join(pieces)


def _escape(text: str, fmt: out.Format) -> str:
    if fmt == "html":
        return html.escape(text, quote=False)
    return _md_escape(text)
