"""Our own marks, declared as ours: on the style tree (at load) and on the items (per run).

Vocabulary: an *element mark* is an attribute in our namespace (:data:`MARKS_NS`) that a
repair puts on an element it adds, never a borrowed CSL attribute: :data:`MARK` on a
``cs:group`` says what the formatter does with the group's output (:data:`NAMES_MARK`,
:data:`TITLE_CASE_MARK`); :data:`TEST` on a ``cs:if``/``cs:else-if`` makes the condition
also ask whether the item carries a *run mark*. Run marks are what the disambiguation phase
decided for an item (:class:`ItemMarks`, frozen), kept in one :class:`RunMarks` per run,
keyed by internal item key: nothing is written into citeproc-py's references and nothing
edits the loaded style after loading.

The conditions reach a run's marks through the citation item they render
(``item.bibliography.marks``), which is why a run's bibliography is a
:class:`MarkedBibliography`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .boundary import CitationItem
from .cites import IndexedBibliography

MARKS_NS = "urn:transpacific-cite:marks"
MARK = f"{{{MARKS_NS}}}mark"
TEST = f"{{{MARKS_NS}}}test"
TITLE_CASE_MARK = "title-case-hyphenated"  # title case reaches the parts after hyphens
NAMES_MARK = "names"  # the extent of a rendered cs:names (collapsing, author substitute)

# The run marks a condition's TEST may name.
DISAMBIGUATE = "disambiguate"  # fault 5: the item's cites are still ambiguous
GIVENNAME = "givenname"  # fault 6: this cite shows given names
ADD_NAMES_LEVELS: tuple[str, ...] = ("2", "3", "4", "all")  # fault 6: names before "et al."
ADD_NAMES_PREFIX = "names-"  # TEST "names-2" ... "names-all"


@dataclass(frozen=True, slots=True)
class ItemMarks:
    """What disambiguation decided for one item.

    Attributes:
        disambiguate: its cites stay alike after names were added (``disambiguate="true"``
            branches apply, in cites and entries alike).
        givenname: its cites show given names (cites only).
        add_names: how many names its cites show before "et al." (one of
            :data:`ADD_NAMES_LEVELS`), or None for the style's own number (cites only).
    """

    disambiguate: bool = False
    givenname: bool = False
    add_names: str | None = None


NO_MARKS = ItemMarks()


class RunMarks:
    """The run marks of one run, by internal item key, and whether a cite is rendering.

    Marks that only cites show (given names, added names) hold while :attr:`citing` is set
    (:meth:`.state.RunState.render_cite` sets it), never for bibliography entries or sort keys.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, ItemMarks] = {}
        self.citing = False

    def of(self, key: str) -> ItemMarks:
        """The marks of an item (:data:`NO_MARKS` until disambiguation gives it some)."""
        return self._by_key.get(key, NO_MARKS)

    def mark(self, key: str, **changes: Any) -> None:
        """Replace some of an item's marks (fields of :class:`ItemMarks`)."""
        self._by_key[key] = replace(self.of(key), **changes)

    def unmarked(self, key: str) -> bool:
        """Whether the item has no marks at all (then it holds no :data:`TEST`)."""
        return key not in self._by_key

    def holds(self, test: str, key: str) -> bool:
        """Whether the item carries the run mark a condition's :data:`TEST` names."""
        marks = self._by_key.get(key)
        if marks is None:
            return False
        if test == DISAMBIGUATE:
            return marks.disambiguate
        if not self.citing:
            return False
        if test == GIVENNAME:
            return marks.givenname
        return marks.add_names is not None and test == ADD_NAMES_PREFIX + marks.add_names


class MarkedBibliography(IndexedBibliography):
    """A run's bibliography, holding the run's marks where the style's conditions find them."""

    def __init__(self, style: Any, source: Any, formatter: Any, marks: RunMarks) -> None:
        super().__init__(style, source, formatter)
        self.marks = marks


def item_holds(item: CitationItem, test: str) -> bool:
    """Whether a citation item carries a run mark (what a condition's :data:`TEST` asks).

    The run's marks and the item's key are found once per item (through citeproc-py's
    attribute look-ups) and kept in the item's ``__dict__``: conditions ask hundreds of
    times per run, and an item lives in one run.
    """
    kept = item.__dict__
    found: tuple[RunMarks, str] | None = kept.get("_tpc_run_marks")
    if found is None:
        marks = getattr(item.bibliography, "marks", None)
        if not isinstance(marks, RunMarks):
            return False  # not an item of a run (no marks at all)
        found = kept["_tpc_run_marks"] = (marks, item.key)
    marks, key = found
    return marks.holds(test, key)
