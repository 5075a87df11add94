"""``add``, ``list``, ``show``, ``search`` end to end, against a local server on 127.0.0.1.

Each scenario asserts what was stored (catalog and page cache), what was said (stdout and
stderr, exactly) and the exit status. The subprocess tests interrupt a batch and run two
batches at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from transpacific_cite._catalog import Catalog
from transpacific_cite._cli import main
from transpacific_cite._fetch import Page, PageCache

from .conftest import EXAMPLES, FIXTURES
from .test_fetch import HTML, entry_page

PAGES = FIXTURES / "pages"
URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
LINE_319 = (
    "319\thornung2022tpv319\t2022-05-16\tJeffrey Hornung\t"
    "Ukraine War: The Impact on Japan-Russia Relations"
)
LINE_486 = (
    "486\thornung2024tpv486\t2024-03-04\tJeffrey Hornung\tJapan’s Defense Buildup: A Fixture Entry"
)
REFUSED_HINT = (
    "(widen the allowlist with --allow-host HOST[:PORT] or TRANSPACIFIC_CITE_ALLOW_HOSTS)"
)
# The child restores Python's SIGINT handler: a runner started in the background (nohup, `&`
# in a script) passes SIGINT on as ignored, and the interrupt test would then see no Ctrl-C.
RUN_CLI = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from transpacific_cite._cli import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.fixture
def server(make_httpserver_ipv4: HTTPServer) -> Iterator[HTTPServer]:
    make_httpserver_ipv4.clear()
    yield make_httpserver_ipv4
    make_httpserver_ipv4.clear()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Cache and default catalog inside tmp_path; no allowlist widening from the outside."""
    monkeypatch.setenv("TRANSPACIFIC_CITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "default.sqlite3"))
    monkeypatch.delenv("TRANSPACIFIC_CITE_ALLOW_HOSTS", raising=False)
    return tmp_path


def add_args(server: HTTPServer, home: Path, *extra: str) -> list[str]:
    return [
        "add",
        "--allow-host",
        f"127.0.0.1:{server.port}",
        "--delay",
        "0",
        "--backoff",
        "0",
        "--catalog",
        str(home / "catalog.sqlite3"),
        *extra,
    ]


def stored(home: Path) -> list[tuple[int, str, str]]:
    """(number, kind, source) of every stored version."""
    path = home / "catalog.sqlite3"
    if not path.exists():
        return []
    with Catalog(path) as store:
        assert store.check() == []
        return [
            (v.number, v.kind, v.source) for e in store.entries() for v in store.versions(e.number)
        ]


def cached(home: Path) -> list[Path]:
    folder = home / "cache"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def serve(server: HTTPServer, path: str, name: str = "319-hornung.html") -> str:
    server.expect_request(path).respond_with_data((PAGES / name).read_bytes(), content_type=HTML)
    return server.url_for(path)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


# --- the scenarios of one fetch ------------------------------------------------------------


def test_add_a_page(server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = serve(server, "/2022/05/slug/")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    status, out, err = run(add_args(server, home, url), capsys)
    after = dt.datetime.now(dt.UTC)
    assert (status, out, err) == (0, f"{LINE_319}\tfetched\n", "")
    assert stored(home) == [(319, "page", url)]
    with Catalog(home / "catalog.sqlite3") as store:
        entry = store.get(319)
    assert entry.interview.url == URL_319  # the page's canonical URL
    # accessed is the local date of the fetch (a window, so a run at midnight cannot fail)
    assert entry.fetched is not None and before <= entry.fetched <= after
    assert entry.interview.accessed == entry.fetched.astimezone().date()
    assert len(entry.interview.sections) == 3
    assert len(cached(home)) == 2


def test_429_with_retry_after_then_200(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.expect_oneshot_request("/p").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    url = serve(server, "/p")
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out, err) == (0, f"{LINE_319}\tfetched\n", "")
    assert [r.status_code for _, r in server.log] == [429, 200]
    assert stored(home) == [(319, "page", url)]


def test_503_twice_then_200(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        server.expect_oneshot_request("/p").respond_with_data("", status=503)
    url = serve(server, "/p")
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out, err) == (0, f"{LINE_319}\tfetched\n", "")
    assert [r.status_code for _, r in server.log] == [503, 503, 200]
    assert stored(home) == [(319, "page", url)]


def test_redirect_to_another_host_is_refused(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = "https://example.com/2022/05/slug/"
    server.expect_request("/p").respond_with_data("", status=301, headers={"Location": target})
    url = server.url_for("/p")
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"transpacific-cite: error: {url}: {target}: host example.com is not allowed; only "
        f"thediplomat.com is fetched {REFUSED_HINT}\n"
    )
    assert len(server.log) == 1
    assert stored(home) == [] and cached(home) == []


def test_redirect_loop(server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    url = server.url_for("/a")
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out) == (1, "")
    assert err == f"transpacific-cite: error: {url}: redirect loop (back to {url})\n"
    assert stored(home) == [] and cached(home) == []


def test_body_over_the_cap(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (PAGES / "319-hornung.html").read_bytes()
    huge = page.replace(b"</body>", b"<!--" + b"x" * (6 * 1024 * 1024) + b"--></body>")

    def streamed(request: Request) -> Response:  # no Content-Length: the cap must hold mid-stream
        return Response(
            iter([huge[i : i + 65536] for i in range(0, len(huge), 65536)]), content_type=HTML
        )

    server.expect_request("/big").respond_with_handler(streamed)
    url = server.url_for("/big")
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out) == (1, "")
    assert err == f"transpacific-cite: error: {url}: the page is over the 5242880-byte cap\n"
    assert stored(home) == [] and cached(home) == []


def test_slow_body_past_the_read_timeout(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (PAGES / "319-hornung.html").read_bytes()
    stalled = threading.Event()  # the body stalls until the test is done (at most 20 s)

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield page[:200]
            stalled.wait(20)
            yield page[200:]

        return Response(body(), content_type=HTML)

    server.expect_request("/slow").respond_with_handler(trickle)
    url = server.url_for("/slow")
    args = add_args(server, home, "--timeout", "0.3", "--retries", "0", url)
    try:
        status, out, err = run(args, capsys)
    finally:
        stalled.set()
    assert (status, out) == (1, "")
    assert err.startswith(f"transpacific-cite: error: {url}: the page stopped arriving (")
    assert err.endswith(" (gave up after 1 attempt)\n") and err.count("\n") == 1
    assert stored(home) == [] and cached(home) == []


def test_a_pdf_is_refused(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.expect_request("/paper.pdf").respond_with_data(
        b"%PDF-1.7\n", content_type="application/pdf"
    )
    url = server.url_for("/paper.pdf")
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out) == (1, "")
    assert (
        err == f"transpacific-cite: error: {url}: not an HTML page (content type application/pdf)\n"
    )
    assert stored(home) == [] and cached(home) == []


def test_a_page_that_is_not_a_series_entry(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve(server, "/2022/05/a-fixture-feature/", "not-series.html")
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out) == (1, "")
    assert err.startswith(
        f"transpacific-cite: error: {url}: not an entry of The Trans-Pacific View Insight Series"
    )
    assert err.count("\n") == 1
    assert stored(home) == [] and cached(home) == []  # neither catalogued nor cached


def test_a_refused_url_is_not_fetched(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve(server, "/p")
    args = ["add", "--catalog", str(home / "catalog.sqlite3"), url]
    status, out, err = run(args, capsys)
    assert (status, out) == (1, "")
    assert (
        err == f"transpacific-cite: error: {url}: address literals are not fetched {REFUSED_HINT}\n"
    )
    assert server.log == [] and stored(home) == []


def test_the_environment_widens_the_allowlist(
    server: HTTPServer,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = serve(server, "/p")
    monkeypatch.setenv("TRANSPACIFIC_CITE_ALLOW_HOSTS", f"example.org,127.0.0.1:{server.port}")
    status, out, _ = run(["add", "--delay", "0", url], capsys)
    assert (status, out) == (0, f"{LINE_319}\tfetched\n")
    assert (home / "default.sqlite3").exists()  # $TRANSPACIFIC_CITE_CATALOG


def test_a_cache_folder_that_cannot_be_made_is_one_line_per_url(
    server: HTTPServer,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = home / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TRANSPACIFIC_CITE_CACHE", str(blocker / "cache"))
    url = serve(server, "/p")
    example = str(EXAMPLES / "319-hornung.json")
    status, out, err = run(add_args(server, home, url, example), capsys)
    assert status == 1
    assert out == f"{LINE_319}\tread json\n"  # files need no cache: the batch goes on
    assert err == (
        f"transpacific-cite: error: {url}: cannot create the page cache folder {blocker / 'cache'}"
        " (Not a directory); set TRANSPACIFIC_CITE_CACHE to a writable folder\n"
        "added 1 of 2; 1 failed\n"
    )
    assert server.log == []


def test_a_malformed_allowlist_variable_is_one_line_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_ALLOW_HOSTS", "a.test:x")
    message = "$TRANSPACIFIC_CITE_ALLOW_HOSTS: 'a.test:x' is not HOST or HOST:PORT (a comma-separated list)"
    assert run(["add", URL_319], capsys) == (2, "", f"transpacific-cite: error: {message}\n")
    assert run(["show", URL_319], capsys) == (
        2,
        "",
        f"transpacific-cite: error: {URL_319}: cannot check it against the allowlist: {message}\n",
    )


# --- batches, the cache, re-adding ---------------------------------------------------------


def test_a_batch_goes_on_past_failures(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = serve(server, "/319/")
    server.expect_request("/gone").respond_with_data("", status=404)
    other = serve(server, "/486/", "486-hornung.html")
    gone = server.url_for("/gone")
    status, out, err = run(add_args(server, home, good, gone, other), capsys)
    assert status == 1
    assert out == f"{LINE_319}\tfetched\n{LINE_486}\tfetched\n"
    assert err == f"transpacific-cite: error: {gone}: HTTP 404 NOT FOUND\nadded 2 of 3; 1 failed\n"
    assert stored(home) == [(319, "page", good), (486, "page", other)]


def test_second_add_makes_no_request(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve(server, "/p")
    assert run(add_args(server, home, url), capsys)[0] == 0
    assert len(server.log) == 1
    status, out, err = run(add_args(server, home, url), capsys)
    assert (status, out, err) == (0, f"{LINE_319}\tcached\n", "")
    assert len(server.log) == 1  # zero requests the second time
    assert stored(home) == [(319, "page", url)]


def test_offline_uses_the_cache_and_names_what_is_missing(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve(server, "/p")
    run(add_args(server, home, url), capsys)
    missing = server.url_for("/missing")
    status, out, err = run(add_args(server, home, "--offline", url, missing), capsys)
    assert status == 1
    assert out == f"{LINE_319}\tcached\n"
    assert err == (
        f"transpacific-cite: error: {missing}: not in the page cache {home / 'cache' / 'pages'} "
        "(offline); run without --offline to fetch it\nadded 1 of 2; 1 failed\n"
    )
    assert len(server.log) == 1


def test_refresh_revalidates(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (PAGES / "319-hornung.html").read_bytes()

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"e1"':
            return Response(status=304)
        return Response(page, content_type=HTML, headers={"ETag": '"e1"'})

    server.expect_request("/p").respond_with_handler(handler)
    url = server.url_for("/p")
    run(add_args(server, home, url), capsys)
    status, out, err = run(add_args(server, home, "--refresh", url), capsys)
    assert (status, out, err) == (0, f"{LINE_319}\trevalidated\n", "")
    assert [r.status_code for _, r in server.log] == [200, 304]


def test_re_adding_updates_and_succeeds(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.expect_oneshot_request("/p").respond_with_data(
        (PAGES / "319-hornung.html")
        .read_bytes()
        .replace(b"Fixture answer two", b"First answer two"),
        content_type=HTML,
    )
    url = serve(server, "/p")
    run(add_args(server, home, url), capsys)
    status, out, _ = run(add_args(server, home, "--refresh", url), capsys)
    assert (status, out) == (0, f"{LINE_319}\tfetched\n")
    with Catalog(home / "catalog.sqlite3") as store:
        assert store.get(319).interview.sections[1].paragraphs[0].startswith("Fixture answer two")
    assert stored(home) == [(319, "page", url)]


def test_add_files_and_the_page_wins(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = str(EXAMPLES / "319-hornung.json")
    status, out, err = run(add_args(server, home, example), capsys)
    assert (status, out, err) == (0, f"{LINE_319}\tread json\n", "")
    url = serve(server, "/p")
    assert run(add_args(server, home, url), capsys)[:2] == (0, f"{LINE_319}\tfetched\n")
    copy = str(PAGES / "319-copy.txt")
    status, out, err = run(add_args(server, home, copy), capsys)
    assert status == 0
    assert out == LINE_319.replace("2022tpv319\t2022-05-16", "ndtpv319\t-") + "\tread text\n"
    assert err == (
        f"warning: {copy}: no publication date found\n"
        f"warning: {copy}: stored, but the page version of 319 still wins\n"
    )
    assert stored(home) == [(319, "page", url), (319, "json", example), (319, "text", copy)]
    status, out, _ = run(["show", "319", "--catalog", str(home / "catalog.sqlite3")], capsys)
    assert out.splitlines()[0] == LINE_319
    assert f"  source: {url} (page, fetched " in out


def test_a_diplomat_address_without_scheme_is_an_https_url(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = Page(
        url=URL_319,
        final_url=URL_319,
        content=(PAGES / "319-hornung.html").read_bytes(),
        fetched=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    )
    PageCache(home / "cache" / "pages").put(page)  # --offline: nothing may touch the internet
    bare = URL_319.removeprefix("https://")
    status, out, err = run(["add", "--offline", "--catalog", str(home / "c.sqlite3"), bare], capsys)
    assert (status, out, err) == (0, f"{LINE_319}\tcached\n", "")
    with Catalog(home / "c.sqlite3") as store:
        entry = store.get(319)
    assert entry.source == URL_319
    assert entry.fetched == page.fetched
    assert entry.interview.accessed == page.fetched.astimezone().date()  # not today


def test_add_from_a_list(
    server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = serve(server, "/319/")
    b = serve(server, "/486/", "486-hornung.html")
    listing = home / "urls.txt"
    listing.write_text(f"# the Hornung entries\n{a}\n\n   {b}  \n", encoding="utf-8")
    status, out, err = run(add_args(server, home, "--from", str(listing)), capsys)
    assert (status, out, err) == (
        0,
        f"{LINE_319}\tfetched\n{LINE_486}\tfetched\n",
        "added 2 of 2; 0 failed\n",
    )


def test_add_json_lines(server: HTTPServer, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = serve(server, "/p")
    status, out, err = run(add_args(server, home, "--json", url, str(home / "nope.json")), capsys)
    assert status == 1 and err == ""
    ok, failed = (json.loads(line) for line in out.splitlines())
    assert ok["ok"] is True and ok["how"] == "fetched" and ok["entry"]["key"] == "hornung2022tpv319"
    assert failed == {
        "source": str(home / "nope.json"),
        "ok": False,
        "error": f"{home / 'nope.json'}: no such file",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param([], "nothing to add: give URLs or files, or --from LIST", id="nothing"),
        pytest.param(
            ["--offline", "--refresh", "x"],
            "--offline and --refresh contradict each other",
            id="offline-refresh",
        ),
        pytest.param(
            ["--allow-host", "a.test:x", "x"],
            "--allow-host 'a.test:x': expected HOST or HOST:PORT",
            id="bad-host",
        ),
    ],
)
def test_add_usage_errors(
    home: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, out, err = run(["add", *args], capsys)
    assert (status, out, err) == (2, "", f"transpacific-cite: error: {message}\n")


# --- list, show, search ----------------------------------------------------------------------


@pytest.fixture
def filled(home: Path) -> Path:
    path = home / "catalog.sqlite3"
    assert (
        main(
            [
                "add",
                "--catalog",
                str(path),
                str(PAGES / "319-hornung.html"),
                str(PAGES / "486-hornung.html"),
            ]
        )
        == 0
    )
    return path


def test_list(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(["list", "--catalog", str(filled)], capsys) == (0, f"{LINE_319}\n{LINE_486}\n", "")
    assert (
        run(["list", "--by", "hornung", "--catalog", str(filled)], capsys)[1]
        == f"{LINE_319}\n{LINE_486}\n"
    )
    assert run(["list", "--by", "kuo", "--catalog", str(filled)], capsys) == (
        0,
        "",
        f"note: no entry is by 'kuo' (the catalog {filled} holds 2 entries)\n",
    )
    _, out, _ = run(["list", "--json", "--catalog", str(filled)], capsys)
    listed = json.loads(out)
    assert [e["number"] for e in listed] == [319, 486]
    assert listed[0]["key"] == "hornung2022tpv319" and listed[0]["kind"] == "page"
    assert listed[0]["interviewees"] == ["Jeffrey Hornung"] and listed[0]["sections"] == 3


def test_list_without_a_catalog_is_empty(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["list"], capsys) == (
        0,
        "",
        f"note: the catalog {home / 'default.sqlite3'} does not exist yet; "
        "add entries with `transpacific-cite add`\n",
    )
    assert not (home / "default.sqlite3").exists()


def test_search(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(["search", "geostrategic", "--catalog", str(filled)], capsys) == (
        0,
        f"{LINE_319}\n",
        "",
    )
    assert (
        run(["search", "japan", "--catalog", str(filled)], capsys)[1] == f"{LINE_319}\n{LINE_486}\n"
    )
    assert run(["search", "nothing-like-this", "--catalog", str(filled)], capsys) == (
        0,
        "",
        "note: no entry holds 'nothing-like-this' (the catalog holds 2 entries)\n",
    )
    _, out, _ = run(["search", "--json", "shipbuilding", "--catalog", str(filled)], capsys)
    assert [e["number"] for e in json.loads(out)] == [486]


def test_show(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    status, out, err = run(["show", "hornung2022tpv319", "--catalog", str(filled)], capsys)
    assert (status, err) == (0, "")
    assert out == (
        f"{LINE_319}\n"
        f"  url: {URL_319}\n"
        f"  source: {PAGES / '319-hornung.html'} (page)\n"
        "  q1: Identify the top three impacts of the Ukraine war on Japan-Russia relations.\n"
        "  q2: Examine Tokyo’s reckoning on Russia’s invasion of Ukraine and China’s refusal to "
        "condemn the invasion in the context of Sino-Japanese relations.\n"
        "  q3: What calculations if Japan faced Sino-American geostrategic competition?\n"
    )
    status, out, _ = run(["show", "486", "--json", "--catalog", str(filled)], capsys)
    shown = json.loads(out)
    assert shown["key"] == "hornung2024tpv486"
    assert (
        shown["interview"]["sections"][2]["question"]
        == "Assess the fixture’s third question about alliance coordination."
    )


def test_show_something_missing(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    status, out, err = run(["show", "320", "--catalog", str(filled)], capsys)
    assert (status, out) == (2, "")
    assert (
        err
        == f"transpacific-cite: error: 320: no such file, and no entry with that number in the catalog {filled}\n"
    )


def test_other_commands_resolve_catalog_inputs_offline(
    filled: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(filled))
    capsys.readouterr()
    status, out, err = run(["pinpoint", "319", "q3", "--as", "link"], capsys)
    assert (status, err) == (0, "")
    assert out.startswith(URL_319 + "#:~:text=")
    status, out, err = run(["pinpoint", "hornung2024tpv486", "q2", "--as", "pandoc"], capsys)
    assert (status, out, err) == (0, "[@hornung2024tpv486, sec. 2]\n", "")


def test_cite_319_q3_offline_from_the_catalog(
    filled: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("transpacific_cite._cli.render_cmd")
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(filled))
    capsys.readouterr()
    status, out, err = run(["cite", "319", "q3", "--style", "chicago"], capsys)
    assert (status, err) == (0, "")
    assert out.startswith("Jeffrey Hornung, “Ukraine War: The Impact on Japan-Russia Relations,”")
    assert ", sec. 3, " in out and out.rstrip().endswith(f"{URL_319}.")


# --- processes: an interrupted batch and two batches at once -----------------------------------


def serve_many(server: HTTPServer, numbers: range) -> list[str]:
    urls = []
    for number in numbers:
        path = f"/series/{number}/"
        server.expect_request(path).respond_with_data(entry_page(number), content_type=HTML)
        urls.append(server.url_for(path))
    return urls


def spawn(server: HTTPServer, home: Path, urls: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "TRANSPACIFIC_CITE_CACHE": str(home / "cache")}
    env.pop("TRANSPACIFIC_CITE_ALLOW_HOSTS", None)
    return subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, *add_args(server, home, *urls)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def count_entries(path: Path) -> int:
    if not path.exists():
        return 0
    # closing(): sqlite3's own context manager only commits, it leaves the connection open
    with closing(sqlite3.connect(path, timeout=10)) as raw:
        try:
            return int(raw.execute("SELECT count(*) FROM entries").fetchone()[0])
        except sqlite3.OperationalError:  # schema not there yet
            return 0


@pytest.mark.slow
def test_sigint_midway_keeps_the_whole_entries_before_it(server: HTTPServer, home: Path) -> None:
    urls = serve_many(server, range(1001, 1006))
    reached, release = threading.Event(), threading.Event()

    def hold(request: Request) -> Response:
        reached.set()
        release.wait(10)
        return Response(entry_page(1006), content_type=HTML)

    server.expect_request("/series/1006/").respond_with_handler(hold)
    urls.append(server.url_for("/series/1006/"))
    urls += serve_many(server, range(1007, 1010))
    process = spawn(server, home, urls)
    try:
        assert reached.wait(30), "the batch never reached the sixth page"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        release.set()
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert err == "\ntranspacific-cite: aborted\n"  # click turns SIGINT into Abort
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "1001",
        "1002",
        "1003",
        "1004",
        "1005",
    ]
    assert [n for n, _, _ in stored(home)] == [1001, 1002, 1003, 1004, 1005]
    with Catalog(home / "catalog.sqlite3") as store:
        assert all(len(e.interview.sections) == 3 for e in store.entries())


@pytest.mark.slow
def test_sigkill_midway_leaves_only_whole_entries(server: HTTPServer, home: Path) -> None:
    urls = serve_many(server, range(2000, 2060))
    process = spawn(server, home, urls)
    path = home / "catalog.sqlite3"
    try:
        deadline = time.monotonic() + 30
        while count_entries(path) < 8 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        process.kill()
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    with Catalog(path) as store:
        assert store.check() == []  # integrity, section counts, word index
        entries = store.entries()
        assert 8 <= len(entries) < 60
        assert [e.number for e in entries] == list(range(2000, 2000 + len(entries)))
        for entry in entries:
            assert [s.number for s in entry.interview.sections] == [1, 2, 3]
            assert (
                entry.interview.sections[0]
                .paragraphs[1]
                .startswith("Fixture answer one, paragraph two")
            )


@pytest.mark.slow
def test_two_processes_adding_at_once_both_land(server: HTTPServer, home: Path) -> None:
    first = serve_many(server, range(3000, 3020))
    second = serve_many(server, range(3020, 3040))
    shared = first[:5]  # both also add the same five pages
    processes = [spawn(server, home, first), spawn(server, home, second + shared)]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    assert [len(out.splitlines()) for out, _ in results] == [20, 25]
    with Catalog(home / "catalog.sqlite3") as store:
        assert store.check() == []
        assert [e.number for e in store.entries()] == list(range(3000, 3040))


@pytest.mark.slow
def test_a_progress_bar_on_a_terminal_only(home: Path) -> None:
    main_fd, terminal = pty.openpty()
    files = [str(EXAMPLES / "319-hornung.json"), str(PAGES / "486-hornung.html")]
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    with subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "add", "--catalog", str(home / "c.sqlite3"), *files],
        env=env,
        stdout=subprocess.PIPE,
        stderr=terminal,
    ) as process:
        os.close(terminal)
        out, _ = process.communicate(timeout=60)
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_fd)
    assert process.returncode == 0
    assert out.decode().splitlines() == [f"{LINE_319}\tread json", f"{LINE_486}\tread page"]
    assert b"\x1b[" in shown and b"adding" in shown and b"2/2" in shown
    assert shown.endswith(b"added 2 of 2; 0 failed\r\n")
