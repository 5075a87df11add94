"""Independent renders on two cores: half in this process, half in a forked copy of it.

Opt-in only: the pure core (:func:`transpacific_cite._render.render` and friends) runs every
phase through :data:`SERIAL`, which never forks; a :class:`~.renderer.Renderer` made with
``workers=2`` hands the phases a :class:`Forking` executor instead. The phases only ever see
the :class:`Executor` protocol, so what runs inside a phase does not depend on which it got.

A run has three phases whose units do not depend on each other: the sort values of each
item, the "alone" cite of each item that disambiguation compares, and each bibliography
entry. Citations depend on the ones before them only through the position history, which
a child can rebuild without rendering (see :func:`.citations.cite_all`). Python threads cannot render in parallel (citeproc-py is pure Python), so the second
half runs in a child made with ``fork``: it inherits the loaded style and the run as they
are, renders its half, and sends the results back pickled through a pipe. Results are
returned in input order, exactly as a serial loop would give them.

Forking is used only where it pays and is safe: at least :data:`MIN_ITEMS` units, two
usable cores, Linux (macOS system frameworks do not survive a fork without exec), and no
other thread alive in this process (a fork
copies only the calling thread). Anything else, or a child that fails, falls back to the
serial loop, so the answer never depends on whether the split happened.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many units a fork (about 5-15 ms with a loaded style) costs more than it saves.
MIN_ITEMS = 64
# Set TRANSPACIFIC_CITE_SERIAL=1 to render everything in one process (for measurements).
SERIAL_ENV = "TRANSPACIFIC_CITE_SERIAL"


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


_IN_CHILD = False  # a forked child never forks again


def can_split(count: int) -> bool:
    """Whether ``count`` units are worth splitting across a forked child."""
    return (
        count >= MIN_ITEMS
        and not _IN_CHILD
        and sys.platform.startswith("linux")  # fork without exec is unsafe on macOS
        and os.environ.get(SERIAL_ENV) != "1"
        and usable_cores() >= 2
        and threading.active_count() == 1
    )


def fork_pair(here: Callable[[], T], there: Callable[[], R]) -> tuple[T, R | None]:
    """Run ``here`` in this process while a forked child runs ``there``.

    Returns ``here``'s result and ``there``'s (unpickled), or None for ``there`` when the
    child failed; the caller then computes that part itself. Call only when
    :func:`can_split` said yes.
    """
    import pickle  # here, not at the top: only a split needs it (start-up, issue 13)

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running any cleanup
        global _IN_CHILD
        _IN_CHILD = True
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps(there())
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        mine = here()
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return mine, None
    theirs: R = pickle.loads(payload)
    return mine, theirs


def split_map(function: Callable[[T], R], units: Sequence[T]) -> list[R]:
    """``[function(u) for u in units]``, the second half computed in a forked child.

    ``function`` must not rely on side effects in this process for the child's half (the
    child's changes to shared state are lost) and must return picklable values. Call only
    where the caller chose to fork (a :class:`Forking` executor): below the threshold, or
    where :func:`can_split` says no, it maps serially.
    """
    if not can_split(len(units)):
        return [function(unit) for unit in units]
    half = len(units) // 2
    first, second = fork_pair(
        lambda: [function(unit) for unit in units[:half]],
        lambda: [function(unit) for unit in units[half:]],
    )
    if second is None:
        second = [function(unit) for unit in units[half:]]
    return first + second


class Executor(Protocol):
    """How a phase runs its independent units: all here, or split with a forked child."""

    def splits(self, count: int) -> bool:
        """Whether ``count`` units would be split (a phase may then prepare a child's state)."""
        ...

    def map(self, function: Callable[[T], R], units: Sequence[T]) -> list[R]:
        """``[function(u) for u in units]``, in order."""
        ...

    def pair(self, here: Callable[[], T], there: Callable[[], R]) -> tuple[T, R | None]:
        """``here()`` and ``there()``; ``there``'s result is None if it could not be had.

        A phase calls it only after :meth:`splits` said yes: ``there`` may then assume it
        runs in a copy of this process.
        """
        ...


class Serial:
    """Everything in this process, in order: what the pure core uses (it never forks)."""

    def splits(self, count: int) -> bool:
        """Never."""
        return False

    def map(self, function: Callable[[T], R], units: Sequence[T]) -> list[R]:
        """A plain loop."""
        return [function(unit) for unit in units]

    def pair(self, here: Callable[[], T], there: Callable[[], R]) -> tuple[T, R | None]:
        """Both, one after the other."""
        return here(), there()


class Forking:
    """The second half of large phases in a forked child (see the module docstring)."""

    def splits(self, count: int) -> bool:
        """Where :func:`can_split` says it pays and is safe."""
        return can_split(count)

    def map(self, function: Callable[[T], R], units: Sequence[T]) -> list[R]:
        """:func:`split_map`."""
        return split_map(function, units)

    def pair(self, here: Callable[[], T], there: Callable[[], R]) -> tuple[T, R | None]:
        """:func:`fork_pair`: call only after :meth:`splits` said yes."""
        return fork_pair(here, there)


SERIAL = Serial()
