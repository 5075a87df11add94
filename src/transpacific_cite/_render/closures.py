"""A frozen style compiled into closures: one Python function per element, built on first use.

citeproc-py renders an element through a chain of methods (``Choose.render`` -> ``If.render``
-> its tests -> ``render_children`` -> ``child.render`` -> ``markup(process())`` -> ``format``
-> ``wrap``), each reading the element's attributes again. Once a style is frozen
(:func:`.fast.freeze`) none of that can change, so each element is turned, the first time it
renders, into one closure over what it will always do::

    fn(item, context, delimiter, kwargs) -> text | None    (raises VariableError as before)

``context`` and ``kwargs`` are what citeproc-py passes down (``kwargs`` holds ``sort_options``
inside macros); ``delimiter`` is the enclosing group's, used only by ``cs:choose`` and its
branches (CSL 1.0.2: a choose is transparent). Compiled: ``cs:choose`` with its conditions
(type, variable and match tests as closures, type-only tests decided once per item type;
other tests call the element's own test methods), the branches', macros' and layouts' children walks, ``cs:group`` (suppression,
delimiter, formatting, affixes), ``cs:text`` (variable, macro, term or value; periods, text
case, formatting, quotes, affixes) and a ``cs:names`` whose variables the item lacks and that
has no substitute (formatting and ``cs:text`` live in :mod:`.closure_text`). Every
other element (names that print, dates, numbers, labels, a text of ``page``, ``locator``
or ``citation-number``) is called through its own ``render`` from its closure, so
correctness falls back to what is there.

Each closure does what citeproc-py 0.11.1's methods (with :mod:`.fast`'s and
:mod:`.compiled`'s answers) do for the same element, item and context, in the same order:
the formatter's ``preformat`` (stateful where a locale's quote marks alternate) is called
where and when it was. Children are compiled lazily, one slot each, so a cold ``cite``
compiles only the branches it walks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import join

from .closure_text import MACRO_KWARGS, finish_fn, text_fn
from .compiled import CompiledParent, _frozen
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


def element_fn(element: Any) -> Render:
    """The closure rendering ``element`` (kept on a frozen element's proxy)."""
    fn = element.__dict__.get("_tpc_fn")
    if fn is None:
        fn = _compile(element)
        if _frozen(element):
            element.__dict__["_tpc_fn"] = fn
    return fn  # type: ignore[no-any-return]


def children_fn(element: Any) -> Render:
    """The closure walking ``element``'s children (``Parent.render_children``), kept once frozen."""
    fn = element.__dict__.get("_tpc_body")
    if fn is None:
        fn = _children(element)
        if _frozen(element):
            element.__dict__["_tpc_body"] = fn
    return fn  # type: ignore[no-any-return]


class ClosureParent(CompiledParent):
    """``render_children`` through the compiled closure once the style is frozen."""

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        if not _frozen(self):
            return super().render_children(item, delimiter=delimiter, **kwargs)
        context = kwargs.pop("context", None)
        return children_fn(self)(item, context, delimiter, kwargs)


class ClosureSubstitute:
    """``cs:substitute`` (citeproc-py's ``Substitute.render``) over its children's closures.

    The first child that prints something is the substitute, and its variable is repressed
    for the rest of the layout; a ``cs:names`` child without a ``cs:name`` borrows the
    enclosing ``cs:names``' (and so keeps its own render).
    """

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if not _frozen(self):
            return super().render(item, context=context, **kwargs)  # type: ignore[misc]
        plan = self.__dict__.get("_tpc_substitute")
        if plan is None:
            children = list(self.iterchildren())  # type: ignore[attr-defined]
            plan = self.__dict__["_tpc_substitute"] = (
                children,
                [isinstance(child, model.Names) for child in children],
                _slots(children),
            )
        children, names, fns = plan
        text = None  # citeproc-py: the last child's text, None if every child raised
        for index, child in enumerate(children):
            try:
                if names[index] and child.name is None:
                    parent = self.xpath_search("./parent::cs:names[1]")[0]  # type: ignore[attr-defined]
                    text = child.render(item, names_context=parent, context=context, **kwargs)
                else:
                    text = fns[index](item, context, "", kwargs)
            except VariableError:
                continue
            if text:
                self.add_to_repressed_list(child, context)  # type: ignore[attr-defined]
                break
        return text


def _slots(elements: list[Any]) -> list[Render]:
    """One lazily compiled closure per element: each slot replaces itself on first call."""
    slots: list[Render] = []

    def lazy(index: int, element: Any) -> Render:
        def first(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
            fn = slots[index] = element_fn(element)
            return fn(item, context, delimiter, kwargs)

        return first

    for index, element in enumerate(elements):
        slots.append(lazy(index, element))
    return slots


def _macro_source(macro: Any) -> Callable[[Any, Any], Any]:
    """What a macro prints for a ``cs:text`` (``Macro.render(item, context)``); a lone
    child is called directly (its VariableError means the macro printed nothing)."""
    children = list(macro.iterchildren())
    if len(children) != 1:
        body = children_fn(macro)
        return lambda item, context: body(item, context, "", MACRO_KWARGS)
    slot = _slots(children)

    def lone(item: Any, context: Any) -> Any:
        try:
            return slot[0](item, context, "", MACRO_KWARGS)
        except VariableError:
            return None

    return lone


def _children(parent: Any) -> Render:
    """``Parent.render_children``: the children's texts joined by the enclosing delimiter."""
    fns = _slots(list(parent.iterchildren()))
    if len(fns) == 1:

        def only(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
            try:
                return fns[0](item, context, delimiter, kwargs)
            except VariableError:
                return None

        return only

    def walk(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        output = []
        for fn in fns:
            try:
                text = fn(item, context, delimiter, kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if not output:
            return None
        return output[0] if len(output) == 1 else join(output, delimiter)  # join of one: it

    return walk


def _compile(element: Any) -> Render:
    if isinstance(element, model.Choose):
        return _choose(element)
    if isinstance(element, model.Group):
        return _group(element)
    if isinstance(element, model.Text) and element.__dict__.get("_tpc_xpath") is not None:
        return text_fn(element, _macro_source)
    if isinstance(element, (model.If, model.Else)):
        return _branch(element)
    if isinstance(element, model.Names):
        return _names(element)
    return _fallback(element)


def _fallback(element: Any) -> Render:
    def render(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        return element.render(item, context=context, **kwargs)

    return render


def _branch(element: Any) -> Render:
    """A ``cs:if``/``cs:else`` outside a ``cs:choose`` (only a direct call): its own render."""

    def render(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        return element.render(item, context=context, delimiter=delimiter, **kwargs)

    return render


# ---------------------------------------------------------------------------------------
# cs:choose and its conditions

_ALWAYS, _ITEM_TEST, _CONTEXT_TEST = 0, 1, 2


def _condition(branch: Any) -> tuple[int, Any]:
    """How a branch decides: always (``cs:else``), a closure over the item, or over both."""
    if not isinstance(branch, model.If):
        return _ALWAYS, None
    test = branch.__dict__.get("_tpc_test")
    if test is None:
        test = branch._compile_test()
        if _frozen(branch):
            branch.__dict__["_tpc_test"] = test
    if test is not False:
        return _ITEM_TEST, test
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

    return _CONTEXT_TEST, holds


def _choose(choose: Any) -> Render:
    """``cs:choose``: the first branch whose condition holds renders its children."""
    children = list(choose.iterchildren())
    if not all(isinstance(child, (model.If, model.Else)) for child in children):
        return _fallback_choose(choose)
    conditions = [_condition(branch) for branch in children]
    bodies: list[Render] = []

    def lazy(index: int, branch: Any) -> Render:
        def first(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
            fn = bodies[index] = _branch_body(branch)
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
    plans: dict[str, Any] = {}  # the plan for items of one type: type tests decided

    def specialise(kind_of_item: str) -> Any:
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
        kept = plans.get(kind_of_item)
        if kept is None:
            kept = plans[kind_of_item] = specialise(kind_of_item)
        for kind, test, index in kept:  # as _walk_branches, one frame less
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


def _branch_body(branch: Any) -> Render:
    """A branch's children walk; a lone child's own closure (its VariableError is the
    caller's to catch, as ``render_children`` would)."""
    children = list(branch.iterchildren())
    if len(children) == 1:
        return element_fn(children[0])
    return children_fn(branch)


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


def _fallback_choose(choose: Any) -> Render:
    def render(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        return choose.render(item, context=context, delimiter=delimiter, **kwargs)

    return render


# ---------------------------------------------------------------------------------------
# cs:group


def _group(group: Any) -> Render:
    """``cs:group``: suppressed when it calls variables and none rendered; then formatted."""
    delimiter = group.get("delimiter", "")
    elements = list(group.iterchildren())
    calls = [bool(child.calls_variable()) for child in elements]
    any_calls = any(calls)
    fns = _slots(elements)
    finish = finish_fn(group)
    if len(fns) == 1:
        return _lone_group(fns, delimiter, finish)

    def render(item: Any, context: Any, _: str, kwargs: dict[str, Any]) -> Any:
        output = []
        rendered = False
        for fn, variable in zip(fns, calls, strict=True):  # each slot as it is now
            try:
                text = fn(item, context, delimiter, kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
                if variable:
                    rendered = True
        if not output or (any_calls and not rendered):
            raise VariableError
        if len(output) == 1:
            text = output[0]  # what join returns for one text
        else:
            try:
                text = join(output, delimiter)
            except Exception:  # citeproc-py's Delimited.join: any failure joins to ''
                return None
        if not text:
            return None
        if finish is None:
            return str(text) if isinstance(text, (int, float)) else text
        return finish(text)

    return render


# ---------------------------------------------------------------------------------------
# cs:names (the common case: none of its variables, no substitute)


def _names(names: Any) -> Render:
    """A ``cs:names`` that can print nothing for an item raises at once; else its own render."""
    variables = names.get("variable")
    fallback = _fallback(names)
    if variables is None or names.substitute() is not None:
        return fallback
    roles = variables.split()

    def render(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        reference = item.reference
        for role in roles:
            if role in reference:
                return names.render(item, context=context, **kwargs)
        raise VariableError  # Names.process: no name and no substitute

    return render


def _lone_group(
    fns: list[Render], delimiter: str, finish: Callable[[Any], Any] | None
) -> Render:  # fmt: skip
    """A ``cs:group`` of one child (943 of Chicago's 1,148): it prints what its child prints.

    Its child's VariableError, or no text, means the group prints nothing (VariableError);
    with one child, "called a variable but rendered none" cannot happen otherwise.
    """

    def render(item: Any, context: Any, _: str, kwargs: dict[str, Any]) -> Any:
        text = fns[0](item, context, delimiter, kwargs)
        if text is None:
            raise VariableError
        if not text:
            return None
        if finish is None:
            return str(text) if isinstance(text, (int, float)) else text
        return finish(text)

    return render
