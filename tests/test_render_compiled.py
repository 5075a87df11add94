"""The compiled style paths (issue 14) answer exactly what citeproc-py's own methods answer.

For every bundled style, every element whose render is compiled (children walks, groups,
choices, conditions, text markup) renders a set of varied items both ways: through the
compiled method and through citeproc-py 0.11.1's own method called on the same element. The
results (text, or the "nothing rendered" / "condition failed" signal) must be equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from citeproc import model
from citeproc.source import VariableError

from tests.render_corpus import corpus
from transpacific_cite._render import BUNDLED_STYLES, Cite, load_style
from transpacific_cite._render.closure_choose import context_test
from transpacific_cite._render.closures import element_fn
from transpacific_cite._render.formatter import Formatter
from transpacific_cite._render.marks import TEST
from transpacific_cite._render.sorting import register
from transpacific_cite._render.state import RunState

EXTRA_ITEMS: list[dict[str, Any]] = [
    {
        "id": "book1",
        "type": "book",
        "title": "Alliances in the Pacific. A History",
        "editor": [{"family": "Baker", "given": "Alan"}, {"family": "Nguyen", "given": "Linh"}],
        "publisher": "Example Press",
        "publisher-place": "Tokyo",
        "issued": {"date-parts": [[2019]]},
    },
    {
        "id": "article1",
        "type": "article-journal",
        "title": "Deterrence and “Trade”",
        "author": [
            {"family": "Chen", "given": "Wei"},
            {"family": "Park", "given": "Soo"},
            {"family": "Tanaka", "given": "Kenji"},
        ],
        "container-title": "Journal of Examples",
        "volume": "12",
        "issue": "3",
        "page": "45-67",
        "DOI": "10.1234/example",
        "issued": {"date-parts": [[2021, 4]]},
    },
    {"id": "anon1", "type": "webpage", "title": "An Unsigned Page", "URL": "https://example.org/"},
]

Outcome = tuple[str, str]
CSL = "http://purl.org/net/xbiblio/csl"


def _outcome(call: Callable[[], Any]) -> Outcome:
    """What a render call produced: its text, or which signal it raised."""
    try:
        result = call()
    except VariableError:
        return ("variable-error", "")
    except model.ConditionFailed:
        return ("condition-failed", "")
    return ("none", "") if result is None else ("text", str(result))


def _cases(style: str) -> Iterator[tuple[Any, Any, Any, RunState]]:
    """Each (element, item, layout it renders for, run) of a loaded style's compiled elements."""
    loaded = load_style(style)
    items = corpus(1) + EXTRA_ITEMS
    run = RunState(loaded, items)
    register(run, [[Cite(str(item["id"]))] for item in items])
    root = run.root
    root.citation.cites = run.history
    fallback = root.bibliography.layout if root.bibliography is not None else root.citation.layout
    for item in run.bib.items:
        run.set_language(item.reference)
        for element in root.iter():
            if not isinstance(element, model.CitationStylesElement):
                continue  # an element of another namespace (cs:info's content)
            layout = element.__dict__.get("_tpc_layout")
            yield element, item, fallback if layout is None else layout, run


def _compare(element: Any, item: Any, layout: Any) -> tuple[Outcome, Outcome] | None:
    """The compiled and citeproc-py outcomes for one element and item (None: not compiled)."""
    layout.repressed = {}
    if isinstance(element, model.Group):
        ours = _outcome(lambda: element.process(item, context=layout))
        layout.repressed = {}
        theirs = _outcome(lambda: model.Group.process(element, item, context=layout))
    elif isinstance(element, model.Choose):
        ours = _outcome(lambda: element.render(item, context=layout))
        layout.repressed = {}
        theirs = _outcome(lambda: model.Choose.render(element, item, context=layout))
    elif isinstance(element, model.If) and element.get(TEST) is not None:
        # a condition our repairs extended with a run-mark test, which citeproc-py does not
        # know: the compiled closure against the uncompiled path (its tests plus the mark)
        def uncompiled() -> Any:
            if not context_test(element)(item, layout):
                raise model.ConditionFailed
            return model.Parent.render_children(element, item, context=layout)

        ours = _outcome(lambda: element.render(item, context=layout))
        layout.repressed = {}
        theirs = _outcome(uncompiled)
    elif isinstance(element, model.If):  # cs:if and cs:else-if
        ours = _outcome(lambda: element.render(item, context=layout))
        layout.repressed = {}
        theirs = _outcome(lambda: model.If.render(element, item, context=layout))
    elif isinstance(element, (model.Macro, model.Else)):
        ours = _outcome(lambda: element.render_children(item, context=layout))
        layout.repressed = {}
        theirs = _outcome(lambda: model.Parent.render_children(element, item, context=layout))
    elif isinstance(element, model.Text):
        try:
            text, language = element.process(item, context=layout)
        except VariableError:
            return None
        ours = _outcome(lambda: element.markup(text, language))
        theirs = _outcome(lambda: model.Text.markup(element, text, language))
    else:
        return None
    return ours, theirs


Pair = Callable[[Any, Any, Any], "tuple[Outcome, Outcome] | None"]


def _compared(style: str, pair: Pair) -> dict[str, set[str]]:
    """Every element and item of a style compared by ``pair`` (ours, then citeproc-py's):
    each must be equal; returns the outcomes seen for each element kind."""
    compared: dict[str, set[str]] = {}
    for element, item, layout, _ in _cases(style):
        outcomes = pair(element, item, layout)
        if outcomes is None:
            continue
        ours, theirs = outcomes
        where = f"{type(element).__name__} at line {element.sourceline}, item {item.key}"
        assert ours == theirs, where
        compared.setdefault(type(element).__name__, set()).add(ours[0])
    return compared


@pytest.mark.parametrize("style", BUNDLED_STYLES)
def test_compiled_elements_answer_as_citeproc_py(style: str) -> None:
    compared = _compared(style, _compare)
    # every compiled kind was exercised, with both outcomes where the kind has two
    for kind in ("Group", "Choose", "If", "Macro", "Text"):
        assert kind in compared, kind
    assert {"text", "variable-error"} <= compared["Group"]
    assert {"text", "condition-failed"} <= compared["If"]


def test_frozen_elements_keep_their_plans() -> None:
    """The compiled path is the one taken: a rendered frozen group keeps its plan."""
    groups = 0
    for element, item, layout, _ in _cases("apa"):
        if isinstance(element, model.Group) and item.key == "i0":
            _outcome(partial(element.process, item, context=layout))
            delimiter, children = element.__dict__["_tpc_group"]
            assert delimiter == element.get("delimiter", "")
            assert [child for child, _, _ in children] == list(element.iterchildren())
            groups += 1
    assert groups > 10


@pytest.mark.parametrize("style", ["apa", "chicago-notes-bibliography"])
def test_terms_answer_as_citeproc_py(style: str) -> None:
    """Each locale term, found through the kept look-up and read through the kept text."""
    loaded = load_style(style)
    root = loaded.engine_style.root
    root.formatter = Formatter(loaded.quotes)
    layout = root.citation.layout
    asked = 0
    for locale in root.locales:
        for term in locale.iter(f"{{{CSL}}}term"):
            name, form = term.get("name"), term.get("form")
            ours = layout.get_term(name, form)
            theirs = model.CitationStylesElement.get_term(layout, name, form)
            assert ours is theirs, (name, form)
            for prop in ("single", "multiple"):
                assert str(getattr(term, prop)) == str(getattr(model.Term, prop).fget(term))
            asked += 1
    assert asked > 50
    assert layout.get_term("no-such-term") is None
    assert str(layout.get_single_term("et-al")) == "et al."


def _closure_pair(element: Any, item: Any, layout: Any) -> tuple[Outcome, Outcome] | None:
    """One element's closure against its own (uncompiled) methods, for one item."""
    if isinstance(element, model.Text) and element.get("value") is not None:
        return None  # a value's preformat alternates quote marks: asked twice, not equal
    kinds = (model.Group, model.Choose, model.Text, model.Names, model.Substitute)
    if not isinstance(element, kinds):
        return None
    fn = element_fn(element)
    layout.repressed = {}
    ours = _outcome(lambda: fn(item, layout, "", {}))
    ours = (ours[0], ours[1] + repr(layout.repressed))  # a substitute represses its variable
    layout.repressed = {}
    if isinstance(element, model.Group):
        theirs = _outcome(
            lambda: model.Group.markup(element, model.Group.process(element, item, context=layout))
        )
    elif isinstance(element, model.Choose):
        theirs = _outcome(lambda: model.Choose.render(element, item, context=layout))
    elif isinstance(element, model.Text):
        theirs = _outcome(
            lambda: model.Text.markup(element, *model.Text.process(element, item, context=layout))
        )
    elif isinstance(element, model.Substitute):
        theirs = _outcome(lambda: model.Substitute.render(element, item, context=layout))
    else:
        theirs = _outcome(lambda: element.render(item, context=layout))
    return ours, (theirs[0], theirs[1] + repr(layout.repressed))


@pytest.mark.parametrize("style", BUNDLED_STYLES)
def test_element_closures_answer_as_citeproc_py(style: str) -> None:
    """Each compiled closure (:mod:`.closures`) against citeproc-py's own method.

    Choices (with type tests decided per item type), groups, texts (variables, macros,
    terms), cs:names and cs:substitute (with the variable it represses), for every element of the style and every item; a choose
    is asked again for each item, so its per-type plans are reused across items.
    """
    compared = _compared(style, _closure_pair)
    for kind in ("Group", "Choose", "Text", "Names", "Substitute"):
        assert kind in compared, kind
    assert {"text", "variable-error"} <= compared["Group"]
    assert {"text", "none"} <= compared["Choose"]
    assert {"text", "variable-error"} <= compared["Names"]
    assert "text" in compared["Substitute"]


def test_rendering_takes_the_closures() -> None:
    """An element's first render takes its own method; from its second, its closure.

    A cold ``cite`` renders most elements once, so compiling them would only cost; a run
    of many entries renders them again and again through the closures.
    """
    loaded = load_style("apa")  # loaded afresh: nothing compiled yet
    items = corpus(1) + EXTRA_ITEMS
    run = RunState(loaded, items)
    register(run, [[Cite(str(item["id"]))] for item in items])
    layout = run.root.bibliography.layout
    run.root.citation.cites = run.history

    def compiled() -> list[Any]:
        return [e for e in run.root.iter() if "_tpc_fn" in getattr(e, "__dict__", {})]

    def render(item: Any) -> str:
        layout.repressed = {}
        return str(layout.render_children(item))

    children = list(layout.iterchildren())  # the layout's own (sorting renders macros)
    assert not any("_tpc_seen" in c.__dict__ or "_tpc_fn" in c.__dict__ for c in children)
    first = render(run.bib.items[0])
    assert "_tpc_body" in layout.__dict__
    assert all("_tpc_seen" in c.__dict__ and "_tpc_fn" not in c.__dict__ for c in children)
    assert render(run.bib.items[0]) == first  # the second render: through the closures
    assert all("_tpc_fn" in c.__dict__ for c in children)
    for item in run.bib.items * 3:
        render(item)
    assert len(compiled()) > 20
    # lazily: elements of branches these items never took are not compiled
    assert len(compiled()) < sum(1 for _ in run.root.iter()) / 2


@pytest.mark.parametrize("style", ["apa", "chicago-notes-bibliography"])
def test_name_options_are_kept_as_citeproc_py_answers_them(style: str) -> None:
    """``cs:name``'s kept options equal citeproc-py's ``Name.get_option``, per context."""
    loaded = load_style(style)
    root = loaded.engine_style.root
    names = list(root.iter(f"{{{CSL}}}name"))
    contexts = [root.citation.layout, root.bibliography.layout, None]
    options = [
        "and", "delimiter", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
        "et-al-use-first", "et-al-subsequent-min", "et-al-use-first", "et-al-use-last",
        "initialize-with", "name-as-sort-order", "sort-separator", "form",
        "demote-non-dropping-particle", "initialize-with-hyphen",
    ]  # fmt: skip
    asked = 0
    for name in names:
        for context in contexts:
            if context is None and name.__dict__.get("_tpc_layout") is None:
                continue  # a macro's name has no layout of its own (never asked so)
            for option in options:
                for sort in (None, {"name-as-sort-order": "all", "et-al-min": "3"}) * 2:
                    # asked twice each: the second answer is the kept one
                    ours = name.get_option(option, context, sort)
                    theirs = model.Name.get_option(name, option, context, sort)
                    assert ours == theirs, (name.sourceline, option, sort)
                    asked += 1
        sort = {"name-as-sort-order": "all"}
        assert name.get_option("name-as-sort-order", contexts[0], sort) == "all"
    assert asked > 100


@pytest.mark.parametrize("style", BUNDLED_STYLES)
def test_dates_answer_as_citeproc_py(style: str) -> None:
    """A date's kept answers (locale date or not; the locale date a form names) equal
    citeproc-py's, for the style's dates and its locales' dates, asked twice."""
    loaded = load_style(style)
    root = loaded.engine_style.root
    dates = list(root.iter(f"{{{CSL}}}date"))
    for locale in root.locales:
        dates += [d for d in locale.iter(f"{{{CSL}}}date") if d not in dates]
    kinds = set()
    for date in dates:
        for _ in range(2):
            ours = date.is_locale_date()
            assert ours == model.Date.is_locale_date(date), date.sourceline
            kinds.add(ours)
            if ours:
                continue  # citeproc-py asks only a style's dates for a locale date
            for form in ("text", "numeric", "no-such-form"):
                found = date.get_date(form)
                assert found is model.CitationStylesElement.get_date(date, form)
                kinds.add(form if found is not None else None)
    assert kinds == {True, False, "text", "numeric", None}
