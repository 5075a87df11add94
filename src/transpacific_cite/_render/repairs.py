"""The style repairs: edits of a loaded style's tree, made once per load, before freezing.

Each repair is named for the citeproc-py 0.11.1 fault it works around (the registry in
:mod:`.fixes` lists them by number). They edit only the tree of a style we loaded with our
own parser (never citeproc-py's classes), and after :func:`repair_tree` returns nothing edits
the tree again: the run selects our twins through its run marks (:mod:`.marks`), never by editing the style
or the items. Elements we add carry our own marks (:mod:`.marks`), not borrowed CSL
attributes.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .marks import (
    ADD_NAMES_LEVELS,
    ADD_NAMES_PREFIX,
    DISAMBIGUATE,
    GIVENNAME,
    MARK,
    NAMES_MARK,
    TEST,
    TITLE_CASE_MARK,
)

CSL_NS = "http://purl.org/net/xbiblio/csl"
NS = {"cs": CSL_NS}


def _q(tag: str) -> str:
    return f"{{{CSL_NS}}}{tag}"


def _fix_initialize_false(root: Any) -> None:
    """Fault 2: citeproc-py ignores ``initialize="false"`` ("J. Hornung" for "Jeffrey Hornung").

    It initializes wherever an ``initialize-with`` is inherited. We move the inherited value
    off ``cs:style``/``cs:citation``/``cs:bibliography`` onto each ``cs:name`` that may
    initialize, so a ``cs:name`` with ``initialize="false"`` inherits nothing. When citation
    and bibliography inherit different values, a macro's ``cs:name`` cannot carry both, so
    that style is left alone (none of the bundled ones does this).
    """
    contexts = [root.find("cs:citation", NS), root.find("cs:bibliography", NS)]
    inherited = {
        str(ctx.get("initialize-with", root.get("initialize-with")))
        for ctx in contexts
        if ctx is not None
    }
    value = root.get("initialize-with")
    for ctx in contexts:
        if ctx is not None and ctx.get("initialize-with") is not None:
            value = ctx.get("initialize-with")
    if value is None or len(inherited) != 1:
        return
    for name in root.iter(_q("name")):
        if name.get("initialize") != "false" and name.get("initialize-with") is None:
            name.set("initialize-with", value)
    for element in (root, *contexts):
        if element is not None and "initialize-with" in element.attrib:
            del element.attrib["initialize-with"]


def _fix_labels_of_empty_variables(root: Any) -> None:
    """Fault 4: a ``cs:label`` prints its term even when its variable is empty.

    Chicago's second note printed "edition" for an interview with no edition. We wrap each
    ``cs:label`` that names a variable in ``cs:choose/cs:if variable="..."``; labels inside
    ``cs:names`` name no variable and are left alone.
    """
    for label in list(root.iter(_q("label"))):
        variable = label.get("variable")
        if not variable or label.getparent().tag == _q("names"):
            continue
        parent = label.getparent()
        index = parent.index(label)
        # makeelement: the new elements get the style document's element classes
        choose = parent.makeelement(_q("choose"), {})
        condition = etree.SubElement(choose, _q("if"), variable=variable)
        parent.remove(label)
        condition.append(label)
        parent.insert(index, choose)
        choose.tail = label.tail
        label.tail = None


def _fix_disambiguate_condition(root: Any) -> bool:
    """Fault 5: citeproc-py treats ``if disambiguate="true"`` as always true.

    MLA then put the title in every in-text citation. We replace the test by our own
    :data:`.marks.TEST` of the :data:`.marks.DISAMBIGUATE` run mark (one more test under the
    condition's ``match``), which disambiguation gives only to items whose cites are still
    ambiguous. Returns whether the style has such a condition.
    """
    found = False
    for tag in ("if", "else-if"):
        for condition in root.iter(_q(tag)):
            value = condition.get("disambiguate")
            if value is None:
                continue
            found = True
            del condition.attrib["disambiguate"]
            if value == "true":
                condition.set(TEST, DISAMBIGUATE)
            elif not condition.attrib or list(condition.attrib) == ["match"]:
                # disambiguate="false" alone: true unless the item needs disambiguating
                condition.set(TEST, DISAMBIGUATE)
                condition.set("match", "none")
    return found


def _fix_label_title_case(root: Any) -> None:
    """Fault 9: ``text-case="title"`` is a no-op on ``cs:label`` (APA printed "interviewer").

    citeproc-py only title-cases ``cs:text``. For one-word terms (and terms whose other words
    are stop words) ``capitalize-first`` gives the same result, so we use it.
    """
    for label in root.iter(_q("label")):
        if label.get("text-case") == "title":
            label.set("text-case", "capitalize-first")


def _add_implicit_year_suffix(root: Any) -> None:
    """Print year suffixes in styles that do not place them (fault 6, year suffixes).

    CSL: a style that never renders ``year-suffix`` gets it after the first rendered
    ``issued`` date of each cite and entry (APSA: "Hornung 2022a"). We put a
    ``cs:text variable="year-suffix"`` right after that ``cs:date``, joined to it by a
    ``cs:group`` without delimiter, in the citation and in the bibliography.
    """
    if any(t.get("variable") == "year-suffix" for t in root.iter(_q("text"))):
        return
    macros = {str(m.get("name")): m for m in root.findall("cs:macro", NS)}
    done: list[Any] = []
    for context in ("citation", "bibliography"):
        element = root.find(f"cs:{context}/cs:layout", NS)
        date = _first_date(element, macros, set()) if element is not None else None
        if date is None or any(date is d for d in done):
            continue
        done.append(date)
        group = date.makeelement(_q("group"), {})
        if date.get("suffix") is not None:  # "2022a." not "2022.a"
            group.set("suffix", date.get("suffix"))
            del date.attrib["suffix"]
        _wrap(date, group)
        etree.SubElement(group, _q("text"), variable="year-suffix")


def _first_date(element: Any, macros: dict[str, Any], seen: set[str]) -> Any:
    """The first ``cs:date variable="issued"`` rendered from ``element``, macros followed."""
    for child in element.iter(_q("date"), _q("text")):
        if child.tag == _q("date") and child.get("variable") == "issued":
            return child
        name = child.get("macro")
        if child.tag == _q("text") and name in macros and name not in seen:
            seen.add(name)
            found = _first_date(macros[name], macros, seen)
            if found is not None:
                return found
    return None


def _mark_title_case(root: Any) -> None:
    """Title case for hyphenated words ("Self-Defense", "Lower-Case"), as pandoc prints it.

    citeproc-py title-cases whole space-separated words only ("Self-defense"; notes,
    section 14). Each ``cs:text`` with a variable and ``text-case="title"`` is wrapped in a
    ``cs:group`` carrying our :data:`TITLE_CASE_MARK`; our formatter title-cases the parts
    after hyphens of what such a group wraps (for English items only, as citeproc-py does).
    """
    for text in list(root.iter(_q("text"))):
        if text.get("text-case") != "title" or not text.get("variable"):
            continue
        _wrap(text, text.makeelement(_q("group"), {MARK: TITLE_CASE_MARK}))


def _in_citation(root: Any) -> Any:
    """A test: is this element rendered for citations (in cs:citation or a macro it uses)?

    Twins for disambiguation are only needed there; leaving bibliography-only macros alone
    keeps the tree (and the engine's walks over it) small.
    """
    citation = root.find("cs:citation", NS)
    layout = citation.find("cs:layout", NS) if citation is not None else None
    macros = {str(m.get("name")): m for m in root.findall("cs:macro", NS)}
    used: set[str] = set()
    stack = [layout] if layout is not None else []
    while stack:
        for text in stack.pop().iter(_q("text")):
            name = text.get("macro")
            if name and name not in used and name in macros:
                used.add(name)
                stack.append(macros[name])

    def test(element: Any) -> bool:
        for ancestor in element.iterancestors():
            if ancestor.tag == _q("macro"):
                return str(ancestor.get("name")) in used
            if ancestor.tag == _q("citation"):
                return True
        return False

    return test


def _add_names_forms(root: Any) -> bool:
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
    for names in _citation_names(root):
        name = names.find("cs:name", NS)
        cut = (name.get("et-al-min") if name is not None else None) or citation.get(
            "et-al-min", root.get("et-al-min")
        )
        if not cut or cut == "0" or (name is not None and name.get("form") == "count"):
            continue
        found = True
        choose = names.makeelement(_q("choose"), {})
        for position, level in enumerate(ADD_NAMES_LEVELS):
            tag = "if" if position == 0 else "else-if"
            branch = etree.SubElement(choose, _q(tag), {TEST: ADD_NAMES_PREFIX + level})
            twin = copy.deepcopy(names)
            twin.tail = None
            twin_name = twin.find("cs:name", NS)
            if twin_name is None:
                twin_name = etree.SubElement(twin, _q("name"))
                twin.insert(0, twin_name)
            if level == "all":
                twin_name.set("et-al-min", "0")
            else:
                twin_name.set("et-al-use-first", level)
                if twin_name.get("et-al-min") is None:
                    twin_name.set("et-al-min", cut)
            branch.append(twin)
        _put_in_else(names, choose)
    return found


def _top_level_names(root: Any) -> Iterator[Any]:
    """Each ``cs:names`` not inside a ``cs:substitute`` (those stand in for their parent's)."""
    for names in list(root.iter(_q("names"))):
        if not any(a.tag == _q("substitute") for a in names.iterancestors()):
            yield names


def _citation_names(root: Any) -> Iterator[Any]:
    """The top-level ``cs:names`` that citations render (twins are needed only there)."""
    in_citation = _in_citation(root)
    for names in _top_level_names(root):
        if in_citation(names):
            yield names


def _put_in_else(names: Any, choose: Any) -> None:
    """Put ``choose`` where ``names`` stands, and ``names`` into its final ``cs:else``."""
    _wrap(names, choose, into=etree.SubElement(choose, _q("else")))


def _wrap(element: Any, wrapper: Any, *, into: Any = None) -> None:
    """Put ``wrapper`` where ``element`` stands (taking its tail); ``element`` goes into ``into``
    (a descendant of ``wrapper``), or at the end of ``wrapper`` itself."""
    parent = element.getparent()
    index = parent.index(element)
    wrapper.tail = element.tail
    element.tail = None
    parent.remove(element)
    (wrapper if into is None else into).append(element)
    parent.insert(index, wrapper)


def _add_givenname_forms(root: Any) -> bool:
    """Fault 6 (given names): give each short-form ``cs:names`` a long-form twin.

    citeproc-py cannot add given names to tell "Hornung 2022" (Jeffrey) from "Hornung 2022"
    (Anna). Each ``cs:names`` whose ``cs:name`` has ``form="short"`` becomes
    ``choose/if`` testing our :data:`.marks.GIVENNAME` run mark (a copy in long form, keeping
    the name's ``initialize-with``, so APA prints "J. Hornung") ``/else`` (the original). The
    mark holds only while a cite renders, never for the bibliography.
    Returns whether the style has such names.
    """
    found = False
    for names in _citation_names(root):
        name = names.find("cs:name", NS)
        if name is None or name.get("form") != "short":
            continue
        found = True
        choose = names.makeelement(_q("choose"), {})
        expanded = copy.deepcopy(names)
        expanded.tail = None
        expanded_name = expanded.find("cs:name", NS)
        expanded_name.set("form", "long")
        branch = etree.SubElement(choose, _q("if"), {TEST: GIVENNAME})
        branch.append(expanded)
        _put_in_else(names, choose)
    return found


def _mark_names(root: Any) -> None:
    """Wrap each top-level ``cs:names`` so its output is bracketed by names marks.

    Cite collapsing and subsequent-author-substitute (fault 6, not in citeproc-py) need to
    know which part of a rendered cite or entry is the names. We wrap each ``cs:names`` (not
    those inside a ``cs:substitute``) in a ``cs:group`` carrying our :data:`NAMES_MARK`; our
    formatter turns it into the names marks of :mod:`.output`.
    """
    for names in _top_level_names(root):
        _wrap(names, names.makeelement(_q("group"), {MARK: NAMES_MARK}))


@dataclass(frozen=True, slots=True)
class Repaired:
    """What the repairs found, which the engine needs to know."""

    has_disambiguate_condition: bool
    has_add_names_forms: bool
    has_givenname_forms: bool


def repair_tree(root: Any) -> Repaired:
    """Apply every repair to a loaded style's root, in the one order that works.

    Title-case marks go on before twins are made (so twins carry them), and names marks
    last (so each twin's names are marked too).
    """
    _fix_initialize_false(root)
    _fix_labels_of_empty_variables(root)
    has_disambiguate = _fix_disambiguate_condition(root)
    _fix_label_title_case(root)
    _add_implicit_year_suffix(root)
    _mark_title_case(root)
    has_add_names_forms = _add_names_forms(root)
    has_givenname_forms = _add_givenname_forms(root)
    _mark_names(root)
    return Repaired(has_disambiguate, has_add_names_forms, has_givenname_forms)
