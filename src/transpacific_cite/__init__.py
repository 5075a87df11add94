"""transpacific-cite: cite the interviews of The Diplomat's Trans-Pacific View Insight Series.

This module only re-exports the public API; see the modules for what each does.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

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
    "StyleError",
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
]
