"""What the last build of a manifest wrote, kept in the cache folder (never beside the outputs).

One JSON file per manifest, ``<cache>/builds/<sha256 of the manifest's path>.json``::

    {"format": 1, "outputs": {"refs.bib": {"inputs": "<sha256>", "sha256": "<sha256>",
                                          "size": 1234, "mtime_ns": 1700000000000000000}},
                  "files": {"/abs/interviews/319.json": [size, mtime_ns, inode, "<sha256>"]}}

``inputs`` is the digest of everything an output is made from (the entries' content, its own
options, the style file, the code's fingerprint); ``sha256`` is the digest of what was written.
An output is *fresh* when its inputs digest is unchanged and the file on disk is still what was
written: the same size and mtime (no read needed), or else the same content hash (a copy or a
``touch`` does not force a rebuild). A damaged or foreign state file is simply no state: the
next build recomputes every output and still rewrites only those whose content differs.

``files`` remembers the content hash of each entry file with the stat it had (as git's index
does), so a warm build of a 1,000-file manifest stats the files instead of reading them; a
file whose size, mtime or inode changed is read and hashed again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._errors import InputError
from .._files import write_atomic

STATE_FORMAT = 1


def content_digest(data: bytes) -> str:
    """SHA-256 of bytes, hex."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class BuildState:
    """The recorded outputs of one manifest's builds.

    Attributes:
        path: the state file.
        outputs: output path (relative to the manifest folder) -> its record.
    """

    path: Path
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, list[Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, manifest: Path) -> BuildState:
        """The state of a manifest's builds (empty when there is none or it is unreadable)."""
        from .._paths import cache_dir

        name = content_digest(str(manifest.resolve()).encode("utf-8", "surrogatepass"))
        path = cache_dir() / "builds" / f"{name}.json"
        try:
            raw = json.loads(path.read_bytes())
            ours = raw.get("format") == STATE_FORMAT
            outputs = raw["outputs"] if ours else {}
            files = raw.get("files", {}) if ours else {}
            if not isinstance(outputs, dict) or not isinstance(files, dict):
                outputs, files = {}, {}
        except (OSError, ValueError, AttributeError, KeyError):
            outputs, files = {}, {}
        return cls(
            path,
            {k: v for k, v in outputs.items() if isinstance(v, dict)},
            {k: v for k, v in files.items() if isinstance(v, list) and len(v) == 4},
        )

    def file_digest(self, path: str) -> tuple[str, bytes | None]:
        """The content hash of an entry file, and its bytes when they had to be read.

        Raises:
            InputError: the file cannot be read.
        """
        try:
            stat = os.stat(path)
        except OSError:
            stat = None
        key = [stat.st_size, stat.st_mtime_ns, stat.st_ino] if stat else None
        record = self.files.get(path)
        if key is not None and record is not None and record[:3] == key:
            return str(record[3]), None
        from .._files import read_bytes

        data = read_bytes(path)
        digest = content_digest(data)
        if key is not None:
            self.files[path] = [*key, digest]
            self.changed = True
        return digest, data

    def fresh(self, name: str, target: Path, inputs: str) -> bool:
        """Whether ``target`` holds what a build from ``inputs`` wrote (nothing to redo)."""
        record = self.outputs.get(name)
        if record is None or record.get("inputs") != inputs:
            return False
        try:
            stat = target.stat()
        except OSError:
            return False
        if stat.st_size == record.get("size") and stat.st_mtime_ns == record.get("mtime_ns"):
            return True
        try:
            same = content_digest(target.read_bytes()) == record.get("sha256")
        except OSError:
            return False
        if same:  # touched or copied back: the same bytes; remember the new stat
            self.record(name, target, inputs, str(record["sha256"]))
        return same

    def record(self, name: str, target: Path, inputs: str, written: str) -> None:
        """Remember that ``target`` holds content ``written`` made from ``inputs``."""
        stat = target.stat()
        self.outputs[name] = {
            "inputs": inputs,
            "sha256": written,
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
        }
        self.changed = True

    def save(self) -> None:
        """Write the state file if anything changed (a failure to write only costs speed)."""
        if not self.changed:
            return
        try:
            os.makedirs(self.path.parent, exist_ok=True)
            write_atomic(
                self.path,
                json.dumps(
                    {"format": STATE_FORMAT, "outputs": self.outputs, "files": self.files},
                    sort_keys=True,
                ),
            )
        except (OSError, InputError):
            return
        self.changed = False
