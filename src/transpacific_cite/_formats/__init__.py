"""The bibliographic formats, one module each, both directions (read and write).

Every module here is the only importer of its format's library, and imports nothing of ours
but :mod:`~transpacific_cite._model`, :mod:`~transpacific_cite._errors` and the two value types
of :mod:`~transpacific_cite._zotero.recognise` (``SeriesFacts``, ``Enriched``)::

    module        format                                  library     write          read / enrich
    csl           CSL JSON, Zotero's and Better CSL JSON  json        our interviews Zotero libraries
    zotero_json   Better BibTeX JSON (config/items/...)   json        -              Zotero libraries
    ris           RIS (Zotero's tags, CRLF, BOM)          rispy       our interviews Zotero libraries
    bibtex        BibTeX and BibLaTeX .bib                pybtex      our interviews Zotero libraries
    zotero_rdf    Zotero RDF                              lxml        our interviews Zotero libraries

The lingua franca between a format and the rest of the package is a *CSL item*: a dict shaped
as Zotero's own CSL JSON export writes it (``id``, ``type``, ``title``, ``author`` /
``interviewer`` lists of ``{"family", "given"}`` or ``{"literal"}``, ``container-title``,
``URL``, ``issued`` date-parts, ``abstract``, ``note``, ``citation-key`` when known). Each
reading module offers:

- ``read_items(text, *, source)``: one CSL item per item of the file, in file order; a file
  that cannot be read raises one :class:`~transpacific_cite._errors.FormatError` naming
  ``source`` and the place (line, record or element).
- ``enrich(text, *, source, recognise)``: the same file with each series item (those for
  which ``recognise`` returns :class:`~transpacific_cite._zotero.recognise.SeriesFacts`)
  rewritten as an interview of the series, and every other item kept as it was (byte for byte
  where the format allows); an :class:`~transpacific_cite._zotero.recognise.Enriched` holding
  the new text and one report line per series item.
"""
