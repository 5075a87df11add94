"""Phase 5, the bibliography: each entry, then subsequent-author-substitute (fault 6).

An entry is rendered from its locator-less registration (fault 1); with a store, entries
whose inputs did not change are taken from it (:mod:`.cache`).
"""

from __future__ import annotations

from . import output as out
from .boundary import CitationItem
from .cache import RenderCache, digest
from .faults import f06_disambiguation_collapsing_substitute as f06
from .state import RunState


def bibliography(state: RunState, store: RenderCache | None = None, context: str = "") -> list[str]:
    """The entries of every item, in the style's order, as marked strings.

    With a ``store``, an entry whose inputs are unchanged (its CSL item, the style and
    locale in ``context``, the engine, and the disambiguation it received) is taken from
    the store instead of rendered; :attr:`RunResult.entries_rendered` counts the others.
    """
    bibliography = state.root.bibliography
    if bibliography is None:
        return []
    layout = bibliography.layout

    def entry(item: CitationItem) -> str | None:
        state.set_language(state.source[item.key])
        rendered = layout.render_bibliography([item])
        return str(rendered[0]) if rendered else None

    digests: dict[str, str] = {}
    stored: dict[str, str] = {}
    if store is not None:
        digests = {item.key: _entry_digest(state, item.key, context) for item in state.bib.items}
        stored = store.get_many(digests.values())
    todo = [item for item in state.bib.items if digests.get(item.key) not in stored]
    fresh = dict(zip((item.key for item in todo), state.executor.map(entry, todo), strict=True))
    state.result.entries_rendered = len(todo)
    state.result.entries_cached = len(state.bib.items) - len(todo)
    if store is not None:
        store.put_many({digests[k]: text for k, text in fresh.items() if text is not None})
    entries: list[str] = []
    for item in state.bib.items:
        text = fresh[item.key] if item.key in fresh else stored[digests[item.key]]
        if text is None:
            state.result.warnings.append(
                f"{state.original[item.key]}: the style printed no bibliography entry"
            )
            continue
        entries.append(text)
    substitute = state.style.bibliography_options.get("subsequent-author-substitute")
    if substitute is not None:
        entries = f06.substitute_authors(entries, out.safe_text(substitute))
    return entries


def _entry_digest(state: RunState, key: str, context: str) -> str:
    """What one bibliography entry depends on, hashed (see :mod:`.cache`)."""
    reference = state.source[key]
    marks = state.marks.of(key)
    return digest(
        {
            "entry": state.items[int(key[1:])],
            "context": context,
            "year-suffix": str(reference.get("year_suffix") or ""),
            "disambiguate": marks.disambiguate,
            "givenname": marks.givenname,
            "add-names": marks.add_names,
        }
    )
