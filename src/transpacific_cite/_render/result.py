"""What a render returns: texts plus warnings (problems as data, raised only at the edges)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .output import FORMATS, Format

Position = Literal["first", "subsequent"]
POSITIONS: tuple[Position, ...] = ("first", "subsequent")


def check_options(fmt: str, position: str) -> None:
    """Refuse an unknown format or position before any work is done.

    Raises:
        ValueError: naming the choices.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if position not in POSITIONS:
        raise ValueError(f"unknown position {position!r}; choose first or subsequent")


@dataclass(frozen=True, slots=True)
class RenderStats:
    """How much of a render was done afresh (the rest came from a renderer's cache).

    Attributes:
        from_cache: the whole document was served from the cache; nothing was rendered.
        entries_rendered: bibliography entries rendered afresh.
        entries_cached: bibliography entries taken from the cache.
    """

    from_cache: bool = False
    entries_rendered: int = 0
    entries_cached: int = 0


@dataclass(frozen=True, slots=True)
class Rendered:
    """What a render returns.

    Attributes:
        citations: one string per citation asked for, in order.
        bibliography: one string per entry, in the style's order (empty if not asked for,
            or if the style has no bibliography).
        warnings: problems noticed (e.g. an item the style printed nothing for).
        format: "text", "html" or "markdown".
        stats: what was rendered afresh and what came from a cache.
    """

    citations: tuple[str, ...]
    bibliography: tuple[str, ...]
    warnings: tuple[str, ...]
    format: Format
    stats: RenderStats = field(default_factory=RenderStats)
