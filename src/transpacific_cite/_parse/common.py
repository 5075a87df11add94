"""The reading core shared by the text reader and the HTML reader.

Both readers turn their input into a :class:`Page`: the article's paragraphs in reading
order (*blocks*), plus whatever metadata the markup carried (title, date, URL, byline).
:func:`build_interview` then does everything else once, for both: it drops noise (paywall
and ad lines, breadcrumbs, image credits), finds the series intro ("This conversation with
Dr. First Last, <description>, is the 319th in “The Trans-Pacific View Insight Series.”"),
reads the interviewee, the interviewer and the number from it, and splits the rest into
question headings and answer paragraphs.

Vocabulary:

- *block*: one paragraph of the page; ``marked`` says the markup itself made it a heading
  (a ``<p><strong>…</strong></p>`` paragraph, an ``<h3>``, a Markdown ``**…**`` line).
- *intro*: the paragraph holding the series formula; everything before it is page chrome
  (title line, breadcrumbs, byline, date), everything between it and the first question is
  dropped (a disclaimer that the views are the interviewee's own is not an answer).
- *description*: the role/affiliation phrase of the intro, as written.
- *organization*: the institution inside the description (see :func:`organization_of`).

Every heuristic is a module-level constant with a comment naming the real shape it handles.
Problems the core can recover from become warnings in the :class:`ParseResult`; input that is
not a series entry raises :class:`ParseError` naming what is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .._errors import ModelError, ParseError
from .._model import Interview, ParseResult, Person, QASection

# ---------------------------------------------------------------------------------------------
# The intro formula
# ---------------------------------------------------------------------------------------------

# The series' ordinal clause: "... is the 319th in “The Trans-Pacific View Insight Series.”".
# Any ordinal (1st, 2nd, 3rd, 11th, 112th, 486th), curly or straight (or no) quotes, a lost
# hyphen ("Trans Pacific"), any case.
SERIES_ORDINAL = re.compile(
    r"\bis\s+the\s+(?P<number>\d{1,5})\s*(?:st|nd|rd|th)\s+in\s+(?:the\s+)?[\"'“”‘’«»]?\s*"
    r"the\s+trans[\s\-‐–]*pacific\s+view\s+insight\s+series",
    re.IGNORECASE,
)
# The series name alone, to tell "names the series but gives no number" from "not the series".
SERIES_NAME = re.compile(r"trans[\s\-‐–]*pacific\s+view\s+insight\s+series", re.IGNORECASE)
# Kuo's earlier series ("... is the 12th in “The Rebalance Insight Series.”"): a different
# series, so not an entry of ours.
OTHER_SERIES = re.compile(r"rebalance\s+insight\s+series", re.IGNORECASE)
# Where the interviewee starts: "This conversation with Dr. Jeffrey Hornung, ...".
CONVERSATION_WITH = re.compile(r"\bconversation\s+with\s+", re.IGNORECASE)
# The interviewer as the intro names them: "(The) Diplomat author Mercy Kuo regularly engages".
INTRO_INTERVIEWER = re.compile(
    r"\bDiplomat\s+author\s+(?P<name>[^\s,.][^,]{0,60}?)\s+regularly\b", re.IGNORECASE
)
# Honorifics as the intros write them, kept verbatim ("Dr.", "Prof.", "Ambassador",
# "Lt. Gen.", "Prof. Dr."); longest first so "Lieutenant General" beats "General".
HONORIFICS = (
    "The Honorable", "Lieutenant General", "Major General", "Rear Admiral", "Vice Admiral",
    "Ambassador", "Professor", "Admiral", "General", "Colonel", "Captain", "Commander",
    "Senator", "Governor", "Minister", "Secretary", "Justice", "Judge", "Father", "Rabbi",
    "Sister", "Dame", "Lord", "Lady", "Sir",
    "Lt. Gen.", "Maj. Gen.", "Rear Adm.", "Vice Adm.", "Brig. Gen.",
    "Dr.", "Dr", "Prof.", "Prof", "Amb.", "Adm.", "Gen.", "Col.", "Capt.", "Cmdr.", "Maj.",
    "Lt.", "Mr.", "Ms.", "Mrs.", "Hon.", "Rep.", "Sen.", "Gov.", "Rev.",
)  # fmt: skip
_HONORIFIC_ALTERNATIVES = "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
# A retired officer's rank keeps its mark, as written: "Gen. (ret.) Vincent Brooks" has the
# honorific "Gen. (ret.)", not the given name "(ret.) Vincent".
RETIRED = r"(?:\((?:[Rr]et\.?|[Rr]etd\.?|[Rr]etired)\)\s+)?"
HONORIFIC = re.compile(
    r"(?:former\s+)?(?P<honorific>(?:(?:" + _HONORIFIC_ALTERNATIVES + r")\s+){1,2}" + RETIRED + ")"
)
# A second interviewee in one intro: "... with Dr. A B, professor at X, and Dr. C D, fellow
# at Y, is the 200th ...". Split at "and" before an honorific and a name, or at ", and"
# before a capitalised name; either way the name must be followed by its own comma or dash,
# so "Center for Strategic and International Studies" is never split.
_NAME_AHEAD = (
    r"[A-Z][\w.’'-]*(?:\s+(?:(?:van|von|der|den|de|da|di|du|la|le|del|dos|das|bin|binti|al|el)"
    r"\s+)*[A-Z][\w.’'-]*){%s}\s*(?:,|\s[–—]\s)"
)
NEXT_INTERVIEWEE = re.compile(
    r",?\s+and\s+(?=(?:" + _HONORIFIC_ALTERNATIVES + r")\s+" + _NAME_AHEAD % "0,3" + ")"
    r"|,\s+and\s+(?=" + _NAME_AHEAD % "1,3" + ")"
)
# Where the name ends and the description starts (and where the description ends before
# "is the Nth"): a comma, a spaced en/em dash or hyphen, an em dash closed up as US style
# sets it ("Roe—professor at ..."; names never hold one, while an unspaced en dash or hyphen
# may join a double family name), a typed double hyphen ("Roe -- professor"), or a lost
# dash: two spaces, or a combining long stroke U+0336 left where a copy dropped the dash
# ("Hornung ̶ senior ...").
NAME_END = re.compile(r"\s*,\s*|\s*—\s*|\s+–\s*|\s*–\s+|\s+-\s+|\s*--\s*|\s*\u0336+\s*|\s{2,}")
# NO_SEPARATOR: "This conversation with Ana Lima Financial Times Tokyo correspondent is the
# 350th ..." has no comma or dash at all; :func:`leading_name` takes the name's words and
# leaves the rest as the description (reported as a guessed dash).
# The separators of NAME_END that mean a dash was lost and had to be guessed.
LOST_DASH = re.compile(r"\u0336|^\s{2,}$")
# What may close the description just before "is the Nth in ...".
DESCRIPTION_END = re.compile(r"(?:\s*,|\s*--|\s+[–—-]|\s*[–—]|\s*\u0336+|\s{2,})?\s*$")
# DESCRIPTION_END only holds whitespace and these marks, so it is searched from where the
# text's trailing run of them starts (a search from the start tries every position).
DESCRIPTION_END_MARKS = ",-–—\u0336"
# Lowercase particles that belong to the family name: "Ulrich van der Heyden".
NAME_PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "dos", "das",
        "bin", "binti", "al", "el",
    }
)  # fmt: skip
# Credentials written after a name ("Jeffrey Hornung, Ph.D., senior ..."): not part of the
# description, dropped. Generational suffixes ("John Smith Jr.") stay with the family name.
CREDENTIALS = re.compile(
    r"^(?:Ph\.?\s?D\.?|M\.?D\.?|J\.?D\.?|D\.?Phil\.?|Esq\.?)(?=$|[\s,])\s*,?\s*"
)
GENERATION = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV)(?=$|[\s,])\s*,?\s*")
# A name is a few words; more means the description was not separated from it.
MAX_NAME_WORDS = 6
# One romanised Chinese syllable as Singaporean, Malaysian and Hong Kong names write them
# ("Ho", "Tze", "Ern", "Wei", "Ming", "Tan", "Koh", "Yeo", "Ng"): an optional initial
# consonant (or cluster), one to three vowels, an optional final. English given names
# ("Benjamin", "Jane", "Mercy", "Ana") do not fit. Matched case-insensitively on whole words.
CHINESE_SYLLABLE = re.compile(
    r"(?:(?:ch|sh|zh|ts|tz|hs|kw|gw|[bcdfghjklmnpqrstvwxyz])h?)?[aeiouy]{1,3}"
    r"(?:ng|rn|ck|n|m|r|h|k|p|t)?|ng",
    re.IGNORECASE,
)
# An initial inside a name: "Ana M. Lima", "Jane Q. Doe".
INITIAL = re.compile(r"[A-Z]\.")
# ENGLISH_THEN_CHINESE: "Benjamin Ho Tze Ern" (Singapore and Malaysia): an English given name,
# the family name, then the Chinese given names. Told by shape: three or more words, the
# first not a CHINESE_SYLLABLE, all the others CHINESE_SYLLABLE words. Decision: family "Ho",
# given "Benjamin Tze Ern" (as library catalogues file such names: "Ho, Benjamin Tze Ern");
# never the last syllable as family name. A Chinese name written given-first ("Wei Ming Tan",
# all syllables) keeps the default: the last word is the family name.

# ---------------------------------------------------------------------------------------------
# Organization inside a description
# ---------------------------------------------------------------------------------------------

# Book titles quoted in a description ('author of “Japan Rearmed”') are not institutions.
QUOTED_TITLE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Parenthetical asides are dropped before looking for the institution: a publisher and year
# after a book title "(Harvard University Press 2024)" is not an affiliation, and an
# abbreviation "(CSIS)", "(NDU)" is not part of the institution's name. Decision: the
# organization is the institution's name without its abbreviation ("Center for Strategic and
# International Studies"); the description keeps the abbreviation as written.
PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
# A description's works, not affiliations: from "author of", "co-author with Jane Q. Doe of",
# "editor of", "co-editor of" to the end of the clause is a book or report and its co-authors
# ("... at Example State University and co-author with Jane Q. Doe of Tides of Power"), cut
# before looking for the institution.
WORK_CLAUSE = re.compile(
    r"\s*(?:,\s*)?(?:\band\s+)?\b(?:co-?)?(?:author|editor|translator)s?\b.*$", re.IGNORECASE
)
# Clauses of a description: "professor at Keio University, author of ...; adviser to ...".
CLAUSE_SPLIT = re.compile(r"\s*[,;]\s*|\s+[–—-]\s+")
# The prepositions that introduce the institution of a role: "fellow at X", "fellow with X".
# The last one in a clause wins: "director of the Asia Program at the German Marshall Fund".
AFFILIATION_AT = re.compile(r"\b(?:at|with)\s+", re.IGNORECASE)
# A weaker sign, used only when no clause has "at"/"with": "president of the Pacific Forum".
AFFILIATION_OF = re.compile(r"\bof\s+", re.IGNORECASE)
# OFFICE_OF: after a capitalised title, "of" names an office, not an institution ("former
# U.S. Director of National Intelligence", "Minister of Defense"), unless what follows has
# an INSTITUTION_WORDS word ("President of the Pacific Forum").
# Abbreviations whose final period does not end the institution's name: "U.S. Forces Korea",
# "the U.S. Naval War College", an initial "J.".
ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$")
# Lowercase words allowed inside an institution's name: "Council on Foreign Relations",
# "Center for Strategic and International Studies", "University of Tokyo".
NAME_CONNECTORS = frozenset({"of", "for", "and", "on", "in", "the", "&", "de", "du", "des", "y"})
# Words naming a unit inside an institution rather than the institution ("the Asia Program",
# "Harvard University's Belfer Center"); a candidate that is only such a unit is skipped.
UNIT_WORDS = frozenset(
    {
        "Program", "Programme", "Programs", "Initiative", "Project", "Division", "Department",
        "Office", "Desk", "Chair", "Center", "Centre", "School", "Lab", "Laboratory",
    }
)  # fmt: skip
# UNIT_FIRST: a clause whose institution is only a unit ("Korea lead at the Strategy
# Division") gives way to a later clause naming an institution ("senior fellow at the Hudson
# Institute"); with none, the unit is kept ("fellow at the Belfer Center").
# A unit named "of" its institution: "Asia Program of the German Marshall Fund",
# "Center for Asia Pacific Policy of the RAND Corporation". Split only when the remainder
# names an institution (INSTITUTION_WORDS), so "Massachusetts Institute of Technology" stays.
UNIT_OF = re.compile(r"^(?P<unit>.*?\b(?:" + "|".join(sorted(UNIT_WORDS)) + r")\b.*?)\s+of\s+")
INSTITUTION_WORDS = re.compile(
    r"\b(?:University|College|Corporation|Foundation|Fund|Council|Institution|Institute|"
    r"Endowment|Academy|Society|Association|Forum|Trust|Agency|Ministry|Bank|Company)\b"
)
# A possessive before a unit: "Harvard University’s Belfer Center" -> "Harvard University".
POSSESSIVE = re.compile(r"^(?P<owner>.+?)[’']s\s+(?P<rest>.+)$")

# ---------------------------------------------------------------------------------------------
# Page chrome and noise
# ---------------------------------------------------------------------------------------------

# The title line of a copied page: "The impact on ... – The Diplomat" / "... | The Diplomat".
TITLE_SUFFIX = re.compile(r"\s*(?:[–—|-]|&#8211;)\s*The\s+Diplomat\s*$", re.IGNORECASE)
# A title is one short line (the longest series titles are under 150 characters).
MAX_TITLE_CHARS = 200
# Paywall and subscription prompts, in the variants copies carry: "Like this article? Click
# here to subscribe for full access. Just $5 a month.", "Like this article ? Click here to
# register ...", "Enjoying this article?", "Subscribe now", "Already a subscriber? Log in".
PAYWALL = re.compile(
    r"^(?:like|enjoying|enjoyed|enjoy)\s+this\s+article\s*\?|click\s+here\s+to\s+"
    r"(?:subscribe|register|sign\s+up)|for\s+full\s+access|\$\s?\d+(?:\.\d\d)?\s+(?:a|per)\s+"
    r"month|^subscribe\s+(?:now|today)\b|^already\s+a\s+subscriber|^(?:this|the\s+rest\s+of\s+"
    r"this)\s+article\s+is\s+(?:available\s+)?(?:only\s+)?(?:for|to)\s+subscribers",
    re.IGNORECASE,
)
# PAYWALL_WORDS: every PAYWALL alternative holds "article", "click", "access", "$" or
# "subscri" (any case); a line without them skips PAYWALL's search, which tries all its
# alternatives at every position (see :func:`has_paywall_word`).
# Paywall prompts and furniture are short lines; a longer paragraph is an answer even when it
# mentions "$5 a month", so PAYWALL and FURNITURE only judge paragraphs up to this length.
MAX_NOISE_CHARS = 300
# A paywall prompt that a copy glued onto an answer paragraph ("... last sentence. Like this
# article? Click here to subscribe for full access. Just $5 a month."): cut out of the answer.
PAYWALL_INLINE = re.compile(
    r"\s*(?:(?:like|enjoying|enjoyed|enjoy)\s+this\s+article\s*\?\s*)?click\s+here\s+to\s+"
    r"(?:subscribe|register|sign\s+up)[^.]{0,80}\.(?:\s*just\s+\$\s?\d+(?:\.\d\d)?\s+(?:a|per)\s+"
    r"month\.?)?",
    re.IGNORECASE,
)
# Lines that are page furniture wherever they stand: "Advertisement", "Recent Features",
# "Related", "Sponsored", "Share", "Image credit: ..." / "Credit: Depositphotos".
# Aggregators and clippers add "logo", "Menu", "Home", "Skip to content", "Continue Reading…".
FURNITURE = re.compile(
    r"^(?:advertisement|sponsored(?:\s+content)?|ad|recent\s+features|related(?:\s+articles)?|"
    r"latest|share(?:\s+this)?|print|email|comments?|logo|menu|search|home|"
    r"skip\s+to\s+(?:main\s+)?content|continue\s+reading\s*(?:…|\.\.\.|»|›|→)?)\s*:?$|"
    r"^(?:image\s+|photo\s+)?credits?\s*:\s*",
    re.IGNORECASE,
)
# WordPress shortcodes that autoblog copies leave in the text: "[ad_1]", "[ad_2]", "[/caption]".
SHORTCODE = re.compile(r"^\[/?[a-z][a-z0-9_-]*\]$", re.IGNORECASE)
# A site name or address on a line of its own: "The Diplomat", "thediplomat.com",
# "manage.thediplomat.com", "https://thediplomat.com./2022/05/...".
SITE_NAME = re.compile(
    r"^(?:the\s+diplomat|(?:https?://)?(?:[\w-]+\.)+(?:com|org|net|info|news|asia|co|io)\.?"
    r"(?:/\S*)?)$",
    re.IGNORECASE,
)
# An image caption that ends with its credit: "Ministers meet in Tokyo, May 2024. Credit:
# Depositphotos", "... (AP Photo/Jane Doe)". "Credit" is capitalised (an answer's "credit:"
# mid-sentence is not a caption); judged only on lines up to MAX_NOISE_CHARS.
CAPTION = re.compile(
    r"(?:^|\s)(?:Image\s+|Photo\s+|IMAGE\s+|PHOTO\s+)?(?:Credit|CREDIT)s?\s*:\s*\S[^.]{0,80}\.?$"
    r"|\((?:[A-Z]{2,}\s+)?Photo\b[^()]{0,80}\)\.?$|^!\[[^\]]*\]\([^)]*\)$"
)
# FURNITURE, SHORTCODE and SITE_NAME in one pattern: a line is tested once, not three times.
_LINE_NOISE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (FURNITURE, SHORTCODE, SITE_NAME)), re.IGNORECASE
)
# Aggregator lines above the article: "Submitted by newsdesk on Mon, 05/16/2022 - 09:14",
# "Posted on ...", "Published by ...".
SUBMITTED_BY = re.compile(r"^(?:submitted|posted|published|written)\s+(?:by|on)\b", re.IGNORECASE)
# Section labels and tag lines of aggregators and tag pages: "More from Interviews", "Recent
# in Asia", "Tag: Japan-Russia relations", "Filed under: ...".
SECTION_LABEL = re.compile(
    r"^(?:more|recent|latest|also)\s+(?:from|in|on)\s+[\w &’'-]{1,40}$|"
    r"^(?:tags?|topics?|filed\s+under|categor(?:y|ies))\s*:",
    re.IGNORECASE,
)
# Breadcrumbs and section labels above the title: "Interviews | Diplomacy | East Asia",
# "Features › Politics", or a lone label "Interviews".
BREADCRUMB = re.compile(
    r"^[A-Z][\w&.\- ]{0,30}(?:\s*[|›»>/]\s*[A-Z][\w&.\- ]{0,30}){1,6}$|^(?:interviews?|diplomacy|"
    r"security|politics|economy|society|environment|features?|blogs?|magazine|"
    r"(?:east|south|southeast|central)\s+asia|oceania|asia\s+defense)$",
    re.IGNORECASE,
)
# The dek under the title: "Insights from Jeffrey Hornung." (also "Insights from Dr. ...").
DEK = re.compile(r"^insights\s+from\s+[^.]{2,80}\.?$", re.IGNORECASE)
# Month names as bylines and date lines write them: "May 16, 2022", "Sept. 5, 2019".
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
# A date as the page shows it: "May 16, 2022", "16 May 2022", "2022-05-16".
DATE_TEXT = re.compile(
    _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
    r"\s+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
# A line that is only a date (optionally with a weekday or time): the publication date.
DATE_LINE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<date>" + DATE_TEXT.pattern + r")"
    r"(?:\s*(?:,|at)?\s*\d{1,2}:\d{2}\s*(?:am|pm)?)?\s*$",
    re.IGNORECASE,
)
# A byline: "By Mercy A. Kuo", optionally followed by a date "By Mercy A. Kuo | May 16, 2022".
BYLINE = re.compile(
    r"^by\s+(?P<name>[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,4})\s*"
    r"(?:[|·•,–—-]?\s*(?P<date>" + DATE_TEXT.pattern + r"))?\s*$",
    re.IGNORECASE,
)
# READ_MORE and TITLE_SUFFIX sit at the end of a line: only this many last characters are
# searched, so long answer paragraphs cost nothing.
TAIL_CHARS = 48
# Truncation of a copied page: "… Read more", "... Read More »", "[Read more]",
# "Continue Reading…". Above the intro, a line ending so is a teaser (TEASER), not the title.
READ_MORE = re.compile(
    r"(?:\s*(?:…|\.\.\.))?\s*\[?\s*(?:read\s+(?:the\s+)?(?:more|full\s+article)|continue\s+"
    r"reading)\s*(?:»|›|→|…|\.\.\.)?\s*\]?$",
    re.IGNORECASE,
)
# TEASER: above the intro, a line ending with READ_MORE is a teaser of this or another entry
# (aggregators and tag pages put them before the article), and a headline-shaped line right
# before it is that teaser's headline: neither is the title.
# HEADLINE: the title is a headline-shaped line above the intro, once noise is dropped: one
# line of MIN_TITLE_WORDS words or more, starting with a capital, a digit or a quotation
# mark, one sentence, not ending with "." (a caption or a teaser does) unless the last word
# is an abbreviation ("U.S."). With none, the title is None and a warning says so.
MIN_TITLE_WORDS = 2
HEADLINE_START = re.compile(r"[\"'“‘]?[A-Z0-9]")
HEADLINE_END_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]\.)+$")

# ---------------------------------------------------------------------------------------------
# Question headings
# ---------------------------------------------------------------------------------------------

# The verbs Kuo's questions start with: "Identify ...", "Examine ...", "Assess ...". Verbs
# that also open ordinary answer sentences ("Consider the case of ...", "Take ...") are left
# out on purpose: a two-sentence answer starting with one would become a false heading.
QUESTION_VERBS = frozenset(
    {
        "identify", "examine", "explain", "analyze", "analyse", "assess", "describe",
        "discuss", "evaluate", "compare", "contrast", "outline", "elaborate", "define",
        "predict", "forecast", "characterize", "characterise", "summarize", "summarise",
        "illustrate", "share", "provide", "offer", "detail", "weigh", "gauge", "unpack",
        "explore", "highlight", "clarify", "interpret", "decode", "decipher", "specify",
        "pinpoint", "reflect", "anticipate", "elucidate", "appraise", "envision", "address",
        "explicate", "delineate", "diagnose", "determine", "contextualize", "contextualise",
        "illuminate", "parse", "prognosticate", "distinguish", "deconstruct", "critique",
    }
)  # fmt: skip
# Adverbs that may lead a question's verb: "Briefly assess ...", "Now, explain ...",
# "Finally, identify ...".
HEADING_ADVERBS = frozenset(
    {
        "briefly", "now", "also", "next", "finally", "lastly", "further", "then", "please",
        "concisely", "succinctly", "specifically", "first", "second", "third", "additionally",
        "moreover", "overall",
    }
)  # fmt: skip
# The first characters a credit line may start with (a cheap test before CREDIT_GLUED).
CREDIT_FIRST = frozenset("CcIiPp*_")
# ... and, with "#", those a line with a credit or Markdown heading marks may start with.
MARKED_FIRST = CREDIT_FIRST | {"#"}
# Question words that open a heading ending in "?" (used where a credit line is glued on).
QUESTION_WORDS = (
    "What", "How", "Why", "Where", "When", "Which", "Who", "Whom", "Whose", "Is", "Are",
    "Does", "Do", "Did", "Can", "Could", "Will", "Would", "Should", "Has", "Have", "In what",
    "To what",
)  # fmt: skip
# A credit line that a copy glued onto the next question heading: "Credit: Flickr/Invented
# Ministry Finally, identify the risks ...". Split before the heading's first word (a
# capitalised HEADING_ADVERBS or QUESTION_VERBS word, or a question word, after any Markdown
# bold marks).
CREDIT_GLUED = re.compile(
    r"^(?P<credit>(?i:(?:image\s+|photo\s+)?credits?\s*:)\s*\S.*?)\s+(?P<heading>[*_]*(?:(?:"
    + "|".join(w.capitalize() for w in sorted(HEADING_ADVERBS))
    + r"),?\s+(?:"
    + "|".join(sorted(QUESTION_VERBS))
    + r")|"
    + "|".join(v.capitalize() for v in sorted(QUESTION_VERBS))
    + r"|"
    + "|".join(QUESTION_WORDS)
    + r")\b.*)$"
)
# Leading marks a heading may carry before its verb: quotes, "Q:", "Q3.", a dash, bold stars.
HEADING_LEAD = re.compile(r"^[\s\"'“”‘’*_#>–—-]*(?:Q\d*\s*[:.)]\s*)?[\"'“‘]?")
# First word of a heading, for the verb test.
FIRST_WORD = re.compile(r"[A-Za-z]+")
# A question is one line of at most this many characters (the longest seen are ~350).
MAX_HEADING_CHARS = 400
# ... and at most this many sentences ("Explain X. What follows for Y?").
MAX_HEADING_SENTENCES = 3
# Sentence ends, to count sentences in a heading candidate.
SENTENCE_END = re.compile(r"[.?!][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z])")
# FLATTENED: a copy whose intro paragraph runs on past "... Insight Series." (a tag or
# hashtag page, a copy that lost its line breaks) holds questions and answers in one run of
# text. It is cut into sentences (after ".", "?" or "!", closing quotes or Markdown marks,
# then a space and a capital or digit) and a question-shaped sentence begins a section.
# An initial or a title's abbreviation ends no sentence: "U.S. Asia policy", "Dr. Tanabe".
FLAT_SENTENCE_END = re.compile(
    r"(?<=[.?!])(?<![\s.][A-Z]\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bvs\.)"
    r"(?<!\bNo\.)(?<!\bMrs\.)(?<!\bProf\.)(?P<close>[\"'”’)*_]*)\s+(?=[\"'“‘(*_]*[A-Z0-9])"
)
# In a flattened copy, paywall prompts and furniture are short sentences ("Like this
# article?", "Just $5 a month.", "Advertisement"): longer ones are not tested for noise.
FLAT_NOISE_CHARS = 120
# What closes the series clause before a flattened copy's first question: "Series.”", "Series".
INTRO_CLOSE = re.compile(r"(?:[\"'”’»]\s*)?[.!]?(?:\s*[\"'”’»])?")
# SPLIT_INTRO: a copy that broke the intro sentence with a blank line ("... professor at
# Keio University," / "is the 471st in ...") has its ordinal in a paragraph without "This
# conversation with"; up to this many paragraphs before it are joined back to the intro.
MAX_INTRO_JOINS = 2
# MISSING_QUESTION: an answer paragraph between the intro and the first recognised question
# (the copy lost the first question, or it has an unrecognised shape) is skipped with a
# warning; an answer is told from a caption or a disclaimer by having two sentences or more
# than MAX_HEADING_CHARS characters. A disclaimer is never counted.
DISCLAIMER = re.compile(
    r"\bviews?\s+(?:expressed\s+)?(?:are|is)\b.{0,40}\bown\b|"
    r"\bdo(?:es)?\s+not\s+(?:necessarily\s+)?(?:reflect|represent)\b",
    re.IGNORECASE,
)
# A Markdown bold line: "**Identify the three main impacts ...**  ".
MARKDOWN_BOLD = re.compile(r"^\s*(?:\*\*|__)(?P<text>.+?)(?:\*\*|__)\s*$")
# A Markdown heading line: "### Identify ...".
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*$")


# The warnings for facts a copy lacks (a fact given by the caller makes them obsolete).
NO_TITLE = "no title found"
NO_DATE = "no publication date found"
NO_INTERVIEWER = "no interviewer named in the intro or a byline"


@dataclass(slots=True)
class Block:
    """One paragraph in reading order; ``marked`` when the markup made it a heading."""

    text: str
    marked: bool = False


@dataclass(slots=True)
class Page:
    """What a reader found: the paragraphs, plus metadata only markup can give."""

    blocks: list[Block]
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    byline: str | None = None
    warnings: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """Collapse whitespace (NBSP included) and strip; other characters are kept as written."""
    return " ".join(text.split())


def strip_site_suffix(title: str) -> str:
    """A page title without its " – The Diplomat" / " | The Diplomat" suffix."""
    return clean(TITLE_SUFFIX.sub("", title))


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` ("May 16, 2022", "16 May 2022", "2022-05-16")."""
    match = DATE_TEXT.search(text)
    if match is None:
        return None
    try:
        if match["iso"]:
            return dt.date.fromisoformat(match["iso"])
        if match["month"]:
            month, day, year = match["month"], match["day"], match["year"]
        else:
            month, day, year = match["month2"], match["day2"], match["year2"]
        return dt.date(int(year), _MONTHS[month[:3].lower()], int(day))
    except (ValueError, KeyError):
        return None


def person_from_name(name: str, **extra: str | None) -> Person:
    """A person from a written name: the last word (with particles) is the family name.

    Raises:
        ParseError: the name is empty or too long to be a name.
    """
    words = clean(name).strip(" ,;:").split()
    if words and words[-1].endswith(".") and len(words[-1]) > 3:
        words[-1] = words[-1].rstrip(".")  # a sentence's full stop, not an initial ("Jr.")
    if not words or len(words) > MAX_NAME_WORDS or not any(w[:1].isupper() for w in words):
        raise ParseError(f"cannot read a person's name from {clean(name)[:80]!r}")
    if _english_then_chinese(words):
        return _person(words[1], " ".join([words[0], *words[2:]]), extra)
    start = len(words) - 1
    if start > 1 and GENERATION.fullmatch(words[-1]):  # "John Smith Jr.": family "Smith Jr."
        start -= 1
    while start > 1 and words[start - 1].lower() in NAME_PARTICLES:
        start -= 1
    return _person(" ".join(words[start:]), " ".join(words[:start]) or None, extra)


def _person(family: str, given: str | None, extra: dict[str, str | None]) -> Person:
    try:
        return Person(family=family, given=given, **extra)
    except ModelError as error:  # pragma: no cover - clean() leaves nothing the model rejects
        raise ParseError(str(error)) from None


def _syllable(word: str) -> bool:
    return word[:1].isupper() and CHINESE_SYLLABLE.fullmatch(word) is not None


def _english_then_chinese(words: list[str]) -> bool:
    """Whether a name has the ENGLISH_THEN_CHINESE shape ("Benjamin Ho Tze Ern")."""
    return (
        len(words) >= 3
        and words[0][:1].isupper()
        and not _syllable(words[0])
        and all(_syllable(w) for w in words[1:])
    )


def leading_name(text: str) -> tuple[str, str]:
    """Split "Ana M. Lima Financial Times Tokyo correspondent" (no separator at all) into the
    leading run that is a person's name and the rest (NO_SEPARATOR).

    The name is a given name, any initials, any particles, then the family name; a family
    name that is a CHINESE_SYLLABLE takes the syllables after it ("Benjamin Ho Tze Ern",
    "Wei Ming Tan"), and a generational suffix stays. A text of capitalised words only is a
    name alone ("Aiko Tanabe", "Mary Ann Smith"), with nothing after it.
    """
    words = text.split()
    if all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words):
        return text.strip(), ""
    at = 1
    if _syllable(words[0]) and len(words) > 1 and _syllable(words[1]):  # "Wei Ming Tan ..."
        while at < len(words) and _syllable(words[at]):
            at += 1
        return " ".join(words[:at]), " ".join(words[at:])
    while at < len(words) and INITIAL.fullmatch(words[at]):
        at += 1
    while at < len(words) and words[at].lower() in NAME_PARTICLES:
        at += 1
    if at < len(words) and words[at][:1].isupper():
        at += 1
        if _syllable(words[at - 1]):
            while at < len(words) and _syllable(words[at]):
                at += 1
    if at < len(words) and GENERATION.match(words[at]):
        at += 1
    return " ".join(words[:at]), " ".join(words[at:])


# ---------------------------------------------------------------------------------------------
# Organization
# ---------------------------------------------------------------------------------------------


def _proper_run(text: str) -> str | None:
    """The institution-like name at the start of ``text``: capitalised words and connectors."""
    words: list[str] = []
    for raw in text.split():
        if ABBREVIATION.match(raw):  # "U.S. Forces Korea": that period ends no name
            words.append(raw)
            continue
        word = raw.rstrip(",.;:")
        if not words and word == "the":  # a capital "The" is the name's: "The Asia Group"
            continue
        if word[:1].isupper() or word[:1].isdigit() or word in NAME_CONNECTORS:
            words.append(word)
            if word != raw:  # punctuation closed the name
                break
        else:
            break
    while words and words[-1] in NAME_CONNECTORS:
        words.pop()
    if not words or not any(w[:1].isupper() for w in words):
        return None
    return " ".join(words)


def _is_unit(name: str) -> bool:
    """Whether a candidate names a unit inside an institution ("Asia Program")."""
    return name.split()[-1] in UNIT_WORDS


def _institution(name: str) -> str:
    """Reduce a candidate to its institution: drop a unit named before it."""
    possessive = POSSESSIVE.match(name)
    if possessive and any(w in UNIT_WORDS for w in possessive["rest"].split()):
        return possessive["owner"]
    unit = UNIT_OF.match(name)
    if unit:
        rest = name[unit.end() :]
        rest = rest[4:] if rest.lower().startswith("the ") else rest
        if INSTITUTION_WORDS.search(rest):
            return rest
    return name


def organization_of(description: str | None) -> str | None:
    """The institution a description names, or None.

    "senior political scientist at RAND Corporation" -> "RAND Corporation";
    "director of the Asia Program at the German Marshall Fund" -> "German Marshall Fund";
    "senior fellow at the Center for Strategic and International Studies (CSIS)" ->
    "Center for Strategic and International Studies"; "independent analyst" -> None.
    """
    if not description:
        return None
    text = description
    if "“" in text or '"' in text:
        text = QUOTED_TITLE.sub(" ", text)
    if "(" in text:
        text = PARENTHETICAL.sub(" ", text)
    clauses = CLAUSE_SPLIT.split(text)
    lower = text.lower()
    if "author" in lower or "editor" in lower or "translator" in lower:  # WORK_CLAUSE's words
        clauses = [WORK_CLAUSE.sub("", c) for c in clauses]
    clauses = [c for c in clauses if c]
    unit: str | None = None  # UNIT_FIRST: "lead at the Strategy Division, fellow at Hudson"
    for clause in clauses:
        found = [_proper_run(clause[m.end() :]) for m in AFFILIATION_AT.finditer(clause)]
        names = [n for n in found if n]
        if names:
            institution = _institution(names[-1])
            if not _is_unit(institution):
                return institution
            unit = unit or institution
    if unit is not None:
        return unit
    for index, clause in enumerate(clauses):
        for match in AFFILIATION_OF.finditer(clause):
            name = _proper_run(clause[match.end() :])
            if not name or _is_unit(name):
                continue
            before = clause[: match.start()].split()
            if before and before[-1][:1].isupper() and not INSTITUTION_WORDS.search(name):
                continue  # an office (OFFICE_OF): "Director of National Intelligence"
            return _institution(name)
        if index:  # a bare institution after a comma: "director, German Marshall Fund"
            name = _proper_run(clause)
            if name and name == clean(clause).rstrip(".") and not _is_unit(name):
                return _institution(name)
    return None


# ---------------------------------------------------------------------------------------------
# The intro
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Intro:
    """What the intro paragraph says."""

    number: int
    interviewees: tuple[Person, ...]
    interviewer: Person | None
    dash_guessed: bool


def _trailing_marks_start(text: str) -> int:
    """Where the run of whitespace and DESCRIPTION_END_MARKS that ends ``text`` starts."""
    while True:
        stripped = text.rstrip().rstrip(DESCRIPTION_END_MARKS)
        if len(stripped) == len(text):
            return len(text)
        text = stripped


def read_interviewee(who: str) -> tuple[Person, bool]:
    """One interviewee from "[honorific] First Last<sep><description>"; and whether a dash
    had to be guessed.

    Raises:
        ParseError: no readable name.
    """
    honorific = None
    found = HONORIFIC.match(who)
    if found:
        honorific = clean(found["honorific"])
        who = who[found.end() :]
    guessed = False
    end = DESCRIPTION_END.search(who, _trailing_marks_start(who))
    if end is not None and end.group():
        guessed = bool(LOST_DASH.search(end.group()))
        who = who[: end.start()]
    split = NAME_END.search(who)
    if split is None:  # NO_SEPARATOR
        name, rest = leading_name(who)
        description = rest or None
        guessed = guessed or description is not None
    else:
        name, description = who[: split.start()], who[split.end() :]
        guessed = guessed or bool(LOST_DASH.search(split.group()))
    if description is not None:
        generation = GENERATION.match(description)
        if generation:
            name = f"{name.rstrip(' ,')} {generation.group().strip(' ,')}"
            description = description[generation.end() :]
        description = CREDENTIALS.sub("", description, count=1)
        description = clean(description.replace("\u0336", " ")).strip(" ,–—-") or None
    person = person_from_name(
        name,
        honorific=honorific,
        description=description,
        organization=organization_of(description),
    )
    return person, guessed


def read_intro(text: str, match: re.Match[str]) -> Intro:
    """Read number, interviewees and interviewer from the intro paragraph.

    Raises:
        ParseError: no "conversation with" before the ordinal, or no name there.
    """
    number = int(match["number"])
    if number < 1:
        raise ParseError("the series number in the intro must be 1 or more")
    starts = [m.end() for m in CONVERSATION_WITH.finditer(text, 0, match.start())]
    if not starts:
        raise ParseError(
            "no interviewee in the intro (expected “This conversation with First Last, …”)"
        )
    people = [
        read_interviewee(who) for who in NEXT_INTERVIEWEE.split(text[starts[-1] : match.start()])
    ]
    interviewer = None
    asked = INTRO_INTERVIEWER.search(text, 0, match.start())
    if asked is not None:
        try:
            interviewer = person_from_name(asked["name"])
        except ParseError:
            interviewer = None
    return Intro(
        number, tuple(p for p, _ in people), interviewer, any(guessed for _, guessed in people)
    )


def _missing_intro(texts: Iterable[str]) -> ParseError:
    """Say what is missing when no paragraph holds the series formula."""
    names_series = other_series = False
    for text in texts:
        names_series = names_series or SERIES_NAME.search(text) is not None
        other_series = other_series or OTHER_SERIES.search(text) is not None
    if names_series:
        return ParseError(
            "no series number in the intro (expected “… is the Nth in "
            "“The Trans-Pacific View Insight Series.””)"
        )
    if other_series:
        return ParseError(
            "an entry of “The Rebalance Insight Series”, not of The Trans-Pacific View Insight "
            "Series: no series number in a Trans-Pacific View intro"
        )
    return ParseError(
        "not an entry of The Trans-Pacific View Insight Series: no series intro "
        "(“This conversation with … is the Nth in “The Trans-Pacific View Insight Series.””)"
    )


# ---------------------------------------------------------------------------------------------
# Headings and noise
# ---------------------------------------------------------------------------------------------


def has_paywall_word(text: str) -> bool:
    """Whether a line holds one of the PAYWALL_WORDS (a cheap test before PAYWALL)."""
    lower = text.lower()
    return (
        "article" in lower or "click" in lower or "access" in lower or "$" in lower
        or "subscri" in lower
    )  # fmt: skip


def is_noise(text: str) -> bool:
    """Paywall, ad and furniture lines that are never content, wherever they stand."""
    if len(text) > MAX_NOISE_CHARS:
        return False
    if _LINE_NOISE.match(text):
        return True
    if has_paywall_word(text) and PAYWALL.search(text):
        return True
    # CAPTION's search costs as much as PAYWALL's: only where one of its marks is there.
    if "redit" in text or "REDIT" in text or "Photo" in text or "![" in text:
        return CAPTION.search(text) is not None
    return False


def looks_like_headline(text: str) -> bool:
    """Whether a line above the intro has the HEADLINE shape (a title, not a caption)."""
    if len(text) > MAX_TITLE_CHARS or len(text.split()) < MIN_TITLE_WORDS:
        return False
    if not HEADLINE_START.match(text) or SENTENCE_END.search(text):
        return False
    end = text.rstrip(" \"'”’")
    return not end.endswith((".", ":", ",", ";")) or bool(HEADLINE_END_ABBREVIATION.search(end))


def split_glued_credit(text: str) -> list[str]:
    """A credit line and the question heading a copy glued onto it (CREDIT_GLUED), apart."""
    if text[:1] not in CREDIT_FIRST or not text[:12].lower().lstrip("*_ ").startswith(
        ("credit", "image", "photo")
    ):
        return [text]
    glued = CREDIT_GLUED.match(text)
    if glued is None:
        return [text]
    return [glued["credit"], glued["heading"]]


def strip_inline_paywall(text: str) -> str:
    """An answer paragraph without a paywall prompt glued onto it."""
    if "lick here" not in text and "LICK HERE" not in text:
        return text
    return PAYWALL_INLINE.sub("", text).strip()


def read_more(text: str) -> re.Match[str] | None:
    """The "… Read more" that ends a truncated copy, if this paragraph ends with one."""
    tail = text[-TAIL_CHARS:].lower()
    if "read" not in tail:
        return None
    return READ_MORE.search(text, max(0, len(text) - TAIL_CHARS))


def has_title_suffix(text: str) -> bool:
    """Whether a line ends with " – The Diplomat" (only its tail is searched)."""
    return TITLE_SUFFIX.search(text, max(0, len(text) - TAIL_CHARS)) is not None


def looks_like_question(text: str) -> bool:
    """Whether an unmarked paragraph reads as one of Kuo's question headings."""
    if len(text) > MAX_HEADING_CHARS:
        return False
    if len(SENTENCE_END.findall(text)) >= MAX_HEADING_SENTENCES:
        return False
    if text.rstrip(" \"'”’*_").endswith("?"):
        return True
    lead = HEADING_LEAD.match(text)
    word = FIRST_WORD.match(text, lead.end() if lead else 0)
    if word is None:
        return False
    first = word.group().lower()
    if first in HEADING_ADVERBS:  # "Briefly assess ...", "Now, explain ..."
        rest = text[word.end() :]
        word = FIRST_WORD.match(text, len(text) - len(rest.lstrip(" ,")))
        first = word.group().lower() if word is not None else ""
    return first in QUESTION_VERBS


def unmark(text: str) -> tuple[str, bool]:
    """A paragraph without its Markdown heading marks, and whether it had any."""
    if text[:1] not in ("*", "_", "#"):
        return text, False
    for pattern in (MARKDOWN_BOLD, MARKDOWN_HEADING):
        match = pattern.match(text)
        if match:
            return match["text"].strip(), True
    return text, False


# ---------------------------------------------------------------------------------------------
# The core
# ---------------------------------------------------------------------------------------------


def _find_intro(texts: list[str]) -> tuple[int, re.Match[str]]:
    """Index and ordinal match of the intro paragraph; listing pages with several fail."""
    found: list[tuple[int, re.Match[str]]] = []
    for index, text in enumerate(texts):
        if "eries" not in text and "ERIES" not in text:
            continue
        match = SERIES_ORDINAL.search(text)
        if match is not None:
            found.append((index, match))
    if not found:
        raise _missing_intro(texts)
    numbers = {int(m["number"]) for _, m in found}
    if len(numbers) > 1:
        listed = ", ".join(str(n) for n in sorted(numbers))
        raise ParseError(
            f"several series intros ({listed}): a listing page, not one entry of the series"
        )
    return found[0]


def _join_split_intro(
    texts: list[str], marked: list[bool], at: int, ordinal: re.Match[str]
) -> tuple[int, re.Match[str]]:
    """SPLIT_INTRO: join the paragraphs before an ordinal that lacks "conversation with"."""
    for _ in range(MAX_INTRO_JOINS):
        if at == 0 or CONVERSATION_WITH.search(texts[at], 0, ordinal.start()) is not None:
            break
        offset = len(texts[at - 1]) + 1
        texts[at - 1 : at + 1] = [f"{texts[at - 1]} {texts[at]}"]
        marked[at - 1 : at + 1] = [False]
        at -= 1
        found = SERIES_ORDINAL.search(texts[at], offset)
        assert found is not None  # the ordinal is still in the joined text
        ordinal = found
    return at, ordinal


def flattened_runs(text: str) -> list[tuple[str, bool]]:
    """FLATTENED: a run-on text as (text, is_heading) runs, cut at question-shaped sentences.

    Consecutive question sentences make one heading ("Explain X. What follows?"), consecutive
    answer sentences one paragraph; noise and captions in the run are dropped.
    """
    runs: list[tuple[list[str], bool]] = []
    start = 0
    sentences: list[str] = []
    for end in FLAT_SENTENCE_END.finditer(text):
        sentences.append(text[start : end.start() + len(end["close"])])
        start = end.end()
    sentences.append(text[start:])
    for sentence in sentences:
        sentence = sentence.strip()
        pieces = split_glued_credit(sentence) if sentence[:1] in CREDIT_FIRST else (sentence,)
        for piece in pieces:
            piece, markdown = unmark(piece)
            if not piece or (len(piece) <= FLAT_NOISE_CHARS and is_noise(piece)):
                continue
            heading = markdown or looks_like_question(piece)
            if runs and runs[-1][1] == heading:
                runs[-1][0].append(piece)
            else:
                runs.append(([piece], heading))
    return [(" ".join(pieces), heading) for pieces, heading in runs]


@dataclass(slots=True)
class Chrome:
    """What the page chrome around the story says (markup metadata first, then lines)."""

    title: str | None = None
    published: dt.date | None = None
    byline: str | None = None


def read_chrome(texts: list[str], chrome: Chrome) -> None:
    """Read title, byline and date from the lines above the intro (breadcrumbs, dek, ...)."""
    suffixed_title: str | None = None  # "… – The Diplomat": certainly the title
    loose_title: str | None = None  # the first HEADLINE-shaped line above the intro
    teaser_headline: str | None = None  # a headline not yet known to head a TEASER
    for text in texts:
        if is_noise(text) or SUBMITTED_BY.match(text) or SECTION_LABEL.match(text):
            continue
        if read_more(text) is not None:  # TEASER: drop it, and the headline right before it
            if teaser_headline is not None and loose_title == teaser_headline:
                loose_title = None
            teaser_headline = None
            continue
        teaser_headline = None
        if len(text) <= MAX_TITLE_CHARS and has_title_suffix(text):
            suffixed_title = suffixed_title or strip_site_suffix(text)
            continue
        byline_match = BYLINE.match(text)
        if byline_match:
            chrome.byline = chrome.byline or byline_match["name"]
            chrome.published = chrome.published or parse_date(byline_match["date"] or "")
            continue
        if DATE_LINE.match(text):
            chrome.published = chrome.published or parse_date(text)
            continue
        if BREADCRUMB.match(text) or DEK.match(text):
            continue
        if looks_like_headline(text):
            teaser_headline = clean(text)
            loose_title = loose_title or teaser_headline
    chrome.title = chrome.title or suffixed_title or loose_title


def read_sections(
    texts: list[str], marked: list[bool], chrome: Chrome, warnings: list[str]
) -> list[QASection]:
    """Split the paragraphs after the intro into questions and answers.

    Where the markup marks any heading (bold paragraphs, ``**…**`` lines), the markup is
    trusted alone; otherwise :func:`looks_like_question` decides. Paragraphs before the first
    question are dropped (a disclaimer), after a byline or date there is read into ``chrome``.

    Raises:
        ParseError: no question heading at all.
    """
    sections: list[QASection] = []
    question: str | None = None
    answers: list[str] = []
    marked_only = any(marked)
    truncated = False
    skipped = 0

    def close() -> None:
        if question is not None:
            sections.append(QASection(len(sections) + 1, question, tuple(answers)))

    for text, is_marked in zip(texts, marked, strict=True):
        text = strip_inline_paywall(text)
        if not text or is_noise(text):
            continue
        more = read_more(text)
        if more is not None:
            text = text[: more.start()].rstrip()
            truncated = True
            if text and question is not None:
                answers.append(text)
            break
        heading = is_marked if marked_only else looks_like_question(text)
        if question is None and not heading:
            byline_match = BYLINE.match(text)
            if byline_match:
                chrome.byline = chrome.byline or byline_match["name"]
            elif DATE_LINE.match(text):
                chrome.published = chrome.published or parse_date(text)
            elif (  # MISSING_QUESTION: an answer whose question is lost or unrecognised?
                skipped or len(text) > MAX_HEADING_CHARS or SENTENCE_END.search(text)
            ) and not DISCLAIMER.search(text):
                skipped += 1
            continue  # a disclaimer or chrome between the intro and the first question
        if heading:
            close()
            question, answers = clean(text.rstrip(" *_")), []
        else:
            answers.append(text)
    close()
    if not sections:
        raise ParseError("no question headings after the intro")
    if skipped:
        warnings.append(
            f"skipped {skipped} long paragraph(s) between the intro and the first question "
            "(an unrecognised question heading?)"
        )
    if truncated:
        warnings.append(
            f"answer truncated: the copy stops at “Read more” in section {len(sections)}"
        )
    for section in sections:
        if not section.paragraphs:
            warnings.append(f"section {section.number} has no answer paragraphs")
    return sections


def choose_interviewers(
    intro: Intro, byline: str | None, warnings: list[str]
) -> tuple[Person, ...]:
    """The interviewer: the byline's form of the name ("Mercy A. Kuo") wins over the intro's
    ("Mercy Kuo") when both name the same person; a byline naming someone else is reported."""
    byline_person: Person | None = None
    if byline:
        try:
            byline_person = person_from_name(byline.removeprefix("By ").removeprefix("by "))
        except ParseError:
            byline_person = None
    if byline_person and (
        intro.interviewer is None or intro.interviewer.family == byline_person.family
    ):
        return (byline_person,)
    if intro.interviewer is not None:
        if byline_person is not None:
            warnings.append(
                f"the byline names {byline_person.full_name}, the intro "
                f"{intro.interviewer.full_name}; kept the intro's"
            )
        return (intro.interviewer,)
    warnings.append(NO_INTERVIEWER)
    return ()


def build_interview(page: Page) -> ParseResult:
    """Turn a page's blocks and metadata into an interview plus warnings.

    Raises:
        ParseError: the page is not an entry of the series (naming what is missing).
    """
    warnings = list(page.warnings)
    texts: list[str] = []
    marked: list[bool] = []
    for block in page.blocks:
        text = block.text.replace("\xa0", " ").replace("\ufeff", "").strip()
        if not text:
            continue
        if text[0] not in MARKED_FIRST:  # the common case: no credit or Markdown marks
            texts.append(text)
            marked.append(block.marked)
            continue
        for piece in split_glued_credit(text):
            piece, markdown = unmark(piece)
            if piece:
                texts.append(piece)
                marked.append(block.marked or markdown)
    if not texts:
        raise ParseError("empty input: no text to read")
    intro_at, ordinal = _join_split_intro(texts, marked, *_find_intro(texts))
    tail = texts[intro_at][ordinal.end() :]
    close = INTRO_CLOSE.match(tail)
    tail = tail[close.end() if close else 0 :].strip()
    if tail:  # FLATTENED: questions and answers run on after the intro
        texts[intro_at] = texts[intro_at][: len(texts[intro_at]) - len(tail)].rstrip()
        runs = [run for text in [tail, *texts[intro_at + 1 :]] for run in flattened_runs(text)]
        texts[intro_at + 1 :] = [text for text, _ in runs]
        marked[intro_at + 1 :] = [heading for _, heading in runs]
    intro = read_intro(texts[intro_at], ordinal)
    if intro.dash_guessed:
        warnings.append(
            "dash guessed: the intro lost the dash around the interviewee's description"
        )
    chrome = Chrome(title=page.title, published=page.published, byline=page.byline)
    read_chrome(texts[:intro_at], chrome)
    sections = read_sections(texts[intro_at + 1 :], marked[intro_at + 1 :], chrome, warnings)
    interviewers = choose_interviewers(intro, chrome.byline, warnings)
    title, published = chrome.title, chrome.published
    if title is None:
        warnings.append(NO_TITLE)
    if published is None:
        warnings.append(NO_DATE)
    try:
        interview = Interview(
            number=intro.number,
            title=title,
            interviewers=interviewers,
            interviewees=intro.interviewees,
            sections=tuple(sections),
            published=published,
            url=page.url,
        )
    except ModelError as error:  # pragma: no cover - the core builds valid values
        raise ParseError(str(error)) from None
    return ParseResult(interview, tuple(warnings))
