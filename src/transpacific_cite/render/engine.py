"""One rendering run through citeproc-py, with its faults worked around.

Vocabulary: a *run* renders a *document*: a sequence of *citations*, each a sequence of
:class:`Cite` values, plus (optionally) the bibliography of all given CSL items, in that
order, as pandoc's citeproc does; positions (first, subsequent, ibid) follow from the
sequence. Items get *internal keys* (``i0``, ``i1``, ...) inside the run, so the caller's
ids are never lowercased or confused (fault 13).

We drive citeproc-py's public objects (``CitationStylesBibliography``, ``Citation``,
``CitationItem``) and its element objects' own ``render_children``/``render`` methods, and
replace three of its steps with our own code: sorting (fault 8), the citation loop (faults
6, 7) and the bibliography registration (fault 1). Output is a marked string (see
:mod:`.output`); finishing it into text, HTML or Markdown is the caller's.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cmp_to_key
from typing import Any, SupportsIndex

from citeproc import VARIABLES
from citeproc.source import (
    BibliographySource,
    Citation,
    Date,
    DateRange,
    LiteralDate,
    Locator,
    Name,
    Reference,
    VariableError,
)
from citeproc.string import MixedString, String

from ..errors import RenderError, UnknownKeyError
from ..keys import letters
from . import output as out
from .cache import RenderCache, digest
from .fast import CiteHistory, FastCitationItem, IndexedBibliography
from .names import EastAsianName, is_east_asian
from .parallel import SERIAL, Executor
from .styles import (
    ADD_NAMES_LEVELS,
    ADD_NAMES_VARIABLE,
    DISAMBIGUATE_VARIABLE,
    GIVENNAME_VARIABLE,
    NAMES_MARK,
    NS,
    TITLE_CASE_MARK,
    LoadedStyle,
)

# CSL 1.0.2 variables by kind (Appendix IV). citeproc-py's own tables are CSL 1.0.1 and
# lack e.g. host, available-date, part-number (fault 12).
NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director editor-translator executive-producer guest host
    illustrator interviewer narrator organizer original-author performer producer recipient
    reviewed-author script-writer series-creator translator""".split()
)
DATE_VARIABLES = frozenset(
    "accessed available-date event-date issued original-date submitted".split()
)
# Identifiers are printed as they are: no typographic quotes or apostrophes.
VERBATIM_VARIABLES = frozenset({"DOI", "ISBN", "ISSN", "PMCID", "PMID", "citation-key"})
NAME_PARTS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix"})
ENGINE_VARIABLES = frozenset(VARIABLES) | {"uri", "container_uri", "contributor", "date"}
_FLAG = DISAMBIGUATE_VARIABLE.replace("-", "_")
_GIVENNAME_FLAG = GIVENNAME_VARIABLE.replace("-", "_")
_PARAGRAPH_IN_LOCATOR = re.compile(r", para\. (?=\d)")


@dataclass(frozen=True, slots=True)
class Cite:
    """One cited item inside a citation.

    Attributes:
        key: the item's id, exactly as in the CSL data (case matters).
        label: a CSL locator label ("section", "page", ...) or None.
        locator: the locator text ("3", "3, para. 2", "2-4") or None.
        prefix: text before the cite, or None.
        suffix: text after the cite, or None.
    """

    key: str
    label: str | None = None
    locator: str | None = None
    prefix: str | None = None
    suffix: str | None = None


@dataclass
class RunResult:
    """Marked strings from one run, plus the warnings it collected."""

    citations: list[str] = field(default_factory=list)
    bibliography: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entries_rendered: int = 0
    entries_cached: int = 0


# --- CSL data in -------------------------------------------------------------------------------


class _Formatter:
    """A citeproc-py formatter that emits marks instead of markup (fault 11, fault 3).

    citeproc-py calls ``preformat`` on terms only (never on field text), so a term equal to
    the locale's quotation mark can be told from a quotation mark in the data: we map it to
    a quote mark, which lets us put punctuation inside quotes and nest quotes correctly.
    """

    def __init__(self, quotes: out.Quotes) -> None:
        self._terms = {
            quotes.open: out.QUOTE_ON,
            quotes.close: out.QUOTE_OFF,
            quotes.inner_open: out.INNER_QUOTE_ON,
            quotes.inner_close: out.INNER_QUOTE_OFF,
        }
        # Where a locale opens and closes with the same mark (fi-FI: ” ”), citeproc-py asks
        # for the opening term, then the closing one: alternate between the two.
        self._alternating: dict[str, tuple[str, str]] = {}
        if quotes.open == quotes.close:
            self._alternating[quotes.open] = (out.QUOTE_ON, out.QUOTE_OFF)
        if quotes.inner_open == quotes.inner_close:
            self._alternating[quotes.inner_open] = (out.INNER_QUOTE_ON, out.INNER_QUOTE_OFF)
        self._opened: dict[str, bool] = {}
        self.Italic = _wrapper(out.ITALIC_ON, out.ITALIC_OFF)
        self.english = True  # is the item being rendered English? (set by the run)
        self.Bold = _wrapper(out.BOLD_ON, out.BOLD_OFF)
        self._names = _wrapper(out.NAMES_ON, out.NAMES_OFF)
        self.Underline = _wrapper(out.UNDERLINE_ON, out.UNDERLINE_OFF)
        self.Superscript = _wrapper(out.SUP_ON, out.SUP_OFF)
        self.Subscript = _wrapper(out.SUB_ON, out.SUB_OFF)
        self.SmallCaps = _wrapper(out.SMALLCAPS_ON, out.SMALLCAPS_OFF)

    def Oblique(self, text: Any) -> Any:  # the name citeproc-py's formatter interface uses
        """A style's own oblique prints as italic, as the reference processors' HTML does."""
        return self.Italic(text)

    def Light(self, text: Any) -> Any:  # the name citeproc-py's formatter interface uses
        """A style's own light weight prints as normal weight, as pandoc's HTML does."""
        return text

    def mark(self, name: str, text: Any) -> Any:
        """What one of our own marks (``styles.MARK``) does to the text its group rendered.

        Raises:
            RenderError: for a mark this formatter does not know (a repair out of step).
        """
        if name == NAMES_MARK:
            return self._names(text)
        if name == TITLE_CASE_MARK:
            return String(out.title_case_hyphenated(str(text))) if self.english else text
        raise RenderError(f"unknown mark {name!r}")

    def preformat(self, text: Any) -> Any:
        key = str(text)
        marks = self._alternating.get(key)
        if marks is not None:
            opened = self._opened[key] = not self._opened.get(key, False)
            return marks[0] if opened else marks[1]
        return self._terms.get(key, text)


def _wrapper(on: str, off: str) -> Any:
    def wrap(text: Any) -> String:
        return String(on + str(text) + off)

    return wrap


class _Locator(Locator):  # type: ignore[misc]
    """A locator equal to another with the same label and text.

    citeproc-py compares locators by identity, so a repeated cite at the same place was
    "ibid., sec. 3" (ibid-with-locator) where the reference processors print "Ibid.".
    """

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Locator):
            return NotImplemented
        return (self.label, str(self.identifier)) == (other.label, str(other.identifier))

    def __hash__(self) -> int:
        return hash((self.label, str(self.identifier)))


def _text(value: str) -> MixedString:
    return MixedString([String(value)])


class _GivenName(str):
    """A given name whose lower-case hyphenated parts are not initialized.

    citeproc-py's ``Name.initialize`` splits a given name at hyphens and turns "Ji-young"
    into "J.-. young ."; pandoc's citeproc gives "J.". citeproc-py asks the name itself to
    split, so this str subclass (used only for names we pass in) drops the lower-case parts.
    """

    __slots__ = ()

    def split(self, sep: str | None = None, maxsplit: SupportsIndex = -1) -> list[str]:
        parts = str.split(self, sep, maxsplit)
        if sep != "-":
            return parts
        return [p for i, p in enumerate(parts) if i == 0 or p[:1].isupper()]


def _date(value: Any) -> Any:
    """A CSL date object as citeproc-py's date types (None when it holds no date)."""
    if not isinstance(value, Mapping):
        return None
    circa = bool(value.get("circa"))
    dates: list[dict[str, int]] = []
    for parts in value.get("date-parts") or []:
        if not isinstance(parts, list) or not parts:
            continue
        try:
            numbers = [int(p) for p in parts[:3]]
        except (TypeError, ValueError):
            continue
        dates.append(dict(zip(("year", "month", "day"), numbers, strict=False)))
    if len(dates) == 1:
        return Date(circa=circa, **dates[0])
    if len(dates) > 1:
        return DateRange(begin=Date(**dates[0]), end=Date(**dates[1]), circa=circa)
    if isinstance(value.get("literal"), str):
        return LiteralDate(out.clean_field(value["literal"]), circa=circa)
    return None


def build_source(items: Sequence[Mapping[str, Any]]) -> tuple[BibliographySource, list[str]]:
    """CSL data as a citeproc-py source under internal keys, and the warnings it raised.

    Fault 13: citeproc-py lowercases ids, so "Hornung2022" and "hornung2022" collided and one
    silently replaced the other; internal keys are unique by construction.
    Fault 12: variables outside citeproc-py's CSL 1.0.1 tables (``event-title``,
    ``available-date``, ``part-number``, ``host``) made it warn (an error under pytest) and
    then be kept as untyped strings, dropped, or crash. We type them by the CSL 1.0.2 tables
    and store them after the ``Reference`` is built, so nothing warns; hyphenated aliases let
    ``cs:number`` (which looks variables up by their hyphenated name) find them.
    """
    source = BibliographySource()
    warnings: list[str] = []
    for index, item in enumerate(items):
        key = f"i{index}"
        known: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for variable, value in item.items():
            if variable in ("id", "type") or value is None:
                continue
            converted = _convert(variable, value)
            if converted is None:
                warnings.append(f"{item.get('id')}: ignored {variable!r} (not a CSL value)")
                continue
            python_name = variable.replace("-", "_")
            if python_name == "shortTitle":
                python_name = "title_short"
            (known if python_name in ENGINE_VARIABLES else extra)[python_name] = converted
        reference = Reference(key, str(item.get("type") or "document"), **known)
        for name, value in extra.items():
            dict.__setitem__(reference, name, value)
        for name in [n for n in reference if "_" in n]:
            dict.__setitem__(reference, name.replace("_", "-"), reference[name])
        source.add(reference)
    return source, warnings


def _convert(variable: str, value: Any) -> Any:
    if variable in NAME_VARIABLES:
        if not isinstance(value, list):
            return None
        names = []
        for person in value:
            if not isinstance(person, Mapping):
                continue
            if isinstance(person.get("literal"), str):
                names.append(Name(literal=out.clean_field(person["literal"])))
                continue
            parts: dict[str, str] = {
                k: out.clean_field(str(v))
                for k, v in person.items()
                if k in NAME_PARTS and v not in (None, "")
            }
            if "given" in parts:
                parts["given"] = _GivenName(parts["given"])
            if parts and is_east_asian(parts.get("family", ""), parts.get("given", "")):
                names.append(EastAsianName(**parts))
            elif parts:
                names.append(Name(**parts))
        return names or None
    if variable in DATE_VARIABLES:
        return _date(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value)
    if variable == "URL":
        return _text(out.url_field(text))
    if variable == "language":
        return text
    return _text(out.clean_field(text, prose=variable not in VERBATIM_VARIABLES))


# --- sorting (fault 8) -------------------------------------------------------------------------

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}‘’“”«»–—]")


def collation_key(text: str) -> tuple[str, str]:
    """A sort key close to the Unicode Collation Algorithm for Latin text.

    Fault 8: citeproc-py compares code points, so "Ōta" sorted after "Smith". We compare
    case-folded text without diacritics, quotation marks or formatting first, then the
    case-folded original to break ties. (pandoc uses the full UCA; this matches it for the
    Latin-script names and titles of the series.)
    """
    plain = out.strip_marks(text)
    decomposed = unicodedata.normalize("NFKD", plain)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    primary = " ".join(_PUNCTUATION.sub("", base).casefold().split())
    return primary, plain.casefold()


def _sort_value(item: Any, key: Any, layout: Any, demote: str) -> Any:
    """One ``cs:key``'s value for one item: a comparable tuple, or None when empty."""
    reference = item.reference
    variable = key.get("variable")
    if variable is not None:
        name = variable.replace("-", "_")
        if variable == "citation-number":
            return (0, item.number, "")
        value = reference.get(name)
        if value is None:
            return None
        if variable in NAME_VARIABLES:
            return (1, 0, collation_key(";".join(_name_sort_text(n, demote) for n in value)))
        if variable in DATE_VARIABLES:
            return (1, 0, value.sort_key())
        text = str(value)
        if text.isdigit():
            return (0, int(text), "")
        return (1, 0, collation_key(text))
    macro_name = key.get("macro")
    if macro_name is None:
        return None
    options: dict[str, Any] = {"name-as-sort-order": "all"}
    for option in ("names-min", "names-use-first", "names-use-last"):
        if option in key.attrib:
            options[option.replace("names", "et-al")] = key.get(option)
    if demote == "sort-only":  # displayed like "never", sorted with the particle demoted
        options["demote-non-dropping-particle"] = "display-and-sort"
    macro = layout.get_macro(macro_name)
    layout.repressed = {}
    rendered = macro.render(item, context=layout, sort_options=options)
    if rendered is None:
        return None
    text = out.strip_marks(_without_et_al(str(rendered), layout))
    if not text:
        return None
    if text.isdigit():
        return (0, int(text), "")
    return (1, 0, collation_key(text))


def _without_et_al(marked: str, layout: Any) -> str:
    """A rendered sort key without the "et al." / "and others" that ends a names list.

    CSL 1.0.2 (Sorting, name variables in macros): the et-al and and-others terms are not
    part of sort keys. citeproc-py kept them, so "Hornung, Jeffrey, et al." sorted after
    "Hornung, Jeffrey" where pandoc and citeproc-js compare "Hornung, Jeffrey" with it and
    go on to the next key (MLA: the title; Harvard: the year).
    """
    if out.NAMES_OFF not in marked:
        return marked
    terms = [str(layout.get_single_term(name=name)) for name in ("et-al", "and others")]
    alternatives = "|".join(re.escape(term) for term in terms if term)
    if not alternatives:
        return marked
    marks = f"[{out.MARK_BLOCK}]*"
    pattern = f"[,;]?\\s*{marks}(?:{alternatives}){marks}(?={out.NAMES_OFF})"
    return re.sub(pattern, "", marked)


def _name_sort_text(name: Any, demote: str) -> str:
    given, family, dropping, non_dropping, suffix = name.parts()
    if demote in ("sort-only", "display-and-sort"):
        given = " ".join(p for p in (given, dropping, non_dropping) if p)
    else:
        family = " ".join(p for p in (non_dropping, family) if p)
        given = " ".join(p for p in (given, dropping) if p)
    return " ".join(p for p in (family, given, suffix) if p)


def sort_items(
    sort: Any,
    items: list[Any],
    layout: Any,
    demote: str,
    cache: dict[str, list[Any]] | None = None,
    executor: Executor = SERIAL,
) -> list[Any]:
    """Items in ``cs:sort`` order; empty values sort last.

    Each item's key values are computed once and kept in ``cache`` (by item key), so a
    citation sorts on values computed before year suffixes were assigned, as pandoc does.
    """
    keys = sort.findall("cs:key", NS)
    descending = [k.get("sort") == "descending" for k in keys]
    known = cache if cache is not None else {}
    missing = [item for item in items if item.key not in known]
    computed = executor.map(
        lambda item: [_sort_value(item, k, layout, demote) for k in keys], missing
    )
    fresh = {item.key: values for item, values in zip(missing, computed, strict=True)}
    if cache is not None:
        cache.update(fresh)
    table = [(item, known[item.key] if item.key in known else fresh[item.key]) for item in items]

    def compare(left: tuple[Any, list[Any]], right: tuple[Any, list[Any]]) -> int:
        for a, b, desc in zip(left[1], right[1], descending, strict=True):
            if a == b:
                continue
            if a is None or b is None:
                return 1 if a is None else -1
            result = int(a > b) - int(a < b)
            return -result if desc else result
        return 0

    return [item for item, _ in sorted(table, key=cmp_to_key(compare))]


# --- one run -----------------------------------------------------------------------------------


class Run:
    """Render one document with one loaded style (the caller holds ``style.lock``)."""

    def __init__(
        self,
        style: LoadedStyle,
        items: Sequence[Mapping[str, Any]],
        executor: Executor = SERIAL,
    ) -> None:
        self.style = style
        self.executor = executor
        self.root = style.engine_style.root
        self.ids: dict[str, str] = {}
        for index, item in enumerate(items):
            item_id = item.get("id")
            if not isinstance(item_id, (str, int)) or isinstance(item_id, bool):
                raise RenderError(f"CSL item {index + 1} has no id")
            if str(item_id) in self.ids:
                raise RenderError(f"two CSL items have the id {item_id!r}")
            self.ids[str(item_id)] = f"i{index}"
        self.original = {internal: original for original, internal in self.ids.items()}
        self.items = items
        self.result = RunResult()
        self.source, warnings = build_source(items)
        self.result.warnings.extend(warnings)
        self.demote = str(self.root.get("demote-non-dropping-particle", "display-and-sort"))
        self.formatter = _Formatter(style.quotes)
        self.bib = IndexedBibliography(style.engine_style, self.source, self.formatter)
        self.default_language = str(self.root.get("default-locale", "en"))[:2]
        self.history = CiteHistory()
        self.givenname: set[str] = set()  # items whose cites show given names
        self.add_names: dict[str, str] = {}  # items whose cites show more names: the flag

    def internal(self, key: str) -> str:
        """The internal key of a cited id (fault 13: unknown keys are errors, not "key?")."""
        try:
            return self.ids[key]
        except KeyError:
            known = ", ".join(sorted(self.ids)[:10]) or "none"
            raise UnknownKeyError(f"no item has the key {key!r} (known keys: {known})") from None

    def register(self, citations: Sequence[Sequence[Cite]]) -> None:
        """Register every item once, locator-less, cited items first in first-cite order.

        Fault 1: citeproc-py renders each bibliography entry from the first *registered*
        citation item, so the first cite's locator leaked into the entry ("…, 2022, sec. 3.").
        """
        order: list[str] = []
        seen: set[str] = set()
        for citation in citations:
            for cite in citation:
                key = self.internal(cite.key)
                if key not in seen:
                    seen.add(key)
                    order.append(key)
        order += [k for k in self.original if k not in seen]
        for key in order:
            self.bib.register(Citation([FastCitationItem(key)]))
        bibliography = self.root.bibliography
        bib_sort = bibliography.find("cs:sort", NS) if bibliography is not None else None
        if bib_sort is not None:
            self.bib.items = sort_items(
                bib_sort,
                list(self.bib.items),
                bibliography.layout,
                self.demote,
                executor=self.executor,
            )
            self.bib.keys = [item.key for item in self.bib.items]
        self.citation_sort_cache: dict[str, list[Any]] = {}
        citation_element = self.root.citation
        citation_sort = citation_element.find("cs:sort", NS)
        if citation_sort is not None:
            cited = {item.key: item for item in self.bib.items if item.key in seen}
            sort_items(
                citation_sort,
                list(cited.values()),
                citation_element.layout,
                self.demote,
                self.citation_sort_cache,
                self.executor,
            )

    # -- disambiguation (fault 6 and 5) ------------------------------------------------------

    def _alone(self, key: str) -> str:
        """The plain text of a first cite of ``key`` with no locator, on a blank history."""
        citation_element = self.root.citation
        citation_element.cites = CiteHistory()
        item = FastCitationItem(key)
        Citation([item]).bibliography = self.bib
        rendered = self._render_cite(citation_element.layout, item)
        return out.strip_marks(rendered) if rendered is not None else ""

    def _render_cite(self, layout: Any, item: Any) -> str | None:
        """One cite through the citation layout (given names shown if it needs them)."""
        reference = self.source[item.key]
        flags = [_GIVENNAME_FLAG] if item.key in self.givenname else []
        if item.key in self.add_names:
            flags.append(self.add_names[item.key])
        for flag in flags:
            dict.__setitem__(reference, flag, "true")
        self._set_language(reference)
        try:
            layout.repressed = {}
            rendered = layout.render_children(item)
        except VariableError:
            rendered = None
        finally:
            for flag in flags:
                dict.pop(reference, flag, None)
        return str(rendered) if rendered is not None else None

    def disambiguate(self) -> None:
        """Tell apart cites that render alike (citeproc-py has no disambiguation at all).

        Every item counts, cited or not. Steps, as CSL 1.0.2 orders them: names hidden by
        "et al.", given names (where the style allows each), then ``if disambiguate="true"``
        branches for the items still ambiguous, then year suffixes (a, b, ...) in
        bibliography order. A warning says when cites stay alike.
        """
        options = self.style.citation_options
        year_suffix = options.get("disambiguate-add-year-suffix") == "true"
        givenname = (
            options.get("disambiguate-add-givenname") == "true" and self.style.has_givenname_forms
        )
        add_names = self.style.has_add_names_forms
        if not (year_suffix or givenname or add_names or self.style.has_disambiguate_condition):
            return
        # every item given is in the document (its bibliography lists them all), as with
        # pandoc's nocite: an entry cited once is still told apart from an uncited one
        groups = self._ambiguous(self.bib.keys)
        if groups and add_names:
            groups = self._add_names(groups)
        if groups and givenname:
            groups = self._add_given_names(groups)
        if groups and self.style.has_disambiguate_condition:
            for group in groups:
                for key in group:
                    dict.__setitem__(self.source[key], _FLAG, "true")
            groups = self._ambiguous([k for g in groups for k in g])
        if groups and year_suffix:
            position = {key: index for index, key in enumerate(self.bib.keys)}
            for group in groups:
                for index, key in enumerate(sorted(group, key=position.__getitem__)):
                    suffix = letters(index)
                    for name in ("year_suffix", "year-suffix"):
                        dict.__setitem__(self.source[key], name, _text(suffix))
            groups = []
        for group in groups:
            names = ", ".join(repr(self.original[k]) for k in group)
            self.result.warnings.append(f"citations of {names} look the same in this style")

    def _set_language(self, reference: Any) -> None:
        """Tell the formatter whether this item gets title case (English items only)."""
        language = str(reference.get("language") or self.default_language)[:2]
        self.formatter.english = language == "en"

    def _add_names(self, groups: list[list[str]]) -> list[list[str]]:
        """Show more names before "et al." in each ambiguous group, as few as tell any apart.

        "Ono et al." twice becomes "Ono, Lee, et al." and "Ono, Park, et al.", as pandoc's
        citeproc prints them. Returns the groups still ambiguous.
        """
        remaining: list[list[str]] = []
        for group in groups:
            most = max(self._most_names(key) for key in group)
            levels = [v for v in ADD_NAMES_LEVELS if v == "all" or int(v) < most]
            if most < 2:  # one name each: nothing is hidden by "et al."
                remaining.append(group)
                continue
            for level in levels:
                flag = (ADD_NAMES_VARIABLE + level).replace("-", "_")
                for key in group:
                    self.add_names[key] = flag
                by_text: dict[str, list[str]] = {}
                for key in group:
                    by_text.setdefault(self._alone(key), []).append(key)
                if len(by_text) > 1:
                    remaining += [keys for keys in by_text.values() if len(keys) > 1]
                    break
            else:
                for key in group:
                    del self.add_names[key]
                remaining.append(group)
        return remaining

    def _most_names(self, key: str) -> int:
        """The longest name list of an item (names beyond one may hide behind "et al.")."""
        reference = self.source[key]
        return max(
            (len(reference[v.replace("-", "_")]) for v in NAME_VARIABLES
             if v.replace("-", "_") in reference),
            default=0,
        )  # fmt: skip

    def _add_given_names(self, groups: list[list[str]]) -> list[list[str]]:
        """Show given names in each ambiguous group's cites where that tells any apart.

        Jeffrey and Anna Hornung (2022) become "J. Hornung" and "A. Hornung"; two entries by
        the same Jeffrey Hornung gain nothing and keep the short form, as pandoc's citeproc
        does. All names of a cite are expanded (CSL's "primary-name" rules would expand the
        first only; the series' cites rarely show more than one name). Returns the groups
        still ambiguous.
        """
        remaining: list[list[str]] = []
        for group in groups:
            self.givenname.update(group)
            by_text: dict[str, list[str]] = {}
            for key in group:
                by_text.setdefault(self._alone(key), []).append(key)
            if len(by_text) == 1:
                self.givenname.difference_update(group)
                remaining.append(group)
            else:
                remaining += [keys for keys in by_text.values() if len(keys) > 1]
        return remaining

    def _ambiguous(self, keys: Iterable[str]) -> list[list[str]]:
        keys = list(keys)
        by_text: dict[str, list[str]] = {}
        for key, text in zip(keys, self.executor.map(self._alone, keys), strict=True):
            by_text.setdefault(text, []).append(key)
        return [group for text, group in by_text.items() if text and len(group) > 1]

    # -- citations (faults 6, 7) -------------------------------------------------------------

    def prime(self, key: str) -> None:
        """Make the next cite of ``key`` a subsequent (not ibid) one.

        Puts an earlier cite of the item, then one of no item, into the position history.
        """
        earlier = FastCitationItem(self.internal(key))
        Citation([earlier]).bibliography = self.bib
        other = FastCitationItem("\x00")
        Citation([other]).bibliography = self.bib
        self.history += [earlier, other]

    def cite_all(self, citations: Sequence[Sequence[Cite]]) -> list[str]:
        """Every citation in document order, the second half in a forked child if it pays.

        A cite depends on the cites before it only through the position history. The child
        rebuilds the first half's history without rendering (as if every cite printed
        something) and renders the second half; we render the first half meanwhile. If any
        first-half cite printed nothing, the child's history was wrong, so its results are
        dropped and the second half is rendered here: the output is always the serial one.
        """
        if not self.executor.splits(len(citations)):
            return [self.cite(citation) for citation in citations]
        half = len(citations) // 2
        start = len(self.history)
        expected = start + sum(len(citation) for citation in citations[:half])

        def first() -> list[str]:
            return [self.cite(citation) for citation in citations[:half]]

        def second() -> list[tuple[str, list[str]]]:
            for citation in citations[:half]:
                self.history.extend(item for item, _ in self._citation_items(citation))
            results = []
            for citation in citations[half:]:
                before = len(self.result.warnings)
                results.append((self.cite(citation), self.result.warnings[before:]))
            return results

        mine, theirs = self.executor.pair(first, second)
        if theirs is None or len(self.history) != expected:
            return mine + [self.cite(citation) for citation in citations[half:]]
        for _, warnings in theirs:
            self.result.warnings.extend(warnings)
        return mine + [text for text, _ in theirs]

    def _citation_items(self, cites: Sequence[Cite]) -> list[tuple[Any, Cite]]:
        """A citation's items, registered and in the order they are rendered."""
        citation_element = self.root.citation
        layout = citation_element.layout
        items = []
        for cite in cites:
            extra: dict[str, Any] = {}
            if cite.locator:
                locator = out.clean_field(cite.locator)
                if cite.label == "section":
                    # citeproc-js reads the label inside a pinpoint's locator ("3, para. 2")
                    # and prints the style's own term for it (MLA: "par. 2"); so do we
                    locator = _PARAGRAPH_IN_LOCATOR.sub(f", {self.style.paragraph_label} ", locator)
                extra["locator"] = _Locator(cite.label or "page", locator)
            item = FastCitationItem(self.internal(cite.key), **extra)
            items.append((item, cite))
        citation = Citation([item for item, _ in items])
        self.bib.register(citation)
        citation_sort = citation_element.find("cs:sort", NS)
        if citation_sort is not None:
            # Fault 7: citeproc-py first put cites in bibliography order even without
            # cs:sort; we keep the order given unless the style sorts citations.
            ordered = sort_items(
                citation_sort,
                [i for i, _ in items],
                layout,
                self.demote,
                self.citation_sort_cache,
            )
            by_item = {id(i): c for i, c in items}
            items = [(i, by_item[id(i)]) for i in ordered]
        return items

    def cite(self, cites: Sequence[Cite]) -> str:
        """One citation as a marked string."""
        citation_element = self.root.citation
        layout = citation_element.layout
        citation_element.cites = self.history
        items = self._citation_items(cites)
        pieces: list[str] = []
        for item, cite in items:
            rendered = self._render_cite(layout, item)
            if rendered is None:
                self.result.warnings.append(f"{cite.key}: the style printed nothing for it")
                continue
            prefix = out.clean_field(cite.prefix) if cite.prefix else ""
            suffix = out.clean_field(cite.suffix) if cite.suffix else ""
            pieces.append(prefix + rendered + suffix)
            self.history.append(item)
        text = self._join(pieces, layout)
        if not text:
            return ""
        finished = str(layout.format(layout.wrap(String(text))))
        return _capitalize_first(finished) if self.style.is_note else finished

    def _join(self, pieces: list[str], layout: Any) -> str:
        """Join a citation's cites; with ``collapse`` group cites by their names (fault 6).

        "(Hornung 2022a; Hornung 2022b)" becomes "(Hornung 2022a, 2022b)": cites whose names
        render alike are brought together after the first, and print their names once.
        """
        delimiter = str(layout.get("delimiter", ""))
        options = self.style.citation_options
        if not options.get("collapse", "").startswith("year") or len(pieces) < 2:
            return delimiter.join(pieces)
        groups: dict[str, list[str]] = {}
        for piece in pieces:
            span = out.names_span(piece)
            names = piece[span[0] : span[1]] if span else f"\x00{len(groups)}"
            groups.setdefault(names, []).append(piece)
        cite_group_delimiter = options.get("cite-group-delimiter", ", ")
        after = options.get("after-collapse-delimiter", delimiter)
        text = ""
        previous_collapsed = False
        for members in groups.values():
            collapsed = [members[0]]
            for member in members[1:]:
                span = out.names_span(member)
                assert span is not None
                rest = member[span[1] :].lstrip(",;: ")
                collapsed.append(member[: span[0]] + rest)
            if text:
                text += after if previous_collapsed else delimiter
            text += cite_group_delimiter.join(collapsed)
            previous_collapsed = len(members) > 1
        return text

    # -- bibliography ------------------------------------------------------------------------

    def bibliography(self, store: RenderCache | None = None, context: str = "") -> list[str]:
        """The entries of every item, in the style's order, as marked strings.

        With a ``store``, an entry whose inputs are unchanged (its CSL item, the style and
        locale in ``context``, the engine, and the disambiguation it received) is taken from
        the store instead of rendered; :attr:`RunResult.entries_rendered` counts the others.
        """
        bibliography = self.root.bibliography
        if bibliography is None:
            return []
        layout = bibliography.layout

        def entry(item: Any) -> str | None:
            self._set_language(self.source[item.key])
            rendered = layout.render_bibliography([item])
            return str(rendered[0]) if rendered else None

        digests: dict[str, str] = {}
        stored: dict[str, str] = {}
        if store is not None:
            digests = {item.key: self._entry_digest(item.key, context) for item in self.bib.items}
            stored = store.get_many(digests.values())
        todo = [item for item in self.bib.items if digests.get(item.key) not in stored]
        fresh = dict(zip((item.key for item in todo), self.executor.map(entry, todo), strict=True))
        self.result.entries_rendered = len(todo)
        self.result.entries_cached = len(self.bib.items) - len(todo)
        if store is not None:
            store.put_many({digests[k]: text for k, text in fresh.items() if text is not None})
        entries: list[str] = []
        for item in self.bib.items:
            text = fresh[item.key] if item.key in fresh else stored[digests[item.key]]
            if text is None:
                self.result.warnings.append(
                    f"{self.original[item.key]}: the style printed no bibliography entry"
                )
                continue
            entries.append(text)
        substitute = self.style.bibliography_options.get("subsequent-author-substitute")
        if substitute is not None:
            entries = _substitute_authors(entries, out.clean_field(substitute, prose=False))
        return entries

    def _entry_digest(self, key: str, context: str) -> str:
        """What one bibliography entry depends on, hashed (see :mod:`.cache`)."""
        reference = self.source[key]
        return digest(
            {
                "entry": self.items[int(key[1:])],
                "context": context,
                "year-suffix": str(reference.get("year_suffix") or ""),
                "disambiguate": _FLAG in reference,
                "givenname": key in self.givenname,
                "add-names": self.add_names.get(key),
            }
        )


def _substitute_authors(entries: list[str], substitute: str) -> list[str]:
    """Fault 6: subsequent-author-substitute, which citeproc-py does not implement.

    An entry whose names render exactly as the previous entry's prints the substitute
    (MLA: "———") in their place (rule "complete-all", the default).
    """
    result: list[str] = []
    previous: str | None = None
    for entry in entries:
        span = out.names_span(entry)
        names = entry[span[0] : span[1]] if span else None
        if span and names == previous:
            result.append(
                entry[: span[0]] + out.NAMES_ON + substitute + out.NAMES_OFF + entry[span[1] :]
            )
        else:
            result.append(entry)
        previous = names
    return result


def _capitalize_first(marked: str) -> str:
    """A note starts with a capital ("Ibid."), as the CSL spec asks processors to do."""
    for index, char in enumerate(marked):
        if "\ue000" <= char <= "\ue03f" or not char.isalpha():
            if char.isalnum():
                return marked
            continue
        return marked[:index] + char.upper() + marked[index + 1 :] if char.islower() else marked
    return marked
