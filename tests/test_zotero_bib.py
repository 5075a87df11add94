""".bib libraries (Zotero, Better BibTeX and ours, BibTeX and BibLaTeX dialects): reading them
as CSL items, enriching series entries, keeping every other entry byte for byte."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database.input.bibtex import Parser as PybtexParser

from transpacific_cite import ParseError, Person
from transpacific_cite._formats import bibtex
from transpacific_cite._formats.bibtex import enrich_text, latex_to_text, read_items
from transpacific_cite._zotero.recognise import SeriesFacts

from .conftest import FIXTURES, shared_file

KUO = Person("Kuo", "Mercy A.")
URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
URL_401 = "https://thediplomat.com/2023/03/japans-space-strategy-and-the-alliance/"
URL_402 = "https://thediplomat.com/2023/04/koreas-semiconductor-supply-chains/"
URL_350 = "https://thediplomat.com/2022/12/japans-defense-budget/"
INTRO_401 = (
    "This conversation with Dr. Aiko Tanaka, senior fellow at the Pacific Forum, is the 401st "
    "in “The Trans-Pacific View Insight Series.”"
)
# Hand-made facts for the series entries of the fixture libraries (by URL).
FACTS = {
    URL_401: SeriesFacts(
        (Person("Tanaka", "Aiko"),), KUO, "Japan's Space Strategy and the Alliance", 401,
        "2023-03-14", URL_401, evidence="intro sentence in note",
    ),
    URL_402: SeriesFacts(
        (Person("Lee", "Min-jun"),), KUO, "Korea's Semiconductor Supply Chains", 402,
        "2023-04-02", URL_402, evidence="intro sentence in abstract",
    ),
    URL_319: SeriesFacts(
        (Person("Hornung", "Jeffrey"),), KUO, "Ukraine War: The Impact on Japan-Russia Relations",
        None, "2022-05-16", URL_319, evidence="Insights from", undetermined=("number",),
    ),
    URL_350: SeriesFacts(
        (Person("Hornung", "Jeffrey"),), KUO, "Japan's Defense Budget", 350, "2022-12-20",
        URL_350, evidence="series fields",
    ),
}  # fmt: skip


def by_url(item: dict[str, Any]) -> SeriesFacts | None:
    return FACTS.get(item.get("URL") or "")


def fields_of(text: str) -> dict[str, tuple[str, dict[str, str], dict[str, list[str]]]]:
    """key -> (type, fields, persons) as pybtex reads a .bib text (an independent parser)."""
    data = PybtexParser().parse_string(text)
    return {
        key: (
            entry.type,
            {k.lower(): v for k, v in entry.fields.items()},
            {role: [str(p) for p in people] for role, people in entry.persons.items()},
        )
        for key, entry in data.entries.items()
    }


def raw_entry(text: str, key: str) -> str:
    """The exact text of one entry, from its "@" to its closing brace on a line of its own."""
    match = re.search(r"(?ms)^@\w+\{" + re.escape(key) + r",.*?^\}", text)
    assert match, key
    return match.group(0)


# -- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_reads_zoteros_own_319_interview(dialect: str) -> None:
    """Zotero's BibTeX puts the interviewer in ``collaborator``; its BibLaTeX puts her in
    ``author`` and the interviewee in ``editora`` typed ``collaborator``: one CSL item."""
    path = shared_file("zotero", "diplomat-319", f"interview.{dialect}.bib")
    (item,) = read_items(path.read_text(encoding="utf-8"), source=str(path))
    assert item["id"] == item["citation-key"] == "hornung_ukraine_2022"
    assert item["type"] == "interview"
    assert item["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    assert item["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert item["title"] == "Ukraine War: The Impact on Japan-Russia Relations"
    assert item["URL"] == URL_319


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_reads_zoteros_own_319_blogpost(dialect: str) -> None:
    path = shared_file("zotero", "diplomat-319", f"blogpost.{dialect}.bib")
    (item,) = read_items(path.read_text(encoding="utf-8"), source=str(path))
    assert item["author"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert item["container-title"] == "The Diplomat"
    assert item["abstract"] == "Insights from Jeffrey Hornung."
    assert item["issued"] == {"date-parts": [[2022, 5, 16] if dialect == "biblatex" else [2022, 5]]}


def test_reads_the_library_with_names_dates_and_literals() -> None:
    text = (FIXTURES / "zotero" / "library.bibtex.bib").read_text(encoding="utf-8")
    items = read_items(text, source="library.bibtex.bib")
    assert [i["id"] for i in items] == [
        "kuo_japans_2023", "kuo_koreas_2023", "kuo_ukraine_2022", "hornung_japans_2022",
        "sato_nihon_2019", "kuo_taiwans_2023", "pandita_india_2023",
    ]  # fmt: skip
    assert items[0]["note"] == INTRO_401
    assert items[0]["issued"] == {"date-parts": [[2023, 3]]}
    book = items[4]
    assert book["author"] == [
        {"family": "Satō", "given": "Ryōko"},
        {"family": "Müller", "given": "Jörg"},
        {"literal": "Ōtsuka Institute"},
    ]
    assert book["DOI"] == "10.1234/tdsk.2019.0042"
    assert book["title"] == "Nihon gaikō no kiseki"
    # our own BibTeX shape reads back as the interview it is
    ours = items[3]
    assert ours["type"] == "interview"
    assert ours["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert ours["collection-number"] == 350


# -- enrichment ------------------------------------------------------------------------------

BIBLATEX_NEW = {
    "kuoJapanSpaceStrategy2023": (
        "@article{kuoJapanSpaceStrategy2023,\n"
        "  author = {Tanaka, Aiko},\n"
        "  title = {Japan's {Space} {Strategy} and the {Alliance}},\n"
        "  titleaddon = {interview by {Mercy A. Kuo}},\n"
        "  journaltitle = {The Diplomat},\n"
        "  entrysubtype = {magazine},\n"
        "  date = {2023-03-14},\n"
        f"  note = {{The Trans-Pacific View Insight Series, no.~401. {INTRO_401}}},\n"
        "  url = {https://thediplomat.com/2023/03/japans-space-strategy-and-the-alliance/},\n"
        "  urldate = {2023-03-20},\n"
        "  langid = {english},\n"
        "  keywords = {Japan,space}\n"
        "}"
    ),
    "kuoKoreaSemiconductorSupply2023": (
        "@article{kuoKoreaSemiconductorSupply2023,\n"
        "  author = {Lee, Min-jun},\n"
        "  title = {Korea's {Semiconductor} {Supply} {Chains}},\n"
        "  titleaddon = {interview by {Mercy A. Kuo}},\n"
        "  journaltitle = {The Diplomat},\n"
        "  entrysubtype = {magazine},\n"
        "  date = {2023-04-02},\n"
        "  note = {The Trans-Pacific View Insight Series, no.~402},\n"
        "  url = {https://thediplomat.com/2023/04/koreas-semiconductor-supply-chains/},\n"
        "  abstract = {Diplomat author Mercy Kuo regularly engages subject matter experts. This "
        "conversation with Prof. Min-jun Lee, director of the Center for Technology Policy at "
        "Yonsei University, is the 402nd in “The Trans-Pacific View Insight Series.”},\n"
        "  langid = {english},\n"
        "  file = {/home/user/Zotero/storage/AB12CD34/Kuo - 2023 - Korea's Semiconductor Supply "
        "Chains.pdf}\n"
        "}"
    ),
    "kuoUkraineWarImpact2022": (
        "@article{kuoUkraineWarImpact2022,\n"
        "  author = {Hornung, Jeffrey},\n"
        "  title = {Ukraine {War:} {The} {Impact} on {Japan-Russia} {Relations}},\n"
        "  titleaddon = {interview by {Mercy A. Kuo}},\n"
        "  journaltitle = {The Diplomat},\n"
        "  entrysubtype = {magazine},\n"
        "  date = {2022-05-16},\n"
        "  note = {The Trans-Pacific View Insight Series},\n"
        f"  url = {{{URL_319}}},\n"
        "  abstract = {Insights from Jeffrey Hornung.},\n"
        "  langid = {american}\n"
        "}"
    ),
}
BIBTEX_NEW = {
    "kuo_japans_2023": (
        "@misc{kuo_japans_2023,\n"
        "\tauthor = {Tanaka, Aiko},\n"
        "\ttitle = {{Japan's Space Strategy and the Alliance}},\n"
        "\thowpublished = {The Diplomat},\n"
        "\tmonth = mar,\n"
        "\tyear = {2023},\n"
        f"\tnote = {{Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no.~401. "
        f"{INTRO_401}}},\n"
        "\turl = {https://thediplomat.com/2023/03/japans-space-strategy-and-the-alliance/},\n"
        "\tlanguage = {en-US},\n"
        "\tkeywords = {Japan, space}\n"
        "}"
    ),
    "kuo_ukraine_2022": (
        "@misc{kuo_ukraine_2022,\n"
        "\tauthor = {Hornung, Jeffrey},\n"
        "\ttitle = {{Ukraine War: The Impact on Japan-Russia Relations}},\n"
        "\thowpublished = {The Diplomat},\n"
        "\tmonth = may,\n"
        "\tyear = {2022},\n"
        "\tnote = {Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series},\n"
        f"\turl = {{{URL_319}}},\n"
        "\tabstract = {Insights from Jeffrey Hornung.},\n"
        "\tlanguage = {en-US}\n"
        "}"
    ),
}


@pytest.mark.parametrize(
    ("name", "new", "untouched"),
    [
        pytest.param(
            "library.biblatex.bib", BIBLATEX_NEW,
            ["hornungJapanDefenseBudget2022", "satoNihonGaiko2019", "kuoTaiwanChipsOther2023",
             "panditaIndiaPacific2023"],
            id="biblatex",
        ),
        pytest.param(
            "library.bibtex.bib", BIBTEX_NEW,
            ["hornung_japans_2022", "sato_nihon_2019", "kuo_taiwans_2023", "pandita_india_2023"],
            id="bibtex",
        ),
    ],
)  # fmt: skip
def test_library_enriched(name: str, new: dict[str, str], untouched: list[str]) -> None:
    text = (FIXTURES / "zotero" / name).read_text(encoding="utf-8")
    out, found = enrich_text(text, source=name, recognise=by_url)
    for key, entry in new.items():
        assert raw_entry(out, key) == entry
    for key in untouched:
        assert raw_entry(out, key) == raw_entry(text, key)
    # the text between entries (comments, quality reports) is kept: removing the series
    # entries from both leaves the same text
    keys = "|".join(re.escape(item["id"]) for item, _, _ in found)
    series = re.compile(r"(?ms)^@\w+\{(" + keys + r"),.*?^\}")
    assert series.sub("", out) == series.sub("", text)
    # an independent parser reads the result: same keys, same order, the new authors
    before, after = fields_of(text), fields_of(out)
    assert list(after) == list(before)
    for key in untouched:
        assert after[key] == before[key]
    for key in new:
        person = FACTS[after[key][1]["url"]].interviewees[0]
        assert after[key][2] == {"author": [f"{person.family}, {person.given}"]}


@pytest.mark.parametrize("name", ["library.biblatex.bib", "library.bibtex.bib"])
def test_enrich_twice_is_enrich_once(name: str) -> None:
    text = (FIXTURES / "zotero" / name).read_text(encoding="utf-8")
    once, _ = enrich_text(text, source=name, recognise=by_url)
    twice, found = enrich_text(once, source=name, recognise=by_url)
    assert twice == once
    assert all(changed == [] for _, _, changed in found)


def test_reports_what_changed() -> None:
    text = (FIXTURES / "zotero" / "library.biblatex.bib").read_text(encoding="utf-8")
    _, found = enrich_text(text, source="x", recognise=by_url)
    changed = {item["id"]: fields for item, _, fields in found}
    assert changed["kuoUkraineWarImpact2022"] == [
        "type", "title", "author", "titleaddon", "journaltitle", "entrysubtype", "note",
    ]  # fmt: skip
    assert changed["hornungJapanDefenseBudget2022"] == []


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
@pytest.mark.parametrize("kind", ["blogpost", "interview"])
def test_zoteros_319_becomes_our_interview(dialect: str, kind: str) -> None:
    """Kuo is never the author of the enriched entry, whatever Zotero's dialect made her."""
    path = shared_file("zotero", "diplomat-319", f"{kind}.{dialect}.bib")
    text = path.read_text(encoding="utf-8")
    out, _ = enrich_text(text, source=str(path), recognise=by_url)
    ((key, (entry_type, fields, persons)),) = fields_of(out).items()
    assert key == ("kuo_ukraine_2022" if kind == "blogpost" else "hornung_ukraine_2022")
    assert persons == {"author": ["Hornung, Jeffrey"]}
    assert fields["url"] == URL_319
    assert "collaborator" not in fields and "editora" not in fields
    if dialect == "biblatex":
        assert entry_type == "article"
        assert fields["titleaddon"] == "interview by {Mercy A. Kuo}"
        assert fields["journaltitle"] == "The Diplomat"
    else:
        assert entry_type == "misc"
        assert fields["note"].startswith("Interview by Mercy A. Kuo. ")
        assert fields["howpublished"] == "The Diplomat"


def test_crlf_library_keeps_its_line_endings() -> None:
    text = (FIXTURES / "zotero" / "library.bibtex.bib").read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")
    out, found = enrich_text(crlf, source="x", recognise=by_url)
    assert len(found) == 4
    assert raw_entry(out.replace("\r\n", "\n"), "sato_nihon_2019") == raw_entry(
        text, "sato_nihon_2019"
    )
    assert "\r\n@book{sato_nihon_2019,\r\n" in out


# -- broken files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "@misc{a,\n title = {x}\n}\n\n@misc{b,\n title = {unclosed,\n year = 2020\n}\n\n"
            "@misc{c, title = {ok}}\n",
            r"^lib\.bib: line 5: a broken \.bib entry: ",
            id="unclosed-brace",
        ),
        pytest.param(
            "@misc{a, title = {x}}\n@misc{a, title = {y}}\n",
            r"^lib\.bib: line 2: a broken \.bib entry: the key 'a' is used by an earlier entry",
            id="duplicate-key",
        ),
        pytest.param(
            "@misc{a,\n title = {x},\n title = {y}\n}\n",
            r"^lib\.bib: line 1: a broken \.bib entry: a field is given twice \(title\)",
            id="duplicate-field",
        ),
    ],
)
def test_a_broken_entry_is_one_error_naming_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        read_items(text, source="lib.bib")
    with pytest.raises(ParseError, match=message):
        enrich_text(text, source="lib.bib", recognise=by_url)


@given(st.text(alphabet="ab {}-'`~%$&?!,<>\\\n\t.:;é\"_^#", max_size=10))
def test_plain_text_skips_the_decoder_with_the_same_result(value: str) -> None:
    """latex_to_text's fast path (no macro, tie, dash, quote ligature, comment, math or run of
    white space) gives what latexcodec's decoder gives."""
    fast = latex_to_text(value)
    everything = re.compile(r"[\s\S]|^$")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bibtex, "_NEEDS_DECODING", everything)
        assert latex_to_text(value) == fast


# Pieces of .bib values around the accent escapes latex_to_text decodes without latexcodec:
# each accent shape Zotero, Better BibTeX and we write, near misses it must leave to latexcodec
# (a dotless i, \\d, a word macro, a doubled backslash), and the text around them.
_ACCENT_PIECES = st.sampled_from([
    r"\={o}", r"\={O}", r'\"{u}', r"\'{e}", r"\`{a}", r"\^{i}", r"\~{n}", r"\.{z}",
    r"\u{g}", r"\v{s}", r"\H{o}", r"\c{c}", r"\k{a}", r"{\=o}", r'{\"U}', r"{\~n}",
    r"{\v s}", r"{\c C}", r"\v{\i}", r"\'{\i}", r"\d{a}", r"\r{a}", r"\t{oo}", r"\=o",
    r"\v s", r"\o", r"\ss{}", r"\\", "\\", "~", "~~", "-", "--", "'", "`", "%", "$",
    "{", "}", " ", "  ", "\n", "a", "B", "é", ".", ",", r"\&", r"\textquoteright{}",
])  # fmt: skip


@settings(max_examples=400)
@given(st.lists(_ACCENT_PIECES, max_size=8).map("".join))
def test_common_escapes_decode_as_latexcodec(value: str) -> None:
    """The accent escapes and ties decoded without latexcodec read as latexcodec reads them, in
    any context (and anything else still goes to latexcodec)."""
    fast = latex_to_text(value)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bibtex, "_decode_common", lambda hidden: None)
        assert latex_to_text(value) == fast


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        pytest.param(r"T\={o}ky\={o} Daigaku", "Tōkyō Daigaku", id="zotero"),
        pytest.param(r"{\={O}tsuka Institute}", "Ōtsuka Institute", id="braced-name"),
        pytest.param(r"Sat{\=o} M\"{u}ller {\v s}", "Satō Müller š", id="ours"),
        pytest.param("no.~350", "no.\u00a0350", id="tie"),
    ],
)
def test_common_escapes_skip_latexcodec(latex: str, text: str) -> None:
    """The shapes Zotero and we write most are decoded without latexcodec's per-token decoder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bibtex, "_codec_decode", None)  # a call would raise TypeError
        patch.setattr(bibtex, "_common_escape", _TABLE.get)
        assert latex_to_text(latex) == text


# latexcodec's own reading of each escape the table above uses, looked up once.
_TABLE = {
    token: bibtex._common_escape(token)
    for token in (r"\={o}", r"\={O}", r"\"{u}", r"{\=o}", r"{\v s}", "~")
}


@settings(max_examples=300)
@given(
    st.text(alphabet="ab -'`~%$&?!,<>\\{}_^#.é\u0301ōšĲ中\u2019\u201c", max_size=12),
    st.sampled_from(["biblatex", "bibtex"]),
    st.booleans(),
)
def test_text_that_needs_no_escape_is_written_as_it_is(
    value: str, dialect: bibtex.Dialect, special: bool
) -> None:
    """The encoder's shortcut for text with no special, no ligature pair (and in classic BibTeX
    nothing but ASCII) writes what the character-by-character encoder writes, warnings too."""
    fast = bibtex._Encoder(dialect, "key")
    written = fast.text(value, what="title", special=special)
    slow = bibtex._Encoder(dialect, "key")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bibtex, "_ENCODING_NEEDED", re.compile(r"[\s\S]|^$"))
        assert slow.text(value, what="title", special=special) == written
    assert slow.warnings == fast.warnings


def _bib_libraries() -> list[Any]:
    """Every .bib library at hand: our fixtures, Zotero's own 319 exports, the real exports."""
    paths = sorted((FIXTURES / "zotero").glob("*.bib"))
    for folder in ("diplomat-319", "real-exports"):
        paths += sorted(shared_file("zotero", folder).glob("*.bib"))
    return [pytest.param(path, id=path.name) for path in paths]


@pytest.mark.parametrize("path", _bib_libraries())
def test_the_probe_of_each_entry_is_what_the_full_reading_gives(path: Any) -> None:
    """entry_probe builds the variables might_be_series reads exactly as entry_to_csl does, so
    skipping the entries it rules out cannot change what is recognised."""
    text = path.read_text(encoding="utf-8")
    blocks = bibtex._library(text, source=path.name)
    assert blocks
    for block in blocks:
        fields = {name.lower(): value for name, value in block.fields}
        full = bibtex.entry_to_csl(block.type, block.key, fields)
        wanted = {k: full[k] for k in bibtex.PROBE_VARIABLES if k in full}
        assert bibtex.entry_probe(block.type, fields) == wanted, block.key


def test_entries_not_on_the_diplomat_are_skipped_and_kept() -> None:
    """With might_be_series as the candidate test, recognise sees only the entries on The
    Diplomat, and the output is the same as when it sees them all."""
    from transpacific_cite._zotero.recognise import might_be_series, recognise

    text = (FIXTURES / "zotero" / "library.bibtex.bib").read_text(encoding="utf-8")
    seen: list[str] = []

    def recognising(item: dict[str, Any]) -> Any:
        seen.append(item["id"])
        return recognise(item)

    fast = enrich_text(text, source="lib.bib", recognise=recognising, candidate=might_be_series)
    assert "sato_nihon_2019" not in seen and "kuo_taiwans_2023" not in seen
    assert "pandita_india_2023" in seen  # on The Diplomat, by another author: recognise says no
    assert fast == enrich_text(text, source="lib.bib", recognise=recognise)


def test_a_lone_trailing_backslash_is_kept_not_a_traceback() -> None:
    # latexcodec raises UnicodeDecodeError on it; Zotero writes Windows paths into fields
    assert latex_to_text("C:\\Zotero\\") == "C:\\Zotero\\"


# -- CSL items written as .bib (zotero enrich --to bibtex|biblatex) -------------------------


def test_write_items_writes_series_interviews_in_our_shape_and_other_items_plainly() -> None:
    items = [
        {
            "id": "http://zotero.org/users/1/items/AB12CD34",
            "citation-key": "hornung2022tpv319",
            "type": "interview",
            "title": "Ukraine War: The Impact on Japan-Russia Relations",
            "author": [{"family": "Hornung", "given": "Jeffrey"}],
            "interviewer": [{"family": "Kuo", "given": "Mercy A."}],
            "container-title": "The Diplomat",
            "collection-title": "The Trans-Pacific View Insight Series",
            "collection-number": 319,
            "issued": {"date-parts": [[2022, 5, 16]]},
            "URL": URL_319,
        },
        {
            "id": "http://zotero.org/users/1/items/ZZ99YY88",
            "type": "book",
            "title": "Nihon gaikō no kiseki",
            "author": [{"family": "Satō", "given": "Ryōko"}, {"literal": "Ōtsuka Institute"}],
            "issued": {"date-parts": [[2019]]},
            "DOI": "10.1234/tdsk.2019.0042",
            "keyword": "diplomacy, Japan",
        },
    ]
    assert bibtex.write_items(items, dialect="biblatex") == (
        "@article{hornung2022tpv319,\n"
        "  author = {Hornung, Jeffrey},\n"
        "  title = {Ukraine {War:} {The} {Impact} on {Japan-Russia} {Relations}},\n"
        "  titleaddon = {interview by {Mercy A. Kuo}},\n"
        "  journaltitle = {The Diplomat},\n"
        "  entrysubtype = {magazine},\n"
        "  date = {2022-05-16},\n"
        "  note = {The Trans-Pacific View Insight Series, no.~319},\n"
        f"  url = {{{URL_319}}}\n"
        "}\n"
        "\n"
        "@book{item-2,\n"
        "  author = {Satō, Ryōko and Ōtsuka{ }Institute},\n"
        "  title = {Nihon gaikō no kiseki},\n"
        "  date = {2019},\n"
        "  keywords = {diplomacy, Japan},\n"
        "  doi = {10.1234/tdsk.2019.0042}\n"
        "}\n"
    )
    # and they read back: the interview as the same series interview
    back = read_items(bibtex.write_items(items, dialect="bibtex"), source="x")
    assert back[0]["type"] == "interview"
    assert back[0]["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    assert back[0]["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert back[0]["collection-number"] == 319
    assert back[1]["author"] == [
        {"family": "Satō", "given": "Ryōko"},
        {"family": "Ōtsuka Institute"},
    ]
    assert back[1]["DOI"] == "10.1234/tdsk.2019.0042"


def test_a_name_bibtex_cannot_split_is_kept_as_a_literal() -> None:
    (item,) = read_items("@misc{k, author = {Smith, John, Jr, III and Doe, Jane}}", source="x")
    assert item["author"] == [
        {"literal": "Smith, John, Jr, III"},
        {"family": "Doe", "given": "Jane"},
    ]


@pytest.mark.parametrize(
    ("name", "dialect"),
    [("library.biblatex.bib", "biblatex"), ("library.bibtex.bib", "bibtex")],
)
def test_library_dialect(name: str, dialect: str) -> None:
    assert (
        bibtex.library_dialect((FIXTURES / "zotero" / name).read_text(encoding="utf-8")) == dialect
    )


def test_better_bibtex_in_bibtex_mode_is_bibtex() -> None:
    """Better BibTeX writes ``langid`` in BibTeX mode too: not a sign of biblatex."""
    path = shared_file(
        "zotero", "real-exports", "bbtbibtex__AhmedThahir-Zotero_Database-My-Library.bib"
    )
    assert bibtex.library_dialect(path.read_text(encoding="utf-8")) == "bibtex"
