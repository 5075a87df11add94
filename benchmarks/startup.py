"""How long the command line takes to start: ``--help`` and a cold ``cite 319 q3``.

Each run is a fresh process, as a user's shell starts it (the installed
``transpacific-cite`` script beside this Python, or ``python -c`` calling ``cli.main`` when
the script is absent). "Cold" means a new process with an empty render cache; the catalog
holds entry 319 (added once, before timing, from ``examples/319-hornung.json``), so ``cite``
reads it from SQLite, loads and repairs the Chicago style and renders one note. Targets:
``--help`` under 120 ms, ``cite 319 q3`` under 300 ms.

The best of N runs is printed (the machine may be busy: the best run is the one least
disturbed), with the median beside it, and the best CPU time (user + system), which a busy
machine disturbs least. Also printed: Python's own start-up (``python -c pass``) as the floor,
and which heavy modules ``--help`` imported (none should be).

The runs read compiled bytecode, as an installed package does (pip compiles on install): one
untimed run of each command first writes any missing ``.pyc``, and ``PYTHONDONTWRITEBYTECODE``
is dropped from the runs' environment (with it set and no ``.pyc``, every run would compile
our sources afresh, about 100 ms that no user pays).

Run: ``python benchmarks/startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "319-hornung.json"
TARGETS_MS = {"--help": 120.0, "cite 319 q3": 300.0}
HEAVY = ("citeproc", "lxml", "pybtex", "requests", "rich", "sqlite3", "rispy", "platformdirs")


def command() -> list[str]:
    """The way a shell starts the tool: its script if installed beside this Python."""
    script = Path(sys.executable).with_name("transpacific-cite")
    if script.exists():
        return [str(script)]
    found = shutil.which("transpacific-cite")
    if found:
        return [found]
    return [
        sys.executable,
        "-c",
        "import sys; from transpacific_cite._cli import main; sys.exit(main())",
    ]


def time_runs(
    args: list[str], *, runs: int, env: dict[str, str], fresh_cache: bool
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) milliseconds of ``runs`` fresh processes.

    CPU time is printed too because a busy machine disturbs it least: wall time also counts
    the time the process waited for a core.
    """
    walls, cpus = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            run_env = {**env, "TRANSPACIFIC_CITE_CACHE": cache} if fresh_cache else env
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(args, env=run_env, capture_output=True, check=False)
            walls.append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            cpus.append(used * 1000)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return walls, cpus


def heavy_imports(env: dict[str, str]) -> list[str]:
    """The heavy libraries that ``--help`` imports (it should import none)."""
    probe = (
        "import sys, contextlib, io\n"
        "from transpacific_cite._cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (best is kept)")
    runs = parser.parse_args().runs
    tool = command()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TRANSPACIFIC_CITE_CATALOG": str(Path(home) / "catalog.sqlite3")}
        env.pop("NO_COLOR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([*tool, "add", str(EXAMPLE)], env=env, capture_output=True, check=True)
        cases = {
            "python -c pass": ([sys.executable, "-c", "pass"], False),
            "--help": ([*tool, "--help"], False),
            "cite 319 q3": ([*tool, "cite", "319", "q3"], True),
        }
        print(f"{os.cpu_count()} cores; {runs} runs each; {' '.join(tool)}")
        for args, fresh in cases.values():  # untimed: writes the .pyc files a user has
            time_runs(args, runs=1, env=env, fresh_cache=fresh)
        for label, (args, fresh) in cases.items():
            walls, cpus = time_runs(args, runs=runs, env=env, fresh_cache=fresh)
            target = TARGETS_MS.get(label)
            verdict = ""
            if target is not None:
                met = "met" if min(walls) < target else "MISSED"
                verdict = f"  (target < {target:.0f} ms: {met})"
            print(
                f"{label:15} wall best {min(walls):6.1f} ms, median "
                f"{statistics.median(walls):6.1f} ms; cpu best {min(cpus):6.1f} ms{verdict}"
            )
        loaded = heavy_imports(env)
        print(f"heavy modules --help imports: {', '.join(loaded) if loaded else 'none'}")


if __name__ == "__main__":
    main()
