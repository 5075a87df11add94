"""Citing by series number: ``tpv:319`` to the interview it names.

Vocabulary: a *tpv key* is a citation key of the form ``tpv:N`` (N the series number), as a
writer types it in Markdown (``[@tpv:319, q3]``) or LaTeX (``\\cite{tpv:319}``). The *sources*
(:class:`Sources`) say where numbers are looked up, in this order:

1. files named by the document or manifest (model JSON, article text, saved pages);
2. URLs named there: looked up in the catalog by URL, or fetched when fetching is on;
3. the catalog (``--catalog``, ``$TRANSPACIFIC_CITE_CATALOG`` or the user data folder);
4. the bundled examples (``examples/*.json``), so a fresh install can cite 319 offline.

The first source that knows a number wins, so a writer's own file beats a catalog copy.
Nothing is fetched unless :attr:`Sources.fetch` is set: a paper builds the same offline
tomorrow as today.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import BuildError, CiteError, NotFoundError
from .._model import Interview

TPV_PREFIX = "tpv:"
_TPV_KEY = re.compile(r"^tpv:(\d+)$", re.IGNORECASE)

# Reports one source as it is read (a progress display for fetches); called with its name.
Progress = Callable[[str], None]


def tpv_number(key: str) -> int | None:
    """The series number of a ``tpv:N`` key, or None for any other key.

    Raises:
        BuildError: a ``tpv:`` key whose rest is not a number (``tpv:abc``), which is a typo
            rather than some other bibliography's key.
    """
    if not key.lower().startswith(TPV_PREFIX):
        return None
    match = _TPV_KEY.match(key)
    if match is None or int(match.group(1)) < 1:
        raise BuildError(f"{key}: a tpv: key is tpv: and a series number, as in tpv:319")
    return int(match.group(1))


def tpv_key(number: int) -> str:
    """The key a number is cited under: ``tpv:319``."""
    return f"{TPV_PREFIX}{number}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Sources:
    """Where numbers are looked up (see the module docstring for the order).

    Attributes:
        files: model JSON, article texts or saved pages.
        urls: article URLs (fetched only when ``fetch`` is on; else found in the catalog).
        catalog: the catalog file; None means the default one (``$TRANSPACIFIC_CITE_CATALOG``).
        use_catalog: whether to look in the catalog at all.
        examples: whether to look in the bundled examples.
        fetch: whether URLs may be fetched (off unless the document or manifest turns it on).
        allow_hosts: extra hosts the fetcher may use (tests serve pages from 127.0.0.1).
    """

    files: tuple[Path, ...] = ()
    urls: tuple[str, ...] = ()
    catalog: Path | None = None
    use_catalog: bool = True
    examples: bool = True
    fetch: bool = False
    allow_hosts: tuple[str, ...] = field(default=())


class Resolver:
    """Series numbers to interviews, reading each source at most once and only when needed.

    Args:
        sources: where to look.
        progress: called with each URL fetched (for a progress display).
    """

    def __init__(self, sources: Sources, *, progress: Progress | None = None) -> None:
        self.sources = sources
        self._progress = progress
        self._named: dict[int, Interview] | None = None
        self._examples: dict[int, Interview] | None = None
        self.warnings: list[str] = []

    def _read_named(self) -> dict[int, Interview]:
        if self._named is None:
            found: dict[int, Interview] = {}
            for interview in self._files() + self._urls():
                found.setdefault(interview.number, interview)
            self._named = found
        return self._named

    def _files(self) -> list[Interview]:
        from .._api import read

        interviews = []
        for path in self.sources.files:
            result = read(path)
            self.warnings.extend(f"{path}: {message}" for message in result.warnings)
            interviews.append(result.interview)
        return interviews

    def _urls(self) -> list[Interview]:
        if not self.sources.urls:
            return []
        if self.sources.fetch:
            return self._fetch(self.sources.urls)
        from .._catalog import Catalog

        try:
            catalog = Catalog(self.sources.catalog, create=False)
        except NotFoundError:
            catalog = None
        interviews = []
        for url in self.sources.urls:
            try:
                if catalog is None:
                    raise NotFoundError(url)
                interviews.append(catalog.by_url(url).interview)
            except NotFoundError:
                raise BuildError(
                    f"{url}: not in the catalog, and fetching is off (turn it on with "
                    "fetch = true, or add it first with `transpacific-cite add URL`)"
                ) from None
        if catalog is not None:
            catalog.close()
        return interviews

    def _fetch(self, urls: Sequence[str]) -> list[Interview]:
        from .._fetch import Allowlist, Fetcher
        from .._library import parse_page

        interviews = []
        with Fetcher(allowlist=Allowlist.from_specs(self.sources.allow_hosts)) as fetcher:
            for url in urls:
                if self._progress is not None:
                    self._progress(url)
                parsed = parse_page(fetcher.fetch(url))
                self.warnings.extend(f"{url}: {message}" for message in parsed.warnings)
                interviews.append(parsed.interview)
        return interviews

    def _read_examples(self) -> dict[int, Interview]:
        if self._examples is None:
            from .._api import load
            from .._paths import examples_dir

            found: dict[int, Interview] = {}
            folder = examples_dir()
            for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
                try:
                    interview = load(path)
                except CiteError:  # a damaged example is not a reason to fail every paper
                    continue
                found.setdefault(interview.number, interview)
            self._examples = found
        return self._examples

    def named(self) -> list[Interview]:
        """Every interview the files and URLs name, in the order given (manifest entries)."""
        return list(self._read_named().values())

    def find_many(self, numbers: Iterable[int]) -> dict[int, Interview]:
        """The interviews of the numbers any source knows; unknown numbers are left out."""
        wanted = list(dict.fromkeys(numbers))
        found = {n: self._read_named()[n] for n in wanted if n in self._read_named()}
        missing = [n for n in wanted if n not in found]
        if missing and self.sources.use_catalog:
            found.update(self._from_catalog(missing))
            missing = [n for n in wanted if n not in found]
        if missing and self.sources.examples:
            examples = self._read_examples()
            found.update({n: examples[n] for n in missing if n in examples})
        return found

    def _from_catalog(self, numbers: Sequence[int]) -> dict[int, Interview]:
        from .._catalog import Catalog

        try:
            catalog = Catalog(self.sources.catalog, create=False)
        except NotFoundError:
            return {}
        found = {}
        with catalog:
            for number in numbers:
                try:
                    found[number] = catalog.get(number).interview
                except NotFoundError:
                    continue
        return found

    def describe(self) -> str:
        """Where numbers were looked for, for an error message."""
        places = []
        if self.sources.files or self.sources.urls:
            places.append("the sources named")
        if self.sources.use_catalog:
            from .._paths import catalog_path

            places.append(f"the catalog {self.sources.catalog or catalog_path()}")
        if self.sources.examples:
            places.append("the bundled examples")
        return ", ".join(places) or "no sources"


def require_all(
    resolver: Resolver, cited: dict[int, list[str]], *, what: str = "cited at"
) -> dict[int, Interview]:
    """The interviews of every number cited; one error naming every unknown number.

    Args:
        resolver: where to look.
        cited: number -> where it is cited (``[@tpv:999, q3]``, ``paper.aux``), in order.
        what: how the places are introduced in the message.

    Raises:
        BuildError: naming each unknown ``tpv:N`` and where it is first cited.
    """
    found = resolver.find_many(cited)
    missing = [n for n in cited if n not in found]
    if missing:
        parts = []
        for number in missing:
            places = cited[number]
            more = f" and {len(places) - 1} more" if len(places) > 1 else ""
            parts.append(f"{tpv_key(number)} ({what} {places[0]}{more})")
        raise BuildError(
            f"unknown series number{'s' if len(missing) > 1 else ''}: {'; '.join(parts)}; "
            f"looked in {resolver.describe()}"
        )
    return found
