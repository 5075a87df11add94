"""Phase 3, disambiguation (faults 5 and 6): cites that render alike are told apart.

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

from .._keys import letters
from . import output as out
from .fast import CiteHistory, FastCitationItem
from .items import NAME_VARIABLES, _text
from .marks import ADD_NAMES_LEVELS
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
    # every item given is in the document (its bibliography lists them all), as with
    # pandoc's nocite: an entry cited once is still told apart from an uncited one
    groups = _ambiguous(state, state.bib.keys)
    if groups and add_names:
        groups = _add_names(state, groups)
    if groups and givenname:
        groups = _add_given_names(state, groups)
    if groups and state.style.has_disambiguate_condition:
        for group in groups:
            for key in group:
                state.marks.mark(key, disambiguate=True)
        groups = _ambiguous(state, [k for g in groups for k in g])
    if groups and year_suffix:
        position = {key: index for index, key in enumerate(state.bib.keys)}
        for group in groups:
            for index, key in enumerate(sorted(group, key=position.__getitem__)):
                suffix = letters(index)
                for name in ("year_suffix", "year-suffix"):
                    dict.__setitem__(state.source[key], name, _text(suffix))
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


def _add_names(state: RunState, groups: list[list[str]]) -> list[list[str]]:
    """Show more names before "et al." in each ambiguous group, as few as tell any apart.

    "Ono et al." twice becomes "Ono, Lee, et al." and "Ono, Park, et al.", as pandoc's
    citeproc prints them. Returns the groups still ambiguous.
    """
    remaining: list[list[str]] = []
    for group in groups:
        most = max(_most_names(state, key) for key in group)
        levels = [v for v in ADD_NAMES_LEVELS if v == "all" or int(v) < most]
        if most < 2:  # one name each: nothing is hidden by "et al."
            remaining.append(group)
            continue
        for level in levels:
            for key in group:
                state.marks.mark(key, add_names=level)
            by_text: dict[str, list[str]] = {}
            for key in group:
                by_text.setdefault(_alone(state, key), []).append(key)
            if len(by_text) > 1:
                remaining += [keys for keys in by_text.values() if len(keys) > 1]
                break
        else:
            for key in group:
                state.marks.mark(key, add_names=None)
            remaining.append(group)
    return remaining


def _most_names(state: RunState, key: str) -> int:
    """The longest name list of an item (names beyond one may hide behind "et al.")."""
    reference = state.source[key]
    return max(
        (len(reference[v.replace("-", "_")]) for v in NAME_VARIABLES
         if v.replace("-", "_") in reference),
        default=0,
    )  # fmt: skip


def _add_given_names(state: RunState, groups: list[list[str]]) -> list[list[str]]:
    """Show given names in each ambiguous group's cites where that tells any apart.

    Jeffrey and Anna Hornung (2022) become "J. Hornung" and "A. Hornung"; two entries by
    the same Jeffrey Hornung gain nothing and keep the short form, as pandoc's citeproc
    does. All names of a cite are expanded (CSL's "primary-name" rules would expand the
    first only; the series' cites rarely show more than one name). Returns the groups
    still ambiguous.
    """
    remaining: list[list[str]] = []
    for group in groups:
        for key in group:
            state.marks.mark(key, givenname=True)
        by_text: dict[str, list[str]] = {}
        for key in group:
            by_text.setdefault(_alone(state, key), []).append(key)
        if len(by_text) == 1:
            for key in group:
                state.marks.mark(key, givenname=False)
            remaining.append(group)
        else:
            remaining += [keys for keys in by_text.values() if len(keys) > 1]
    return remaining


def _ambiguous(state: RunState, keys: Iterable[str]) -> list[list[str]]:
    keys = list(keys)
    by_text: dict[str, list[str]] = {}
    for key, text in zip(
        keys, state.executor.map(lambda key: _alone(state, key), keys), strict=True
    ):
        by_text.setdefault(text, []).append(key)
    return [group for text, group in by_text.items() if text and len(group) > 1]
