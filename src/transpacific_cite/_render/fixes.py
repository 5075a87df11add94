"""The registry of citeproc-py 0.11.1's faults and where each is repaired.

One entry per fault (issue 4 numbered them), naming the symptom and the one place that
repairs it, as a dotted name inside :mod:`transpacific_cite._render`: a module of
:mod:`.faults` named for the fault (``faults/f06_...`` is fault 6) where the repair has
several parts, else the one function that is the repair. A newcomer holding a fault's
number finds its repair in one step (``fix_for(6).repair``); the package docstring's fault
table is :func:`fault_table`'s output, and a test keeps the two equal and checks that every
name resolves, that each fault has one place and that each fault module is registered. Entries without a number are our own repairs of faults issue 4 did not
number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fix:
    """One fault and the one place its repair lives.

    Attributes:
        fault: its number in issue 4's list (None: a fault found later).
        symptom: what citeproc-py did wrong, in a few words.
        repair: the dotted name, inside :mod:`transpacific_cite._render`, of the one place
            that repairs it: a module of :mod:`.faults` named ``fNN_...`` for the fault where
            the repair has several parts, else the one function that is the repair.
    """

    fault: int | None
    symptom: str
    repair: str


FIXES: tuple[Fix, ...] = (
    Fix(1, "first cite's locator in the bibliography", "sorting.register"),
    Fix(2, '``initialize="false"`` ignored', "repairs._fix_initialize_false"),
    Fix(3, "punctuation-in-quote ignored", "faults.f03_punctuation_in_quote"),
    Fix(4, "label printed for an empty variable", "repairs._fix_labels_of_empty_variables"),
    Fix(5, '``disambiguate="true"`` always true', "faults.f05_disambiguate_condition"),
    Fix(
        6,
        "no disambiguation, collapsing, substitute",
        "faults.f06_disambiguation_collapsing_substitute",
    ),
    Fix(7, "cites reordered without ``cs:sort``", "citations._citation_items"),
    Fix(8, "code-point sorting, ``sort-only``", "faults.f08_collation_and_sort_only"),
    Fix(9, '``text-case="title"`` on labels', "repairs._fix_label_title_case"),
    Fix(10, "no smart apostrophes / nested quotes", "faults.f10_smart_and_nested_quotes"),
    Fix(11, "HTML not escaped", "faults.f11_html_escaping"),
    Fix(12, "CSL 1.0.2 variables warned, dropped, crashing", "items.build_source"),
    Fix(
        13,
        "ids lowercased, unknown keys, invalid styles",
        "faults.f13_ids_keys_and_invalid_styles",
    ),
    Fix(None, "East Asian names printed as Latin ones", "names"),
    Fix(None, "hyphenated words not title-cased", "repairs._mark_title_case"),
    Fix(None, "equal locators unequal (ibid. kept its locator)", "items._Locator"),
    Fix(None, "hyphenated given names initialized as J.-. Y.", "items._GivenName"),
    Fix(None, "absent or formatted name parts crashing", "names.name_part_element"),
    Fix(None, "date-part overrides kept for later dates", "dates.date_part_element"),
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
    where_width = max(len(fix.repair) for fix in FIXES)
    rule = f"==  {'=' * width}  {'=' * where_width}"
    lines = [rule]
    for fix in FIXES:
        number = f"{fix.fault:>2}" if fix.fault is not None else "--"
        lines.append(f"{number}  {fix.symptom:<{width}}  {fix.repair}".rstrip())
    lines.append(rule)
    return "\n".join(lines)
