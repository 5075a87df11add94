"""How many pages per second ``add`` fetches, parses and stores, cold and from the page cache.

Serves N series entries (default 200) from a local HTTP server on 127.0.0.1 (pytest-httpserver,
the test suite's server), each filled from ``tests/fixtures/pages/entry.html.tmpl`` and padded
with invented page chrome to a realistic size (default 150 KB, about what a Diplomat article
page weighs), then adds them all with the rate limit off:

- *cold*: every page is downloaded (streamed under the size cap), parsed, written to the page
  cache and stored in a fresh catalog;
- *cached*: the same URLs again with a new fetcher on the same cache: no request is made (the
  script checks the server's log), pages are parsed and stored again (an update).

Run: ``python benchmarks/fetch.py [--pages N] [--page-kb KB]``.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path
from string import Template

from pytest_httpserver import HTTPServer

from transpacific_cite._catalog import Catalog
from transpacific_cite._fetch import Allowlist, Fetcher, FetchOptions
from transpacific_cite._library import add_url

TEMPLATE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages" / "entry.html.tmpl"
CHROME = (
    '<div class="td-sidebar"><a href="https://thediplomat.com/regions/">An invented sidebar '
    "link to another feature about harbours and alliances</a></div>\n"
)


def page(template: Template, number: int, *, size: int) -> bytes:
    html = template.substitute(
        number=number,
        ordinal=f"{number}th",
        title=f"Benchmark Entry {number}",
        published="2023-04-05",
        month_path="2023/04",
        slug=f"benchmark-entry-{number}",
        given="Ada",
        family=f"Bench{number}",
        description="senior fellow at the Fixture Institute",
        topic="harbours",
        q1="Explain the first benchmark question.",
        q2="Assess the second benchmark question.",
        q3="What comes next?",
    )
    padding = CHROME * max(0, (size - len(html)) // len(CHROME))
    return html.replace("</body>", padding + "</body>").encode("utf-8")


def run(fetcher: Fetcher, catalog: Catalog, urls: list[str]) -> float:
    started = time.perf_counter()
    for url in urls:
        add_url(url, catalog=catalog, fetcher=fetcher)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--page-kb", type=int, default=150)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # series numbers must end in the right ordinal: use numbers ending in 4-9 or 0 ("th")
    numbers = [n for n in range(1000, 100_000) if n % 10 in (0, 4, 5, 6, 7, 8, 9)][: args.pages]
    template = Template(TEMPLATE.read_text(encoding="utf-8"))
    server = HTTPServer(host="127.0.0.1", port=0)
    for number in numbers:
        server.expect_request(f"/2023/04/benchmark-entry-{number}/").respond_with_data(
            page(template, number, size=args.page_kb * 1024),
            content_type="text/html; charset=UTF-8",
        )
    server.start()
    urls = [server.url_for(f"/2023/04/benchmark-entry-{n}/") for n in numbers]
    allowlist = Allowlist.from_specs([f"127.0.0.1:{server.port}"], environ={})
    options = FetchOptions(min_interval=0)
    try:
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder) / "cache"
            with Catalog(Path(folder) / "catalog.sqlite3") as catalog:
                with Fetcher(allowlist=allowlist, options=options, cache_dir=cache) as fetcher:
                    cold = run(fetcher, catalog, urls)
                requests_cold = len(server.log)
                with Fetcher(allowlist=allowlist, options=options, cache_dir=cache) as fetcher:
                    warm = run(fetcher, catalog, urls)
                assert len(server.log) == requests_cold, "the cached run made requests"
                assert catalog.count() == len(urls) and catalog.check() == []
    finally:
        server.stop()
    n = len(urls)
    print(f"{n} pages of {args.page_kb} KB, rate limit off, one process")
    print(f"cold (download, parse, cache, store): {n / cold:8.1f} pages/s ({cold:.2f} s)")
    print(f"from the cache (parse, store):        {n / warm:8.1f} pages/s ({warm:.2f} s)")
    print(f"requests: {requests_cold} cold, {len(server.log) - requests_cold} cached")


if __name__ == "__main__":
    main()
