"""The bibliography manifest, ``bibliography.toml``: what a scripted build reads and writes.

Every path in it is relative to the manifest's folder. A complete manifest::

    styles = ["chicago", "apa", "mla"]     # rendered outputs, one per style (default chicago)
    locale = "en-US"
    keys = "tpv"                           # tpv:319 (as papers cite), "default"
                                           # (hornung2022tpv319) or "bbt" (Better BibTeX)

    [sources]                              # where numbers and keys are looked up
    catalog = "catalog.sqlite3"            # default: the user's catalog
    examples = true                        # the bundled examples
    fetch = false                          # fetch url entries the catalog lacks

    [[entries]]                            # each entry is exactly one of these:
    file = "interviews/319-hornung.json"   #   model JSON, article text, saved page
    [[entries]]
    files = "interviews/*.json"            #   a glob of files, in name order
    [[entries]]
    number = 486                           #   a series number (catalog, examples)
    [[entries]]
    key = "hornung2022tpv486"              #   a citation key in the catalog
    [[entries]]
    url = "https://thediplomat.com/..."    #   a page: the catalog's copy, or fetched
    [[entries]]
    zotero = "My Library.json"             #   a Zotero export (CSL JSON, Better BibTeX
                                           #   JSON, RIS): every series item in it

    [outputs]                              # all optional; nothing is written unless named
    bib = "refs.bib"
    bib-format = "biblatex"                # or "bibtex"
    csl-json = "refs.json"
    ris = "refs.ris"
    rdf = "refs.rdf"                       # Zotero RDF: imported as interviews
    bibliography = "bibliography"          # bibliography.<style>.<ext> per style and format
    citations = "citations"                # citations.<style>.<ext>, .tex and .pandoc.md
    formats = ["md", "html", "txt"]        # of the rendered outputs

    [[citations]]                          # ready notes with pinpoints (outputs.citations)
    number = 319
    pinpoint = "q3"

Read with the standard library's ``tomllib``. It reports syntax errors with their line but
keeps no positions for valid values, so the line of an unknown key or a bad value is found by
a small search over the source (:func:`_line_of`): the header of the table it is in (the
n-th ``[[entries]]``), then the first ``key =`` after it. A TOML library that keeps positions
(tomlkit) would add a dependency for error messages alone.
"""

from __future__ import annotations

import glob
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NoReturn

from .._errors import BuildError
from .._files import read_bytes

MANIFEST_NAME = "bibliography.toml"
KeyStyle = Literal["tpv", "default", "bbt"]
KEY_STYLES: tuple[KeyStyle, ...] = ("tpv", "default", "bbt")
BibFormat = Literal["biblatex", "bibtex"]
RENDER_FORMATS: dict[str, Literal["markdown", "html", "text"]] = {
    "md": "markdown",
    "html": "html",
    "txt": "text",
}
ENTRY_KINDS = ("file", "files", "number", "key", "url", "zotero")
TOP_KEYS = ("styles", "locale", "keys", "sources", "entries", "outputs", "citations")
SOURCE_KEYS = ("catalog", "examples", "fetch")
OUTPUT_KEYS = (
    "bib", "bib-format", "csl-json", "ris", "rdf", "bibliography", "citations", "formats",
)  # fmt: skip
CITATION_KEYS = ("number", "pinpoint")


@dataclass(frozen=True, slots=True)
class EntrySpec:
    """One ``[[entries]]`` table: its kind (``file``, ``number`` ...), value and line."""

    kind: str
    value: str | int
    line: int | None


@dataclass(frozen=True, slots=True)
class CitationSpec:
    """One ``[[citations]]`` table: a number and an optional pinpoint spec."""

    number: int
    pinpoint: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class Manifest:
    """A read and checked manifest; paths are absolute.

    Attributes:
        path: the manifest file.
        text: its source (for line numbers in later errors, and the build's digest).
        folder: its folder, which every relative path is taken from.
    """

    path: Path
    text: str
    folder: Path
    styles: tuple[str, ...] = ("chicago",)
    locale: str = "en-US"
    keys: KeyStyle = "tpv"
    catalog: Path | None = None
    examples: bool = True
    fetch: bool = False
    entries: tuple[EntrySpec, ...] = ()
    outputs: dict[str, str] = field(default_factory=dict)
    bib_format: BibFormat = "biblatex"
    formats: tuple[str, ...] = ("md", "html", "txt")
    citations: tuple[CitationSpec, ...] = ()

    def where(self, line: int | None) -> str:
        """``bibliography.toml line 7`` (or the file alone when the line is unknown)."""
        return f"{self.path}" + (f" line {line}" if line else "")

    def files_of(self, entry: EntrySpec) -> list[str]:
        """The files a ``file``, ``zotero`` or ``files`` entry names (a glob in name order).

        Raises:
            BuildError: a glob that matches nothing.
        """
        if entry.kind in ("file", "zotero"):
            return [os.path.join(self.folder, str(entry.value))]
        pattern = os.path.join(self.folder, str(entry.value))
        found = sorted(glob.glob(pattern, recursive=True))
        if not found:
            raise BuildError(f"{self.where(entry.line)}: files {entry.value!r} matches no file")
        return found


def find_manifest(target: str | Path | None) -> Path:
    """The manifest a ``build`` argument names: a folder (its ``bibliography.toml``) or a file.

    Raises:
        InputError: through :func:`read_manifest` when it does not exist.
    """
    path = Path(target) if target is not None else Path(".")
    return path / MANIFEST_NAME if path.is_dir() else path


_HEADER = re.compile(r"^\s*\[(\[)?\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")


def _line_of(text: str, table: str | None, index: int | None, key: str | None) -> int | None:
    """The line (from 1) of ``key`` in ``[table]`` (or the ``index``-th ``[[table]]``).

    Without ``key``, the table's header line. A small search, not a parser: good enough for
    pointing at a mistake, and None where it cannot tell.
    """
    lines = text.splitlines()
    current: str | None = None
    seen: dict[str, int] = {}
    start_found = table is None
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            current = header.group(2).strip()
            if header.group(1):
                seen[current] = seen.get(current, -1) + 1
            if (
                table is not None
                and current == table
                and (index is None or seen.get(current) == index)
            ):
                start_found = True
                if key is None:
                    return number
                continue
            if start_found and table is not None:
                break  # the table ended without the key
            continue
        if not start_found or key is None:
            continue
        if table is None and current is not None:
            break
        if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    if key is not None:  # inline tables and other layouts: the first mention will do
        for number, line in enumerate(lines, start=1):
            if re.search(rf"(^|[\s{{,])[\"']?{re.escape(key)}[\"']?\s*=", line):
                return number
    return None


class _Reader:
    """Checks one manifest's data, raising errors that name the line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, message: str, table: str | None, index: int | None, key: str | None) -> NoReturn:
        line = _line_of(self.text, table, index, key)
        where = f"{self.path}" + (f" line {line}" if line else "")
        raise BuildError(f"{where}: {message}")

    def line(self, table: str | None, index: int | None, key: str | None) -> int | None:
        return _line_of(self.text, table, index, key)

    def unknown(
        self, data: dict[str, Any], known: tuple[str, ...], table: str | None, index: int | None
    ) -> None:
        for key in data:
            if key not in known:
                where = f"[{table}]" if table else "the top level"
                self.fail(
                    f"unknown key {key!r} in {where}; known: {', '.join(known)}", table, index, key
                )

    def string(self, data: dict[str, Any], key: str, table: str | None, index: int | None) -> str:
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key} must be a non-empty string, not {value!r}", table, index, key)
        return str(value).strip()

    def boolean(self, data: dict[str, Any], key: str, table: str | None) -> bool:
        value = data[key]
        if not isinstance(value, bool):
            self.fail(f"{key} must be true or false, not {value!r}", table, None, key)
        return bool(value)

    def strings(
        self, data: dict[str, Any], key: str, table: str | None, choices: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            self.fail(f"{key} must be a list of strings, not {value!r}", table, None, key)
        for item in value:
            if choices and item not in choices:
                self.fail(
                    f"{key}: unknown value {item!r}; choose from {', '.join(choices)}",
                    table,
                    None,
                    key,
                )
        return tuple(dict.fromkeys(v.strip() for v in value))

    def number(self, value: Any, table: str, index: int, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(
                f"{key} must be a series number (1 or more), not {value!r}", table, index, key
            )
        return int(value)


def read_manifest(target: str | Path | None = None) -> Manifest:
    """Read and check a manifest (a ``bibliography.toml``, or a folder holding one).

    Raises:
        InputError: it cannot be read.
        BuildError: it is not TOML, or has an unknown key or a bad value (naming the line).
    """
    path = find_manifest(target).absolute()
    data_bytes = read_bytes(path)
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BuildError(f"{path}: a manifest must be UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BuildError(f"{path}: not valid TOML: {error}") from None
    reader = _Reader(path, text)
    reader.unknown(data, TOP_KEYS, None, None)
    folder = path.parent
    options: dict[str, Any] = {}
    if "styles" in data:
        options["styles"] = reader.strings(data, "styles", None)
    if "locale" in data:
        options["locale"] = reader.string(data, "locale", None, None)
    if "keys" in data:
        value = reader.string(data, "keys", None, None)
        if value not in KEY_STYLES:
            reader.fail(
                f"keys: unknown value {value!r}; choose from {', '.join(KEY_STYLES)}",
                None,
                None,
                "keys",
            )
        options["keys"] = value
    sources = _table(reader, data, "sources")
    reader.unknown(sources, SOURCE_KEYS, "sources", None)
    if "catalog" in sources:
        options["catalog"] = folder / reader.string(sources, "catalog", "sources", None)
    for name in ("examples", "fetch"):
        if name in sources:
            options[name] = reader.boolean(sources, name, "sources")
    options["entries"] = tuple(_entries(reader, data))
    outputs = _table(reader, data, "outputs")
    reader.unknown(outputs, OUTPUT_KEYS, "outputs", None)
    chosen: dict[str, str] = {}
    for name in ("bib", "csl-json", "ris", "rdf", "bibliography", "citations"):
        if name in outputs:
            chosen[name] = reader.string(outputs, name, "outputs", None)
    options["outputs"] = chosen
    if "bib-format" in outputs:
        value = reader.string(outputs, "bib-format", "outputs", None)
        if value not in ("biblatex", "bibtex"):
            reader.fail(
                f"bib-format: unknown value {value!r}; choose from biblatex, bibtex",
                "outputs",
                None,
                "bib-format",
            )
        options["bib_format"] = value
    if "formats" in outputs:
        options["formats"] = reader.strings(outputs, "formats", "outputs", tuple(RENDER_FORMATS))
    options["citations"] = tuple(_citations(reader, data))
    if options["citations"] and "citations" not in chosen:
        reader.fail(
            "[[citations]] are given but [outputs] names no citations file",
            "citations",
            0,
            None,
        )
    return Manifest(path=path, text=text, folder=folder, **options)


def _table(reader: _Reader, data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        reader.fail(f"{name} must be a table ([{name}])", None, None, name)
    return dict(value)


def _array(reader: _Reader, data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        reader.fail(f"{name} must be an array of tables ([[{name}]])", None, None, name)
    return list(value)


def _entries(reader: _Reader, data: dict[str, Any]) -> list[EntrySpec]:
    specs = []
    for index, entry in enumerate(_array(reader, data, "entries")):
        reader.unknown(entry, ENTRY_KINDS, "entries", index)
        kinds = [k for k in ENTRY_KINDS if k in entry]
        if len(kinds) != 1:
            reader.fail(
                f"an entry names exactly one of {', '.join(ENTRY_KINDS)}"
                + (f", not {' and '.join(kinds)}" if kinds else ""),
                "entries",
                index,
                kinds[-1] if kinds else None,
            )
        kind = kinds[0]
        value: str | int
        if kind == "number":
            value = reader.number(entry[kind], "entries", index, kind)
        else:
            value = reader.string(entry, kind, "entries", index)
        specs.append(EntrySpec(kind, value, reader.line("entries", index, kind)))
    return specs


def _citations(reader: _Reader, data: dict[str, Any]) -> list[CitationSpec]:
    specs = []
    for index, citation in enumerate(_array(reader, data, "citations")):
        reader.unknown(citation, CITATION_KEYS, "citations", index)
        if "number" not in citation:
            reader.fail("a citation needs a number", "citations", index, None)
        number = reader.number(citation["number"], "citations", index, "number")
        pinpoint = (
            reader.string(citation, "pinpoint", "citations", index)
            if "pinpoint" in citation
            else None
        )
        line = reader.line("citations", index, "pinpoint" if pinpoint else "number")
        specs.append(CitationSpec(number, pinpoint, line))
    return specs
