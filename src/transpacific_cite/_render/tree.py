"""Helpers for editing a loaded style's lxml tree (the repairs of :mod:`.repairs` and
:mod:`.faults` use them; nothing here edits a tree by itself)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

CSL_NS = "http://purl.org/net/xbiblio/csl"
NS = {"cs": CSL_NS}


def q(tag: str) -> str:
    """A CSL element's qualified tag name."""
    return f"{{{CSL_NS}}}{tag}"


def wrap(element: Any, wrapper: Any, *, into: Any = None) -> None:
    """Put ``wrapper`` where ``element`` stands (taking its tail); ``element`` goes into ``into``
    (a descendant of ``wrapper``), or at the end of ``wrapper`` itself."""
    parent = element.getparent()
    index = parent.index(element)
    wrapper.tail = element.tail
    element.tail = None
    parent.remove(element)
    (wrapper if into is None else into).append(element)
    parent.insert(index, wrapper)


def put_in_else(names: Any, choose: Any) -> None:
    """Put ``choose`` where ``names`` stands, and ``names`` into its final ``cs:else``."""
    wrap(names, choose, into=etree.SubElement(choose, q("else")))


def top_level_names(root: Any) -> Iterator[Any]:
    """Each ``cs:names`` not inside a ``cs:substitute`` (those stand in for their parent's)."""
    # One XPath query, in document order (testing ancestors in Python cost far more).
    yield from root.xpath(
        "descendant-or-self::cs:names[not(ancestor::cs:substitute)]", namespaces=NS
    )


def in_citation(root: Any) -> Callable[[Any], bool]:
    """A test: is this ``cs:names`` rendered for citations (in cs:citation or a macro it uses)?

    Twins for disambiguation are only needed there; leaving bibliography-only macros alone
    keeps the tree (and the engine's walks over it) small.
    """
    citation = root.find("cs:citation", NS)
    layout = citation.find("cs:layout", NS) if citation is not None else None
    macros = {str(m.get("name")): m for m in root.findall("cs:macro", NS)}
    used: set[str] = set()
    stack = [layout] if layout is not None else []
    while stack:
        for text in stack.pop().iter(q("text")):
            name = text.get("macro")
            if name and name not in used and name in macros:
                used.add(name)
                stack.append(macros[name])

    # The cs:names under cs:citation and under the macros it uses, gathered once (walking
    # each element's ancestors was most of the cost of loading Chicago). The set keeps the
    # element proxies alive, so lxml hands back these same objects for these nodes.
    scopes = [citation] if citation is not None else []
    scopes += [m for m in root.findall("cs:macro", NS) if str(m.get("name")) in used]
    inside = {names for scope in scopes for names in scope.iter(q("names"))}

    def test(element: Any) -> bool:
        return element in inside

    return test


def citation_names(root: Any) -> Iterator[Any]:
    """The top-level ``cs:names`` that citations render (twins are needed only there)."""
    rendered_by_citations = in_citation(root)
    for names in top_level_names(root):
        if rendered_by_citations(names):
            yield names
