"""Fetching: the allowlist, bounded and polite requests, and the page cache.

Every HTTP test talks to a real server on 127.0.0.1 (pytest-httpserver) serving fixture pages
written in the Diplomat's shape (tests/fixtures/pages/); nothing touches the internet.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from transpacific_cite._errors import FetchError, NotAllowedError
from transpacific_cite._fetch import (
    ALLOW_HOSTS_ENV,
    DEFAULT_HOSTS,
    Allowlist,
    Fetcher,
    FetchOptions,
    HostRule,
    Page,
    PageCache,
    fetch,
    retry_after,
    user_agent,
)

from .conftest import FIXTURES

PAGES = FIXTURES / "pages"
HTML = "text/html; charset=UTF-8"
# Tests never wait for politeness: no rate limit, no backoff, short timeouts.
QUICK = FetchOptions(min_interval=0, backoff=0, retries=2, connect_timeout=2, read_timeout=2)


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def entry_page(number: int, *, family: str = "Fixturesson", given: str = "Ada") -> bytes:
    """A series entry in the Diplomat's shape, from tests/fixtures/pages/entry.html.tmpl."""
    template = Template((PAGES / "entry.html.tmpl").read_text(encoding="utf-8"))
    return template.substitute(
        number=number,
        ordinal=ordinal(number),
        title=f"Fixture Entry {number}: Harbours and Alliances",
        published="2023-04-05",
        month_path="2023/04",
        slug=f"fixture-entry-{number}",
        given=given,
        family=family,
        description="senior fellow at the Fixture Institute",
        topic="harbours",
        q1=f"Explain the first fixture question of entry {number}.",
        q2="Assess the harbour question.",
        q3="What comes next for the alliance?",
    ).encode("utf-8")


@pytest.fixture
def server(make_httpserver_ipv4: HTTPServer) -> Iterator[HTTPServer]:
    """The session's HTTP server on 127.0.0.1, with no handlers and an empty log."""
    make_httpserver_ipv4.clear()
    yield make_httpserver_ipv4
    make_httpserver_ipv4.clear()


def allow(server: HTTPServer) -> Allowlist:
    return Allowlist.from_specs([f"127.0.0.1:{server.port}"], environ={})


def fetcher_for(server: HTTPServer, tmp_path: Path, **changes: object) -> Fetcher:
    options = FetchOptions(**{**_as_dict(QUICK), **changes})  # type: ignore[arg-type]
    return Fetcher(allowlist=allow(server), options=options, cache_dir=tmp_path / "cache")


def _as_dict(options: FetchOptions) -> dict[str, object]:
    return {name: getattr(options, name) for name in options.__dataclass_fields__}


def cache_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- the allowlist -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        pytest.param(
            "https://thediplomat.com/2022/05/slug/",
            "https://thediplomat.com/2022/05/slug/",
            id="https",
        ),
        pytest.param(
            "http://thediplomat.com/2022/05/slug/",
            "https://thediplomat.com/2022/05/slug/",
            id="http-upgraded",
        ),
        pytest.param(
            "https://WWW.TheDiplomat.com./a?b=1#c",
            "https://www.thediplomat.com/a?b=1",
            id="case-dot-fragment",
        ),
        pytest.param(
            "https://manage.thediplomat.com", "https://manage.thediplomat.com/", id="manage-root"
        ),
        pytest.param(
            "https://thediplomat.com:443/x", "https://thediplomat.com/x", id="explicit-443"
        ),
        pytest.param("http://thediplomat.com:80/x", "https://thediplomat.com/x", id="explicit-80"),
    ],
)
def test_default_allowlist_accepts_the_diplomat(url: str, normalised: str) -> None:
    assert Allowlist().check(url) == normalised


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param("https://example.com/", "host example.com is not allowed", id="other-host"),
        pytest.param(
            "https://thediplomat.com.evil.test/",
            "host thediplomat.com.evil.test",
            id="suffix-trick",
        ),
        pytest.param("https://evilthediplomat.com/", "host evilthediplomat.com", id="prefix-trick"),
        pytest.param("ftp://thediplomat.com/x", "not ftp scheme", id="ftp"),
        pytest.param("file:///etc/passwd", "not file scheme", id="file"),
        pytest.param("thediplomat.com/x", "not no scheme", id="no-scheme"),
        pytest.param("https://thediplomat.com:8443/x", "port 8443 is not allowed", id="port"),
        pytest.param("https://127.0.0.1/x", "address literals are not fetched", id="ipv4"),
        pytest.param("https://[::1]:8080/x", "address literals are not fetched", id="ipv6"),
        pytest.param("https://user:pw@thediplomat.com/x", "user name or password", id="userinfo"),
        pytest.param("https://thediplomat.com:99999/x", "not a valid URL", id="bad-port"),
        pytest.param("https:///x", "names no host", id="no-host"),
    ],
)
def test_default_allowlist_refuses(url: str, message: str) -> None:
    with pytest.raises(NotAllowedError) as caught:
        Allowlist().check(url)
    assert str(caught.value).startswith(f"{url}: ")
    assert message in str(caught.value)


def test_allow_host_widens_to_http_on_that_port_only() -> None:
    allowlist = Allowlist.from_specs(["127.0.0.1:8080", "Example.ORG"], environ={})
    assert allowlist.check("http://127.0.0.1:8080/a#x") == "http://127.0.0.1:8080/a"
    assert allowlist.check("http://example.org/") == "http://example.org/"
    assert allowlist.check("https://example.org:443/") == "https://example.org/"
    with pytest.raises(NotAllowedError, match=r"port 8081 of 127\.0\.0\.1 is not allowed"):
        allowlist.check("http://127.0.0.1:8081/a")
    with pytest.raises(NotAllowedError, match=r"port 8080 of example\.org"):
        allowlist.check("http://example.org:8080/")


def test_allow_hosts_from_the_environment() -> None:
    allowlist = Allowlist.from_specs(["b.test"], environ={ALLOW_HOSTS_ENV: " a.test , [::1]:81,"})
    assert allowlist.extra == (HostRule("a.test"), HostRule("::1", 81), HostRule("b.test"))
    assert allowlist.check("http://[::1]:81/x") == "http://[::1]:81/x"


@pytest.mark.parametrize("spec", ["", ":80", "a.test:x", "a.test:0", "a.test/path", "u@a.test"])
def test_bad_allow_host_specs(spec: str) -> None:
    with pytest.raises(ValueError, match="expected HOST or HOST:PORT"):
        HostRule.parse(spec)


def test_contradictory_options_are_a_value_error() -> None:
    with pytest.raises(ValueError, match="contradict"):
        FetchOptions(offline=True, refresh=True)


def test_user_agent_names_project_version_and_home_page() -> None:
    from transpacific_cite import __version__

    assert user_agent() == (
        f"transpacific-cite/{__version__} (+https://github.com/transpacific-cite/transpacific-cite)"
    )


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param(None, None, id="absent"),
        pytest.param("7", 7.0, id="seconds"),
        pytest.param("soon", None, id="garbage"),
        pytest.param("Wed, 21 Oct 2015 07:28:00 GMT", 0.0, id="date-in-the-past"),
    ],
)
def test_retry_after(header: str | None, seconds: float | None) -> None:
    assert retry_after(header) == seconds


def test_retry_after_date_in_the_future() -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=120)
    value = retry_after(later.strftime("%a, %d %b %Y %H:%M:%S GMT"))
    assert value is not None and 110 < value <= 120


# --- fetching against a local server -------------------------------------------------------


def test_fetch_a_page_and_send_our_user_agent(server: HTTPServer, tmp_path: Path) -> None:
    body = (PAGES / "319-hornung.html").read_bytes()
    server.expect_request("/2022/05/slug/").respond_with_data(body, content_type=HTML)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with fetcher_for(server, tmp_path) as fetcher:
        page = fetcher.fetch(server.url_for("/2022/05/slug/"))
    assert page.content == body
    assert page.url == page.final_url == server.url_for("/2022/05/slug/")
    assert page.content_type == "text/html"
    assert not page.from_cache
    assert before <= page.fetched <= dt.datetime.now(dt.UTC)
    (request, _response), *_ = server.log
    assert request.headers["User-Agent"] == user_agent()
    assert fetcher.requests_made == 1


def test_the_module_function_uses_an_injected_session(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(entry_page(1), content_type=HTML)
    session = requests.Session()
    session.headers["X-Proxy-Token"] = "abc"
    page = fetch(
        server.url_for("/p"),
        session=session,
        allowlist=allow(server),
        options=QUICK,
        cache_dir=tmp_path,
    )
    assert page.content == entry_page(1)
    assert server.log[0][0].headers["X-Proxy-Token"] == "abc"
    session.close()


def test_429_with_retry_after_then_200(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_oneshot_request("/p").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    server.expect_request("/p").respond_with_data(entry_page(2), content_type=HTML)
    started = time.monotonic()
    page = fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    assert time.monotonic() - started >= 1.0  # Retry-After honoured, not the zero backoff
    assert page.content == entry_page(2)
    assert [r.status_code for _, r in server.log] == [429, 200]


@pytest.mark.parametrize("status", [500, 501, 502, 503, 504, 599])
def test_5xx_twice_then_200(server: HTTPServer, tmp_path: Path, status: int) -> None:
    for _ in range(2):
        server.expect_oneshot_request("/p").respond_with_data("busy", status=status)
    server.expect_request("/p").respond_with_data(entry_page(3), content_type=HTML)
    page = fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    assert page.content == entry_page(3)
    assert [r.status_code for _, r in server.log] == [status, status, 200]


def test_backoff_doubles_between_retries(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data("busy", status=503)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher_for(server, tmp_path, backoff=0.1, retries=2).fetch(server.url_for("/p"))
    assert time.monotonic() - started >= 0.3  # 0.1 + 0.2
    assert str(caught.value) == (
        f"{server.url_for('/p')}: HTTP 503 SERVICE UNAVAILABLE (gave up after 3 attempts)"
    )
    assert len(server.log) == 3
    assert cache_files(tmp_path) == []


def test_retry_after_longer_than_the_cap_says_when_to_retry(
    server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/p").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError) as caught:
        fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    message = str(caught.value)
    assert "the server asks to wait 3600 s, longer than 60 s: try again after " in message
    when = dt.datetime.strptime(message[-23:-4], "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
    assert abs((when - dt.datetime.now(dt.UTC)).total_seconds() - 3600) < 10
    assert len(server.log) == 1


def test_redirect_within_the_allowlist_is_followed(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new/"})
    server.expect_request("/new/").respond_with_data(entry_page(4), content_type=HTML)
    page = fetcher_for(server, tmp_path).fetch(server.url_for("/old"))
    assert page.url == server.url_for("/old")
    assert page.final_url == server.url_for("/new/")


def test_redirect_to_another_host_is_refused_before_connecting(
    server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/p").respond_with_data(
        "", status=302, headers={"Location": "https://example.com/2022/05/slug/"}
    )
    with pytest.raises(NotAllowedError) as caught:
        fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    assert str(caught.value).startswith(
        "https://example.com/2022/05/slug/: host example.com is not allowed"
    )
    assert len(server.log) == 1
    assert cache_files(tmp_path) == []


def test_redirect_to_a_refused_scheme_is_refused(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    with pytest.raises(NotAllowedError, match="not file scheme"):
        fetcher_for(server, tmp_path).fetch(server.url_for("/p"))


def test_redirect_loop(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=307, headers={"Location": "/a"})
    with pytest.raises(FetchError) as caught:
        fetcher_for(server, tmp_path).fetch(server.url_for("/a"))
    assert (
        str(caught.value)
        == f"{server.url_for('/a')}: redirect loop (back to {server.url_for('/a')})"
    )
    assert [r.path for r, _ in server.log] == ["/a", "/b"]


def test_too_many_redirects(server: HTTPServer, tmp_path: Path) -> None:
    for n in range(5):
        server.expect_request(f"/r{n}").respond_with_data(
            "", status=302, headers={"Location": f"/r{n + 1}"}
        )
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher_for(server, tmp_path, max_redirects=3).fetch(server.url_for("/r0"))
    assert len(server.log) == 4


@pytest.mark.parametrize(
    "declared", [pytest.param(True, id="content-length"), pytest.param(False, id="streamed")]
)
def test_body_over_the_cap_is_refused_and_not_cached(
    server: HTTPServer, tmp_path: Path, declared: bool
) -> None:
    body = b"<html>" + b"x" * 20_000

    def handler(request: Request) -> Response:
        if declared:
            return Response(body, content_type=HTML)
        return Response(
            iter([body[i : i + 1000] for i in range(0, len(body), 1000)]), content_type=HTML
        )

    server.expect_request("/big").respond_with_handler(handler)
    with pytest.raises(FetchError) as caught:
        fetcher_for(server, tmp_path, max_bytes=10_000).fetch(server.url_for("/big"))
    if declared:
        assert str(caught.value) == (
            f"{server.url_for('/big')}: the page is {len(body)} bytes, over the 10000-byte cap"
        )
    else:
        assert str(caught.value) == f"{server.url_for('/big')}: the page is over the 10000-byte cap"
    assert cache_files(tmp_path) == []
    assert len(server.log) == 1  # a size failure is not retried


def test_slow_body_past_the_read_timeout(server: HTTPServer, tmp_path: Path) -> None:
    # The body stalls until the test has its answer (at most 20 s), so the timing bound below
    # can be generous on a busy machine and the server is freed as soon as the test is done.
    stalled = threading.Event()

    def handler(request: Request) -> Response:
        def trickle() -> Iterator[bytes]:
            yield b"<html><head><title>x</title>"
            stalled.wait(20)
            yield b"</head></html>"

        return Response(trickle(), content_type=HTML)

    server.expect_request("/slow").respond_with_handler(handler)
    started = time.monotonic()
    try:
        with pytest.raises(FetchError) as caught:
            fetcher_for(server, tmp_path, read_timeout=0.3, retries=0).fetch(
                server.url_for("/slow")
            )
        assert time.monotonic() - started < 10  # the 0.3 s read timeout, not the 20 s stall
    finally:
        stalled.set()
    assert str(caught.value).startswith(f"{server.url_for('/slow')}: the page stopped arriving (")
    assert str(caught.value).endswith("(gave up after 1 attempt)")
    assert cache_files(tmp_path) == []


def test_total_deadline_stops_a_trickle(server: HTTPServer, tmp_path: Path) -> None:
    def handler(request: Request) -> Response:
        def trickle() -> Iterator[bytes]:
            for _ in range(20):
                yield b"<p>" * 30_000  # each chunk well inside the read timeout
                time.sleep(0.05)

        return Response(trickle(), content_type=HTML)

    server.expect_request("/drip").respond_with_handler(handler)
    with pytest.raises(FetchError, match=r"took longer than 0\.2 s \(gave up after 1 attempt\)"):
        fetcher_for(server, tmp_path, total_timeout=0.2, retries=0).fetch(server.url_for("/drip"))


@pytest.mark.parametrize(
    ("content_type", "shown"),
    [
        pytest.param("application/pdf", "application/pdf", id="pdf"),
        pytest.param("application/json; charset=utf-8", "application/json", id="json"),
        pytest.param("text/plain", "text/plain", id="plain-text"),
    ],
)
def test_only_html_content_types(
    server: HTTPServer, tmp_path: Path, content_type: str, shown: str
) -> None:
    server.expect_request("/doc").respond_with_data(b"%PDF-1.7", content_type=content_type)
    with pytest.raises(FetchError) as caught:
        fetcher_for(server, tmp_path).fetch(server.url_for("/doc"))
    assert str(caught.value) == f"{server.url_for('/doc')}: not an HTML page (content type {shown})"
    assert cache_files(tmp_path) == []


def test_http_errors_are_not_retried(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(FetchError) as caught:
        fetcher_for(server, tmp_path).fetch(server.url_for("/gone"))
    assert str(caught.value) == f"{server.url_for('/gone')}: HTTP 404 NOT FOUND"
    assert len(server.log) == 1


def test_connection_refused_is_retried_then_reported(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetcher = Fetcher(
        allowlist=Allowlist.from_specs([f"127.0.0.1:{port}"], environ={}),
        options=QUICK,
        cache_dir=tmp_path / "cache",
    )
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(f"http://127.0.0.1:{port}/p")
    assert str(caught.value) == (
        f"http://127.0.0.1:{port}/p: cannot connect (connection refused) (gave up after 3 attempts)"
    )
    assert fetcher.requests_made == 3


def test_rate_limit_spaces_requests_to_one_host(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(entry_page(5), content_type=HTML)
    fetcher = fetcher_for(server, tmp_path, min_interval=0.4, use_cache=False)
    started = time.monotonic()
    for _ in range(3):
        fetcher.fetch(server.url_for("/p"))
    assert time.monotonic() - started >= 0.8
    assert len(server.log) == 3


# --- the page cache ------------------------------------------------------------------------


def test_second_fetch_is_served_from_the_cache(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(entry_page(6), content_type=HTML)
    first = fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    second = fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    assert len(server.log) == 1
    assert second.from_cache and not first.from_cache
    assert second.content == first.content
    assert second.fetched == first.fetched  # when it was fetched from the site, not now
    body, sidecar = cache_files(tmp_path)
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    assert body.read_bytes() == entry_page(6)
    assert meta["url"] == meta["final_url"] == server.url_for("/p")
    assert meta["fetched"] == first.fetched.isoformat()


def test_offline_serves_the_cache_and_names_what_is_missing(
    server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/p").respond_with_data(entry_page(7), content_type=HTML)
    fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    offline = fetcher_for(server, tmp_path, offline=True)
    assert offline.fetch(server.url_for("/p")).content == entry_page(7)
    with pytest.raises(FetchError) as caught:
        offline.fetch(server.url_for("/q"))
    assert str(caught.value) == (
        f"{server.url_for('/q')}: not in the page cache {tmp_path / 'cache'} (offline); "
        "run without --offline to fetch it"
    )
    assert len(server.log) == 1


def test_refresh_revalidates_with_etag_and_last_modified(
    server: HTTPServer, tmp_path: Path
) -> None:
    stamp = "Mon, 16 May 2022 09:00:00 GMT"

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(
            entry_page(8), content_type=HTML, headers={"ETag": '"v1"', "Last-Modified": stamp}
        )

    server.expect_request("/p").respond_with_handler(handler)
    first = fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    time.sleep(1.1)  # fetch times have whole seconds
    again = fetcher_for(server, tmp_path, refresh=True).fetch(server.url_for("/p"))
    (plain, _), (conditional, response) = server.log
    assert "If-None-Match" not in plain.headers
    assert conditional.headers["If-None-Match"] == '"v1"'
    assert conditional.headers["If-Modified-Since"] == stamp
    assert response.status_code == 304
    assert again.revalidated and again.content == entry_page(8)
    assert again.fetched > first.fetched
    assert PageCache(tmp_path / "cache").get(server.url_for("/p")).fetched == again.fetched  # type: ignore[union-attr]


def test_refresh_replaces_a_changed_page(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_oneshot_request("/p").respond_with_data(entry_page(9), content_type=HTML)
    server.expect_request("/p").respond_with_data(entry_page(10), content_type=HTML)
    fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    page = fetcher_for(server, tmp_path, refresh=True).fetch(server.url_for("/p"))
    assert page.content == entry_page(10) and not page.from_cache
    assert PageCache(tmp_path / "cache").get(server.url_for("/p")).content == entry_page(10)  # type: ignore[union-attr]


def test_a_page_the_accept_hook_rejects_is_not_cached(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(b"<html>not an entry</html>", content_type=HTML)

    def reject(page: Page) -> None:
        raise FetchError("rejected by the reader")

    with pytest.raises(FetchError, match="rejected by the reader"):
        fetcher_for(server, tmp_path).fetch(server.url_for("/p"), accept=reject)
    assert cache_files(tmp_path) == []


def test_the_allowlist_is_checked_before_the_cache(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(entry_page(11), content_type=HTML)
    fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    narrow = Fetcher(options=FetchOptions(offline=True), cache_dir=tmp_path / "cache")
    with pytest.raises(NotAllowedError, match="address literals are not fetched"):
        narrow.fetch(server.url_for("/p"))


def test_a_damaged_cache_entry_is_a_miss(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(entry_page(12), content_type=HTML)
    fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    body, _sidecar = cache_files(tmp_path)
    body.write_bytes(b"<html>truncated")
    assert PageCache(tmp_path / "cache").get(server.url_for("/p")) is None
    page = fetcher_for(server, tmp_path).fetch(server.url_for("/p"))
    assert page.content == entry_page(12) and len(server.log) == 2


_URL_PARTS = st.builds(
    "{}://{}{}{}".format,
    st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", ""]),
    st.sampled_from(
        [
            *DEFAULT_HOSTS,
            "THEDIPLOMAT.COM.",
            "example.com",
            "127.0.0.1",
            "[::1]",
            "thediplomat.com@evil.test",
            "evil.test#@thediplomat.com",
            "thediplomat.com\\@evil.test",
            "evil.test\\.thediplomat.com",
        ]
    ),
    st.sampled_from(["", ":443", ":80", ":8080", ":x", ":"]),
    st.text(max_size=15),
)


@given(
    st.text(max_size=60)
    | _URL_PARTS
    | st.from_regex(r"\A(https?|ftp)://[\w.:@\[\]-]{0,30}(/[\w./?=#%-]{0,20})?\Z")
)
def test_the_allowlist_only_ever_refuses_or_yields_a_diplomat_https_url(url: str) -> None:
    try:
        checked = Allowlist().check(url)
    except NotAllowedError as error:
        assert str(error).startswith(f"{url}: ")
        return
    parts = urlsplit(checked)
    assert parts.scheme == "https" and parts.netloc in DEFAULT_HOSTS and not parts.fragment
    assert Allowlist().check(checked) == checked  # normalising is idempotent
