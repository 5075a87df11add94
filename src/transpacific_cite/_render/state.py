"""The state one run's phases share (a small value each phase function reads and extends).

The phases, in the CSL specification's order, are functions over a :class:`RunState`:
:func:`.sorting.register`, :func:`.disambiguation.disambiguate`, :func:`.citations.cite_all`
and :func:`.bibliography.bibliography`, after :class:`RunState` has read the items.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from citeproc.source import (
    VariableError,
)

from .boundary import Bibliography, CitationItem, Layout, Reference, Source, StyleRoot
from .fast import CiteHistory
from .faults import f13_ids_keys_and_invalid_styles as f13
from .formatter import Formatter
from .items import build_source
from .marks import MarkedBibliography, RunMarks
from .parallel import SERIAL, Executor
from .styles import (
    LoadedStyle,
)


@dataclass
class RunResult:
    """Marked strings from one run, plus the warnings it collected."""

    citations: list[str] = field(default_factory=list)
    bibliography: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entries_rendered: int = 0
    entries_cached: int = 0


class RunState:
    """The state the phases of one run share: the items as citeproc-py data, the style, the
    history of cites and the disambiguation each item received (:attr:`marks`).

    One run uses its loaded style alone (citeproc-py keeps per-run state on the style tree).
    """

    def __init__(
        self,
        style: LoadedStyle,
        items: Sequence[Mapping[str, Any]],
        executor: Executor = SERIAL,
    ) -> None:
        self.style = style
        self.executor = executor
        self.root: StyleRoot = style.engine_style.root
        self.ids = f13.internal_keys(items)
        self.original = {internal: original for original, internal in self.ids.items()}
        self.items = items
        self.result = RunResult()
        self.source: Source
        self.source, warnings = build_source(items)
        self.result.warnings.extend(warnings)
        self.demote = str(self.root.get("demote-non-dropping-particle", "display-and-sort"))
        self.formatter = Formatter(style.quotes)
        self.marks = RunMarks()  # what disambiguation decides for each item
        self.bib: Bibliography = MarkedBibliography(
            style.engine_style, self.source, self.formatter, self.marks
        )
        self.default_language = str(self.root.get("default-locale", "en"))[:2]
        self.history = CiteHistory()
        self.citation_sort_cache: dict[str, list[Any]] = {}  # cs:key values by item key

    def internal(self, key: str) -> str:
        """The internal key of a cited id (fault 13: unknown keys are errors, not "key?")."""
        return f13.internal(self.ids, key)

    def render_cite(self, layout: Layout, item: CitationItem) -> str | None:
        """One cite through the citation layout (its cite-only run marks hold meanwhile)."""
        self.set_language(self.source[item.key])
        self.marks.citing = True
        try:
            layout.repressed = {}
            rendered = layout.render_children(item)
        except VariableError:
            rendered = None
        finally:
            self.marks.citing = False
        return str(rendered) if rendered is not None else None

    def set_language(self, reference: Reference) -> None:
        """Tell the formatter whether this item gets title case (English items only)."""
        language = str(reference.get("language") or self.default_language)[:2]
        self.formatter.english = language == "en"
