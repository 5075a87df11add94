"""The structure of a frozen style, compiled: children, groups, choices and text markup.

citeproc-py walks the style tree on every render: each ``cs:group``, ``cs:choose``, macro
and layout lists its children afresh (``iterchildren`` makes an lxml proxy for each), asks
each child again whether it calls a variable, and each ``cs:text`` re-reads its
``strip-periods``, ``text-case`` and default language. Once a style is frozen
(:func:`.fast.freeze`) none of that can change, so each element builds its plan the first
time it renders and keeps it on its (pinned) proxy; the next render walks the plan.

Every method here returns what citeproc-py 0.11.1's method of the same name returns for the
same element and item (its ``Parent.render_children``, ``Group.process``, ``Choose.render``,
``Text.markup``): only what is re-asked is gone. An element that is not frozen (a tree still
being repaired) asks citeproc-py afresh, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String, join


def _frozen(element: Any) -> bool:
    """Whether ``element`` belongs to a frozen style (its answers may be kept)."""
    return element.__dict__.get("_tpc_xpath") is not None


def kept(element: Any, name: str, compute: Callable[[Any], Any]) -> Any:
    """``compute(element)``, kept on the element's proxy under ``name`` once it is frozen."""
    answer = element.__dict__.get(name)
    if answer is None:
        answer = compute(element)
        if _frozen(element):
            element.__dict__[name] = answer
    return answer


def _children(element: Any) -> tuple[tuple[Any, bool], ...]:
    """``element``'s children, each with whether it is a ``cs:choose`` (kept once frozen)."""
    return kept(element, "_tpc_children", _child_list)  # type: ignore[no-any-return]


def _child_list(element: Any) -> tuple[tuple[Any, bool], ...]:
    return tuple((child, isinstance(child, model.Choose)) for child in element.iterchildren())


class CompiledParent:
    """``render_children`` over the kept child list (citeproc-py's ``Parent``)."""

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        """The children's texts joined by the enclosing delimiter (None if all are empty).

        A ``cs:choose`` child gets the delimiter (it is transparent, CSL 1.0.2 "Group").
        """
        output = []
        for child, choose in _children(self):
            try:
                if choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        return join(output, delimiter) if output else None


class CompiledChoose:
    """``cs:choose``: the first branch whose condition holds, over the kept branch list."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        for branch, _ in _children(self):
            try:
                return branch.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
        return None


def _group_plan(group: Any) -> tuple[str, tuple[tuple[Any, bool, bool], ...]]:
    """A group's delimiter and children, each with (is a choose, calls a variable)."""
    plan = group.__dict__.get("_tpc_group")
    if plan is None:
        children = tuple(
            (child, choose, bool(child.calls_variable())) for child, choose in _children(group)
        )
        plan = (group.get("delimiter", ""), children)
        if _frozen(group):
            group.__dict__["_tpc_group"] = plan
    return plan  # type: ignore[no-any-return]


class CompiledGroup:
    """``cs:group``: suppressed when it calls variables and none rendered (CSL 1.0.2)."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """The children's texts joined by the group's delimiter.

        Raises:
            VariableError: the group prints nothing (as citeproc-py signals it).
        """
        delimiter, children = _group_plan(self)
        output = []
        variable_called = variable_rendered = False
        for child, choose, calls in children:
            variable_called = variable_called or calls
            try:
                if choose:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
                variable_rendered = variable_rendered or calls
        if output and (not variable_called or variable_rendered):
            try:
                return join(output, delimiter)
            except Exception:  # citeproc-py's Delimited.join: any failure joins to ''
                return String("")
        raise VariableError


def _text_plan(text: Any) -> tuple[bool, bool]:
    """Whether a ``cs:text`` strips periods and whether it has a text case."""
    plan = text.__dict__.get("_tpc_markup")
    if plan is None:
        plan = (
            text.get("strip-periods", "false").lower() == "true",
            text.get("text-case") is not None,
        )
        if _frozen(text):
            text.__dict__["_tpc_markup"] = plan
    return plan  # type: ignore[no-any-return]


class CompiledTextMarkup:
    """``cs:text``'s markup with its static attributes read once (citeproc-py's ``Text.markup``)."""

    def markup(self, text: Any, language: Any) -> Any:
        if not text:
            return None
        strip, cased = _text_plan(self)
        if strip:
            text = text.replace(".", "")
        if cased:
            text = self.case(text, language)  # type: ignore[attr-defined]
        return self.wrap(self.quote(self.format(text)))  # type: ignore[attr-defined]


class CompiledTermLookup:
    """Terms found once per style (or locale) root and question (citeproc-py searches the
    locales by XPath each time); ``None`` (no such term) is an answer too."""

    def get_term(
        self,
        name: str,
        form: Any = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        root = self.get_root()  # type: ignore[attr-defined]
        terms = root.__dict__.get("_tpc_terms")
        if terms is None:
            if not _frozen(root):
                return super().get_term(name, form, fallback_locale, zero_padded)  # type: ignore[misc]
            terms = root.__dict__["_tpc_terms"] = {}
        key = (name, form, fallback_locale, zero_padded)
        try:
            return terms[key]
        except KeyError:
            pass
        term = terms[key] = super().get_term(name, form, fallback_locale, zero_padded)  # type: ignore[misc]
        return term


def _term_text(term: Any, form: str) -> str:
    """A ``cs:term``'s text for ``single`` or ``multiple`` (kept once frozen)."""
    texts = term.__dict__.get("_tpc_texts")
    if texts is None:
        texts = {}
        if _frozen(term):
            term.__dict__["_tpc_texts"] = texts
    text = texts.get(form)
    if text is None:
        found = term.find("cs:" + form, term.nsmap)
        text = texts[form] = (term.text if found is None else found.text) or ""
    return text  # type: ignore[no-any-return]


class CompiledTerm:
    """``cs:term``'s forms with their text read once; preformatted on every use, as citeproc-py
    does (the formatter maps quotation terms to marks, alternating where they are equal)."""

    @property
    def single(self) -> String:
        return String(self.preformat(_term_text(self, "single")))  # type: ignore[attr-defined]

    @property
    def multiple(self) -> String:
        return String(self.preformat(_term_text(self, "multiple")))  # type: ignore[attr-defined]


class CompiledDate:
    """``cs:date``'s two static questions answered once: is it a locale's date (an XPath
    search that raises IndexError for every style date), and which locale date a ``form``
    names (a search of each locale in turn, raising for each that lacks it)."""

    def is_locale_date(self) -> bool:
        answer = self.__dict__.get("_tpc_locale_date")
        if answer is None:
            answer = bool(super().is_locale_date())  # type: ignore[misc]
            if _frozen(self):
                self.__dict__["_tpc_locale_date"] = answer
        return answer

    def get_date(self, form: str) -> Any:
        dates = self.__dict__.get("_tpc_dates")
        if dates is None:
            if not _frozen(self):
                return super().get_date(form)  # type: ignore[misc]
            dates = self.__dict__["_tpc_dates"] = {}
        try:
            return dates[form]
        except KeyError:
            pass
        found = dates[form] = super().get_date(form)  # type: ignore[misc]
        return found
