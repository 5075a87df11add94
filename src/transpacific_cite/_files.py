"""Reading inputs and writing outputs safely: inputs are never modified, outputs are atomic."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from ._errors import InputError

STDIO = "-"


def names_a_file(spec: str | os.PathLike[str]) -> bool:
    """Whether an INPUT argument is to be read as a path (``-`` for stdin counts).

    Something on disk is a path; so is a name the system refuses to look up at all (too long,
    a folder above it that cannot be searched): reading it then reports that problem through
    :func:`read_bytes` as one :class:`InputError`, where ``Path.exists`` would raise a bare
    ``OSError`` or the argument would be mistaken for a catalog number or key.
    """
    if str(spec) == STDIO:
        return True
    try:
        os.stat(spec)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):  # ENAMETOOLONG, EACCES, ELOOP; ValueError: a NUL in the name
        return True
    return True


def read_bytes(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """The bytes of a file, or of standard input for ``-``.

    Args:
        path: the file, or ``-``.
        limit: refuse more bytes than this (read no further than one byte past it), so a huge
            input fails at once instead of filling memory.

    Raises:
        InputError: the file is missing, a directory, unreadable, or larger than ``limit``.
    """
    if str(path) == STDIO:
        data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
        return _within(data, limit, "<stdin>")
    try:
        if limit is not None:
            with open(path, "rb") as handle:
                return _within(handle.read(limit + 1), limit, str(path))
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    except ValueError:  # a NUL character: no file can have that name
        raise InputError(f"{path!r}: not a valid file name") from None


def _within(data: bytes, limit: int | None, name: str) -> bytes:
    if limit is not None and len(data) > limit:
        raise InputError(f"{name}: larger than the {limit // 2**20} MB limit for this input")
    return data


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, then an atomic rename.

    An existing file is replaced only once the new content is fully on disk, so a failure
    leaves the old file (or no file) in place. Text is written as UTF-8 with ``\\n`` endings.

    Raises:
        InputError: saying what is wrong: the folder is missing, is not a folder or is not
            writable, the output is a folder, or the disk is full.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    import tempfile  # here: only writing needs it, and it costs every command's start-up

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"{path}: {_folder_problem(folder, error)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise InputError(f"{path}: cannot write ({error.strerror or error})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _folder_problem(folder: Path, error: OSError) -> str:
    """Why no file can be made in ``folder``, told from what is on disk, not from errno alone.

    ``ENOENT`` also comes from a folder that exists but takes no new files (``/proc``), so the
    folder is looked at before saying it is missing; a file where a folder should be, at any
    level, is named as such.
    """
    for place in (folder, *folder.parents):
        if place.exists():
            if not place.is_dir():
                return f"{place} is not a folder"
            break
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if isinstance(error, FileNotFoundError):
        return f"the folder {folder} is not writable"
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return f"the folder {folder} is not writable ({error.strerror})"
    return f"cannot write in {folder} ({error.strerror or error})"
