"""Phase 3, disambiguation: cites that render alike are told apart (the steps are the repairs
of faults 5 and 6, in :mod:`.faults`; this phase orders them and renders cites alone).

CSL 1.0.2's order: names hidden by "et al." (add names), given names, ``if
disambiguate="true"`` branches, then year suffixes. citeproc-py has none of these; the style
repairs (:mod:`.repairs`) add twins chosen by run marks (:mod:`.marks`) that only this
phase gives items.
"""

from __future__ import annotations

from collections.abc import Iterable

from citeproc.source import (
    Citation,
)

from . import output as out
from .fast import CiteHistory, FastCitationItem
from .faults import f05_disambiguate_condition as f05
from .faults import f06_disambiguation_collapsing_substitute as f06
from .state import RunState


def disambiguate(state: RunState) -> None:
    """Tell apart cites that render alike (citeproc-py has no disambiguation at all).

    Every item counts, cited or not. Steps, as CSL 1.0.2 orders them: names hidden by
    "et al.", given names (where the style allows each), then ``if disambiguate="true"``
    branches for the items still ambiguous, then year suffixes (a, b, ...) in
    bibliography order. A warning says when cites stay alike.
    """
    options = state.style.citation_options
    year_suffix = options.get("disambiguate-add-year-suffix") == "true"
    givenname = (
        options.get("disambiguate-add-givenname") == "true" and state.style.has_givenname_forms
    )
    add_names = state.style.has_add_names_forms
    if not (year_suffix or givenname or add_names or state.style.has_disambiguate_condition):
        return
    if len(state.bib.keys) < 2:  # one item cannot look like another (nothing to render)
        return
    # every item given is in the document (its bibliography lists them all), as with
    # pandoc's nocite: an entry cited once is still told apart from an uncited one
    groups = _ambiguous(state, state.bib.keys)

    def alone(key: str) -> str:
        return _alone(state, key)

    if groups and add_names:  # fault 6
        groups = f06.add_names(groups, state.marks, state.source, alone)
    if groups and givenname:  # fault 6
        groups = f06.add_given_names(groups, state.marks, alone)
    if groups and state.style.has_disambiguate_condition:  # fault 5
        f05.mark_still_ambiguous(state.marks, groups)
        groups = _ambiguous(state, [k for g in groups for k in g])
    if groups and year_suffix:  # fault 6
        f06.assign_year_suffixes(groups, state.bib.keys, state.source)
        groups = []
    for group in groups:
        names = ", ".join(repr(state.original[k]) for k in group)
        state.result.warnings.append(f"citations of {names} look the same in this style")


def _alone(state: RunState, key: str) -> str:
    """The plain text of a first cite of ``key`` with no locator, on a blank history."""
    citation_element = state.root.citation
    citation_element.cites = CiteHistory()
    item = FastCitationItem(key)
    Citation([item]).bibliography = state.bib
    rendered = state.render_cite(citation_element.layout, item)
    return out.strip_marks(rendered) if rendered is not None else ""


def _ambiguous(state: RunState, keys: Iterable[str]) -> list[list[str]]:
    keys = list(keys)
    by_text: dict[str, list[str]] = {}
    for key, text in zip(
        keys, state.executor.map(lambda key: _alone(state, key), keys), strict=True
    ):
        by_text.setdefault(text, []).append(key)
    return [group for text, group in by_text.items() if text and len(group) > 1]
