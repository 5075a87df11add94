"""The text of each build output, from the entries' interviews and keys.

Formats come from :mod:`transpacific_cite._formats.bibtex`, :mod:`transpacific_cite._formats`, and
rendering through one :class:`~transpacific_cite._render.Renderer` per build (styles loaded
once, the render cache, the two-core split). The one thing added here is a build's own:
in HTML citations, the pinpoint (its label and locator, as the style printed them) becomes a
link to the question on the article page (:func:`link_pinpoint`), done over the rendered
HTML so the renderer stays unaware of it. With no URL, or no known sections, no link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._errors import BuildError, CiteError, PinpointError
from .._model import Interview, Pinpoint
from .manifest import KeyStyle, Manifest
from .resolve import tpv_key

if TYPE_CHECKING:
    from .._render import Renderer

Items = tuple[list[Interview], list[str]]


def keyed(interviews: list[Interview], keys: KeyStyle) -> Items:
    """The interviews with their keys: ``tpv:319`` or the ``tpv``/``bbt`` formula's keys."""
    if keys == "tpv":
        return interviews, [tpv_key(i.number) for i in interviews]
    from .._keys import assign_keys

    return interviews, assign_keys(interviews, key_format="bbt" if keys == "bbt" else "tpv")


def bib(items: Items, manifest: Manifest) -> str:
    """The ``.bib`` file (biblatex or BibTeX as the manifest says)."""
    from .._formats.bibtex import to_bib

    return to_bib(*items, dialect=manifest.bib_format).text


def csl_json(items: Items) -> str:
    """The CSL-JSON file."""
    from .._formats.csl import dumps, to_csl_data

    return dumps(to_csl_data(*items))


def ris(items: Items) -> str:
    """The RIS file."""
    from .._formats.ris import to_ris

    return to_ris(*items)


def rdf(items: Items) -> str:
    """The Zotero RDF file (what Zotero imports as interviews with both creators)."""
    from .._formats.zotero_rdf import to_rdf

    return to_rdf(*items)


def _document(body: Sequence[str], fmt: str, title: str) -> str:
    if fmt == "html":
        paragraphs = "\n".join(f'<p class="csl-entry">{text}</p>' for text in body)
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{paragraphs}\n"
            "</body>\n</html>\n"
        )
    return "\n\n".join(body) + "\n" if body else ""


def bibliography(items: Items, *, renderer: Renderer, style: str, locale: str, fmt: str) -> str:
    """A rendered bibliography, one entry per paragraph (HTML: a small page)."""
    from .._formats.csl import to_csl_data

    rendered = renderer.render_bibliography(
        to_csl_data(*items),
        style=style,
        locale=locale,
        fmt=fmt,  # type: ignore[arg-type]
    )
    return _document(rendered.bibliography, fmt, "Bibliography")


def _cited(items: Items, manifest: Manifest) -> list[tuple[Interview, str, Pinpoint | None]]:
    from .._pinpoint import parse_pinpoint

    by_number = {i.number: (i, k) for i, k in zip(*items, strict=True)}
    cited = []
    for citation in manifest.citations:
        where = manifest.where(citation.line)
        if citation.number not in by_number:
            raise BuildError(f"{where}: no. {citation.number} is cited but is not an entry")
        interview, key = by_number[citation.number]
        try:
            pinpoint = (
                parse_pinpoint(citation.pinpoint, interview=interview)
                if citation.pinpoint
                else None
            )
        except PinpointError as error:
            raise BuildError(f"{where}: {error}") from None
        cited.append((interview, key, pinpoint))
    return cited


def check_citations(items: Items, manifest: Manifest) -> None:
    """Check every ``[[citations]]`` against the entries (before any output is written).

    Raises:
        BuildError: a number that is not an entry, or a pinpoint past its sections (with line).
    """
    _cited(items, manifest)


def citations(
    items: Items, manifest: Manifest, *, renderer: Renderer, style: str, fmt: str
) -> tuple[str, tuple[str, ...]]:
    """Ready notes: each ``[[citations]]`` rendered as a first cite, one per paragraph; in
    HTML the pinpoint links to its question. Returns the text and warnings."""
    from .._formats.csl import to_csl_data
    from .._render import cite_at

    data = to_csl_data(*items)
    notes: list[str] = []
    warnings: list[str] = []
    for interview, key, pinpoint in _cited(items, manifest):
        rendered = renderer.render_citation(
            data,
            [cite_at(key, pinpoint)],
            style=style,
            locale=manifest.locale,
            fmt=fmt,  # type: ignore[arg-type]
        )
        warnings.extend(rendered.warnings)
        text = rendered.citations[0]
        if fmt == "html" and pinpoint is not None:
            text = link_pinpoint(text, pinpoint, interview)
        notes.append(text)
    return _document(notes, fmt, "Citations"), tuple(warnings)


# How styles print a section locator: "sec. 3", "secs. 2–4", "Section 3", "§ 3", with a
# normal or no-break space, and an en dash or hyphen in ranges; "para." may follow.
_LABEL = r"(?:secs?\.|[Ss]ections?|§§?)(?:\s|&nbsp;|\u00a0)*"


def _locator_pattern(pinpoint: Pinpoint) -> re.Pattern[str]:
    number = str(pinpoint.section)
    if pinpoint.end_section is not None:
        number += rf"\s*[-\u2013]\s*{pinpoint.end_section}"
    elif pinpoint.paragraph is not None:
        number += (
            rf",?(?:\s|&nbsp;|\u00a0)*para(?:graph)?\.?(?:\s|&nbsp;|\u00a0)*{pinpoint.paragraph}"
        )
    return re.compile(rf"{_LABEL}{number}(?!\d)")


def link_pinpoint(rendered_html: str, pinpoint: Pinpoint, interview: Interview) -> str:
    """The rendered HTML citation with its pinpoint made a link to the cited question.

    The link is ``pinpoint --as link``'s URL (the article URL with a ``#:~:text=`` fragment
    on the question's opening words). The last match is linked: a locator comes after the
    title and date, which could hold "Section 3" themselves. No URL or no known sections,
    or a style that does not print the locator: returned unchanged.
    """
    from .._pinpoint import to_link

    try:
        url = to_link(pinpoint, interview)
    except CiteError:
        return rendered_html
    matches = list(_locator_pattern(pinpoint).finditer(rendered_html))
    if not matches:
        return rendered_html
    last = matches[-1]
    anchor = f'<a href="{html.escape(url, quote=True)}">{last.group(0)}</a>'
    return rendered_html[: last.start()] + anchor + rendered_html[last.end() :]


def latex_snippets(items: Items, manifest: Manifest) -> str:
    """One ``\\autocite[sec.~3]{tpv:319}`` line per citation (``\\cite`` for BibTeX)."""
    from .._pinpoint import to_latex

    dialect = manifest.bib_format
    lines = []
    for _interview, key, pinpoint in _cited(items, manifest):
        if pinpoint is None:
            lines.append(f"\\{'autocite' if dialect == 'biblatex' else 'cite'}{{{key}}}")
        else:
            lines.append(to_latex(pinpoint, key=key, dialect=dialect))
    return "\n".join(lines) + "\n" if lines else ""


def pandoc_snippets(items: Items, manifest: Manifest) -> str:
    """One pandoc citation per line: ``[@tpv:319, sec. 3]``."""
    from .._pinpoint import to_pandoc

    lines = []
    for _interview, key, pinpoint in _cited(items, manifest):
        lines.append(to_pandoc(pinpoint, key=key) if pinpoint else f"[@{key}]")
    return "\n".join(lines) + "\n" if lines else ""
