"""A generated corpus for the render tests that need many entries (cache, split, positions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from transpacific_cite._formats.csl import to_csl_data
from transpacific_cite._keys import assign_keys
from transpacific_cite._model import Interview, Person
from transpacific_cite._render import Cite

FAMILIES = ["Hornung", "Ōta", "Smith", "van der Berg", "Lee", "Kim"]


def corpus(n: int) -> list[dict[str, Any]]:
    """``n`` invented series entries; names and years repeat so disambiguation has work."""
    interviews = [
        Interview(
            number=i,
            title=f"Japan and the Quad, Part {i}",
            interviewers=(Person("Kuo", "Mercy A."),),
            interviewees=(Person(FAMILIES[i % len(FAMILIES)], ["Jeffrey", "Anna"][i % 2]),),
            published=dt.date(2020 + i % 3, 1 + i % 12, 1 + i % 28),
            url=f"https://thediplomat.com/2022/05/entry-{i}/",
        )
        for i in range(1, n + 1)
    ]
    return to_csl_data(interviews, assign_keys(interviews))


def citations(items: list[dict[str, Any]]) -> list[list[Cite]]:
    result = []
    for index, item in enumerate(items):
        result.append([Cite(item["id"], label="section", locator=str(1 + index % 5))])
        if index % 3 == 0:  # same item again: ibid / subsequent
            result.append([Cite(item["id"], label="section", locator="2")])
    return result


def authors_item(item_id: str, names: list[tuple[str, str]], title: str) -> dict[str, Any]:
    """An interview in The Diplomat by these (family, given) names, dated 1 May 2022: names
    and a year alike, so disambiguation has to tell such items apart."""
    return {
        "id": item_id,
        "type": "interview",
        "author": [{"family": family, "given": given} for family, given in names],
        "title": title,
        "container-title": "The Diplomat",
        "issued": {"date-parts": [[2022, 5, 1]]},
    }
