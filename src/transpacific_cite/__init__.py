"""transpacific-cite: cite the interviews of The Diplomat's Trans-Pacific View Insight Series.

This module only re-exports the public API; see the modules for what each does. The
rendering names (:func:`render_bibliography`, :func:`render_citation`, :class:`Renderer`,
:class:`Rendered`) are re-exported lazily, on first use, so that commands which never render
(``parse``, ``export``) do not pay for importing citeproc-py.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .api import load, read, read_all, read_data
from .build.runner import BuildReport
from .build.runner import build as build_manifest
from .catalog import Catalog
from .errors import (
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
    ParseError,
    PinpointError,
    RenderError,
    StyleError,
    UnknownKeyError,
    UnknownStyleError,
)
from .keys import assign_keys, citation_key
from .model import PUBLICATION, SERIES, Interview, ParseResult, Person, Pinpoint, QASection
from .pinpoint import parse_pinpoint
from .repeats import UniqueInterviews, unique_interviews

if TYPE_CHECKING:
    from .render import Rendered, Renderer, render_bibliography, render_citation

_RENDER_NAMES = frozenset({"Rendered", "Renderer", "render_bibliography", "render_citation"})


def __getattr__(name: str) -> Any:
    """The rendering names, imported from :mod:`.render` when first asked for."""
    if name in _RENDER_NAMES:
        from . import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


try:
    __version__ = version("transpacific-cite")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "PUBLICATION",
    "SERIES",
    "BuildError",
    "BuildReport",
    "Catalog",
    "CatalogError",
    "CiteError",
    "ExportError",
    "FetchError",
    "FormatError",
    "InputError",
    "Interview",
    "ModelError",
    "NotAllowedError",
    "NotFoundError",
    "ParseError",
    "ParseResult",
    "Person",
    "Pinpoint",
    "PinpointError",
    "QASection",
    "RenderError",
    "Rendered",
    "Renderer",
    "StyleError",
    "UniqueInterviews",
    "UnknownKeyError",
    "UnknownStyleError",
    "__version__",
    "assign_keys",
    "build_manifest",
    "citation_key",
    "load",
    "parse_pinpoint",
    "read",
    "read_all",
    "read_data",
    "render_bibliography",
    "render_citation",
    "unique_interviews",
]
