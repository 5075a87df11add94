"""A style's date-part overrides hold for its own ``cs:date`` only, not for later dates.

CSL 1.0.2 (Localized date formats): a ``cs:date`` that uses a locale's date form may carry
``cs:date-part`` children whose attributes override the locale's for that date. citeproc-py
0.11.1 applies an override by updating the locale's ``cs:date-part`` attributes in place
(``Date_Part.process``: ``attrib.update``), so the override stays on the locale and every
later date of that form prints it too: a style that shortens the month of its accessed date
("Mar. 2") printed every later issued date with a short month as well, where pandoc 3.9 and
citeproc-js print "March 2".

Our ``cs:date-part`` class (:func:`date_part_element`, used by :mod:`.fast`) puts a locale
date-part back as it was after each render that an override changed, answers it had kept
included.
"""

from __future__ import annotations

from typing import Any

# What fast.freeze pins on every element; anything else on a proxy is a kept answer.
_PINNED = frozenset({"_tpc_root", "_tpc_style_root", "_tpc_xpath", "_tpc_layout"})


def date_part_element(base: Any) -> type:
    """Our ``cs:date-part`` class: a locale date-part's overrides last for one render."""

    def render(self: Any, date: Any, context: Any = None) -> Any:
        if context is None or context is self.getparent() or not _overrides(self, context):
            return base.render(self, date, context)
        attributes = dict(self.attrib)
        answers = dict(self.__dict__)  # answers kept without the override, put back after
        for name in answers:
            if name not in _PINNED:  # answered afresh with the override, dropped after
                del self.__dict__[name]
        try:
            return base.render(self, date, context)
        finally:
            self.attrib.clear()
            self.attrib.update(attributes)
            self.__dict__.clear()
            self.__dict__.update(answers)

    return type("Date_Part", (base,), {"render": render})


def _overrides(part: Any, context: Any) -> bool:
    """Whether the style's ``cs:date`` (``context``) overrides this locale date-part."""
    name = part.get("name")
    for child in context.iterchildren():
        if child.get("name") == name and len(child.attrib) > 1:
            return True
    return False
