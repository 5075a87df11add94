"""Formatting, affixes and ``cs:text`` of a frozen style, compiled into closures (:mod:`.closures`).

``format_fn`` is ``Formatted.format`` with our mark (:data:`.marks.MARK`), ``affixes_fn`` is
``Affixed.wrap``, and ``text_fn`` is ``Text.render`` (``Text.process`` then ``Text.markup``)
of one element, each with the element's attributes read once. The formatter is the run's
(found through the style root on every call) and its ``preformat`` is called where and when
citeproc-py calls it: it is stateful where a locale's quote marks alternate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc.string import SEAM_PUNCTUATION, String, normalize_seam

from .compiled import _frozen, _term_text, _text_plan
from .marks import MARK

# Formatted.format's five steps (citeproc-py 0.11.1, model.Formatted): the attribute, its
# default, and the formatter class each non-default value wraps the text in.
_FORMAT_STEPS = (
    ("font-style", "normal", {"italic": "Italic", "oblique": "Oblique"}),
    ("font-variant", "normal", {"small-caps": "SmallCaps"}),
    ("font-weight", "normal", {"bold": "Bold", "light": "Light"}),
    ("text-decoration", "none", {"underline": "Underline"}),
    ("vertical-align", "baseline", {"sup": "Superscript", "sub": "Subscript"}),
)
# A macro called from a cs:text gets no sort options (citeproc-py's Text.process calls
# ``macro.render(item, context)``, whose sort_options default to None).
MACRO_KWARGS: dict[str, Any] = {"sort_options": None}


# Characters at an affix's seam that normalize_seam may act on (a doubled space or mark).
_SEAM = SEAM_PUNCTUATION | {" "}


def compiled_format(element: Any) -> Any:
    """The formatter classes an element wraps text in, in citeproc-py's order, and our mark.

    False where citeproc-py would fail on a value it does not know (left to it).
    """
    wrappers = []
    for attribute, default, classes in _FORMAT_STEPS:
        value = element.get(attribute, default)
        if value == default:
            continue
        if value not in classes:
            return False
        wrappers.append(classes[value])
    return tuple(wrappers), element.get(MARK)


def finish_fn(element: Any) -> Callable[[Any], Any] | None:
    """``wrap(format(text))`` of an element, its attributes read once (text is not empty);
    None where it only turns a number into text."""
    fmt = format_fn(element)
    affix = affixes_fn(element)
    if affix is None:
        return fmt
    if fmt is None:
        return lambda text: affix(str(text) if isinstance(text, (int, float)) else text)
    return lambda text: affix(fmt(text))


def format_fn(element: Any) -> Callable[[Any], Any] | None:
    """``Formatted.format`` (with our mark) for one element; None where it only turns a
    number into text (the caller does that inline)."""
    plan = element.__dict__.get("_tpc_format")
    if plan is None:
        plan = compiled_format(element)
    holder = element.__dict__.get("_tpc_style_root")
    if plan is False or holder is None:
        return element.format  # type: ignore[no-any-return]
    wrappers, mark = plan
    if not wrappers and mark is None:
        return None

    def formatted(string: Any) -> Any:
        if isinstance(string, (int, float)):
            string = str(string)
        formatter = holder.formatter
        for wrapper in wrappers:
            string = getattr(formatter, wrapper)(string)
        return string if mark is None else formatter.mark(mark, string)

    return formatted


def affixes_fn(element: Any) -> Callable[[Any], Any] | None:
    """``Affixed.wrap`` for one element's affixes; None where it changes nothing.

    normalize_seam only acts where the characters either side of a seam are equal spaces or
    equal punctuation marks, so an affix whose seam side is neither needs no check.
    """
    prefix = element.get("prefix", "")
    suffix = element.get("suffix", "")
    if not prefix and not suffix:
        return None
    prefix_seam = bool(prefix) and prefix[-1] in _SEAM
    suffix_seam = bool(suffix) and suffix[0] in _SEAM

    def wrap(string: Any) -> Any:
        if prefix:
            text = prefix + (normalize_seam(prefix, string) if prefix_seam else string)
        else:
            text = string
        if not suffix:
            return text
        return text + (normalize_seam(text, suffix) if suffix_seam else suffix)

    return wrap


def text_fn(
    text: Any, macro_source: Callable[[Any], Callable[[Any, Any], Any]]
) -> Callable[[Any, Any, str, dict[str, Any]], Any]:
    """``cs:text``: what it prints, then ``Text.markup`` (periods, case, format, quotes, affixes)."""
    produce = _text_source(text, macro_source)
    strip, cased = _text_plan(text)
    fmt = format_fn(text)
    quoted = text.get("quotes", "false").lower() == "true"
    affix = affixes_fn(text)
    root = text.get_root()
    default_language = root.get("default-locale", "en")[:2]

    def render(item: Any, context: Any, _: str, kwargs: dict[str, Any]) -> Any:
        value = produce(item, text if context is None else context)
        if not value:
            return None
        if strip:
            value = value.replace(".", "")
        if cased:
            language = dict.get(item.reference, "language")
            value = text.case(value, default_language if language is None else language[:2])
        if fmt is None:
            if isinstance(value, (int, float)):
                value = str(value)
        else:
            value = fmt(value)
        if quoted:
            value = text.quote(value)
        return value if affix is None else affix(value)

    return render


def _text_source(
    text: Any, macro_source: Callable[[Any], Callable[[Any, Any], Any]]
) -> Callable[[Any, Any], Any]:
    """What a ``cs:text`` prints for an item in a context (``Text.process``'s first value)."""
    attributes = text.attrib
    if "variable" in attributes:
        return _variable_source(text)
    if "macro" in attributes:
        return macro_source(text.get_macro(text.get("macro")))
    if "term" in attributes:
        return _term_source(text)
    if "value" in attributes:
        value = text.get("value")
        holder = text.__dict__.get("_tpc_style_root")
        if holder is None:
            return lambda item, context: String(text.preformat(value))
        return lambda item, context: String(holder.formatter.preformat(value))
    return lambda item, context: text.process(item, context)[0]


def _variable_source(text: Any) -> Callable[[Any, Any], Any]:
    """``Text._variable``: a variable the layout has not repressed (its substitute printed it)."""
    variable = text.get("variable")
    if variable.startswith("page") or variable in ("citation-number", "locator"):
        return text._variable  # type: ignore[no-any-return]
    tag = text.tag
    key = variable.replace("-", "_")
    short = (variable + "-short").replace("-", "_") if text.get("form") == "short" else None

    def read(item: Any, context: Any) -> Any:
        repressed = context.get_layout().repressed
        if tag in repressed and variable in repressed[tag]:
            return None
        reference = item.reference
        if short is not None and short in reference:
            return reference[short]
        return reference[key]

    return read


def _term_source(text: Any) -> Callable[[Any, Any], Any]:
    """``Text._term``: the term's text, found and read once, preformatted on every use."""
    form = text.get("form", "long")
    plural = text.get("plural", "false").lower() == "true"
    term = text.get_term(text.get("term"), form if form != "long" else None)
    if term is None:
        return lambda item, context: String("")
    holder = term.__dict__.get("_tpc_style_root")
    if holder is None or not _frozen(term):
        return lambda item, context: text._term(item)
    raw = _term_text(term, "multiple" if plural else "single")
    return lambda item, context: String(holder.formatter.preformat(raw))
