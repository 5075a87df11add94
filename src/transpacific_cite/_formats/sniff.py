"""Which bibliographic format a file holds, told by its content (never by its name).

Format names are the ones ``zotero enrich --to`` takes: ``csl-json`` (Zotero's and Better CSL
JSON), ``bbt-json`` (Better BibTeX JSON, and Zotero's bare item lists), ``ris``, ``bibtex`` /
``biblatex`` (one ``.bib`` reader for both dialects) and ``zotero-rdf``. Each format's module is
imported only when a file of that format is read, so sniffing costs no third-party import.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

from .zotero_json import is_bbt_json, is_zotero_items

# format name -> the module under transpacific_cite._formats that reads and writes it.
MODULES = {
    "csl-json": "csl",
    "bbt-json": "zotero_json",
    "ris": "ris",
    "bibtex": "bibtex",
    "biblatex": "bibtex",
    "zotero-rdf": "zotero_rdf",
}
# How much of the text the sniff looks at.
SNIFF_CHARS = 4096
# JSON: an object, or an array of objects (or empty); an article text may start with "[Photo]".
JSON_START = re.compile(r"\A\s*(?:\{|\[\s*[{\]])")
# RIS: the first non-blank line is a record's type line.
RIS_START = re.compile(r"\A\s*TY  -")
# .bib: an entry (or @comment/@string/@preamble) at the start of a line, before any other text
# than comments (Better BibTeX writes "%" quality-report comments above entries).
BIB_START = re.compile(r"\A(?:\s*%[^\n]*\n|\s)*@\s*[A-Za-z]+\s*[{(]")
# Zotero RDF: an RDF/XML document.
# A document type declaration before it is let through, so that formats.zotero_rdf refuses it
# by name (XXE, entity bombs) rather than the file being read as article text.
RDF_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*<rdf:RDF\b",
    re.DOTALL,
)


def sniff(text: str) -> str | None:
    """``json``, ``ris``, ``bib``, ``zotero-rdf``, or None for anything else (article text,
    HTML pages). JSON is told apart after parsing, by :func:`json_format`."""
    head = text[:SNIFF_CHARS].lstrip("\ufeff")
    if JSON_START.match(head):
        return "json"
    if RIS_START.match(head):
        return "ris"
    if BIB_START.match(head):
        return "bib"
    if RDF_START.match(head):
        return "zotero-rdf"
    return None


def json_format(data: Any) -> str:
    """``bbt-json``, ``csl-json``, or ``model`` (our own model JSON: one interview object)."""
    if is_bbt_json(data) or is_zotero_items(data):
        return "bbt-json"
    if isinstance(data, list) or (isinstance(data, dict) and "type" in data and "id" in data):
        return "csl-json"
    return "model"


def module(name: str) -> ModuleType | None:
    """The module reading and writing a format, or None where none reads it yet."""
    try:
        found = importlib.import_module(f"{__package__}.{MODULES[name]}")
    except ModuleNotFoundError:
        return None
    return found if hasattr(found, "read_items") else None
