"""Phase 4, citations: each citation in document order, its cites joined or collapsed.

Fault 7: cites keep the order given unless the style sorts them. Fault 6: ``collapse="year"``
groups cites by their rendered names (its module in :mod:`.faults`). Positions (first,
subsequent, ibid) follow from the history of cites (:class:`.fast.CiteHistory`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from citeproc.source import (
    Citation,
)
from citeproc.string import String

from .boundary import CitationItem
from .fast import FastCitationItem
from .faults import f06_disambiguation_collapsing_substitute as f06
from .faults import f10_smart_and_nested_quotes as f10
from .items import _PARAGRAPH_IN_LOCATOR, Cite, _Locator
from .sorting import sort_items
from .state import RunState
from .styles import (
    NS,
)


def prime(state: RunState, key: str) -> None:
    """Make the next cite of ``key`` a subsequent (not ibid) one.

    Puts an earlier cite of the item, then one of no item, into the position history.
    """
    earlier = FastCitationItem(state.internal(key))
    Citation([earlier]).bibliography = state.bib
    other = FastCitationItem("\x00")
    Citation([other]).bibliography = state.bib
    state.history += [earlier, other]


def cite_all(state: RunState, citations: Sequence[Sequence[Cite]]) -> list[str]:
    """Every citation in document order, the second half in a forked child if it pays.

    A cite depends on the cites before it only through the position history. The child
    rebuilds the first half's history without rendering (as if every cite printed
    something) and renders the second half; we render the first half meanwhile. If any
    first-half cite printed nothing, the child's history was wrong, so its results are
    dropped and the second half is rendered here: the output is always the serial one.
    """
    if not state.executor.splits(len(citations)):
        return [cite(state, citation) for citation in citations]
    half = len(citations) // 2
    start = len(state.history)
    expected = start + sum(len(citation) for citation in citations[:half])

    def first() -> list[str]:
        return [cite(state, citation) for citation in citations[:half]]

    def second() -> list[tuple[str, list[str]]]:
        for citation in citations[:half]:
            state.history.extend(item for item, _ in _citation_items(state, citation))
        results = []
        for citation in citations[half:]:
            before = len(state.result.warnings)
            results.append((cite(state, citation), state.result.warnings[before:]))
        return results

    mine, theirs = state.executor.pair(first, second)
    if theirs is None or len(state.history) != expected:
        return mine + [cite(state, citation) for citation in citations[half:]]
    for _, warnings in theirs:
        state.result.warnings.extend(warnings)
    return mine + [text for text, _ in theirs]


def _citation_items(state: RunState, cites: Sequence[Cite]) -> list[tuple[CitationItem, Cite]]:
    """A citation's items, registered and in the order they are rendered."""
    citation_element = state.root.citation
    layout = citation_element.layout
    items: list[tuple[CitationItem, Cite]] = []
    for cite in cites:
        extra: dict[str, Any] = {}
        if cite.locator:
            locator = f10.clean_field(cite.locator)
            if cite.label == "section":
                # citeproc-js reads the label inside a pinpoint's locator ("3, para. 2")
                # and prints the style's own term for it (MLA: "par. 2"); so do we
                locator = _PARAGRAPH_IN_LOCATOR.sub(f", {state.style.paragraph_label} ", locator)
            extra["locator"] = _Locator(cite.label or "page", locator)
        item = FastCitationItem(state.internal(cite.key), **extra)
        items.append((item, cite))
    citation = Citation([item for item, _ in items])
    state.bib.register(citation)
    citation_sort = citation_element.find("cs:sort", NS)
    if citation_sort is not None:
        # Fault 7: citeproc-py first put cites in bibliography order even without
        # cs:sort; we keep the order given unless the style sorts citations.
        ordered = sort_items(
            citation_sort,
            [i for i, _ in items],
            layout,
            state.demote,
            state.citation_sort_cache,
        )
        by_item = {id(i): c for i, c in items}
        items = [(i, by_item[id(i)]) for i in ordered]
    return items


def cite(state: RunState, cites: Sequence[Cite]) -> str:
    """One citation as a marked string."""
    citation_element = state.root.citation
    layout = citation_element.layout
    citation_element.cites = state.history
    items = _citation_items(state, cites)
    pieces: list[str] = []
    for item, cite in items:
        rendered = state.render_cite(layout, item)
        if rendered is None:
            state.result.warnings.append(f"{cite.key}: the style printed nothing for it")
            continue
        prefix = f10.clean_field(cite.prefix) if cite.prefix else ""
        suffix = f10.clean_field(cite.suffix) if cite.suffix else ""
        pieces.append(prefix + rendered + suffix)
        state.history.append(item)
    delimiter = str(layout.get("delimiter", ""))
    text = f06.collapse_by_names(pieces, delimiter, state.style.citation_options)
    if not text:
        return ""
    finished = str(layout.format(layout.wrap(String(text))))
    return _capitalize_first(finished) if state.style.is_note else finished


def _capitalize_first(marked: str) -> str:
    """A note starts with a capital ("Ibid."), as the CSL spec asks processors to do."""
    for index, char in enumerate(marked):
        if "\ue000" <= char <= "\ue03f" or not char.isalpha():
            if char.isalnum():
                return marked
            continue
        return marked[:index] + char.upper() + marked[index + 1 :] if char.islower() else marked
    return marked
