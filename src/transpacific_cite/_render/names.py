"""Names written in East Asian scripts: family name first, no space ("山田太郎").

CSL 1.0.2 (Name-part order): a name in a non-Byzantine script is printed family name then
given name with no delimiter, in every long form, and is never inverted with a comma or
initialized; the short form is the family name alone. pandoc 3.9 and citeproc-js do so.
citeproc-py treats every name as a Latin one, so "山田 太郎" came out as "太郎 山田" in notes,
"山田, 太郎" in bibliographies and "山田, . 太郎 ." in APA (issue 4 review).

Our fix, in our own classes only: the item reader (``items._convert``) builds an
:class:`EastAsianName` for such a name; the ``cs:name`` element class of our parser
(:func:`render_name_element`, used by :mod:`.fast`) renders a long form from the item's
names with each East Asian one replaced by its :meth:`EastAsianName.whole` (one family name
"山田太郎"), handed to citeproc-py explicitly as the item it renders (:class:`_WholeNames`):
no state outside the call changes how a name renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from citeproc.source import Name
from citeproc.string import String

# Han, kana, Hangul and their compatibility and extension blocks, as code point ranges (a
# regular expression of these ranges took 11 ms to compile, a tenth of a cold ``cite``).
_EAST_ASIAN = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3040, 0x30FF),
    (0x3100, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
)


def is_east_asian(*parts: str) -> bool:
    """Whether every letter of the name parts is Han, kana or Hangul (and there is one)."""
    letters = [ord(char) for part in parts for char in part if char.isalpha()]
    return bool(letters) and all(
        any(low <= code <= high for low, high in _EAST_ASIAN) for code in letters
    )


class EastAsianName(Name):  # type: ignore[misc]
    """A citeproc-py name in an East Asian script: Latin parts, and :meth:`whole` for long forms."""

    def whole(self) -> Name:
        """The name as long forms print it: one family name "山田太郎", no given name."""
        given, family, _, non_dropping, suffix = self.parts()
        parts = {"family": "".join(p for p in (non_dropping, family, given) if p)}
        if suffix:
            parts["suffix"] = suffix
        return Name(**parts)


class _WholeNames:
    """The item a long-form ``cs:name`` renders: one name variable, East Asian names whole.

    citeproc-py's ``Name.process`` reads only ``item.reference.get(variable, [])``.
    """

    __slots__ = ("reference",)

    def __init__(self, variable: str, names: list[Any]) -> None:
        self.reference: Mapping[str, list[Any]] = {
            variable: [n.whole() if isinstance(n, EastAsianName) else n for n in names]
        }


def render_name_element(base: Any) -> type:
    """Our ``cs:name`` class: a long form renders East Asian names whole."""

    def process(
        self: Any, item: Any, variable: Any, context: Any = None, sort_options: Any = None,
        **kwargs: Any,
    ) -> Any:  # fmt: skip
        if self.get_option("form", context, sort_options) != "short":
            names = item.reference.get(variable, [])
            if any(isinstance(name, EastAsianName) for name in names):
                item = _WholeNames(variable, names)
        return base.process(self, item, variable, context, sort_options, **kwargs)

    def get_option(
        self: Any, name: str, context: Any = None, sort_options: Any = None
    ) -> Any:  # fmt: skip
        # citeproc-py's Name.get_option, kept per (name, context) once the style is frozen:
        # without a sort option of that name the answer depends only on the element and
        # on the cs:citation/cs:bibliography above the context (issue 14: 15 per name).
        if (sort_options is not None and name in sort_options) or self.__dict__.get(
            "_tpc_xpath"
        ) is None:
            return base.get_option(self, name, context, sort_options)
        kept = self.__dict__.get("_tpc_name_options")
        if kept is None:
            kept = self.__dict__["_tpc_name_options"] = {}
        key = (name, context)
        try:
            return kept[key]
        except KeyError:
            pass
        value = kept[key] = base.get_option(self, name, context, None)
        return value

    return type("Name", (base,), {"process": process, "get_option": get_option})


def name_part_element(base: Any) -> type:
    """Our ``cs:name-part`` class: a name part the name lacks is left alone.

    citeproc-py formats the given name even when there is none (a mononym, or an East Asian
    name printed whole), so a style with ``<name-part name="given" text-case="uppercase"/>``
    crashed with "'NoneType' object has no attribute 'upper'"; and it cases a part with
    methods only its String has, then joins the formatted parts with ``str.join``, so
    ``text-case="capitalize-first"`` or a formatted part in an inverted name crashed too.
    """

    def format_part(self: Any, given: Any, family: Any) -> Any:
        part = given if self.get("name") == "given" else family
        if not part:  # None, or "" (an initialized given name of no capitals)
            return given, family
        # citeproc-py cases the part with String methods (capitalize_first) and then joins
        # the result with str.join: give it a String, hand back a str (marks are characters)
        if self.get("name") == "given":
            formatted, family = base.format_part(self, String(str(given)), family)
            return str(formatted), family
        given, formatted = base.format_part(self, given, String(str(family)))
        return given, str(formatted)

    return type("Name_Part", (base,), {"format_part": format_part})
