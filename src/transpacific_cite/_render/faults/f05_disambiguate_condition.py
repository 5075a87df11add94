"""Fault 5: citeproc-py treats ``if disambiguate="true"`` as always true (MLA then put the
title in every in-text citation). The whole repair: the style's test becomes our run-mark
test (:func:`rewrite_disambiguate_conditions`, once per load), and the disambiguation phase
gives that mark to the items whose cites are still alike (:func:`mark_still_ambiguous`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..marks import DISAMBIGUATE, TEST, RunMarks
from ..tree import q


def rewrite_disambiguate_conditions(root: Any) -> bool:
    """Fault 5: citeproc-py treats ``if disambiguate="true"`` as always true.

    MLA then put the title in every in-text citation. We replace the test by our own
    :data:`.marks.TEST` of the :data:`.marks.DISAMBIGUATE` run mark (one more test under the
    condition's ``match``), which disambiguation gives only to items whose cites are still
    ambiguous. Returns whether the style has such a condition.
    """
    found = False
    for tag in ("if", "else-if"):
        for condition in root.iter(q(tag)):
            value = condition.get("disambiguate")
            if value is None:
                continue
            found = True
            del condition.attrib["disambiguate"]
            if value == "true":
                condition.set(TEST, DISAMBIGUATE)
            elif not condition.attrib or list(condition.attrib) == ["match"]:
                # disambiguate="false" alone: true unless the item needs disambiguating
                condition.set(TEST, DISAMBIGUATE)
                condition.set("match", "none")
    return found


def mark_still_ambiguous(marks: RunMarks, groups: Iterable[Iterable[str]]) -> None:
    """Give every item of the still ambiguous groups the :data:`.marks.DISAMBIGUATE` mark."""
    for group in groups:
        for key in group:
            marks.mark(key, disambiguate=True)
