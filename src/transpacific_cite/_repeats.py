"""One rule for inputs that repeat: what ``bibliography``, ``export`` and builds list.

Overlapping globs, a list file and a catalog query easily name the same interview twice. The
rule, the same wherever interviews are gathered: an interview *equal* to an earlier one (the
same file twice, or two files holding the same facts) is listed once, with a warning; two
*different* versions of one series number (a text copy and the page, say) are both kept, in
their first-seen order, with a warning that names the number, because only the user knows
which version is right. Equality is the model's value equality, looked up in a dict, so the
check is linear in the number of inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._model import Interview


@dataclass(frozen=True, slots=True)
class UniqueInterviews:
    """Interviews with exact repeats left out, and what was said about repeats.

    Attributes:
        interviews: the first of each equal group, in input order.
        sources: where each kept interview came from (parallel to ``interviews``).
        warnings: one line per repeat left out and per series number given in two versions.
    """

    interviews: tuple[Interview, ...]
    sources: tuple[str, ...]
    warnings: tuple[str, ...]


def unique_interviews(
    interviews: Sequence[Interview], sources: Sequence[str] | None = None
) -> UniqueInterviews:
    """Apply the module's rule: drop exact repeats, keep (and warn about) other versions.

    Args:
        interviews: in input order.
        sources: what each came from (a path, a number, a key), for the warnings; by
            default "input 1", "input 2", ...

    Raises:
        ValueError: ``sources`` is not as long as ``interviews``.
    """
    if sources is None:
        sources = [f"input {index}" for index in range(1, len(interviews) + 1)]
    if len(sources) != len(interviews):
        raise ValueError(f"{len(sources)} sources for {len(interviews)} interviews")
    seen: set[Interview] = set()
    first_source_of_number: dict[int, str] = {}
    kept: list[Interview] = []
    kept_sources: list[str] = []
    warnings: list[str] = []
    for interview, source in zip(interviews, sources, strict=True):
        if interview in seen:
            warnings.append(
                f"{source}: the same entry as an earlier INPUT (no. {interview.number}); "
                "listed once"
            )
            continue
        seen.add(interview)
        earlier = first_source_of_number.get(interview.number)
        if earlier is None:
            first_source_of_number[interview.number] = source
        else:
            warnings.append(
                f"{source}: another version of interview {interview.number} "
                f"(first given as {earlier}); both are listed"
            )
        kept.append(interview)
        kept_sources.append(source)
    return UniqueInterviews(tuple(kept), tuple(kept_sources), tuple(warnings))
