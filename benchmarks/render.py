"""Time our renderer against other CSL engines, each as its own whole process.

Why whole processes: a thesis rebuild or a CLI call pays interpreter start, imports, style
loading and (for us) the persistent render cache, so the fair unit is the wall clock of one
process from start to exit. Every engine gets the same input, written to a temporary folder:
``--n`` synthetic series interviews (default 1,000) as CSL-JSON and ``--n`` citations, one per
item in document order, each at a section pinpoint (``sec. 3``); output HTML. Engines:

* ``ours-cold``: ``transpacific_cite.Renderer(cache=True, workers=2).render`` (what the CLI
  uses) in a fresh process with an empty cache folder (``TRANSPACIFIC_CITE_CACHE``); ``ours-warm``: a second process on the same folder,
  nothing changed (``ours`` selects both);
* ``raw``: citeproc-py 0.11.1 driven the plain way, faults left in;
* ``pandoc3``: pandoc 3.9 from pypandoc-binary, ``--citeproc`` on a Markdown document of the
  citations (``[@key, sec. 3]``, one per paragraph); ``pandoc2``: Debian's ``/usr/bin/pandoc``;
* ``citejs``: Citation.js (citeproc-js) through ``_engines/citejs_bench.mjs``, if ``node`` and
  the npm packages (``$VALIDATORS_HOME/js``) are there;
* ``cli-cold`` / ``cli-warm`` (``cli`` selects both): the way users run it,
  ``transpacific-cite bibliography FILES... --format html`` on ``--n`` model JSON files (one
  interview each), bibliography only, with an empty and then the same render-cache folder.

Each run's output is counted (``--n`` non-empty citations and ``--n`` bibliography entries)
so a broken engine cannot look fast, and each warm run's output must equal its cold run's.
Engines are interleaved run by run so a busy machine spreads its noise over all of them.
Nothing is written into the repository. Exit status 1 if any run failed a check. Run::

    python benchmarks/render.py                      # N=1000, 3 runs each, medians
    python benchmarks/render.py --n 200 --repeat 1
    python benchmarks/render.py --engines ours,raw --growth   # also 10N; raw Chicago ~5 min
    python benchmarks/render.py --engines ours-cold --workers 1   # serial (two-core split off)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from transpacific_cite._formats.csl import to_csl_data
from transpacific_cite._keys import assign_keys
from transpacific_cite._model import Interview, Person
from transpacific_cite._render import resolve_style

HERE = Path(__file__).resolve().parent
ENGINE_DIR = HERE / "_engines"
ENGINES = ("ours-cold", "ours-warm", "cli-cold", "cli-warm", "raw", "pandoc3", "pandoc2", "citejs")
ALIASES = {
    "ours": ("ours-cold", "ours-warm"),
    "cli": ("cli-cold", "cli-warm"),
    "pandoc": ("pandoc3", "pandoc2"),
}
COLD_WARM = {"ours-cold": "ours-warm", "cli-cold": "cli-warm"}  # a warm run needs its cold one
BIBLIOGRAPHY_ONLY = ("cli-cold", "cli-warm")
STYLES = ("chicago-notes-bibliography", "apa")
LABEL, LOCATOR, PANDOC_LOCATOR = "section", "3", "sec. 3"

FAMILIES = ["Hornung", "Smith", "Ōta", "Lee", "Baker", "Kim", "Nguyen", "Tanaka", "Chen", "Park"]
GIVEN = ["Jeffrey", "Anne", "Fumio", "Ji-young", "Alan", "Mira", "Linh", "Kenji", "Wei", "Soo"]
WORDS = [
    "Japan",
    "Russia",
    "Alliance",
    "Security",
    "Trade",
    "Taiwan",
    "Korea",
    "Future",
    "Deterrence",
]


def interviews(n: int) -> list[Interview]:
    """``n`` plausible entries of the series (invented, varied names, titles and dates)."""
    result = []
    start = dt.date(2015, 1, 5)
    for number in range(1, n + 1):
        title = " ".join(WORDS[(number * k) % len(WORDS)] for k in (1, 3, 7)) + f" {number}"
        result.append(
            Interview(
                number=number,
                title=f"{title}: What Comes Next",
                interviewers=(Person("Kuo", "Mercy A."),),
                interviewees=(Person(FAMILIES[number % 10], GIVEN[(number // 10) % 10]),),
                published=start + dt.timedelta(days=7 * number),
                url=f"https://thediplomat.com/{number}/entry-{number}/",
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class Inputs:
    """The files every engine reads for one size."""

    n: int
    items: Path  # CSL-JSON
    document: Path  # Markdown for pandoc
    models: tuple[Path, ...]  # one model JSON file per interview, as users keep them


def write_inputs(folder: Path, n: int) -> Inputs:
    series = interviews(n)
    items = to_csl_data(series, assign_keys(series))
    items_path = folder / f"items-{n}.json"
    items_path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    document = folder / f"document-{n}.md"
    paragraphs = [f"Entry {i}.[@{item['id']}, {PANDOC_LOCATOR}]" for i, item in enumerate(items)]
    document.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    model_folder = folder / f"models-{n}"
    model_folder.mkdir()
    models = []
    for interview in series:
        path = model_folder / f"{interview.number}.json"
        path.write_text(json.dumps(interview.to_dict(), ensure_ascii=False), encoding="utf-8")
        models.append(path)
    return Inputs(n, items_path, document, tuple(models))


# --- engines: where each is and how one run of it is started ---------------------------


@dataclass(frozen=True, slots=True)
class Engine:
    """One engine found on this machine."""

    name: str
    label: str


def pandoc3_path() -> Path | None:
    try:
        import pypandoc
    except ImportError:
        return None
    path = Path(os.path.dirname(pypandoc.__file__)) / "files" / "pandoc"
    return path if path.is_file() else None


def first_line(command: Sequence[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return "?"
    return (done.stdout.splitlines() or ["?"])[0].strip()


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def citejs_modules(option: str | None) -> Path:
    """The folder holding ``node_modules`` (a path to ``node_modules`` itself also works)."""
    if option:
        path = Path(option)
    else:
        path = Path(os.environ.get("VALIDATORS_HOME", "/tmp/tpc-validators")) / "js"
    return path.parent if path.name == "node_modules" else path


def npm_version(modules: Path, package: str) -> str:
    try:
        data = json.loads((modules / "node_modules" / package / "package.json").read_text())
    except (OSError, ValueError):
        return "?"
    return str(data.get("version", "?"))


def find_engines(wanted: Sequence[str], args: argparse.Namespace) -> list[Engine]:
    """The wanted engines present here; a printed note for each one skipped."""
    found = []
    for name in wanted:
        if name in ("ours-cold", "ours-warm", "cli-cold", "cli-warm"):
            version = package_version("transpacific-cite")
            kind = "empty cache" if name.endswith("cold") else "same cache"
            found.append(Engine(name, f"{name} ({version}, {kind})"))
        elif name == "raw":
            found.append(Engine(name, f"raw citeproc-py {package_version('citeproc-py')}"))
        elif name == "pandoc3":
            path = pandoc3_path()
            if path is None:
                print("note: pandoc3 skipped: pypandoc-binary's pandoc is not installed")
                continue
            found.append(Engine(name, f"{first_line([str(path), '--version'])} (pypandoc)"))
        elif name == "pandoc2":
            path = Path(args.debian_pandoc)
            if not path.is_file():
                print(f"note: pandoc2 skipped: {path} is not installed")
                continue
            found.append(Engine(name, f"{first_line([str(path), '--version'])} (Debian)"))
        elif name == "citejs":
            modules = citejs_modules(args.citejs_modules)
            node = shutil.which("node")
            missing = [
                package
                for package in ("@citation-js/core", "@citation-js/plugin-csl")
                if not (modules / "node_modules" / package).is_dir()
            ]
            if node is None or missing:
                why = "node is not on PATH" if node is None else f"no {', '.join(missing)}"
                print(f"note: citejs skipped: {why} (modules looked for under {modules})")
                continue
            found.append(
                Engine(
                    name,
                    f"Citation.js {npm_version(modules, '@citation-js/core')} "
                    f"(citeproc-js {npm_version(modules, 'citeproc')})",
                )
            )
    return found


def command(engine: str, inputs: Inputs, style: str, args: argparse.Namespace) -> list[str]:
    csl = str(resolve_style(style))
    if engine in ("ours-cold", "ours-warm"):
        return [sys.executable, str(ENGINE_DIR / "ours.py"), str(inputs.items), style]
    if engine in BIBLIOGRAPHY_ONLY:
        cli = str(Path(sys.executable).with_name("transpacific-cite"))
        models = [str(path) for path in inputs.models]
        return [cli, "bibliography", *models, "--style", style, "--format", "html"]
    if engine == "raw":
        return [sys.executable, str(ENGINE_DIR / "raw_citeproc_py.py"), str(inputs.items), csl]
    if engine in ("pandoc3", "pandoc2"):
        binary = str(pandoc3_path()) if engine == "pandoc3" else args.debian_pandoc
        return [
            binary,
            "--citeproc",
            "--csl",
            csl,
            "--bibliography",
            str(inputs.items),
            "-f",
            "markdown",
            "-t",
            "html",
            "--wrap=none",
            str(inputs.document),
        ]
    modules = str(citejs_modules(args.citejs_modules))
    driver = str(ENGINE_DIR / "citejs_bench.mjs")
    return ["node", driver, modules, str(inputs.items), csl]


# --- one run: time it, then check what it produced -------------------------------------


@dataclass(slots=True)
class Run:
    """One timed process: its wall clock and what its output held."""

    seconds: float
    citations: int = 0
    entries: int = 0
    digest: str = ""
    problem: str = ""


CITATION = re.compile(r'<span class="citation" data-cites="[^"]+">(?!</span>)')
FOOTNOTE = re.compile(r'<li id="fn\d+"[^>]*><p>(?!<a href="#fnref)')
ENTRY = re.compile(r'<div id="ref-[^"]+" class="csl-entry"[^>]*>(?!\s*</div>)')


def count_html(html: str) -> tuple[int, int]:
    """Non-empty citations and bibliography entries in pandoc's HTML.

    A note style turns each citation into a footnote, so there the notes are counted (the
    in-text span then holds only the note's number).
    """
    notes = len(FOOTNOTE.findall(html))
    citations = notes if 'class="footnote-ref"' in html else len(CITATION.findall(html))
    return citations, len(ENTRY.findall(html))


def count_paragraphs(text: str) -> tuple[int, int]:
    """The CLI's bibliography: no citations, one entry per paragraph."""
    return 0, sum(1 for entry in text.split("\n\n") if entry.strip())


def count_json(text: str) -> tuple[int, int]:
    data = json.loads(text)
    citations = sum(1 for value in data["citations"] if str(value).strip())
    return citations, sum(1 for value in data["bibliography"] if str(value).strip())


def run_once(
    engine: str,
    inputs: Inputs,
    style: str,
    args: argparse.Namespace,
    env: dict[str, str],
) -> Run:
    argv = command(engine, inputs, style, args)
    if engine in ("ours-cold", "ours-warm", "raw", "citejs"):
        argv += [LABEL, LOCATOR]
    if engine in ("ours-cold", "ours-warm"):
        argv.append(str(args.workers))
    begin = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, env=env, timeout=args.timeout, check=False)
    except subprocess.TimeoutExpired:
        return Run(time.perf_counter() - begin, problem=f"timed out after {args.timeout} s")
    seconds = time.perf_counter() - begin
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        return Run(seconds, problem=f"exit {done.returncode}: {' | '.join(tail)}")
    text = done.stdout.decode("utf-8")
    try:
        if engine.startswith("pandoc"):
            citations, entries = count_html(text)
        elif engine in BIBLIOGRAPHY_ONLY:
            citations, entries = count_paragraphs(text)
        else:
            citations, entries = count_json(text)
    except (ValueError, KeyError, TypeError) as error:
        return Run(seconds, problem=f"unreadable output: {error}")
    run = Run(seconds, citations, entries, hashlib.sha256(done.stdout).hexdigest())
    wanted = (0 if engine in BIBLIOGRAPHY_ONLY else inputs.n, inputs.n)
    if (citations, entries) != wanted:
        run.problem = f"{citations} citations and {entries} entries, not {wanted}"
    return run


# --- the benchmark ---------------------------------------------------------------------


@dataclass(slots=True)
class Cell:
    """All runs of one engine, style and size."""

    runs: list[Run] = field(default_factory=list)

    def median(self) -> float | None:
        good = [run.seconds for run in self.runs if not run.problem]
        return statistics.median(good) if good and len(good) == len(self.runs) else None

    def best(self) -> float | None:
        """The fastest run: on a shared machine the least disturbed one (best-of-N)."""
        good = [run.seconds for run in self.runs if not run.problem]
        return min(good) if good and len(good) == len(self.runs) else None

    def problems(self) -> list[str]:
        return [run.problem for run in self.runs if run.problem]


Results = dict[tuple[str, str, int], Cell]


def measure(
    engines: list[Engine],
    styles: Sequence[str],
    inputs: Inputs,
    repeat: int,
    work: Path,
    args: argparse.Namespace,
) -> Results:
    names = [engine.name for engine in engines]
    results: Results = {}
    for style in styles:
        for index in range(1, repeat + 1):
            cache = Path(tempfile.mkdtemp(prefix=f"cache-{inputs.n}-", dir=work))
            env = dict(os.environ, TRANSPACIFIC_CITE_CACHE=str(cache))
            for cold, warm in COLD_WARM.items():
                if warm in names and cold not in names:
                    run_once(cold, inputs, style, args, env)  # fill the cache, untimed
            cold_digests: dict[str, str] = {}
            for name in names:
                run = run_once(name, inputs, style, args, env)
                if name in COLD_WARM:
                    cold_digests[COLD_WARM[name]] = run.digest
                cold_digest = cold_digests.get(name, "")
                if cold_digest and run.digest != cold_digest:
                    run.problem = run.problem or "output differs from the cold run's"
                results.setdefault((name, style, inputs.n), Cell()).runs.append(run)
                mark = f"FAILED: {run.problem}" if run.problem else "ok"
                print(
                    f"  n={inputs.n} {style} {name} run {index}/{repeat}: "
                    f"{run.seconds:.2f} s {mark}",
                    flush=True,
                )
            shutil.rmtree(cache, ignore_errors=True)
    return results


def seconds(value: float | None) -> str:
    return "FAILED" if value is None else f"{value:.2f}"


def ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or theirs <= 0:
        return "-"
    return f"{ours / theirs:.2f}"


def report(engines: list[Engine], styles: Sequence[str], n: int, results: Results) -> None:
    repeat = max((len(cell.runs) for cell in results.values()), default=0)
    print(f"\nN={n}: {n} entries + {n} section-pinpoint citations, HTML; whole-process")
    print(f"wall clock, median of {repeat}; ratio = ours cold / engine (< 1: ours is faster)")
    width = max(len(engine.label) for engine in engines)
    print(f"{'engine':{width}}  {'style':28} {'median s':>9} {'best s':>7} {'ratio':>7}")
    for style in styles:
        ours = results.get(("ours-cold", style, n))
        ours_median = ours.median() if ours else None
        for engine in engines:
            cell = results[(engine.name, style, n)]
            median = cell.median()
            shown = "" if engine.name == "ours-cold" else ratio(ours_median, median)
            best = seconds(cell.best())
            print(f"{engine.label:{width}}  {style:28} {seconds(median):>9} {best:>7} {shown:>7}")
    for style in styles:
        ours = results.get(("ours-cold", style, n))
        ours_median = ours.median() if ours else None
        pandocs = [
            (cell.median(), engine.label)
            for engine in engines
            if engine.name.startswith("pandoc")
            for cell in [results[(engine.name, style, n)]]
            if cell.median() is not None
        ]
        if ours_median is None or not pandocs:
            continue
        best, label = min(pandocs, key=lambda pair: pair[0] or 0.0)
        assert best is not None
        verdict = (
            f"{ours_median / best:.2f}x the time (+{ours_median - best:.2f} s)"
            if ours_median > best
            else f"{best / ours_median:.2f}x faster ({best - ours_median:.2f} s less)"
        )
        print(
            f"{style}: ours cold {ours_median:.2f} s vs fastest pandoc "
            f"({label}, {best:.2f} s): {verdict}"
        )


def report_growth(engines: list[Engine], styles: Sequence[str], n: int, results: Results) -> None:
    print(f"\nGrowth N={n} -> {10 * n} (time at 10N / time at N; 10 = linear)")
    width = max(len(engine.label) for engine in engines)
    for style in styles:
        for engine in engines:
            small = results[(engine.name, style, n)].median()
            large = results[(engine.name, style, 10 * n)].median()
            factor = "-" if small is None or large is None else f"{large / small:.1f}x"
            print(
                f"{engine.label:{width}}  {style:28} {seconds(small):>8} -> "
                f"{seconds(large):>8} s  {factor:>7}"
            )


def engine_list(text: str) -> list[str]:
    wanted: list[str] = []
    for part in (piece.strip() for piece in text.split(",")):
        for name in ALIASES.get(part, (part,)):
            if name not in ENGINES:
                raise argparse.ArgumentTypeError(
                    f"unknown engine {name!r}; choose from {', '.join((*ENGINES, *ALIASES))}"
                )
            if name not in wanted:
                wanted.append(name)
    return [name for name in ENGINES if name in wanted]  # a fixed order: ours first


def style_list(text: str) -> list[str]:
    return [piece.strip() for piece in text.split(",") if piece.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="entries and citations (1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per engine and style (3)")
    parser.add_argument(
        "--styles", type=style_list, default=list(STYLES), help="comma-separated (chicago, apa)"
    )
    parser.add_argument(
        "--engines",
        type=engine_list,
        default=list(ENGINES),
        help=f"comma-separated subset of {', '.join(ENGINES)}; 'ours' and 'pandoc' name both",
    )
    parser.add_argument(
        "--growth", action="store_true", help="also run at 10N and print the growth factors"
    )
    parser.add_argument(
        "--growth-repeat", type=int, default=1, help="runs per engine and style at 10N (1)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        choices=(1, 2),
        default=2,
        help="ours-cold/ours-warm: Renderer workers (2, as the CLI; 1 renders serially)",
    )
    parser.add_argument("--citejs-modules", help="folder with node_modules (VALIDATORS_HOME/js)")
    parser.add_argument("--debian-pandoc", default="/usr/bin/pandoc", help="Debian's pandoc")
    parser.add_argument("--timeout", type=float, default=3600.0, help="per process (3600 s)")
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1 or args.growth_repeat < 1:
        parser.error("--n, --repeat and --growth-repeat must be at least 1")
    for style in args.styles:
        resolve_style(style)  # fail early on an unknown style
    engines = find_engines(args.engines, args)
    if not engines:
        parser.error("no engine to run")
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load}; {sys.executable}")
    for engine in engines:
        print(f"  {engine.name:9} {engine.label}")
    with tempfile.TemporaryDirectory(prefix="tpc-render-bench-") as folder:
        work = Path(folder)
        sizes = [args.n, 10 * args.n] if args.growth else [args.n]
        results: Results = {}
        for size in sizes:
            repeat = args.repeat if size == args.n else args.growth_repeat
            inputs = write_inputs(work, size)
            results.update(measure(engines, args.styles, inputs, repeat, work, args))
    for size in sizes:
        report(engines, args.styles, size, results)
    if args.growth:
        report_growth(engines, args.styles, args.n, results)
    failed = [
        f"{name} {style} n={n}: {problem}"
        for (name, style, n), cell in results.items()
        for problem in cell.problems()
    ]
    for line in failed:
        print(f"FAILED {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
