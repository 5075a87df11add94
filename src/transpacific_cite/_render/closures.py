"""A frozen style compiled into closures: one Python function per element, built on first use.

citeproc-py renders an element through a chain of methods (``Choose.render`` -> ``If.render``
-> its tests -> ``render_children`` -> ``child.render`` -> ``markup(process())`` -> ``format``
-> ``wrap``), each reading the element's attributes again. Once a style is frozen
(:func:`.fast.freeze`) none of that can change, so each element is turned, the first time it
renders, into one closure over what it will always do::

    fn(item, context, delimiter, kwargs) -> text | None    (raises VariableError as before)

``context`` and ``kwargs`` are what citeproc-py passes down (``kwargs`` holds ``sort_options``
inside macros); ``delimiter`` is the enclosing group's, used only by ``cs:choose`` and its
branches (CSL 1.0.2: a choose is transparent). Compiled:

- ``cs:choose`` and its conditions (:mod:`.closure_choose`);
- the children walks of branches, macros, layouts and ``cs:substitute``;
- ``cs:group`` (suppression, delimiter, formatting, affixes; one child in one frame);
- ``cs:text`` (variable, macro, term or value; periods, text case, formatting, quotes,
  affixes) and formatting itself (:mod:`.closure_text`);
- ``cs:names`` (its variables through its ``cs:name`` and ``cs:label``, the join, the
  substitute).

Every other element (``cs:name`` itself, dates, numbers, labels, a text of ``page``,
``locator`` or ``citation-number``, a ``cs:names`` of ``editor translator``) is called
through its own ``render`` from its closure, so correctness falls back to what is there.

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

from .closure_choose import choose_fn
from .closure_text import MACRO_KWARGS, finish_fn, text_fn
from .compiled import CompiledParent, _frozen, kept

Render = Callable[[Any, Any, str, dict[str, Any]], Any]


def element_fn(element: Any) -> Render:
    """The closure rendering ``element`` (kept on a frozen element's proxy)."""
    return kept(element, "_tpc_fn", _compile)  # type: ignore[no-any-return]


def children_fn(element: Any) -> Render:
    """The closure walking ``element``'s children (``Parent.render_children``), kept once frozen."""
    return kept(element, "_tpc_body", _children)  # type: ignore[no-any-return]


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
    """One lazily compiled closure per element: each slot replaces itself by the element's
    closure on the element's second render (its first takes the element's own render)."""
    slots: list[Render] = []

    def lazy(index: int, element: Any) -> Render:
        def first(item: Any, context: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
            kept = element.__dict__
            if "_tpc_seen" not in kept and "_tpc_xpath" in kept:
                # its first render takes the uncompiled path: an element rendered once (a
                # cold `cite`) is not worth compiling; one rendered again is
                kept["_tpc_seen"] = True
                if isinstance(element, (model.Choose, model.If, model.Else)):
                    return element.render(item, context=context, delimiter=delimiter, **kwargs)
                return element.render(item, context=context, **kwargs)
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
        return choose_fn(element, _branch_body, _fallback_choose)
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


def _branch_body(branch: Any) -> Render:
    """A branch's children walk; a lone child's own closure (its VariableError is the
    caller's to catch, as ``render_children`` would)."""
    children = list(branch.iterchildren())
    if len(children) == 1:
        return element_fn(children[0])
    return children_fn(branch)


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
    """``cs:names`` (``Names.render``): each of its variables the item has, by its
    ``cs:name`` and ``cs:label``, joined by the parent's names delimiter; else its
    substitute; else nothing (VariableError).

    Left to its own render: no ``variable``, no ``cs:name`` child (citeproc-py then inserts
    one), and ``editor translator`` (printed once when the two are equal).
    """
    variables = names.get("variable")
    name = names.name if variables is not None else None
    if name is None:
        return _fallback(names)
    roles = variables.split()
    if set(roles) == {"editor", "translator"}:
        return _fallback(names)
    label = names.label
    label_first = label is not None and label is names.getchildren()[0]
    substitute = names.substitute()
    finish = finish_fn(names)

    def render(item: Any, context: Any, _: str, kwargs: dict[str, Any]) -> Any:
        if context is None:
            context = names
        reference = item.reference
        output = []
        for role in roles:
            if role not in reference:
                continue
            text = name.render(item, role, context=context, **kwargs)
            plural = len(reference[role]) > 1
            try:  # citeproc-py: an AttributeError here (no cs:label) means no label
                labelled = label.render(item, role, plural, **kwargs)
                if labelled is not None:
                    text = labelled + text if label_first else text + labelled
            except AttributeError:
                pass
            output.append(text)
        if output:
            # citeproc-py sums the outputs and checks for an int: that is, all are ints
            if all(isinstance(text, int) for text in output):
                total = sum(output)
                text = str(total) if total > 0 else None
            else:
                text = names.join(output, names.get_parent_delimiter(context))
        elif substitute is not None:
            text = substitute.render(item, context=context, **kwargs)
        else:
            raise VariableError  # Names.process: no name and no substitute
        if not text:
            return None
        if finish is None:
            return str(text) if isinstance(text, (int, float)) else text
        return finish(text)

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
