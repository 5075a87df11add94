"""The style repairs: edits of a loaded style's tree, made once per load, before freezing.

Each repair is named for the citeproc-py 0.11.1 fault it works around (the registry in
:mod:`.fixes` lists them by number). They edit only the tree of a style we loaded with our
own parser (never citeproc-py's classes), and after :func:`repair_tree` returns nothing edits
the tree again: the run selects our twins through its run marks (:mod:`.marks`), never by editing the style
or the items. Elements we add carry our own marks (:mod:`.marks`), not borrowed CSL
attributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from .faults import f05_disambiguate_condition as f05
from .faults import f06_disambiguation_collapsing_substitute as f06
from .marks import MARK, TITLE_CASE_MARK
from .tree import NS, q, wrap


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
    for name in root.iter(q("name")):
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
    for label in list(root.iter(q("label"))):
        variable = label.get("variable")
        if not variable or label.getparent().tag == q("names"):
            continue
        parent = label.getparent()
        index = parent.index(label)
        # makeelement: the new elements get the style document's element classes
        choose = parent.makeelement(q("choose"), {})
        condition = etree.SubElement(choose, q("if"), variable=variable)
        parent.remove(label)
        condition.append(label)
        parent.insert(index, choose)
        choose.tail = label.tail
        label.tail = None


def _fix_label_title_case(root: Any) -> None:
    """Fault 9: ``text-case="title"`` is a no-op on ``cs:label`` (APA printed "interviewer").

    citeproc-py only title-cases ``cs:text``. For one-word terms (and terms whose other words
    are stop words) ``capitalize-first`` gives the same result, so we use it.
    """
    for label in root.iter(q("label")):
        if label.get("text-case") == "title":
            label.set("text-case", "capitalize-first")


def _mark_title_case(root: Any) -> None:
    """Title case for hyphenated words ("Self-Defense", "Lower-Case"), as pandoc prints it.

    citeproc-py title-cases whole space-separated words only ("Self-defense"; notes,
    section 14). Each ``cs:text`` with a variable and ``text-case="title"`` is wrapped in a
    ``cs:group`` carrying our :data:`TITLE_CASE_MARK`; our formatter title-cases the parts
    after hyphens of what such a group wraps (for English items only, as citeproc-py does).
    """
    for text in list(root.iter(q("text"))):
        if text.get("text-case") != "title" or not text.get("variable"):
            continue
        wrap(text, text.makeelement(q("group"), {MARK: TITLE_CASE_MARK}))


@dataclass(frozen=True, slots=True)
class Repaired:
    """What the repairs found, which the engine needs to know."""

    has_disambiguate_condition: bool
    has_add_names_forms: bool
    has_givenname_forms: bool


def repair_tree(root: Any, *, twins: bool = True) -> Repaired:
    """Apply every repair to a loaded style's root, in the one order that works.

    Title-case marks go on before twins are made (so twins carry them), and names marks
    last (so each twin's names are marked too). ``twins=False`` leaves out fault 6's
    disambiguation twins (most of a load's cost): only disambiguation selects them, so a
    document that cannot be ambiguous renders the same without them.
    """
    _fix_initialize_false(root)
    _fix_labels_of_empty_variables(root)
    has_disambiguate = f05.rewrite_disambiguate_conditions(root)
    _fix_label_title_case(root)
    f06.add_implicit_year_suffix(root)
    _mark_title_case(root)
    has_add_names_forms = twins and f06.add_names_forms(root)
    has_givenname_forms = twins and f06.add_givenname_forms(root)
    f06.mark_names(root)
    return Repaired(has_disambiguate, has_add_names_forms, has_givenname_forms)
