"""Zotero libraries: recognise the series items in an export and enrich them in place.

:mod:`.recognise` tells a series item from any other and says what it should hold; the
formats (:mod:`transpacific_cite._formats`) read and rewrite each file shape around it.
"""
