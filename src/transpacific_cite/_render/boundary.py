"""The typed boundary: the few citeproc-py objects the phases touch, as Protocols.

citeproc-py ships no type hints, so every object it hands us is ``Any`` to mypy. The phases
touch only a handful of them, and only a few of their members: these Protocols name exactly
those members, so a phase that reaches for anything else is a type error, and a reader sees
what of citeproc-py the adapter depends on. Values cross the boundary once, where a loaded
style is made (``styles``) and where a run starts (``state``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class Layout(Protocol):
    """A ``cs:layout`` element: renders an item through the style's layout."""

    repressed: dict[str, Any]  # citeproc-py's per-render scratch, reset before each render

    def get(self, name: str, default: Any = None) -> Any:
        """An attribute (lxml)."""
        ...

    def render_children(self, item: Any) -> Any:
        """One cite's text (citeproc-py), or raises its VariableError."""
        ...

    def render_bibliography(self, items: Sequence[Any]) -> Sequence[Any]:
        """Bibliography entries for items (citeproc-py)."""
        ...

    def format(self, text: Any) -> Any:
        """The layout's own formatting applied (citeproc-py)."""
        ...

    def wrap(self, text: Any) -> Any:
        """The layout's affixes applied (citeproc-py)."""
        ...

    def get_macro(self, name: str) -> Any:
        """A ``cs:macro`` by name (answered once per style by :mod:`.fast`)."""
        ...

    def get_single_term(self, name: str) -> Any:
        """A locale term's singular form."""
        ...


class Context(Protocol):
    """``cs:citation`` or ``cs:bibliography``: a layout, options, and (citation) the cites."""

    layout: Layout
    cites: Any  # the position history citeproc-py's position tests read (citation only)
    attrib: Mapping[str, str]

    def find(self, path: str, namespaces: Mapping[str, str]) -> Any:
        """A child element (lxml)."""
        ...

    def get(self, name: str, default: Any = None) -> Any:
        """An attribute (lxml)."""
        ...


class StyleRoot(Protocol):
    """The ``cs:style`` element of a loaded style."""

    citation: Context
    bibliography: Context | None
    locales: Sequence[Any]

    def get(self, name: str, default: Any = None) -> Any:
        """An attribute (lxml)."""
        ...

    def find(self, path: str, namespaces: Mapping[str, str]) -> Any:
        """A child element (lxml)."""
        ...

    def get_term(self, name: str, form: str | None = None) -> Any:
        """A locale term element (citeproc-py)."""
        ...

    def get_locale_option(self, name: str) -> Any:
        """A locale option (citeproc-py)."""
        ...


class EngineStyle(Protocol):
    """citeproc-py's ``CitationStylesStyle``: the parsed style and its root."""

    root: StyleRoot
