"""Style trees whose static questions are answered once: citeproc-py without the re-asking.

citeproc-py re-derives facts about a style on every use, from a tree that never changes once
we have loaded and repaired it: each macro reference is an XPath query over the whole style
(``get_macro``), each element finds its layout and its ancestors by XPath (``get_layout``,
``xpath_search``), each ``cs:group`` asks its subtree again whether it calls a variable
(``calls_variable``), and each position test (first, subsequent, ibid) scans every earlier
cite. Profiles put XPath alone at 37-45% of all time (issue 5).

We answer those questions once per loaded style, without touching citeproc-py's classes:
lxml picks an element's Python class through the parser's class lookup, so we parse styles
and locales with our own parser whose lookup maps every CSL element name to a subclass of
citeproc-py's class with :class:`_Answered` mixed in. citeproc-py's own parser only ever sees
its own classes (its lookup is built from the direct subclasses of its base, and ours are
not direct subclasses), so code that uses citeproc-py directly is unaffected.

The answers live as attributes on the element proxies, which :func:`freeze` pins (keeps
referenced) for the life of the loaded style: lxml hands out the same proxy for a node while
one is alive. An element without an answer (never pinned) falls back to citeproc-py's own
method, so an answer can make rendering faster but never different.
"""

from __future__ import annotations

from typing import Any

from citeproc import CitationStylesStyle, model
from citeproc.source import VariableError
from citeproc.string import String, normalize_seam
from lxml import etree

from .cites import CiteHistory as CiteHistory
from .cites import FastCitationItem as FastCitationItem
from .cites import IndexedBibliography as IndexedBibliography
from .closure_choose import context_test
from .closure_text import compiled_format
from .closures import ClosureParent, ClosureSubstitute
from .compiled import (
    CompiledChoose,
    CompiledDate,
    CompiledGroup,
    CompiledTerm,
    CompiledTermLookup,
    CompiledTextMarkup,
    kept,
)
from .dates import date_part_element
from .marks import MARK, TEST, item_holds
from .names import name_part_element, render_name_element

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NSMAP = {"cs": CSL_NS}

# The condition tests compiled into one closure; any other test (position, locator, ...)
# keeps citeproc-py's (or our position index's) path.
_COMPILED_TESTS = frozenset({"type", "variable", "match"})


class _Answered:
    """Mixin: serve static answers stored on the element, else ask citeproc-py.

    Each attribute is absent until :func:`freeze` sets it. ``SomewhatObjectifiedElement``
    turns an unknown attribute into a child lookup that returns None, so "absent" reads as
    None, which means "ask citeproc-py".
    """

    _tpc_root: Any
    _tpc_xpath: dict[str, Any] | None
    _tpc_layout: Any
    _tpc_calls_variable: bool | None
    _tpc_style_root: Any

    def __getattr__(self, name: str) -> Any:
        """A child element by name (citeproc-py's lookup), kept once the tree is frozen.

        Our own ``_tpc_*`` answers are never child elements: absent means None at once,
        without a search. A frozen element keeps each child it was asked for in its
        ``__dict__``, where Python finds it next time before calling this method.
        """
        if name.startswith("_tpc_"):
            return None
        found = self.find("cs:" + name, _NSMAP)
        if self.__dict__.get("_tpc_xpath") is not None:
            self.__dict__[name] = found
        return found

    def get_option(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """citeproc-py's option look-up, asked once per frozen element and name.

        Only the plain form (a name alone) is kept: ``cs:name``'s form with a context or
        sort options depends on them and is always asked afresh.
        """
        if args or kwargs:
            return super().get_option(name, *args, **kwargs)  # type: ignore[misc]
        answers = self.__dict__.get("_tpc_options")
        if answers is None:
            if self.__dict__.get("_tpc_xpath") is None:
                return super().get_option(name)  # type: ignore[misc]
            answers = self.__dict__["_tpc_options"] = {}
        try:
            return answers[name]
        except KeyError:
            pass
        answer = answers[name] = super().get_option(name)  # type: ignore[misc]
        return answer

    def get_locale_option(self, name: str) -> Any:
        """The locale option, asked once per style root (its locales never change)."""
        root = self.get_root()
        answers = root.__dict__.get("_tpc_locale_options")
        if answers is None:
            if root.__dict__.get("_tpc_xpath") is None:
                return super().get_locale_option(name)  # type: ignore[misc]
            answers = root.__dict__["_tpc_locale_options"] = {}
        try:
            return answers[name]
        except KeyError:
            pass
        answer = answers[name] = super().get_locale_option(name)  # type: ignore[misc]
        return answer

    def wrap(self, string: Any) -> Any:
        """Affixes (citeproc-py's ``Affixed.wrap``), read from the element once."""
        if string is None:
            return None
        affixes = self.__dict__.get("_tpc_affixes")
        if affixes is None:
            affixes = (self.get("prefix", ""), self.get("suffix", ""))
            if self.__dict__.get("_tpc_xpath") is not None:
                self.__dict__["_tpc_affixes"] = affixes
        prefix, suffix = affixes
        text = prefix + normalize_seam(prefix, string)
        return text + normalize_seam(text, suffix)

    def get_root(self) -> Any:
        root = self._tpc_root
        return root if root is not None else super().get_root()  # type: ignore[misc]

    def xpath_search(self, expression: str) -> Any:
        answers = self._tpc_xpath
        if answers is None:
            return super().xpath_search(expression)  # type: ignore[misc]
        found = answers.get(expression)
        if found is None:
            found = answers[expression] = super().xpath_search(expression)  # type: ignore[misc]
        return found

    def get_macro(self, name: str) -> Any:
        root = self.get_root()
        macros = root._tpc_macros
        if macros is not None:
            macro = macros.get(name)
            if macro is not None:
                return macro
        return super().get_macro(name)  # type: ignore[misc]

    def get_layout(self) -> Any:
        layout = self._tpc_layout
        return layout if layout is not None else super().get_layout()  # type: ignore[misc]

    def calls_variable(self) -> bool:
        answer = self._tpc_calls_variable
        if answer is None:
            answer = bool(super().calls_variable())  # type: ignore[misc]
            if self._tpc_xpath is not None:  # pinned: the answer stays with the proxy
                self._tpc_calls_variable = answer
        return answer

    def format(self, string: Any) -> Any:
        """citeproc-py's formatting, then our own mark if the element carries one.

        The marks (:data:`.repairs.MARK`) are attributes in our namespace on groups our repairs
        add; the formatter decides what each means (:meth:`.formatter.Formatter.mark`).
        """
        compiled = self.__dict__.get("_tpc_format")
        if compiled is None:
            compiled = compiled_format(self)
            if self.__dict__.get("_tpc_xpath") is not None:
                self.__dict__["_tpc_format"] = compiled
        if compiled is False:
            text = super().format(string)  # type: ignore[misc]
            mark = self.get(MARK)
            return text if mark is None else self.get_formatter().mark(mark, text)
        wrappers, mark = compiled
        if isinstance(string, (int, float)):
            string = str(string)
        if not wrappers and mark is None:
            return string
        formatter = self.get_formatter()
        for wrapper in wrappers:
            string = getattr(formatter, wrapper)(string)
        return string if mark is None else formatter.mark(mark, string)

    def get_formatter(self) -> Any:
        # the style root holds the run's formatter; a locale's elements reach it via .style
        holder = self._tpc_style_root
        if holder is None:
            root = self.get_root()
            holder = root.style if isinstance(root, model.Locale) else root
        return holder.formatter


class _AnsweredCondition(_Answered):
    """``cs:if``/``cs:else-if``: position tests read an index of earlier cites, not a scan.

    Type and variable tests are compiled once into a closure over the item (the types
    lower-cased, the variables in citeproc-py's underscore spelling, ``match`` resolved).
    """

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        test = self.kept_test()
        if test is False:
            if self.get(TEST) is None:
                return super().render(item, context=context, delimiter=delimiter, **kwargs)  # type: ignore[misc]
            if not context_test(self)(item, context):
                raise model.ConditionFailed
        elif not test(item):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def kept_test(self) -> Any:
        """:meth:`_compile_test`'s closure (or False), kept once the style is frozen."""
        return kept(self, "_tpc_test", _AnsweredCondition._compile_test)

    def _compile_test(self) -> Any:
        """A closure answering this condition for an item, or False to leave it to citeproc-py.

        Our own run-mark test (:data:`.marks.TEST`, added by the repairs) is one more result
        under ``match``.
        """
        attributes = self.attrib
        ours = attributes.get(TEST)
        if not _COMPILED_TESTS.issuperset(name for name in attributes if name != TEST):
            return False
        types = tuple(kind.lower() for kind in attributes.get("type", "").split())
        variables = tuple(name.replace("-", "_") for name in attributes.get("variable", "").split())
        match = attributes.get("match")
        combine = any if match in ("any", "none") else all
        negate: bool = match == "none"

        kinds = frozenset(types)
        read = dict.__getitem__  # a Reference always has its type (its constructor needs one)
        if ours is not None and not types and not variables:  # our twins' conditions

            def test_ours(item: Any) -> bool:
                kept = item.__dict__.get("_tpc_run_marks")  # item_holds's, found once
                if kept is None:
                    return item_holds(item, ours) != negate
                return bool(kept[0].holds(ours, kept[1])) != negate

            return test_ours
        if ours is not None:

            def test_with_ours(item: Any) -> bool:
                reference = item.reference
                results = [kind == read(reference, "type") for kind in types]
                for name in variables:
                    results.append(("locator" in item) if name == "locator" else name in reference)
                results.append(item_holds(item, ours))
                return bool(combine(results)) != negate

            return test_with_ours
        if types and not variables and (combine is any or len(kinds) == 1):

            def test_type(item: Any) -> bool:
                return (read(item.reference, "type") in kinds) != negate

            return test_type
        if len(variables) == 1 and not types and "locator" not in variables:
            (variable,) = variables

            def test_variable(item: Any) -> bool:
                return (variable in item.reference) != negate

            return test_variable
        if variables and not types and "locator" not in variables:
            if combine is any:  # "any" and "none": the first variable present decides

                def test_any_variable(item: Any) -> bool:
                    reference = item.reference
                    for name in variables:
                        if name in reference:
                            return not negate
                    return negate

                return test_any_variable

            def test_variables(item: Any) -> bool:  # "all": the first variable absent decides
                reference = item.reference
                return all(name in reference for name in variables)

            return test_variables

        def test(item: Any) -> bool:
            reference = item.reference
            results = [kind == read(reference, "type") for kind in types] if types else []
            for name in variables:
                results.append(("locator" in item) if name == "locator" else name in reference)
            return bool(combine(results)) != negate

        return test

    def _position(self, item: Any, context: Any) -> list[bool]:
        if context is None:
            context = self
        cites = context.get_layout().getparent().cites
        if not isinstance(cites, CiteHistory):
            return super()._position(item, context)  # type: ignore[misc,no-any-return]
        if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
            return [False]
        positions = self.get("position").split()
        return [cites.position_test(position, item, self) for position in positions]


class _AnsweredText(_Answered):
    """``cs:text``: what it prints (variable, macro, term or value) decided once.

    citeproc-py's ``Text.process`` asks the element's attributes on every render and finds
    the item's language by catching an exception for every item without one.
    """

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        kind = self.__dict__.get("_tpc_kind")
        if kind is None:
            attributes = self.attrib
            kind = next(
                (name for name in ("variable", "macro", "term", "value") if name in attributes),
                False,
            )
            if self.__dict__.get("_tpc_xpath") is not None:
                self.__dict__["_tpc_kind"] = kind
        if kind is False:
            return super().process(item, context, **kwargs)  # type: ignore[misc]
        if context is None:
            context = self
        try:
            language = dict.get(item.reference, "language")
        except VariableError:
            language = None
        if language is None:
            language = self.get_root().get("default-locale", "en")[:2]
        else:
            language = language[:2]
        if kind == "variable":
            text = self._variable(item, context)
        elif kind == "macro":
            text = self.get_macro(self.get("macro")).render(item, context)
        elif kind == "term":
            text = self._term(item)
        else:
            text = String(self.preformat(self.get("value")))
        return text, language

    def quote(self, string: Any) -> Any:
        """citeproc-py's ``Quoted.quote``, the ``quotes`` attribute read once."""
        quoted = self.__dict__.get("_tpc_quoted")
        if quoted is None:
            quoted = self.get("quotes", "false").lower() == "true"
            if self.__dict__.get("_tpc_xpath") is not None:
                self.__dict__["_tpc_quoted"] = quoted
        if not quoted:
            return string
        return super().quote(string)  # type: ignore[misc]


# Elements whose walk over their children is compiled (:mod:`.compiled`), beyond every
# parent's ``render_children``.
_COMPILED_STRUCTURE: dict[type, tuple[type, ...]] = {
    model.Group: (CompiledGroup,),
    model.Choose: (CompiledChoose,),
    model.Text: (CompiledTextMarkup,),
    model.Term: (CompiledTerm,),
    model.Substitute: (ClosureSubstitute,),
    model.Date: (CompiledDate,),
}


def _answered_classes() -> dict[str | None, type]:
    """Element name -> our subclass of citeproc-py's class for it (as its own lookup names them)."""
    classes: dict[str | None, type] = {}
    for cls in model.CitationStylesElement.__subclasses__():
        mixin: type = _Answered
        if issubclass(cls, model.If):
            mixin = _AnsweredCondition
        elif cls is model.Text:
            mixin = _AnsweredText
        compiled = _COMPILED_STRUCTURE.get(cls, ())
        if issubclass(cls, model.Parent):
            compiled += (ClosureParent,)
        if not issubclass(cls, model.Locale):  # a locale's own get_term is its search
            compiled += (CompiledTermLookup,)
        bases = (*compiled, mixin, cls)
        classes[cls.__name__.replace("_", "-").lower()] = type(cls.__name__, bases, {})
    classes[None] = type("CitationStylesElement", (_Answered, model.CitationStylesElement), {})
    base_style = classes["style"]

    def set_locale_list(self: Any, output_locale: str, validate: bool = True) -> None:
        # citeproc-py parses the locale files with its own parser; parse them again with ours
        # so terms and dates are answered too (in-style locales are ours already).
        model.Style.set_locale_list(self, output_locale, validate=validate)
        locales = []
        for locale in self.locales:
            if not isinstance(locale, _Answered):
                locale = etree.parse(locale.getroottree().docinfo.URL, _parser()).getroot()
            locale.style = self
            locales.append(locale)
        self.locales = locales

    classes["style"] = type("Style", (base_style,), {"set_locale_list": set_locale_list})
    classes["name"] = render_name_element(classes["name"])  # East Asian names (names.py)
    classes["name-part"] = name_part_element(classes["name-part"])
    classes["date-part"] = date_part_element(classes["date-part"])  # overrides (dates.py)
    return classes


_PARSER: etree.XMLParser | None = None


def _parser() -> etree.XMLParser:
    global _PARSER
    if _PARSER is None:
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace.update(_answered_classes())
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        parser.set_element_class_lookup(lookup)
        _PARSER = parser
    return _PARSER


def parse_style(path: str, *, locale: str) -> Any:
    """A citeproc-py ``CitationStylesStyle`` for ``path``, parsed with our element classes.

    Raises:
        OSError, etree.XMLSyntaxError: as lxml does for a missing or malformed file.
    """
    style = CitationStylesStyle.__new__(CitationStylesStyle)
    style.parser = _parser()
    style.xml = etree.parse(path, style.parser)
    style.root = style.xml.getroot()
    style.root.set_locale_list(locale, validate=False)
    return style


def freeze(style: Any) -> None:
    """Answer the static questions of a loaded style whose tree will not change again.

    Call after every edit of the tree. Pins every element proxy of the style and its
    locales on ``style`` so the answers stored on them live as long as the style.
    """
    root = style.root
    pinned: list[Any] = list(root.iter())
    macros: dict[str, Any] = {}
    for macro in root.iterchildren(f"{{{CSL_NS}}}macro"):
        macros.setdefault(str(macro.get("name")), macro)
    for element in pinned:
        if isinstance(element, _Answered):
            element._tpc_root = root
            element._tpc_style_root = root
            element._tpc_xpath = {}
    for layout in root.iter(f"{{{CSL_NS}}}layout"):
        for element in layout.iter():
            if isinstance(element, _Answered):
                element._tpc_layout = layout
    for locale in root.locales:
        if locale.getroottree().getroot() is root:
            continue  # an in-style locale: pinned above
        for element in locale.iter():
            if isinstance(element, _Answered):
                element._tpc_root = locale
                element._tpc_style_root = root
                element._tpc_xpath = {}
            pinned.append(element)
    root._tpc_macros = macros
    style.tpc_pinned = pinned
