"""A date's ``cs:date-part`` overrides hold for that date only (citeproc-py kept them).

citeproc-py 0.11.1 wrote a style's override into the locale's date form, so every later
date of that form printed it too. The expected strings are what pandoc 3.9 prints for the
same style and items (``<em>`` there is our ``<i>``), checked by hand with pandoc 3.9.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from transpacific_cite._render import Cite, render

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Two dates</title><id>http://example.org/two-dates</id>
    <updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; "><group delimiter=" / ">
    <date variable="issued" form="text">
      <date-part name="month" form="short" font-style="italic"/>
    </date>
    <date variable="issued" form="text"/>
  </group></layout></citation>
  <bibliography><layout><group delimiter=" / ">
    <date variable="issued" form="text"/>
    <date variable="issued" form="text">
      <date-part name="month" form="short" font-style="italic"/>
    </date>
  </group></layout></bibliography>
</style>
"""

ITEMS: list[dict[str, Any]] = [
    {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2022, 5, 16]]}},
    {"id": "b", "type": "book", "title": "U", "issued": {"date-parts": [[2021, 3, 2]]}},
]


def test_an_override_holds_for_its_own_date_only(tmp_path: Path) -> None:
    style = tmp_path / "two-dates.csl"
    style.write_text(STYLE, encoding="utf-8")
    rendered = render(ITEMS, [[Cite("a")], [Cite("b")]], style=style, fmt="html")
    assert rendered.citations == (
        "<i>May</i> 16, 2022 / May 16, 2022",
        "<i>Mar.</i> 2, 2021 / March 2, 2021",
    )
    assert rendered.bibliography == (
        "May 16, 2022 / <i>May</i> 16, 2022",
        "March 2, 2021 / <i>Mar.</i> 2, 2021",
    )
    again = render(ITEMS, [[Cite("b")]], style=style, fmt="text", bibliography=False)
    assert again.citations == ("Mar. 2, 2021 / March 2, 2021",)
