"""The repairs of citeproc-py 0.11.1's faults that need more than one function, one module each.

A fault's module is named for its number and the fault (``f06_...`` is fault 6) and holds
every part of that fault's repair: the edit of the style tree made once per load, the step
a phase runs, the finishing of the output. The phases and :func:`.repairs.repair_tree` call
into these modules; the registry (:mod:`transpacific_cite._render.fixes`) points at exactly
one place per fault, here or (for a repair that is one function) where that function lives.
"""
