"""Time manifest builds and the pandoc filter, cold and warm.

Two workloads, written to a temporary folder (nothing goes into the repository):

* **manifest**: ``--n`` synthetic interviews (default 1,000) as model JSON files, one
  ``bibliography.toml`` naming them with ``files = "interviews/*.json"``, two styles
  (Chicago notes, APA) and every output kind: ``refs.bib``, ``refs.json``, ``refs.ris`` and a
  bibliography per style in ``.md``, ``.html`` and ``.txt`` (9 outputs).
  ``cold``: ``transpacific-cite build`` as a whole process with an empty cache folder and no
  outputs; ``warm``: the same command again, nothing changed (it must write nothing);
  ``warm in-process``: :func:`transpacific_cite.build_manifest` called again in one process,
  which leaves out interpreter start and imports (what a script or a watcher pays).
* **paper**: a Markdown paper of ``--cites`` citations (default 200) of 50 interviews with
  pinpoints (``[@tpv:N, q3]``, ``@tpv:N [q2-q4]``), resolved from files listed in its metadata.
  ``pandoc``: ``pandoc paper.md --filter transpacific-cite-pandoc --citeproc`` as a whole
  process (pandoc 3.9 from pypandoc-binary), first run (cold) and the best later run (warm);
  ``filter alone``: the filter process on pandoc's JSON; ``in-process``: ``filter_document``.

Each figure is the best of ``--repeat`` runs (default 5) except the cold ones, which happen
once per fresh folder and are the best over ``--repeat`` fresh folders. On a shared machine,
best-of-N is the figure least disturbed by other work. Run::

    python benchmarks/build.py
    python benchmarks/build.py --n 200 --repeat 3
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from transpacific_cite import build_manifest
from transpacific_cite._build.pandoc import filter_document
from transpacific_cite._model import Interview, Person, QASection

BIN = Path(sys.executable).parent
WORDS = ["Japan", "Alliance", "Taiwan", "Deterrence", "Trade", "Korea", "Energy", "Security"]
FAMILIES = ["Hornung", "Smith", "Ōta", "Lee", "Baker", "Kim", "Nguyen", "Tanaka", "Chen", "Park"]


def interviews(n: int) -> list[Interview]:
    """``n`` invented entries of the series, five sections each."""
    start = dt.date(2015, 1, 5)
    return [
        Interview(
            number=number,
            title=" ".join(WORDS[(number * k) % len(WORDS)] for k in (1, 3, 5)) + f" {number}",
            interviewers=(Person("Kuo", "Mercy A."),),
            interviewees=(Person(FAMILIES[number % 10], "Anne"),),
            published=start + dt.timedelta(days=7 * number),
            url=f"https://thediplomat.com/{number}/entry-{number}/",
            sections=tuple(
                QASection(k, f"Invented question {k} of interview {number}?", ())
                for k in range(1, 6)
            ),
        )
        for number in range(1, n + 1)
    ]


def write_entries(folder: Path, entries: Sequence[Interview]) -> list[str]:
    (folder / "interviews").mkdir(parents=True)
    names = []
    for interview in entries:
        name = f"interviews/{interview.number:05d}.json"
        (folder / name).write_text(json.dumps(interview.to_dict()), encoding="utf-8")
        names.append(name)
    return names


MANIFEST = """\
styles = ["chicago", "apa"]
[[entries]]
files = "interviews/*.json"
[outputs]
bib = "refs.bib"
csl-json = "refs.json"
ris = "refs.ris"
bibliography = "bibliography"
formats = ["md", "html", "txt"]
"""


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(command: Sequence[str], *, env: dict[str, str], stdin: bytes | None = None) -> bytes:
    done = subprocess.run(command, env=env, input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def manifest_figures(n: int, repeat: int, root: Path) -> None:
    entries = interviews(n)
    colds, warms, in_process = [], [], []
    for attempt in range(repeat):
        folder = root / f"manifest-{attempt}"
        write_entries(folder, entries)
        (folder / "bibliography.toml").write_text(MANIFEST, encoding="utf-8")
        env = {**os.environ, "TRANSPACIFIC_CITE_CACHE": str(root / f"cache-{attempt}")}
        command = [str(BIN / "transpacific-cite"), "build", str(folder)]
        colds.append(timed(lambda command=command, env=env: run(command, env=env)))
        out = b""

        def warm(command: list[str] = command, env: dict[str, str] = env) -> None:
            nonlocal out
            out = run(command, env=env)

        warms.append(timed(warm))
        if not out.startswith(b"nothing to do"):
            raise SystemExit(f"a warm build wrote something: {out.decode()}")
    os.environ["TRANSPACIFIC_CITE_CACHE"] = str(root / "cache-0")
    folder = root / "manifest-0"
    for _ in range(repeat):
        start = time.perf_counter()
        report = build_manifest(folder)
        in_process.append(time.perf_counter() - start)
        if not report.up_to_date:
            raise SystemExit("an in-process warm build wrote something")
    print(f"manifest of {n} entries, 9 outputs (best of {repeat}):")
    print(f"  cold, whole process        {min(colds):7.3f} s")
    print(f"  warm, whole process        {min(warms):7.3f} s")
    print(f"  warm, in-process           {min(in_process):7.3f} s")


def paper_text(cites: int, sources: Sequence[str]) -> str:
    lines = ["---", "transpacific-cite:", "  examples: false", "  sources:"]
    lines += [f"    - {name}" for name in sources]
    lines += ["---", ""]
    for index in range(cites):
        number = index % len(sources) + 1
        cite = f"[@tpv:{number}, q{index % 5 + 1}]" if index % 2 else f"@tpv:{number} [q2-q4]"
        lines.append(f"Paragraph {index} of the argument cites {cite}.\n")
    lines.append("# References\n")
    return "\n".join(lines)


def pandoc3() -> str:
    import pypandoc

    return str(Path(pypandoc.__file__).parent / "files" / "pandoc")


def paper_figures(cites: int, repeat: int, root: Path) -> None:
    folder = root / "paper"
    folder.mkdir()
    sources = write_entries(folder, interviews(50))
    (folder / "paper.md").write_text(paper_text(cites, sources), encoding="utf-8")
    env = {
        **os.environ,
        "TRANSPACIFIC_CITE_CATALOG": str(root / "absent.sqlite3"),
        "TRANSPACIFIC_CITE_CACHE": str(root / "cache-paper"),
    }
    os.chdir(folder)
    pandoc = pandoc3()
    command = [pandoc, "paper.md", "--filter", str(BIN / "transpacific-cite-pandoc"),
               "--citeproc", "-t", "html"]  # fmt: skip
    cold = timed(lambda: run(command, env=env))
    warm = min(timed(lambda: run(command, env=env)) for _ in range(repeat))
    baseline = min(
        timed(lambda: run([pandoc, "paper.md", "-t", "html"], env=env)) for _ in range(repeat)
    )
    document = run([pandoc, "paper.md", "-t", "json"], env=env)
    filter_command = [str(BIN / "transpacific-cite-pandoc"), "html"]
    alone = min(timed(lambda: run(filter_command, env=env, stdin=document)) for _ in range(repeat))
    parsed = json.loads(document)
    os.environ["TRANSPACIFIC_CITE_CATALOG"] = env["TRANSPACIFIC_CITE_CATALOG"]
    inside = min(timed(lambda: filter_document(copy.deepcopy(parsed))) for _ in range(repeat))
    print(f"paper of {cites} citations of 50 interviews (pandoc 3.9; best of {repeat}):")
    print(f"  pandoc --filter --citeproc, cold  {cold:7.3f} s")
    print(f"  pandoc --filter --citeproc, warm  {warm:7.3f} s")
    print(f"  pandoc alone (no filter/citeproc) {baseline:7.3f} s")
    print(f"  the filter process alone          {alone:7.3f} s")
    print(f"  filter_document in-process        {inside:7.3f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="entries in the manifest")
    parser.add_argument("--cites", type=int, default=200, help="citations in the paper")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (best taken)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="tpc-build-bench-") as tmp:
        root = Path(tmp)
        manifest_figures(args.n, args.repeat, root)
        paper_figures(args.cites, args.repeat, root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
