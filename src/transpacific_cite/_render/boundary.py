"""The typed boundary: the few citeproc-py objects the phases touch, as Protocols.

citeproc-py ships no type hints, so every object it hands us is ``Any`` to mypy. The phases
touch only a handful of them, and only a few of their members: these Protocols name exactly
those members, so a phase that reaches for anything else is a type error, and a reader sees
what of citeproc-py the adapter depends on. Values cross the boundary once, where a loaded
style is made (``styles``) and where a run starts (``state``).

The data side: a :class:`Reference` (one item's variables), the run's :class:`Source` of
them by internal key, a :class:`CitationItem` (one cite of an item, or an item registered
for the bibliography) and the run's :class:`Bibliography`. A variable's value stays ``Any``
(a citeproc-py name list, date or string, by variable).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableSequence, Sequence
from typing import Any, Protocol


class Layout(Protocol):
    """A ``cs:layout`` element: renders an item through the style's layout."""

    repressed: dict[str, Any]  # citeproc-py's per-render scratch, reset before each render

    def get(self, name: str, default: Any = None) -> Any:
        """An attribute (lxml)."""
        ...

    def render_children(self, item: CitationItem) -> Any:
        """One cite's text (citeproc-py), or raises its VariableError."""
        ...

    def render_bibliography(self, items: Sequence[CitationItem]) -> Sequence[Any]:
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


class Reference(Protocol):
    """citeproc-py's ``Reference``: one item's variables by name, in its underscore spelling
    (``container_title``; our items also carry the hyphenated one)."""

    def get(self, name: str, default: Any = None) -> Any:
        """A variable's value, or ``default``."""
        ...

    def __getitem__(self, name: str) -> Any: ...

    def __contains__(self, name: object) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...


class Source(Protocol):
    """The run's ``BibliographySource``: each item's :class:`Reference` by internal key."""

    def __getitem__(self, key: str) -> Reference: ...

    def __contains__(self, key: object) -> bool: ...


class CitationItem(Protocol):
    """citeproc-py's ``CitationItem`` (ours: :class:`.cites.FastCitationItem`)."""

    key: str  # the item's internal key
    __dict__: dict[str, Any]  # where answers about the item are kept (see .marks)

    @property
    def reference(self) -> Reference:
        """The item's data."""
        ...

    @property
    def bibliography(self) -> Bibliography:
        """The run's bibliography (through the citation the item is in)."""
        ...

    @property
    def number(self) -> int:
        """The item's place in the bibliography, from 1 (``citation-number``)."""
        ...

    @property
    def has_locator(self) -> bool: ...

    def __contains__(self, name: object) -> bool:
        """``"locator" in item``: whether the cite has a locator."""
        ...


class Bibliography(Protocol):
    """The run's ``CitationStylesBibliography`` (ours: :class:`.marks.MarkedBibliography`):
    the items registered, in bibliography order, and their keys."""

    source: Source
    items: MutableSequence[CitationItem]
    keys: MutableSequence[str]

    def register(self, citation: Any, callback: Any = None) -> None:
        """Register a citation's items, each once."""
        ...
