"""Phase 2, registration and sorting: every item once, locator-less, in ``cs:sort`` order.

Fault 1: entries are registered without locators. Fault 8: citeproc-py compared code points
and ignored ``sort-only``; we sort by a collation key and honour it (its module in
:mod:`.faults`). Items registered here
are what the bibliography lists, cited or not (as pandoc's nocite).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cmp_to_key
from typing import Any

from citeproc.source import (
    Citation,
)

from . import output as out
from .boundary import CitationItem, Layout
from .fast import FastCitationItem
from .faults import f08_collation_and_sort_only as f08
from .items import DATE_VARIABLES, NAME_VARIABLES, Cite
from .parallel import SERIAL, Executor
from .state import RunState
from .styles import (
    NS,
)


def _sort_value(item: CitationItem, key: Any, layout: Layout, demote: str) -> Any:
    """One ``cs:key``'s value for one item: a comparable tuple, or None when empty."""
    reference = item.reference
    variable = key.get("variable")
    if variable is not None:
        name = variable.replace("-", "_")
        if variable == "citation-number":
            return (0, item.number, "")
        value = reference.get(name)
        if value is None:
            return None
        if variable in NAME_VARIABLES:
            return (1, 0, f08.collation_key(";".join(f08.name_sort_text(n, demote) for n in value)))
        if variable in DATE_VARIABLES:
            return (1, 0, value.sort_key())
        text = str(value)
        if text.isdigit():
            return (0, int(text), "")
        return (1, 0, f08.collation_key(text))
    macro_name = key.get("macro")
    if macro_name is None:
        return None
    options = f08.macro_sort_options(key, demote)
    macro = layout.get_macro(macro_name)
    layout.repressed = {}
    rendered = macro.render(item, context=layout, sort_options=options)
    if rendered is None:
        return None
    text = out.strip_marks(_without_et_al(str(rendered), layout))
    if not text:
        return None
    if text.isdigit():
        return (0, int(text), "")
    return (1, 0, f08.collation_key(text))


def _without_et_al(marked: str, layout: Layout) -> str:
    """A rendered sort key without the "et al." / "and others" that ends a names list.

    CSL 1.0.2 (Sorting, name variables in macros): the et-al and and-others terms are not
    part of sort keys. citeproc-py kept them, so "Hornung, Jeffrey, et al." sorted after
    "Hornung, Jeffrey" where pandoc and citeproc-js compare "Hornung, Jeffrey" with it and
    go on to the next key (MLA: the title; Harvard: the year).
    """
    if out.NAMES_OFF not in marked:
        return marked
    terms = [str(layout.get_single_term(name=name)) for name in ("et-al", "and others")]
    alternatives = "|".join(re.escape(term) for term in terms if term)
    if not alternatives:
        return marked
    marks = f"[{out.MARK_BLOCK}]*"
    pattern = f"[,;]?\\s*{marks}(?:{alternatives}){marks}(?={out.NAMES_OFF})"
    return re.sub(pattern, "", marked)


def sort_items(
    sort: Any,
    items: list[CitationItem],
    layout: Layout,
    demote: str,
    cache: dict[str, list[Any]] | None = None,
    executor: Executor = SERIAL,
) -> list[CitationItem]:
    """Items in ``cs:sort`` order; empty values sort last.

    Each item's key values are computed once and kept in ``cache`` (by item key), so a
    citation sorts on values computed before year suffixes were assigned, as pandoc does.
    """
    if len(items) < 2 and cache is None:  # one item is in order (its keys are never compared)
        return list(items)
    keys = sort.findall("cs:key", NS)
    descending = [k.get("sort") == "descending" for k in keys]
    known = cache if cache is not None else {}
    missing = [item for item in items if item.key not in known]
    computed = executor.map(
        lambda item: [_sort_value(item, k, layout, demote) for k in keys], missing
    )
    fresh = {item.key: values for item, values in zip(missing, computed, strict=True)}
    if cache is not None:
        cache.update(fresh)
    table = [(item, known[item.key] if item.key in known else fresh[item.key]) for item in items]

    def compare(left: tuple[Any, list[Any]], right: tuple[Any, list[Any]]) -> int:
        for a, b, desc in zip(left[1], right[1], descending, strict=True):
            if a == b:
                continue
            if a is None or b is None:
                return 1 if a is None else -1
            result = int(a > b) - int(a < b)
            return -result if desc else result
        return 0

    return [item for item, _ in sorted(table, key=cmp_to_key(compare))]


def register(state: RunState, citations: Sequence[Sequence[Cite]]) -> None:
    """Register every item once, locator-less, cited items first in first-cite order.

    Fault 1: citeproc-py renders each bibliography entry from the first *registered*
    citation item, so the first cite's locator leaked into the entry ("…, 2022, sec. 3.").
    """
    order: list[str] = []
    seen: set[str] = set()
    for citation in citations:
        for cite in citation:
            key = state.internal(cite.key)
            if key not in seen:
                seen.add(key)
                order.append(key)
    order += [k for k in state.original if k not in seen]
    for key in order:
        state.bib.register(Citation([FastCitationItem(key)]))
    bibliography = state.root.bibliography
    bib_sort = bibliography.find("cs:sort", NS) if bibliography is not None else None
    if bibliography is not None and bib_sort is not None:
        state.bib.items = sort_items(
            bib_sort,
            list(state.bib.items),
            bibliography.layout,
            state.demote,
            executor=state.executor,
        )
        state.bib.keys = [item.key for item in state.bib.items]
    state.citation_sort_cache.clear()
    citation_element = state.root.citation
    citation_sort = citation_element.find("cs:sort", NS)
    if citation_sort is not None:
        cited = {item.key: item for item in state.bib.items if item.key in seen}
        sort_items(
            citation_sort,
            list(cited.values()),
            citation_element.layout,
            state.demote,
            state.citation_sort_cache,
            state.executor,
        )
