"""``cs:choose`` of a frozen style, compiled into one closure (:mod:`.closures`).

The branches' conditions are decided as cheaply as what they test allows: type, variable
and match tests are closures over the item (:meth:`.fast._AnsweredCondition._compile_test`);
a test that only the item's type can decide is decided once per type, so an item walks a
per-type plan with those branches dropped or taken at once; a choice between fault 6's twins
and the original (run-mark tests only) takes the ``cs:else`` at once for an item without
run marks; any other test (position, locator, is-numeric, ...) calls the element's own test
methods, in citeproc-py's order. The first branch whose condition holds renders its
children, with the enclosing delimiter (CSL 1.0.2: a choose is transparent).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import VariableError

from .marks import TEST, item_holds

Render = Callable[[Any, Any, str, dict[str, Any]], Any]

# citeproc-py's own tests of ``If.render`` (0.11.1), in its order, before ``position``.
CITEPROC_TESTS = (
    ("type", "_type"),
    ("variable", "_variable"),
    ("is-numeric", "_is_numeric"),
    ("is-uncertain-date", "_is_uncertain_date"),
    ("locator", "_locator"),
)


_ALWAYS, _ITEM_TEST, _CONTEXT_TEST = 0, 1, 2


def _condition(branch: Any) -> tuple[int, Any]:
    """How a branch decides: always (``cs:else``), a closure over the item, or over both."""
    if not isinstance(branch, model.If):
        return _ALWAYS, None
    test = branch.kept_test()
    if test is not False:
        return _ITEM_TEST, test
    return _CONTEXT_TEST, context_test(branch)


def context_test(branch: Any) -> Callable[[Any, Any], bool]:
    """A condition citeproc-py's own test methods answer, for an item in a context.

    Its tests in ``If.render``'s order, then position, then our run-mark test
    (:data:`.marks.TEST`) as one more result under ``match``.
    """
    attributes = branch.attrib
    methods = [getattr(branch, name) for attr, name in CITEPROC_TESTS if attr in attributes]
    position = "position" in attributes
    ours = branch.get(TEST)
    match = branch.get("match")
    negate: bool = match == "none"

    def holds(item: Any, context: Any) -> bool:
        results: list[Any] = []
        for method in methods:
            results += method(item)
        if position:
            results += branch._position(item, context)
        if ours is not None:
            results.append(item_holds(item, ours))
        result = any(results) if match in ("any", "none") else all(results)
        return bool(result) != negate

    return holds


def choose_fn(
    choose: Any, branch_body: Callable[[Any], Render], fallback: Callable[[Any], Render]
) -> Render:
    """``cs:choose``: the first branch whose condition holds renders its children."""
    children = list(choose.iterchildren())
    if not all(isinstance(child, (model.If, model.Else)) for child in children):
        return fallback(choose)
    conditions = [_condition(branch) for branch in children]
    bodies: list[Render] = []

    def lazy(index: int, branch: Any) -> Render:
        def first(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
            fn = bodies[index] = branch_body(branch)
            return fn(item, context, delimiter, kwargs)

        return first

    for index, branch in enumerate(children):
        bodies.append(lazy(index, branch))
    plan = [(kind, test, index) for index, (kind, test) in enumerate(conditions)]
    by_type = _type_decisions(children)
    if not by_type:
        if _marks_only(children):
            return _marks_choose(plan, bodies)
        return _walk_branches(plan, bodies)
    walks: dict[str, Render] = {}  # the walk for items of one type: type tests decided

    def specialise(kind_of_item: str) -> list[tuple[int, Any, int]]:
        kept: list[tuple[int, Any, int]] = []
        for kind, test, index in plan:
            decide = by_type.get(index)
            decided = None if decide is None else decide(kind_of_item)
            if decided is False:
                continue
            if decided is True:
                kind, test = _ALWAYS, None
            kept.append((kind, test, index))
            if kind == _ALWAYS:
                break
        return kept

    def render(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        kind_of_item = dict.__getitem__(item.reference, "type")
        walk = walks.get(kind_of_item)
        if walk is None:
            walk = walks[kind_of_item] = _walk_branches(specialise(kind_of_item), bodies)
        return walk(item, context, delimiter, kwargs)

    return render


def _marks_only(branches: list[Any]) -> bool:
    """Whether every branch but a last ``cs:else`` tests only a run mark (fault 6's twins)."""
    *tests, last = branches
    return (
        isinstance(last, model.Else)
        and bool(tests)
        and all(isinstance(b, model.If) and set(b.attrib) == {TEST} for b in tests)
    )


def _marks_choose(plan: list[tuple[int, Any, int]], bodies: list[Render]) -> Render:
    """A choose between our twins and the original: an item without run marks (most items)
    fails every mark test (``RunMarks.holds``), so it takes the ``cs:else`` at once."""
    walk = _walk_branches(plan, bodies)
    last = plan[-1][2]

    def render(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        kept = item.__dict__.get("_tpc_run_marks")  # item_holds's (marks, key), found once
        if kept is None or not kept[0].unmarked(kept[1]):
            return walk(item, context, delimiter, kwargs)
        try:
            return bodies[last](item, context, delimiter, kwargs)
        except VariableError:
            return None

    return render


def _walk_branches(plan: list[tuple[int, Any, int]], bodies: list[Render]) -> Render:
    """The branches in order: the first whose test holds renders (None if none does).

    A lone child's VariableError means its branch printed nothing (``render_children``).
    """
    if plan and plan[0][0] == _ALWAYS:
        index = plan[0][2]

        def always(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
            try:
                return bodies[index](item, context, delimiter, kwargs)
            except VariableError:
                return None

        return always

    def render(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        for kind, test, index in plan:
            if kind == _ITEM_TEST:
                if not test(item):
                    continue
            elif kind == _CONTEXT_TEST and not test(item, context):
                continue
            try:
                return bodies[index](item, context, delimiter, kwargs)
            except VariableError:
                return None
        return None

    return render


def _type_decisions(branches: list[Any]) -> dict[int, Callable[[str], bool | None]]:
    """Branches whose condition the item's type may decide: index -> answer by type.

    citeproc-py's ``If.render`` lists each type's answer (``If._type``: the listed type,
    lower-cased, equals the reference's), then each variable's; ``match`` combines them.
    With only types the type decides; with variables too, a matching type decides "any"
    and "none", a type that does not match decides "all"; otherwise None (ask the test).
    """
    decided: dict[int, Callable[[str], bool | None]] = {}
    for index, branch in enumerate(branches):
        attributes = set(branch.attrib) if isinstance(branch, model.If) else set()
        if "type" not in attributes or not attributes <= {"type", "variable", "match"}:
            continue
        types = tuple(kind.lower() for kind in branch.get("type").split())
        match = branch.get("match")
        any_of = match in ("any", "none")
        negate = match == "none"
        typed_only = "variable" not in attributes or not branch.get("variable").split()

        def decide(
            kind_of_item: str, types: tuple[str, ...] = types, any_of: bool = any_of,
            negate: bool = negate, typed_only: bool = typed_only,
        ) -> bool | None:  # fmt: skip
            answers = [kind == kind_of_item for kind in types]
            combined = any(answers) if any_of else all(answers)
            if typed_only or combined is any_of:  # decided whatever the variables say
                return combined != negate
            return None

        decided[index] = decide
    return decided
