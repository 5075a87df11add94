"""What one render run holds: its cites so far, its bibliography and its citation items.

citeproc-py keeps these as plain lists and dictionaries that it scans again for every
question (has this item been cited? is this key registered? which reference is this?);
these subclasses keep an index beside each, with the same answers. The style side, where
static questions are answered once per loaded style, is :mod:`.fast`.
"""

from __future__ import annotations

from typing import Any

from citeproc import CitationStylesBibliography
from citeproc.source import CitationItem


class CiteHistory(list[Any]):
    """The cites rendered so far in a document, with an index by item key.

    citeproc-py's position tests scan the whole history for every cite (quadratic in the
    number of cites); this list also keeps how many cites each key has, so "has this item
    been cited?" is one dictionary look-up.
    """

    def __init__(self, cites: Any = ()) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.extend(cites)

    def append(self, cite: Any) -> None:
        super().append(cite)
        self.counts[cite.key] = self.counts.get(cite.key, 0) + 1

    def extend(self, cites: Any) -> None:
        for cite in cites:
            self.append(cite)

    def __iadd__(self, cites: Any) -> CiteHistory:  # type: ignore[misc]
        self.extend(cites)
        return self

    def position_test(self, position: str, item: Any, element: Any) -> bool:
        """Whether ``item`` is at ``position`` (CSL 1.0.2, "Choose": position) after these cites.

        The answers are those of citeproc-py 0.11.1's ``If._position`` for the same history:
        ibid needs the previous cite to be of the same item, in the same citation or alone in
        its own; near-note counts citations back from the latest (where citeproc-py crashes).
        """
        already_cited = self.counts.get(item.key, 0) > 0
        last: Any = self[-1] if self else None
        possibly_ibid = (
            already_cited
            and last is not None
            and item.key == last.key
            and (item.citation is last.citation or len(last.citation.cites) == 1)
        )
        if position == "first":
            return not already_cited
        if position == "subsequent":
            return already_cited
        if position == "ibid":
            return bool(possibly_ibid and (item.has_locator or not last.has_locator))
        if position == "ibid-with-locator":
            return bool(
                possibly_ibid
                and item.has_locator
                and (not last.has_locator or item.locator != last.locator)
            )
        if position == "near-note" and already_cited:
            # CSL puts near-note-distance on cs:citation (default 5); citeproc-py asks the
            # style root, which has no such option, and raises KeyError for any near-note test.
            distance = int(element.get_root().citation.get_option("near-note-distance"))
            citations, previous = 1, None
            for cite in reversed(self):
                if citations > distance:
                    return False
                if cite.key == item.key:
                    return True
                if cite.citation is not previous:
                    citations += 1
                    previous = cite.citation
        return False


class IndexedBibliography(CitationStylesBibliography):  # type: ignore[misc]
    """A citeproc-py bibliography whose registration asks a set, not a list, "seen before?".

    citeproc-py's ``register`` tests ``key not in self.keys`` (a list) for every cited
    item, quadratic in the number of items; this keeps the same list (in the same order)
    plus a set beside it.
    """

    def __init__(self, style: Any, source: Any, formatter: Any) -> None:
        super().__init__(style, source, formatter)
        self.registered: set[str] = set()

    def register(self, citation: Any, callback: Any = None) -> None:
        citation.bibliography = self
        for item in citation.cites:
            if item.key in self.source:
                if item.key not in self.registered:
                    self.registered.add(item.key)
                    self.keys.append(item.key)
                    self.items.append(item)
            elif callback is not None:
                callback(item)


class _KeptReference:
    """A non-data descriptor: the first read stores the reference in the item's ``__dict__``.

    Python then finds it there before asking the class, so later reads cost a dictionary
    look-up instead of a call (conditions and variables read it hundreds of times per entry).
    """

    def __get__(self, item: Any, owner: type | None = None) -> Any:
        if item is None:
            return self
        found = item.__dict__["reference"] = item.bibliography.source[item.key]
        return found


class FastCitationItem(CitationItem):  # type: ignore[misc]
    """A citation item that looks its reference up once (citeproc-py does it per variable)."""

    reference = _KeptReference()
