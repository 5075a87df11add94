"""Polite, bounded fetching of series pages from The Diplomat; the only module importing requests.

Vocabulary:

- *allowlist*: the hosts we fetch from. By default only ``https://thediplomat.com/...`` (and
  ``www.`` and ``manage.``, which mirror it; ``http`` is upgraded to ``https``). Every URL,
  including every redirect target, is checked *before* any connection, cache or catalog look-up.
  :class:`Allowlist` widens it with ``HOST[:PORT]`` rules (``--allow-host`` or the environment
  variable ``TRANSPACIFIC_CITE_ALLOW_HOSTS``); plain ``http`` is then allowed to those hosts.
- *page*: what a fetch returns (:class:`Page`): the bytes of an HTML page, the URL asked for,
  the final URL after redirects, and when it was fetched from the site.
- *page cache*: our own small on-disk cache (:class:`PageCache`), one body file plus one JSON
  sidecar per URL, keyed by a SHA-256 of the URL.

Why our own cache rather than requests-cache: requests-cache reads the whole body on a miss
(``_copy_body`` calls ``response.raw.read()``) before we see it, so a streaming size cap could
only be checked after a huge body was already in memory and in the cache. Here the body is read
in chunks with a running count, refused past the cap, and written to the cache only after it
passed every check *and* the caller's ``accept`` hook (the series reader), so a page that is too
large, of the wrong type, or not a series entry leaves nothing behind. Articles do not change
once published, so a cached page is served without a request; ``refresh`` revalidates with a
conditional request (``If-None-Match`` / ``If-Modified-Since``) and ``offline`` never connects.

Politeness: connect and read timeouts plus a total deadline, a size cap, HTML content types
only, retries with exponential backoff on connection errors, 429 and 5xx honouring
``Retry-After`` up to a cap (a longer wait is a failure that says when to retry), at most one
request per ``min_interval`` seconds to each host, and a User-Agent naming the project, its
version and its home page (``[project.urls] Homepage``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import ipaddress
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from ._errors import FetchError, InputError, NotAllowedError
from ._files import write_atomic

ALLOW_HOSTS_ENV = "TRANSPACIFIC_CITE_ALLOW_HOSTS"

# The Diplomat serves its articles from the bare domain; www. redirects there and manage. is the
# WordPress back end that mirrors the same paths (links to it circulate in shared copies).
DEFAULT_HOSTS = ("thediplomat.com", "www.thediplomat.com", "manage.thediplomat.com")
DEFAULT_PORTS = {"http": 80, "https": 443}

# Content types a series page may come as; anything else (PDF, JSON, images) is refused.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

MAX_BYTES = 5 * 1024 * 1024
CHUNK_SIZE = 64 * 1024
CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How patient and how polite a fetch is; the defaults suit the real site.

    Attributes:
        connect_timeout: seconds to wait for a connection.
        read_timeout: seconds to wait for each read of the response (headers or body).
        total_timeout: seconds one attempt may take from request to last byte, so a server
            trickling bytes cannot hold us for ever.
        max_bytes: the largest body accepted (counted while streaming, after decompression).
        retries: further attempts after a connection error, 429 or 5xx.
        backoff: seconds before the first retry when the server gives no ``Retry-After``;
            doubled on each further retry.
        retry_after_cap: the longest ``Retry-After`` honoured; longer is a failure.
        min_interval: seconds between two requests to one host (0 turns the limit off).
        max_redirects: redirects followed before giving up.
        offline: serve only from the cache; never connect.
        refresh: revalidate cached pages with a conditional request.
        use_cache: read and write the page cache at all.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    max_bytes: int = MAX_BYTES
    retries: int = 3
    backoff: float = 1.0
    retry_after_cap: float = 60.0
    min_interval: float = 1.0
    max_redirects: int = 10
    offline: bool = False
    refresh: bool = False
    use_cache: bool = True

    def __post_init__(self) -> None:
        if self.offline and self.refresh:
            raise ValueError("offline and refresh contradict each other: refresh needs the network")
        if self.offline and not self.use_cache:
            raise ValueError("offline needs the cache")
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in ("backoff", "retry_after_cap", "min_interval"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.max_bytes < 1 or self.retries < 0 or self.max_redirects < 0:
            raise ValueError("max_bytes must be >= 1, retries and max_redirects >= 0")


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched HTML page.

    Attributes:
        url: the URL asked for, after the allowlist normalised it (``http`` upgraded).
        final_url: where the page was found after redirects.
        content: the body bytes, as sent (HTML).
        fetched: when the body was read from the site (UTC); for a cached page, when it was
            fetched or last revalidated, never when it was read from the cache.
        content_type: the media type without parameters (``text/html``).
        from_cache: True when no body was downloaded (a cache hit or a 304 revalidation).
        revalidated: True when a conditional request confirmed the cached body (a 304).
        etag: the ``ETag`` header, kept for revalidation.
        last_modified: the ``Last-Modified`` header, kept for revalidation.
    """

    url: str
    final_url: str
    content: bytes
    fetched: dt.datetime
    content_type: str = "text/html"
    from_cache: bool = False
    revalidated: bool = False
    etag: str | None = None
    last_modified: str | None = None


# --- the allowlist -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HostRule:
    """One widening of the allowlist: a host, and a port or None for the scheme's default."""

    host: str
    port: int | None = None

    @classmethod
    def parse(cls, spec: str) -> HostRule:
        """Read ``HOST[:PORT]`` (``127.0.0.1:8080``, ``example.org``, ``[::1]:8080``).

        Raises:
            ValueError: an empty host or a port that is not a number in 1..65535.
        """
        text = spec.strip()
        try:
            parts = urlsplit(f"//{text}")
            host, port = parts.hostname, parts.port
        except ValueError:
            raise ValueError(f"--allow-host {spec!r}: expected HOST or HOST:PORT") from None
        if not host or parts.path or parts.username is not None or port == 0:
            raise ValueError(f"--allow-host {spec!r}: expected HOST or HOST:PORT")
        return cls(_normal_host(host), port)

    def matches(self, host: str, port: int | None, scheme: str) -> bool:
        if host != self.host:
            return False
        if self.port is None:
            return port is None or port == DEFAULT_PORTS[scheme]
        return port == self.port


@dataclass(frozen=True, slots=True)
class Allowlist:
    """Which URLs may be fetched: The Diplomat over https, plus explicit extra hosts."""

    extra: tuple[HostRule, ...] = ()

    @classmethod
    def from_specs(
        cls, specs: Iterable[str] = (), *, environ: Mapping[str, str] | None = None
    ) -> Allowlist:
        """The default allowlist widened by ``HOST[:PORT]`` specs and ``$TRANSPACIFIC_CITE_ALLOW_HOSTS``.

        Raises:
            ValueError: a spec that is not ``HOST[:PORT]`` (the message names it).
        """
        env = os.environ if environ is None else environ
        rules: list[HostRule] = []
        for spec in (s for s in env.get(ALLOW_HOSTS_ENV, "").split(",") if s.strip()):
            try:
                rules.append(HostRule.parse(spec))
            except ValueError:
                raise ValueError(
                    f"${ALLOW_HOSTS_ENV}: {spec.strip()!r} is not HOST or HOST:PORT "
                    "(a comma-separated list)"
                ) from None
        return cls((*rules, *(HostRule.parse(s) for s in specs)))

    def check(self, url: str) -> str:
        """The URL normalised for fetching (``http`` upgraded, fragment dropped), or an error.

        Raises:
            NotAllowedError: a scheme, host, port, address literal or user name that is not
                allowed; raised before anything connects.
        """
        try:
            parts = urlsplit(url.strip())
            scheme = parts.scheme.lower()
            raw_host = parts.hostname
            port = parts.port
        except ValueError as error:
            raise NotAllowedError(f"{url}: not a valid URL ({error})") from None
        if scheme not in DEFAULT_PORTS:
            raise NotAllowedError(
                f"{url}: only https URLs of thediplomat.com are fetched, not {scheme or 'no'} scheme"
            )
        if not raw_host:
            raise NotAllowedError(f"{url}: the URL names no host")
        if parts.username is not None or parts.password is not None:
            raise NotAllowedError(f"{url}: URLs with a user name or password are not fetched")
        host = _normal_host(raw_host)
        path = parts.path or "/"
        if any(rule.matches(host, port, scheme) for rule in self.extra):
            netloc = _netloc(host, port if port != DEFAULT_PORTS[scheme] else None)
            return urlunsplit((scheme, netloc, path, parts.query, ""))
        if host in DEFAULT_HOSTS:
            if port is not None and port != DEFAULT_PORTS[scheme]:
                raise NotAllowedError(
                    f"{url}: port {port} is not allowed; only the standard https port is fetched"
                )
            return urlunsplit(("https", host, path, parts.query, ""))
        hint = "widen the allowlist with --allow-host HOST[:PORT] or " + ALLOW_HOSTS_ENV
        if any(rule.host == host for rule in self.extra):
            raise NotAllowedError(f"{url}: port {port} of {host} is not allowed ({hint})")
        if _is_address(host):
            raise NotAllowedError(f"{url}: address literals are not fetched ({hint})")
        raise NotAllowedError(
            f"{url}: host {host} is not allowed; only thediplomat.com is fetched ({hint})"
        )


def _normal_host(host: str) -> str:
    return host.strip().lower().rstrip(".")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _netloc(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return shown if port is None else f"{shown}:{port}"


# --- the page cache ------------------------------------------------------------------------


class PageCache:
    """Fetched pages on disk: ``<hash>.html`` plus a ``<hash>.json`` sidecar, both atomic.

    The body is written first and the sidecar (with the body's size and SHA-256) last, so an
    interrupted write leaves either the old entry or a body the sidecar does not vouch for,
    which reads as a miss.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def _files(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.directory / digest[:2]
        return folder / f"{digest}.html", folder / f"{digest}.json"

    def get(self, url: str) -> Page | None:
        """The cached page for a normalised URL, or None (also for a damaged entry)."""
        body_path, meta_path = self._files(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        try:
            if (
                meta["format"] != CACHE_FORMAT
                or meta["url"] != url
                or meta["size"] != len(body)
                or meta["sha256"] != hashlib.sha256(body).hexdigest()
            ):
                return None
            return Page(
                url=meta["url"],
                final_url=meta["final_url"],
                content=body,
                fetched=dt.datetime.fromisoformat(meta["fetched"]),
                content_type=meta["content_type"],
                from_cache=True,
                etag=meta.get("etag"),
                last_modified=meta.get("last_modified"),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, page: Page) -> None:
        """Store a page (replacing an older copy of the same URL).

        Raises:
            InputError: the cache directory cannot be written.
        """
        body_path, meta_path = self._files(page.url)
        try:
            body_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot write the page cache {self.directory}: {error}") from None
        meta = {
            "format": CACHE_FORMAT,
            "url": page.url,
            "final_url": page.final_url,
            "fetched": page.fetched.isoformat(),
            "content_type": page.content_type,
            "etag": page.etag,
            "last_modified": page.last_modified,
            "size": len(page.content),
            "sha256": hashlib.sha256(page.content).hexdigest(),
        }
        write_atomic(body_path, page.content)
        write_atomic(meta_path, json.dumps(meta, indent=1) + "\n")

    def __contains__(self, url: str) -> bool:
        return self.get(url) is not None


# --- fetching ------------------------------------------------------------------------------


@cache
def user_agent() -> str:
    """``transpacific-cite/0.1.0 (+https://github.com/...)`` from the installed metadata."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("transpacific-cite")
    except PackageNotFoundError:
        return "transpacific-cite/0.0.0"
    home = ""
    for entry in meta.get_all("Project-URL") or []:
        label, _, link = entry.partition(",")
        if label.strip().lower() == "homepage":
            home = link.strip()
    version = meta["Version"]
    return f"transpacific-cite/{version} (+{home})" if home else f"transpacific-cite/{version}"


@dataclass(slots=True)
class _Answer:
    """One HTTP exchange, body read (only for a 200 answer)."""

    url: str
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes | None = None
    content_type: str = ""


class _Retry(Exception):
    """An attempt failed in a way worth retrying; ``wait`` is the server's Retry-After."""

    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


Accept = Callable[[Page], object]


@dataclass
class Fetcher:
    """Fetches pages through one session, one page cache and one per-host rate limit.

    Reuse one fetcher for a batch, so the rate limit and the connection pool span it.

    Attributes:
        session: the ``requests.Session`` to use (injectable: proxies, tests); made if None.
        allowlist: which URLs may be fetched.
        options: timeouts, caps, retries, politeness, offline/refresh.
        cache_dir: where the page cache lives; None means ``paths.cache_dir() / "pages"``.
    """

    session: requests.Session | None = None
    allowlist: Allowlist = field(default_factory=Allowlist)
    options: FetchOptions = field(default_factory=FetchOptions)
    cache_dir: str | os.PathLike[str] | None = None
    requests_made: int = field(default=0, init=False)
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _own_session: bool = field(default=False, init=False, repr=False)
    _cache: PageCache | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.session is None:
            self.session = requests.Session()
            self._own_session = True

    @property
    def cache(self) -> PageCache:
        """The page cache (its directory is created on first use).

        Raises:
            InputError: the user cache directory (or ``$TRANSPACIFIC_CITE_CACHE``) cannot be
                created, e.g. a file stands in its place or its parent is read-only.
        """
        if self._cache is None:
            if self.cache_dir is None:
                from ._paths import CACHE_ENV, cache_dir

                try:
                    self._cache = PageCache(cache_dir() / "pages")
                except OSError as error:
                    where = f" {error.filename}" if error.filename else ""
                    raise InputError(
                        f"cannot create the page cache folder{where} "
                        f"({error.strerror or error}); set {CACHE_ENV} to a writable folder"
                    ) from None
            else:
                self._cache = PageCache(self.cache_dir)
        return self._cache

    def close(self) -> None:
        """Close the session if this fetcher made it."""
        if self._own_session and self.session is not None:
            self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fetch(self, url: str, *, accept: Accept | None = None) -> Page:
        """Fetch one page, from the cache when it holds it.

        Args:
            url: an allowed URL.
            accept: called with a freshly downloaded page before it is cached; if it raises,
                the error propagates and nothing is cached (the series reader goes here, so a
                page that is not a series entry is not kept).

        Raises:
            NotAllowedError: the URL or a redirect leaves the allowlist (checked before the
                cache is consulted).
            FetchError: network failure after retries, an HTTP error, a redirect loop, a body
                over the cap, a content type that is not HTML, or (offline) a cache miss.
        """
        wanted = self.allowlist.check(url)
        cached = self.cache.get(wanted) if self.options.use_cache else None
        if cached is not None:
            try:
                self.allowlist.check(cached.final_url)
            except NotAllowedError as error:
                raise NotAllowedError(f"{url}: cached copy came from elsewhere: {error}") from None
            if not self.options.refresh:
                return cached
        if self.options.offline:
            raise FetchError(
                f"{url}: not in the page cache {self.cache.directory} (offline); "
                "run without --offline to fetch it"
            )
        page, revalidated = self._download(wanted, cached)
        if revalidated:
            # a 304: the cached body is still current, so only its fetch time moves on
            self.cache.put(page)
            return page
        if accept is not None:
            accept(page)
        if self.options.use_cache:
            self.cache.put(page)
        return page

    def _download(self, url: str, cached: Page | None) -> tuple[Page, bool]:
        """Follow redirects by hand, re-checking each; True when a 304 confirmed ``cached``."""
        current = url
        seen: set[str] = set()
        for _hop in range(self.options.max_redirects + 1):
            current = self.allowlist.check(current)
            if current in seen:
                raise FetchError(f"{url}: redirect loop (back to {current})")
            seen.add(current)
            headers: dict[str, str] = {}
            conditional = cached is not None and cached.final_url == current
            if conditional and cached is not None:
                if cached.etag:
                    headers["If-None-Match"] = cached.etag
                if cached.last_modified:
                    headers["If-Modified-Since"] = cached.last_modified
            answer = self._with_retries(current, headers, origin=url)
            if answer.status in REDIRECT_STATUSES:
                location = answer.headers.get("Location")
                if not location:
                    raise FetchError(f"{url}: HTTP {answer.status} redirect without a Location")
                current = urljoin(current, location.strip())
                continue
            now = dt.datetime.now(dt.UTC).replace(microsecond=0)
            if answer.status == 304 and conditional and cached is not None:
                return replace(cached, fetched=now, revalidated=True), True
            if answer.status != 200 or answer.body is None:
                where = "" if current == url else f" (at {current})"
                raise FetchError(f"{url}: HTTP {answer.status} {answer.reason}{where}".rstrip())
            page = Page(
                url=url,
                final_url=current,
                content=answer.body,
                fetched=now,
                content_type=answer.content_type,
                etag=answer.headers.get("ETag"),
                last_modified=answer.headers.get("Last-Modified"),
            )
            return page, False
        raise FetchError(f"{url}: more than {self.options.max_redirects} redirects")

    def _with_retries(self, url: str, headers: dict[str, str], *, origin: str) -> _Answer:
        options = self.options
        attempt = 0
        while True:
            try:
                return self._attempt(url, headers, origin=origin)
            except _Retry as problem:
                if attempt >= options.retries:
                    tries = "1 attempt" if attempt == 0 else f"{attempt + 1} attempts"
                    raise FetchError(f"{origin}: {problem} (gave up after {tries})") from None
                wait = problem.wait
                if wait is None:
                    wait = options.backoff * 2**attempt
                elif wait > options.retry_after_cap:
                    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait)
                    raise FetchError(
                        f"{origin}: {problem}; the server asks to wait {wait:.0f} s, longer than "
                        f"{options.retry_after_cap:.0f} s: try again after "
                        f"{when:%Y-%m-%d %H:%M:%S} UTC"
                    ) from None
                time.sleep(wait)
                attempt += 1

    def _throttle(self, url: str) -> None:
        if self.options.min_interval <= 0:
            return
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.options.min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _attempt(self, url: str, headers: dict[str, str], *, origin: str) -> _Answer:
        """One request; the body is streamed under the cap only for a 200 answer."""
        assert self.session is not None
        options = self.options
        self._throttle(url)
        self.requests_made += 1
        started = time.monotonic()
        try:
            response = self.session.get(
                url,
                headers={
                    "User-Agent": user_agent(),
                    "Accept": "text/html,application/xhtml+xml",
                    **headers,
                },
                timeout=(options.connect_timeout, options.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.Timeout as error:
            raise _Retry(f"timed out ({_reason(error)})") from None
        except requests.ConnectionError as error:
            raise _Retry(f"cannot connect ({_reason(error)})") from None
        except requests.RequestException as error:
            raise FetchError(f"{origin}: {_reason(error)}") from None
        with response:
            answer = _Answer(url, response.status_code, response.reason or "", response.headers)
            if response.status_code == 429 or 500 <= response.status_code <= 599:
                wait = retry_after(response.headers.get("Retry-After"))
                raise _Retry(f"HTTP {response.status_code} {answer.reason}".rstrip(), wait)
            if response.status_code != 200:
                return answer
            answer.content_type = _media_type(response.headers.get("Content-Type"))
            if answer.content_type not in HTML_TYPES:
                shown = answer.content_type or "none given"
                raise FetchError(f"{origin}: not an HTML page (content type {shown})")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(
                    f"{origin}: the page is {int(declared)} bytes, over the {options.max_bytes}-byte cap"
                )
            chunks: list[bytes] = []
            total = 0
            try:
                for chunk in response.iter_content(CHUNK_SIZE):
                    total += len(chunk)
                    if total > options.max_bytes:
                        raise FetchError(
                            f"{origin}: the page is over the {options.max_bytes}-byte cap"
                        )
                    if time.monotonic() - started > options.total_timeout:
                        raise _Retry(f"took longer than {options.total_timeout:g} s")
                    chunks.append(chunk)
            except requests.RequestException as error:
                raise _Retry(f"the page stopped arriving ({_reason(error)})") from None
            answer.body = b"".join(chunks)
            return answer


def _media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def _reason(error: BaseException) -> str:
    """A short, one-line reason out of requests' nested exception messages."""
    text = str(error)
    for marker in (
        "Read timed out",
        "Connection refused",
        "timed out",
        "Name or service not known",
    ):
        if marker in text:
            return marker.lower()
    return " ".join(text.split())[:200] or type(error).__name__


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or None."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def fetch(
    url: str,
    *,
    session: requests.Session | None = None,
    allowlist: Allowlist | None = None,
    options: FetchOptions | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    accept: Accept | None = None,
) -> Page:
    """Fetch one page: its bytes, final URL and fetch time (see :class:`Fetcher`).

    Raises:
        NotAllowedError: the URL or a redirect is outside the allowlist.
        FetchError: the page could not be fetched.
    """
    fetcher = Fetcher(
        session=session,
        allowlist=allowlist if allowlist is not None else Allowlist.from_specs(),
        options=options or FetchOptions(),
        cache_dir=cache_dir,
    )
    with fetcher:
        return fetcher.fetch(url, accept=accept)


def describe(page: Page) -> dict[str, Any]:
    """A page's metadata as a plain dict (for ``--json`` output and logs)."""
    return {
        "url": page.url,
        "final_url": page.final_url,
        "fetched": page.fetched.isoformat(),
        "from_cache": page.from_cache,
        "content_type": page.content_type,
        "size": len(page.content),
    }
