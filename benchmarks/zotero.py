"""How fast ``zotero enrich`` rewrites a 10,000-item Zotero library, per format, and its peak memory.

Generates one library per format (CSL JSON in Zotero's tab layout, Better BibTeX JSON, RIS
with CRLF, Better BibLaTeX and Zotero BibTeX ``.bib``, Zotero RDF) from the items of
``tests/fixtures/zotero/`` repeated with fresh keys and
URLs: by default half series items (intro sentence in Extra or abstract, "Insights from ...",
an interview already correct), half unrelated items (``--series-share`` changes the mix). Times ``enrich_text`` (offline, no catalog), best of
N runs, then measures the peak of Python allocations during one more run with tracemalloc
(which slows that run, so it is not timed). Wall and CPU seconds are both printed; the verdict
uses CPU time, which is what one core spends (the work is single-threaded, with no I/O) and
stays steady on a shared machine where the wall time does not. Targets: CSL JSON under 2 s,
the others under 5 s.

Run: ``python benchmarks/zotero.py [--items N] [--repeat N] [--formats bibtex,biblatex]``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from transpacific_cite._keys import letters
from transpacific_cite._zotero.enrich import enrich_text

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "zotero"
TARGETS = {"csl-json": 2.0, "bbt-json": 5.0, "ris": 5.0, "biblatex": 5.0, "bibtex": 5.0,
           "zotero-rdf": 5.0}  # fmt: skip


# Template items 0-3 are series items, 4-5 unrelated (tests/fixtures/zotero/library.*).
SERIES_TEMPLATES, OTHER_TEMPLATES = (0, 1, 2, 3), (4, 5)


def pick(n: int, share: float) -> int:
    """The template for item ``n``: a series item for ``share`` of the items, spread evenly."""
    if int((n + 1) * share) > int(n * share):
        return SERIES_TEMPLATES[n % len(SERIES_TEMPLATES)]
    return OTHER_TEMPLATES[n % len(OTHER_TEMPLATES)]


def _fresh(text: str, n: int) -> str:
    """A template item's text with its keys and URLs made unique for copy ``n``, and a name
    (Müller, in the unrelated item with several non-ASCII names) too: a real library's authors
    vary, so a reader that remembered names would not see each list only once."""
    text = re.sub(r"items/([A-Z0-9]{8})", lambda m: f"items/{m[1][:4]}{n:04X}"[:14], text)
    text = text.replace("ller", "ller" + letters(n))
    return re.sub(r"(https://thediplomat\.com/\d{4}/\d{2}/[a-z-]+)/", rf"\1-{n}/", text)


def csl_library(count: int, share: float) -> str:
    template = json.loads((FIXTURES / "library.csl.json").read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = []
    for n in range(count):
        item = json.loads(_fresh(json.dumps(template[pick(n, share)]), n))
        item["id"] = f"{item['id']}-{n}"
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent="\t")


def bbt_library(count: int, share: float) -> str:
    library = json.loads((FIXTURES / "library.bbt.json").read_text(encoding="utf-8"))
    template = library["items"]
    items = []
    for n in range(count):
        item = json.loads(_fresh(json.dumps(template[pick(n, share)]), n))
        item["key"], item["itemID"] = f"K{n:07d}", n + 1
        item["citationKey"] = f"{item['citationKey']}{n}"
        items.append(item)
    return json.dumps({**library, "items": items}, ensure_ascii=False, indent=2)


def ris_library(count: int, share: float) -> str:
    text = (FIXTURES / "library.ris").read_bytes().decode("utf-8").lstrip("\ufeff")
    records = re.findall(r"TY  - .*?ER  - \r\n\r\n", text, flags=re.DOTALL)
    return "".join(_fresh(records[pick(n, share)], n) for n in range(count))


def bib_library(count: int, share: float, name: str) -> str:
    """A .bib library from the entries of ``name`` (7 entries: 4 series, then 3 others),
    each copy with a fresh key and URL."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    entries = re.findall(r"(?ms)^@(?!comment)\w+\{.*?^\}\n", text)
    assert len(entries) == 7
    return "\n".join(
        re.sub(r"^(@\w+\{[^,]+),", rf"\1-{n},", _fresh(entries[pick(n, share)], n))
        for n in range(count)
    )


def rdf_library(count: int, share: float) -> str:
    """A Zotero RDF library from the items of ``library.rdf`` (not its notes, attachments and
    collection), each copy with a fresh URL."""
    text = (FIXTURES / "library.rdf").read_text(encoding="utf-8")
    head = text[: text.index("    <bib:")]
    elements = re.findall(r"(?ms)^    <((?:bib|z):\w+) rdf:about=.*?^    </\1>\n", text)
    whole = re.findall(r"(?ms)^    <(?:bib|z):\w+ rdf:about=.*?^    </(?:bib|z):\w+>\n", text)
    items = [e for e in whole if "<z:itemType>" in e and "attachment" not in e.split("\n")[1]]
    assert len(items) == 7 and len(elements) == len(whole)
    body = "".join(_fresh(items[pick(n, share)], n) for n in range(count))
    return head + body + "</rdf:RDF>\n"


def measure(name: str, text: str, repeat: int) -> tuple[float, float, int, int]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs, peak allocation, series items.

    CPU time (this process only) is shown beside wall time because the machine may be shared:
    other processes lengthen the wall time, not the CPU time.
    """
    wall = cpu = float("inf")
    reports = 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        done = enrich_text(text, source=name)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        reports = len(done.reports)
    tracemalloc.start()
    enrich_text(text, source=name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return wall, cpu, peak, reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is shown")
    parser.add_argument("--series-share", type=float, default=0.5, help="share of series items")
    parser.add_argument(
        "--formats", default=",".join(TARGETS), help="comma-separated formats to measure"
    )
    args = parser.parse_args()
    makers: dict[str, Callable[[int, float], str]] = {
        "csl-json": csl_library,
        "bbt-json": bbt_library,
        "ris": ris_library,
        "biblatex": partial(bib_library, name="library.biblatex.bib"),
        "bibtex": partial(bib_library, name="library.bibtex.bib"),
        "zotero-rdf": rdf_library,
    }
    wanted = [name.strip() for name in args.formats.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in makers]
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(makers)}")
    libraries = {name: makers[name](args.items, args.series_share) for name in wanted}
    print(
        f"{args.items:,} items per library, {args.series_share:.0%} series items; best of "
        f"{args.repeat} runs; peak = tracemalloc"
    )
    for name, text in libraries.items():
        wall, cpu, peak, reports = measure(name, text, args.repeat)
        verdict = "ok" if cpu < TARGETS[name] else "OVER TARGET"
        print(
            f"{name:9} {len(text) / 2**20:5.1f} MB  {wall:5.2f} s wall, {cpu:5.2f} s CPU  "
            f"(target < {TARGETS[name]:.0f} s CPU: {verdict})  {reports:,} series items  "
            f"peak {peak / 2**20:5.1f} MB (file {len(text) / 2**20:.1f} MB)"
        )


if __name__ == "__main__":
    main()
