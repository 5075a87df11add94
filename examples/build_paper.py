"""Build a bibliography manifest from Python: the same build as `transpacific-cite build`.

    python examples/build_paper.py [FOLDER]     # default: examples/paper beside this script

Prints each output written (or that nothing needed rewriting) and exits 2 with one line on a
manifest mistake, as the command does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import transpacific_cite as tpc


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent / "paper"
    try:
        report = tpc.build_manifest(folder)
    except tpc.CiteError as error:
        print(f"build_paper: error: {error}", file=sys.stderr)
        return 2
    for message in report.warnings:
        print(f"warning: {message}", file=sys.stderr)
    for path in report.written:
        print(f"wrote {path.relative_to(report.manifest.parent)}")
    if report.up_to_date:
        print(f"up to date: {len(report.unchanged)} outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
