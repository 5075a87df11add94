"""transpacific-cite: cite the interviews of The Diplomat's Trans-Pacific View Insight Series.

The public API, all importable from here; the modules behind it are private (``_name``) and
may move::

    read(path) -> ParseResult          any input: article text, Diplomat page, model JSON
    load(path) -> Interview            model JSON only;  read_data(bytes) for bytes in memory
    export(interviews, to="biblatex")  -> Exported(.text, .warnings, .keys): csl-json,
                                          zotero-csl-json, biblatex, bibtex, ris, zotero-rdf
    to_csl_data(interviews, keys)      CSL items, the input of the two render functions
    render_citation(items, [cite_at(key, place)], style="chicago") -> Rendered(.citations)
    render_bibliography(items, style="apa")                      -> Rendered(.bibliography)
    pinpoint(interview, "q3", to="pandoc"|"latex"|"csl"|"link")  -> str
    parse_pinpoint("q3p2", interview=...) -> Pinpoint
    citation_key(interview), assign_keys(interviews)             -> "hornung2022tpv319"
    read_all(path) -> [ParseResult]    every series entry of a Zotero export (or any input)
    enrich_file(path, output=...), enrich_text(text) -> Enriched(.text, .reports): a Zotero
                                       export with its series items rewritten as interviews
    recognise(csl_item) -> SeriesFacts | None   one Zotero item's series facts, if it is one
    Catalog(path)                      the local SQLite store of entries (add, get, search)
    build_manifest("bibliography.toml") -> BuildReport: a paper's bibliography outputs
    Interview, Person, QASection, Pinpoint, ParseResult          the model (frozen values)
    CiteError and its subclasses       every error raised on purpose (all exported here)

Names are imported on first use (PEP 562), so ``import transpacific_cite`` stays cheap and the
command line starts fast; type checkers see them all through the ``TYPE_CHECKING`` imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._errors import (
    BuildError,
    CatalogError,
    CiteError,
    ExportError,
    FetchError,
    FormatError,
    InputError,
    ModelError,
    NotAllowedError,
    NotFoundError,
    OptionError,
    ParseError,
    PinpointError,
    RenderError,
    StyleError,
    UnknownKeyError,
    UnknownStyleError,
)
from ._model import PUBLICATION, SERIES, Interview, ParseResult, Person, Pinpoint, QASection

if TYPE_CHECKING:
    from ._api import load, read, read_all, read_data
    from ._build.runner import BuildReport
    from ._build.runner import build as build_manifest
    from ._catalog import Catalog
    from ._export import EXPORT_FORMATS, Exported, export
    from ._formats.csl import to_csl_data
    from ._keys import assign_keys, citation_key
    from ._pinpoint import parse_pinpoint, pinpoint
    from ._render import Cite, Rendered, Renderer, cite_at, render_bibliography, render_citation
    from ._repeats import UniqueInterviews, unique_interviews
    from ._zotero.enrich import enrich_file, enrich_text
    from ._zotero.recognise import Enriched, SeriesFacts, recognise

__version__: str  # from the installed package's metadata, looked up on first use

# public name -> the module (relative to this package) that defines it, imported on first use;
# "module:attribute" where the public name differs from the module's
_LAZY: dict[str, str] = {
    "BuildReport": "._build.runner",
    "build_manifest": "._build.runner:build",
    "EXPORT_FORMATS": "._export",
    "Exported": "._export",
    "export": "._export",
    "load": "._api",
    "read": "._api",
    "read_all": "._api",
    "read_data": "._api",
    "Catalog": "._catalog",
    "to_csl_data": "._formats.csl",
    "assign_keys": "._keys",
    "citation_key": "._keys",
    "parse_pinpoint": "._pinpoint",
    "pinpoint": "._pinpoint",
    "Cite": "._render",
    "Rendered": "._render",
    "cite_at": "._render",
    "render_bibliography": "._render",
    "render_citation": "._render",
    "Renderer": "._render",
    "UniqueInterviews": "._repeats",
    "unique_interviews": "._repeats",
    "enrich_file": "._zotero.enrich",
    "enrich_text": "._zotero.enrich",
    "Enriched": "._zotero.recognise",
    "SeriesFacts": "._zotero.recognise",
    "recognise": "._zotero.recognise",
}


def __getattr__(name: str) -> Any:
    """A public name imported on first use (then kept as a plain attribute)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("transpacific-cite")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0.0.0"
    elif name in _LAZY:
        module, _, attribute = _LAZY[name].partition(":")
        value = getattr(importlib.import_module(module, __name__), attribute or name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, lazy ones included (``help()`` and completion list them)."""
    return sorted({*globals(), *__all__})


__all__ = [
    "EXPORT_FORMATS",
    "PUBLICATION",
    "SERIES",
    "BuildError",
    "BuildReport",
    "Catalog",
    "CatalogError",
    "Cite",
    "CiteError",
    "Enriched",
    "ExportError",
    "Exported",
    "FetchError",
    "FormatError",
    "InputError",
    "Interview",
    "ModelError",
    "NotAllowedError",
    "NotFoundError",
    "OptionError",
    "ParseError",
    "ParseResult",
    "Person",
    "Pinpoint",
    "PinpointError",
    "QASection",
    "RenderError",
    "Rendered",
    "Renderer",
    "SeriesFacts",
    "StyleError",
    "UniqueInterviews",
    "UnknownKeyError",
    "UnknownStyleError",
    "__version__",
    "assign_keys",
    "build_manifest",
    "citation_key",
    "cite_at",
    "enrich_file",
    "enrich_text",
    "export",
    "load",
    "parse_pinpoint",
    "pinpoint",
    "read",
    "read_all",
    "read_data",
    "recognise",
    "render_bibliography",
    "render_citation",
    "to_csl_data",
    "unique_interviews",
]
