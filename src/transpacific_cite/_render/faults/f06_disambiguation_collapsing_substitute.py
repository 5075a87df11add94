"""Fault 6: citeproc-py has no disambiguation, no cite collapsing and no
subsequent-author-substitute. Every part of the repair is here.

- On the style tree, once per load (called by :func:`.repairs.repair_tree`): twins of name
  lists that show more names (:func:`add_names_forms`) or given names
  (:func:`add_givenname_forms`), chosen by our run marks (:mod:`.marks`); year suffixes
  for styles that never place them (:func:`add_implicit_year_suffix`); names marks around
  each rendered name list (:func:`mark_names`).
- In the disambiguation phase (:func:`.disambiguation.disambiguate` orders the steps as
  CSL 1.0.2 does): :func:`add_names`, :func:`add_given_names`,
  :func:`assign_year_suffixes`.
- In the citations phase: :func:`collapse_by_names` ("Hornung 2022a, 2022b").
- In the bibliography phase: :func:`substitute_authors` (MLA's "———").

The run-side steps take what they need as arguments (the run's marks, a function that
renders a cite alone), so this module knows nothing of the run's state.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lxml import etree

from ..._keys import letters
from .. import output as out
from ..boundary import Reference, Source
from ..items import NAME_VARIABLES, _text, store_variable
from ..marks import ADD_NAMES_LEVELS, ADD_NAMES_PREFIX, GIVENNAME, MARK, NAMES_MARK, TEST, RunMarks
from ..tree import NS, citation_names, put_in_else, q, top_level_names, wrap

Alone = Callable[[str], str]  # an item key -> the plain text of its first cite, alone

# --- the style tree, once per load ---------------------------------------------------------


def add_implicit_year_suffix(root: Any) -> None:
    """Print year suffixes in styles that do not place them (fault 6, year suffixes).

    CSL: a style that never renders ``year-suffix`` gets it after the first rendered
    ``issued`` date of each cite and entry (APSA: "Hornung 2022a"). We put a
    ``cs:text variable="year-suffix"`` right after that ``cs:date``, joined to it by a
    ``cs:group`` without delimiter, in the citation and in the bibliography.
    """
    if any(t.get("variable") == "year-suffix" for t in root.iter(q("text"))):
        return
    macros = {str(m.get("name")): m for m in root.findall("cs:macro", NS)}
    done: list[Any] = []
    for context in ("citation", "bibliography"):
        element = root.find(f"cs:{context}/cs:layout", NS)
        date = _first_date(element, macros, set()) if element is not None else None
        if date is None or any(date is d for d in done):
            continue
        done.append(date)
        group = date.makeelement(q("group"), {})
        if date.get("suffix") is not None:  # "2022a." not "2022.a"
            group.set("suffix", date.get("suffix"))
            del date.attrib["suffix"]
        wrap(date, group)
        etree.SubElement(group, q("text"), variable="year-suffix")


def _first_date(element: Any, macros: dict[str, Any], seen: set[str]) -> Any:
    """The first ``cs:date variable="issued"`` rendered from ``element``, macros followed."""
    for child in element.iter(q("date"), q("text")):
        if child.tag == q("date") and child.get("variable") == "issued":
            return child
        name = child.get("macro")
        if child.tag == q("text") and name in macros and name not in seen:
            seen.add(name)
            found = _first_date(macros[name], macros, seen)
            if found is not None:
                return found
    return None


def add_names_forms(root: Any) -> bool:
    """Fault 6 (add names): twins of each name list that shows more names before "et al.".

    citeproc-py cannot print "Ono, Lee, et al." to tell it from "Ono, Park, et al.". When
    the citation asks for ``disambiguate-add-names``, each ``cs:names`` whose names may be cut
    short becomes a ``cs:choose`` whose branches test our run marks ``names-2``, ``-3``, ``-4``
    (that many names before "et al.") and ``names-all`` (no "et al."), the original last.
    Disambiguation gives an item one of them; it holds only while a cite renders. Returns whether any
    twin was made.
    """
    citation = root.find("cs:citation", NS)
    if citation is None or citation.get("disambiguate-add-names") != "true":
        return False
    found = False
    for names in citation_names(root):
        name = names.find("cs:name", NS)
        cut = (name.get("et-al-min") if name is not None else None) or citation.get(
            "et-al-min", root.get("et-al-min")
        )
        if not cut or cut == "0" or (name is not None and name.get("form") == "count"):
            continue
        found = True
        choose = names.makeelement(q("choose"), {})
        for position, level in enumerate(ADD_NAMES_LEVELS):
            tag = "if" if position == 0 else "else-if"
            branch = etree.SubElement(choose, q(tag), {TEST: ADD_NAMES_PREFIX + level})
            twin = copy.deepcopy(names)
            twin.tail = None
            twin_name = twin.find("cs:name", NS)
            if twin_name is None:
                twin_name = etree.SubElement(twin, q("name"))
                twin.insert(0, twin_name)
            if level == "all":
                twin_name.set("et-al-min", "0")
            else:
                twin_name.set("et-al-use-first", level)
                if twin_name.get("et-al-min") is None:
                    twin_name.set("et-al-min", cut)
            branch.append(twin)
        put_in_else(names, choose)
    return found


def add_givenname_forms(root: Any) -> bool:
    """Fault 6 (given names): give each short-form ``cs:names`` a long-form twin.

    citeproc-py cannot add given names to tell "Hornung 2022" (Jeffrey) from "Hornung 2022"
    (Anna). Each ``cs:names`` whose ``cs:name`` has ``form="short"`` becomes
    ``choose/if`` testing our :data:`.marks.GIVENNAME` run mark (a copy in long form, keeping
    the name's ``initialize-with``, so APA prints "J. Hornung") ``/else`` (the original). The
    mark holds only while a cite renders, never for the bibliography.
    Returns whether the style has such names.
    """
    found = False
    for names in citation_names(root):
        name = names.find("cs:name", NS)
        if name is None or name.get("form") != "short":
            continue
        found = True
        choose = names.makeelement(q("choose"), {})
        expanded = copy.deepcopy(names)
        expanded.tail = None
        expanded_name = expanded.find("cs:name", NS)
        expanded_name.set("form", "long")
        branch = etree.SubElement(choose, q("if"), {TEST: GIVENNAME})
        branch.append(expanded)
        put_in_else(names, choose)
    return found


def mark_names(root: Any) -> None:
    """Wrap each top-level ``cs:names`` so its output is bracketed by names marks.

    Cite collapsing and subsequent-author-substitute (fault 6, not in citeproc-py) need to
    know which part of a rendered cite or entry is the names. We wrap each ``cs:names`` (not
    those inside a ``cs:substitute``) in a ``cs:group`` carrying our :data:`NAMES_MARK`; our
    formatter turns it into the names marks of :mod:`.output`.
    """
    for names in top_level_names(root):
        wrap(names, names.makeelement(q("group"), {MARK: NAMES_MARK}))


# --- the disambiguation phase --------------------------------------------------------------


def add_names(
    groups: list[list[str]], marks: RunMarks, source: Source, alone: Alone
) -> list[list[str]]:
    """Show more names before "et al." in each ambiguous group, as few as tell any apart.

    "Ono et al." twice becomes "Ono, Lee, et al." and "Ono, Park, et al.", as pandoc's
    citeproc prints them. Returns the groups still ambiguous.
    """
    remaining: list[list[str]] = []
    for group in groups:
        most = max(_most_names(source[key]) for key in group)
        levels = [v for v in ADD_NAMES_LEVELS if v == "all" or int(v) < most]
        if most < 2:  # one name each: nothing is hidden by "et al."
            remaining.append(group)
            continue
        for level in levels:
            for key in group:
                marks.mark(key, add_names=level)
            alike = _alike(group, alone)
            if len(alike) > 1:
                remaining += [keys for keys in alike if len(keys) > 1]
                break
        else:
            for key in group:
                marks.mark(key, add_names=None)
            remaining.append(group)
    return remaining


def _most_names(reference: Reference) -> int:
    """The longest name list of an item (names beyond one may hide behind "et al.")."""
    return max(
        (len(reference[v.replace("-", "_")]) for v in NAME_VARIABLES
         if v.replace("-", "_") in reference),
        default=0,
    )  # fmt: skip


def add_given_names(groups: list[list[str]], marks: RunMarks, alone: Alone) -> list[list[str]]:
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
            marks.mark(key, givenname=True)
        alike = _alike(group, alone)
        if len(alike) == 1:
            for key in group:
                marks.mark(key, givenname=False)
            remaining.append(group)
        else:
            remaining += [keys for keys in alike if len(keys) > 1]
    return remaining


def _alike(group: list[str], alone: Alone) -> list[list[str]]:
    """The group's keys by the text of their cite alone, in first-seen order."""
    by_text: dict[str, list[str]] = {}
    for key in group:
        by_text.setdefault(alone(key), []).append(key)
    return list(by_text.values())


def assign_year_suffixes(groups: list[list[str]], order: Sequence[str], source: Source) -> None:
    """Year suffixes (a, b, ...) for each ambiguous group, in bibliography ``order``.

    ``year-suffix`` is a CSL variable the style renders, so it is stored in the item's data
    (under both spellings citeproc-py looks it up by), as the other variables are.
    """
    position = {key: index for index, key in enumerate(order)}
    for group in groups:
        for index, key in enumerate(sorted(group, key=position.__getitem__)):
            suffix = letters(index)
            store_variable(source[key], "year-suffix", _text(suffix))


# --- the citations phase -------------------------------------------------------------------


def collapse_by_names(pieces: list[str], delimiter: str, options: Mapping[str, str]) -> str:
    """Join a citation's cites; with ``collapse`` group cites by their names.

    "(Hornung 2022a; Hornung 2022b)" becomes "(Hornung 2022a, 2022b)": cites whose names
    render alike are brought together after the first, and print their names once.
    """
    if not options.get("collapse", "").startswith("year") or len(pieces) < 2:
        return delimiter.join(pieces)
    groups: dict[str, list[str]] = {}
    for piece in pieces:
        span = out.names_span(piece)
        names = piece[span[0] : span[1]] if span else f"\x00{len(groups)}"
        groups.setdefault(names, []).append(piece)
    cite_group_delimiter = options.get("cite-group-delimiter", ", ")
    after = options.get("after-collapse-delimiter", delimiter)
    text = ""
    previous_collapsed = False
    for members in groups.values():
        collapsed = [members[0]]
        for member in members[1:]:
            span = out.names_span(member)
            assert span is not None
            rest = member[span[1] :].lstrip(",;: ")
            collapsed.append(member[: span[0]] + rest)
        if text:
            text += after if previous_collapsed else delimiter
        text += cite_group_delimiter.join(collapsed)
        previous_collapsed = len(members) > 1
    return text


# --- the bibliography phase ----------------------------------------------------------------


def substitute_authors(entries: list[str], substitute: str) -> list[str]:
    """subsequent-author-substitute: repeated names print the substitute.

    An entry whose names render exactly as the previous entry's prints the substitute
    (MLA: "———") in their place (rule "complete-all", the default).
    """
    result: list[str] = []
    previous: str | None = None
    for entry in entries:
        span = out.names_span(entry)
        names = entry[span[0] : span[1]] if span else None
        if span and names == previous:
            result.append(
                entry[: span[0]] + out.NAMES_ON + substitute + out.NAMES_OFF + entry[span[1] :]
            )
        else:
            result.append(entry)
        previous = names
    return result
