"""The registry of citeproc-py 0.11.1's faults and where each is repaired.

One entry per fault (issue 4 numbered them), naming the symptom and the functions or classes
that repair it, as dotted names inside :mod:`transpacific_cite._render`. A newcomer holding a
fault's number finds its repair in one step (``fix_for(6).repairs``); the package docstring's
fault table is :func:`fault_table`'s output, and a test keeps the two equal and checks that
every name resolves. Entries without a number are our own repairs of faults issue 4 did not
number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fix:
    """One fault and where its repair lives.

    Attributes:
        fault: its number in issue 4's list (None: a fault found later).
        symptom: what citeproc-py did wrong, in a few words.
        repairs: dotted names of the functions and classes that repair it.
    """

    fault: int | None
    symptom: str
    repairs: tuple[str, ...]


FIXES: tuple[Fix, ...] = (
    Fix(1, "first cite's locator in the bibliography", ("sorting.register",)),
    Fix(2, '``initialize="false"`` ignored', ("repairs._fix_initialize_false",)),
    Fix(3, "punctuation-in-quote ignored", ("output.tidy", "formatter.Formatter.preformat")),
    Fix(4, "label printed for an empty variable", ("repairs._fix_labels_of_empty_variables",)),
    Fix(
        5,
        '``disambiguate="true"`` always true',
        ("repairs._fix_disambiguate_condition", "disambiguation.disambiguate"),
    ),
    Fix(
        6,
        "no disambiguation, collapsing, substitute",
        (
            "disambiguation.disambiguate",
            "repairs._add_names_forms",
            "repairs._add_givenname_forms",
            "repairs._add_implicit_year_suffix",
            "repairs._mark_names",
            "citations._join",
            "bibliography._substitute_authors",
        ),
    ),
    Fix(7, "cites reordered without ``cs:sort``", ("citations._citation_items",)),
    Fix(8, "code-point sorting, ``sort-only``", ("sorting.sort_items", "sorting.collation_key")),
    Fix(9, '``text-case="title"`` on labels', ("repairs._fix_label_title_case",)),
    Fix(
        10, "no smart apostrophes / nested quotes", ("output.clean_field", "output.resolve_quotes")
    ),
    Fix(11, "HTML not escaped", ("formatter.Formatter", "output.to_format")),
    Fix(12, "CSL 1.0.2 variables warned, dropped, crashing", ("items.build_source",)),
    Fix(
        13,
        "ids lowercased, unknown keys, invalid styles",
        ("state.RunState.internal", "styles.validate_style"),
    ),
    Fix(None, "East Asian names printed as Latin ones", ("names.EastAsianName",)),
)


def fix_for(fault: int) -> Fix:
    """The registry entry of a numbered fault.

    Raises:
        KeyError: no fault has that number.
    """
    for fix in FIXES:
        if fix.fault == fault:
            return fix
    raise KeyError(f"no citeproc-py fault numbered {fault}")


def fault_table() -> str:
    """The registry as the reStructuredText table the package docstring shows."""
    width = max(len(fix.symptom) for fix in FIXES)
    where_width = max(len(name) for fix in FIXES for name in fix.repairs)
    rule = f"==  {'=' * width}  {'=' * where_width}"
    lines = [rule]
    for fix in FIXES:
        number = f"{fix.fault:>2}" if fix.fault is not None else "--"
        for index, name in enumerate(fix.repairs):
            first = index == 0
            lead = f"{number}  {fix.symptom:<{width}}" if first else " " * (4 + width)
            lines.append(f"{lead}  {name}".rstrip())
    lines.append(rule)
    return "\n".join(lines)
