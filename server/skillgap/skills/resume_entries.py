"""The header of a dated resume entry: its title, company and location, read from the lines around its date.

Real resumes put the three anywhere near the date; each layout below is one seen on real resumes (PDF text
extraction included):

    Title 08/2012 to Current              Title | Company | Berlin | 2019 – present
    Company Name - City , State           (everything on the date line)

    Acme Corp — Berlin                    Title
    Staff Engineer                        Aug 2007
    Jan 2020 – Present                    to
                                          Current
    Jan 2020 – Present                    Company Name
    Senior Engineer                       －
    Acme Corp, Austin, TX                 City , State

The title is the first piece that reads like a job title (a role noun: engineer, accountant, nurse,
chef, ...), looked for on the date line, then the lines above it (nearest first), then the lines below;
"Company Name" and a sentence are never titles. The company is the most company-like of the other
pieces (a legal suffix, an organisation word, the "Company Name" placeholder, a "- City , State" tail),
next to the title; a location is a "City , State" / "Austin, TX" / "Remote" piece. Lines that read like
prose (bullets, long lines, sentences) are never part of a header: they are the previous entry's body.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from skillgap.datafiles import alternation
from skillgap.places.schema import fold, gazetteer
from skillgap.skills.date_words_schema import built as date_words
from skillgap.skills.resume_markup_schema import built as built_markup
from skillgap.skills.title_words_schema import built as built_words


class HeaderLine(Protocol):
    """A resume line (`skillgap.skills.experience.Line` has these)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def heading(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Where an entry's date range is: text offsets, and the lines it starts and ends on."""

    start: int
    end: int
    first_line: int
    last_line: int


@dataclass(frozen=True, slots=True)
class EntryHeader:
    title: str
    company: str
    location: str
    first_line: int  # the header's lines, date lines included: [first_line, body_line)
    body_line: int


# Words that make a piece a job title, of any language (curated: `title_words.yaml` `role_words`), longest first. An
# internship is a position too ("Estágio em Desenvolvimento Full Stack", "Praktikum Marketing"): its words count.
_ROLE_NOUNS = alternation(tuple({*built_words().role_words, *built_words().internship_words}))
# ... and a compound ending in a role noun of a language that joins words ("Softwareentwickler": compound_role_heads).
# ... or one beginning with a role noun of a language written without spaces and the role first ("นักพัฒนาซอฟต์แวร์":
# leading_role_words).
_ROLE = re.compile(
    rf"\b(?:{_ROLE_NOUNS})\b|\b[^\W\d_]*?{alternation(built_words().compound_role_heads)}\b"
    rf"|(?<![\u0e00-\u0e7f]){alternation(built_words().leading_role_words)}",
    re.IGNORECASE,
)
# Words that make a "role noun" something else: "Staff" alone is not a title, "Member of" is an affiliation.
_NOT_ROLE = re.compile(r"^(?:staff|crew|head|lead)s?$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\bcompany\s+name\b", re.IGNORECASE)
# Words that make a piece an organisation's name (curated: `title_words.yaml` `organisation_words`).
_COMPANY_WORDS = re.compile(rf"\b{alternation(built_words().organisation_words)}\b\.?", re.IGNORECASE)
_ROLE_PREPOSITION = re.compile(rf"\s+{alternation(built_words().role_prepositions)}\s", re.IGNORECASE)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|"
    "OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
_REGIONS = (
    "state|alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|"
    "idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|"
    "mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|"
    "north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|"
    "utah|vermont|virginia|washington|west virginia|wisconsin|wyoming|usa|us|u\\.s\\.a?\\.?|united states|uk|"
    "united kingdom|england|scotland|ireland|canada|germany|france|spain|italy|netherlands|india|china|japan|"
    "australia|singapore|brazil|mexico|poland|sweden|switzerland|austria|israel|uae|ontario|quebec|"
    "british columbia|argentina|chile|colombia|peru|russia|ukraine|portugal|belgium|denmark|norway|finland|"
    "czech republic|romania|hungary|greece|turkey|egypt|nigeria|kenya|south africa|pakistan|bangladesh|"
    "philippines|vietnam|thailand|malaysia|indonesia|korea|south korea|taiwan|hong kong|new zealand|"
    "bosnia and herzegovina|serbia|croatia|slovenia|slovakia|bulgaria|lithuania|latvia|estonia|morocco|tunisia|"
    "algeria|ghana|ethiopia|saudi arabia|qatar|iran|iraq|lebanon|jordan|sri lanka|nepal|uruguay|venezuela|"
    "ecuador|bolivia|paraguay|costa rica|luxembourg|iceland|remote"
)
_LOCATION = re.compile(
    rf"^(?:city|remote|hybrid|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s*,\s*(?:{_US_STATES}|(?i:{_REGIONS}))\.?$"
    rf"|^(?i:remote|hybrid|on-?site|city\s*,\s*state|{_REGIONS})$|^(?i:remote|hybrid)\b.{{0,30}}$"
    # "Nantes (44)": a French town with its département; "Lille / full remote": places and a work arrangement
    r"|^[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2} \(\d{2,3}\)?$"
    r"|^(?:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2} / ){1,4}(?i:(?:full[ -]?)?remote|hybrid|on-?site)$"
)
# Thai, Japanese kana, Chinese characters and Korean Hangul: scripts written with no space or one between words.
_UNSPACED_SCRIPTS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
# Strong separators between the pieces of a header line; commas are looked at separately.
_SEPARATORS = re.compile(
    # "Newburyport, MA— Safety Officer": a long dash glued to the word before it still sets two pieces apart.
    r"(?<=[^\W\d_])[–—]\s+|\s+[|@·•–—－~-]\s+|\s*[|·•]\s*|\t+|\s{3,}|\s+at\s+|\s+[-–—－]\s*$|^\s*[-–—－]\s+|\s*(?:-{3,}|={3,}|_{3,})\s*"
    # A full stop with a space on both sides, as a middle dot: "2013-2016 . Chargée de Gestion . MGEN . Villeurbanne"
    r"|\s+\.(?:\s+|$)|^\s*\.\s+"
    # An at sign glued to the employer after a space: "Java Developer @TGV" (an e-mail address has no space before it),
    # or between the title and an employer that ends the line: "Database Administrator@dotdigital" (an address's
    # domain holds a dot)
    r"|\s+(?=@[^\W\d_])|(?<=[^\W\d_])(?=@[^\W\d_][^\s@.]*\s*$)"
    # Two spaces between Thai, Chinese, Japanese or Korean words, which are written with none or one between them
    # ("阿克米科技有限公司  高级软件工程师")
    rf"|(?<=[{_UNSPACED_SCRIPTS}])[ \t]{{2}}(?=[{_UNSPACED_SCRIPTS}])"
)
_TRIM = " \t|,·•–—－-:;()[]*/"
_DOMAIN = re.compile(r"[\w-]+\.(?:io|com|ai|co|net|org|dev|app|tech)", re.IGNORECASE)
_DURATION_LEAD = re.compile(r"^\d+(?:\.\d)?\s*(?:years?|yrs?|months?|mos?)\b\s*", re.IGNORECASE)
_TRAILING_BRACKET = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
# "Postdoctoral Researcher with Martin De Kauwe", "Research Fellow with the Ecosystems Lab (PI: ...)": whom the
# job was with, after the title; a consultant's client named so ("Ingénieur d'études chez le client Baumert").
_WITH = re.compile(
    rf"^(?P<title>.+?)\s+{alternation(built_words().employer_prepositions)}\s+"
    r"(?:the\s+|(?:the|le|un|el|dem|den)\s+(?:client|cliente|kunden?|customer)\s+)?(?=[A-Z])(?P<rest>.+)$"
)


@functools.cache
def _duration() -> re.Pattern[str]:
    """A job's length written beside its dates, at a piece's start: "(2 yrs 3 mos)", "1 an 8 mois", "approx. 2-3 years",
    "3年" (the units are data: `duration_units`)."""
    one = rf"[\d.,]+(?:\s*[–-]\s*[\d.,]+)?\s*\+?\s*{alternation(date_words().duration_units)}\.?(?![^\W_])"
    return re.compile(
        rf"^\(?\s*(?:approx\.?\s*|ca\.?\s*|~\s*)?{one}(?:\s*(?:,|and|et|und|y|e|i)?\s*{one})?\s*\)?", re.I
    )


def _is_duration(piece: str) -> bool:
    match = _duration().match(piece)
    return match is not None and match.end() == len(piece)


# A header piece's lead-in before its dates: the since words of every language ("from", "seit", "da") and labels;
# a range's opener ("Du", "De", "Von") only where the dates were, so "De Beers" stays whole. (A word ends where no
# letter follows: Thai "ตั้งแต่ปี" ends in a vowel mark, which is no word character.)
_LEAD_IN = re.compile(
    rf"^(?:(?:{alternation(date_words().since)}|dates?|period|duration|employed)(?![^\W_])"
    rf"|{alternation(date_words().openers)}(?=\s*(?:$|[:\d(])))[\s:]*",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•▪●◦‣⁃∙·➢➤►■□❖✓✔→*+o]\s|[-–—]\s|\d{1,2}[.)]\s|[•▪●◦‣⁃∙·➢➤►■□❖✓✔→])")
_FRAGMENT = re.compile(r"^[\W_]{1,2}$")  # "－" or "," alone on a line: a header cut into pieces by a PDF
_ABBREVIATION_END = re.compile(r"\b(?:inc|co|ltd|corp|jr|sr|llc|st|dept|u\.s\.a?|d\.c)\.$", re.IGNORECASE)
MAX_TITLE = 100
_MAX_HEADER_LINE = 120
_MAX_CUT = 4 * _MAX_HEADER_LINE  # the longest piece `cut_title` reads
_MAX_TITLE_WORDS = 10
_MAX_ABOVE = 3
_MAX_BELOW = 2
_MAX_SKIPPED = 8  # lines of tags or braces looked through on each side
_MAX_FIELDS = 8
_MAX_INDENT = 200


_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
# Italics inside bold ("**_Web Developer_ • 2018**") are marks too, however the two are nested.
_EMPHASIS = re.compile(r"\*\*|__|`|(?<![\w*])[*_](?=\S)|(?<=\*)_(?=\S)|(?<=\S)[*_](?![\w*])|(?<=\S)_(?=\*)")
# An AsciiDoc block title's dot (".Technical Writer | March 2018 – March 2020"; not ".NET Developer").
# (and a VuePress or Docusaurus container's opening: "::: tip 职位：测试工程师")
_MARKDOWN_LEAD = re.compile(
    r"^\s*(?:#{1,6}\s*|>\s*|\.(?=[A-Z][a-z])|:{3,}\s*(?:(?:tip|info|note|warning|danger|details|caution|important)\b)?\s*)+"
)
# An icon named in the text ("carbon:location-heart-filled", "mdi:briefcase" of an icon set).
_ICON_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*:[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\s+|$)")


# UTF-8 read as Latin-1 ("ï¼\x8d" for a full-width dash, "â\x80¢" for a bullet), as exports of resume datasets hold.
_MOJIBAKE = re.compile(r"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _repair(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("utf-8")
    except UnicodeError:
        return match.group()


def clean_markup(text: str) -> str:
    """The words of a line without HTML tags, markdown emphasis, link targets and heading or quote marks (and
    with UTF-8 read as Latin-1 repaired)."""
    text = _MOJIBAKE.sub(_repair, text)
    text = _ECHO.sub(r"\1", text)
    text = _LINK.sub(r"\1", _TAG.sub(" ", _HTML_BREAK.sub(" | ", _linked_head(text))))
    text = _MARKDOWN_LEAD.sub("", _HARD_BREAK.sub("", text))
    return _ICON_NAME.sub("", html.unescape(_EMPHASIS.sub("", text)).strip())


# A line break inside a line: "**Développeur full-stack**<br>*Webnet*<br>Nantes" sets its pieces apart as a separator
# does.
_HTML_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def _linked_head(text: str) -> str:
    """The text with a link that ends a role's phrase read as its words: "Professor of <a href="...">physics</a>" is
    "Professor of physics" (a link after other words names the employer: "Data engineer <a href=...>Booking.com</a>",
    see `_SEPARATING_TAG`)."""
    return _link_after_preposition().sub(r"\g<head> \g<words>", text) if "<a" in text else text


@functools.cache
def _link_after_preposition() -> re.Pattern[str]:
    prepositions = alternation(built_words().role_prepositions)
    return re.compile(
        rf"(?P<head>(?<![^\W_]){prepositions})\s+<a\b[^<>\n]{{0,200}}>(?P<words>[^<>\n]{{1,80}})</a>", re.IGNORECASE
    )


# A page printed by PHP or a shell script: `echo "<li><b>Lead Web Developer</b> ...";`: the words are the string's.
_ECHO = re.compile(r"""^\s*(?:echo|print)\s+["'](.*)["']\s*;?\s*$""")
# A markdown line ending in a backslash breaks the line there ("**Mutual Of Omaha** \"): no word of the line.
_HARD_BREAK = re.compile(r"\s+\\\s*$")


_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")
_MAX_HEADING_WORDS = 20


def is_prose(text: str) -> bool:
    """A bullet, a sentence or a long line: body text, never a header."""
    if _BULLET.match(text.strip()):
        return True
    stripped = clean_markup(text)
    if not stripped or _BULLET.match(stripped) or len(stripped) > _MAX_HEADER_LINE:
        return True
    words = stripped.split()
    # A markdown heading is set apart by its marks: "#### Discover Our Earth — Institute for the Study of the
    # Continents — Cornell University" is an employer's long name, not a sentence.
    most = _MAX_HEADING_WORDS if _MARKDOWN_HEADING.match(text.strip()) else 12
    if len(words) > most or (stripped[0].islower() and not _DOMAIN.fullmatch(stripped)):
        return True
    return (
        stripped.endswith(".")
        and len(words) > 4
        and not _ABBREVIATION_END.search(stripped)
        and not _header_with_full_stop(stripped)
    )


_SHORT_PIECE_WORDS = 4


def _header_with_full_stop(text: str) -> bool:
    """ "Teknisk konsult, CSC Sverige AB, Stockholm.": a title and its employer's short pieces, ended by a full stop
    (a pandoc resume's definition lines), not a sentence."""
    pieces = [piece.strip(" *_") for piece in text[:-1].split(",")]
    return (
        len(pieces) >= 2
        and all(0 < len(piece.split()) <= _SHORT_PIECE_WORDS for piece in pieces)
        and is_title(pieces[0])
        and (company_score(pieces[1]) > 0 or title_case(pieces[1]))
    )


def is_title(segment: str) -> bool:
    """A piece that reads like a job title: a role noun in a few words, not a company or a sentence."""
    if not segment or len(segment) > MAX_TITLE or _PLACEHOLDER.search(segment):
        return False
    if len(segment.split()) > _MAX_TITLE_WORDS or _NOT_ROLE.match(segment.strip(_TRIM)):
        return False
    roles = list(_ROLE.finditer(segment))
    if not roles or is_location(segment):
        return False
    # "Systems Engineer" is a title, "Acme Staffing Partners" is not: the role noun comes last, or is the
    # head of an "of" ("Director of UX Design Systems"), or is followed by its field and level, as Romance languages
    # write a title ("Dezvoltator software senior", "Sviluppatore Software Senior").
    organisation = [word for word in _COMPANY_WORDS.finditer(segment) if not _field_of_role(segment, word, roles[-1])]
    return (
        not organisation
        or roles[-1].end() > organisation[-1].end()
        or _ROLE_PREPOSITION.match(segment, roles[-1].end()) is not None
    )


def _field_of_role(segment: str, word: re.Match[str], role: re.Match[str]) -> bool:
    """An organisation word after the role noun that names the role's field, not an employer: written in lower case
    in a capitalised piece ("Dezvoltator software senior"), or followed by the title's level alone ("Sviluppatore
    Software Senior")."""
    if word.start() < role.end():
        return False
    if word.group().islower() and segment[:1].isupper():
        return True
    return _LEVEL_TAIL.fullmatch(segment, word.end()) is not None


_LEVEL_TAIL = re.compile(rf"(?:[\s,]+{alternation(built_words().level_words)}\.?)+\s*", re.IGNORECASE)


def is_location(segment: str) -> bool:
    if _LOCATION.match(segment.strip(_TRIM + ".")) is not None:
        return True
    # Places joined: "Remote in Indianapolis, IN & Minneapolis, MN".
    places = _PLACE_JOIN.split(segment)
    return len(places) > 1 and all(_LOCATION.match(place.strip(_TRIM + ".")) is not None for place in places)


_PLACE_JOIN = re.compile(r"\s+(?:&|and|/)\s+")


def company_score(segment: str) -> int:
    """How much a piece reads like an organisation: 3 for the "Company Name" placeholder, 2 for a legal
    suffix or organisation word, 0 otherwise."""
    if _PLACEHOLDER.search(segment):
        return 3
    return 2 if _COMPANY_WORDS.search(segment) else 0


def title_case(segment: str) -> bool:
    """Most words capitalised and few of them: a name ("Initech", "Blue Owl Coffee", "michelada.io"), not a
    phrase."""
    if _DOMAIN.fullmatch(segment.strip()):
        return True
    words = [
        word
        for word in re.findall(r"\w[\w&'’.-]*", segment)
        if not word.isdigit() and (len(word) > 3 or not word[0].islower())
    ]
    if not words or len(words) > 6:
        return False
    # "8kData", "2ndQuadrant", "eBay" are written as names too.
    capitalised = sum(1 for word in words if not word[0].islower() or any(ch.isupper() for ch in word[1:]))
    return capitalised >= max(1, len(words) - 1)


_ICONS = re.compile(r"^[^\w\s(\[.\"“‘'&#@$]+\s*")  # "🏛️ IUS", "📍 Berlin"
# A numbered list's number before an item's words: "1. Kepala Seksi Kesejahteraan - Pemerintah Desa Ulu Baula".
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=[^\W\d_])")
# The rest of code around a value the piece was cut from: an attribute's (`badge="C# Entwickler" >}}` of a Hugo
# shortcode) or a JSON key's (`specialization":"Pharmacist`).
_KEYED_VALUE = re.compile(
    r"""^[A-Za-z_][\w-]{0,40}\s*(?:=|"\s*:)\s*(?P<quote>["'])(?P<value>[^"'\n]+)(?P=quote)?\s*(?:/?>}}|}}|/?>)?$"""
)
# Employment type before a title: "Full-Time; Certified Pharmacy Technician".
_EMPLOYMENT_TYPE = re.compile(
    r"^(?:full|part)[\s-]?time\s*[;:,]\s*|^(?:contract|temporary|permanent|seasonal|casual|per diem)\s*[;:]\s*",
    re.IGNORECASE,
)
# "@Resolutte Tecnologia", "@CCAA": a markdown CV's employer written with an at sign.
_AT_NAME = re.compile(r"^@(?=[^\W\d_])")
# A link's words that are no name: "[Company Link](https://...)", "[Website](...)".
_LINK_WORDS = re.compile(r"^(?:(?:company|project)\s+)?(?:link|website|site|web\s*site|homepage|url)$", re.IGNORECASE)


_DOT_LEADER = re.compile(r"\s*(?:\.{3,}|…+)\s*$")  # "SYMTECH..........." before the dates: a table of contents' dots


def _trim(piece: str) -> str:
    piece = _LIST_NUMBER.sub("", _ICONS.sub("", _DOT_LEADER.sub("", piece).strip(_TRIM)))
    piece = _AT_NAME.sub("", piece)
    piece = _ICON_NAME.sub("", piece)
    piece = _EMPLOYMENT_TYPE.sub("", piece)
    piece = _DURATION_LEAD.sub("", piece.strip(_TRIM)).strip(_TRIM)
    if _LINK_WORDS.match(piece):
        return ""
    if piece.count('"') % 2:  # the quote closing a data string the piece ends ("… para el Dr. Jose Mallent\"")
        piece = piece.strip('"').strip(_TRIM)
    if piece.count("(") > piece.count(")"):
        piece += ")"
    return piece + "]" if piece.count("[") > piece.count("]") else piece


_SLASH = re.compile(r"\s+/\s+")
# Upper-case words that qualify a title ("SOC Engineer", "QA Lead") rather than name its employer ("CRDF
# Cybersecurity Instructor").
_TITLE_ACRONYMS = frozenset(
    "IT QA QC UX UI HR PR VP SVP EVP AVP SOC NOC ML AI BI SAP ERP CRM AWS GCP GIS CAD HVAC RN LPN CNA EMT ICU ER "
    "PHP SQL ETL SEO SEM API DBA SRE CTO CEO CFO COO CIO CMO CSO CISO PMO PM GM CX IAM GRC OT ICS EHS HSE QHSE AP AR "
    "CPA LAN WAN CNC PLC SCADA HPC DSP FPGA ASIC RF PCB ESL ABA SLP IOS NET JS R&D MIS IS TA TV 3D 2D AV CAD/CAM "
    "ICT DATA DEVOPS DEV SEC SECOPS NLP CV MLOPS FINOPS B2B B2C SAAS SMB SDE SDET SWE MTS".split()
)
_LEADING_ACRONYM = re.compile(r"^([A-Z][A-Z0-9&-]{1,11})\s+(?=[A-Z][a-z])")
# One to three upper-case words after a title written in small letters: "Deputy Principal WCED", "Vendeur BRICO DEPOT".
_TRAILING_NAME = re.compile(r"(?<=[a-z)])\s+([A-Z][A-Z&'’.-]*[A-Z](?:\s+[A-Z][A-Z&'’.-]*[A-Z]){0,2})$")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X)$")


def _split_slash(piece: str) -> list[str]:
    """ "Chargé de Communication / URPS Pays de la Loire" is a title and a company; "Developer / Architect"
    and "Bootstrap / CSforAll / Rutgers" stay whole."""
    parts = [part.strip(_TRIM) for part in _SLASH.split(piece)]
    if len(parts) < 2 or not all(parts):
        return [piece]
    first, rest = parts[0], " / ".join(parts[1:])
    last, before = parts[-1], " / ".join(parts[:-1])
    if is_title(first) and not is_title(rest):
        return [first, rest]
    if is_title(last) and not is_title(before):
        return [before, last]
    return [piece]


def _names_employer(words: str) -> bool:
    """Upper-case words that name an employer ("CRDF", "BRICO DEPOT"), not ones that qualify a title ("SOC", "II",
    "SENIOR"), name a region ("EMEA") or a place ("UK")."""
    from skillgap.skills.seniority import resume_title_level  # it reads years with `experience`, which imports us

    return (
        all(
            word.upper() not in _TITLE_ACRONYMS
            and word.casefold() not in built_words().region_codes
            and not _ROMAN.match(word)
            for word in words.split()
        )
        and not is_location(words)
        and not _ROLE.search(words)
        and resume_title_level(words) is None
    )


def _split_leading_acronym(piece: str) -> list[str]:
    """ "CRDF Cybersecurity Instructor" → ["CRDF", "Cybersecurity Instructor"], "Deputy Principal WCED" → ["WCED",
    "Deputy Principal"]: upper-case words that are no usual title qualifier, before or after a title, are the employer
    (read only when the header names no other one)."""
    match = _LEADING_ACRONYM.match(piece)
    if match is not None and _names_employer(match.group(1)):
        rest = piece[match.end() :]
        if is_title(rest) and is_title(piece):
            return [match.group(1), rest]
    match = _TRAILING_NAME.search(piece)
    if match is not None and _names_employer(match.group(1)):
        title = piece[: match.start()].strip()
        if is_title(title):
            return [match.group(1), title]
    return [piece]


def segments(text: str) -> list[str]:
    """The pieces of a header line, split at strong separators and before the "Company Name" placeholder;
    "Account Executive (Salesforce)" is two pieces, "Professor (adjunct professor)" one."""
    return [piece for _, group in _segment_groups(text) for piece in group]


def _segment_groups(text: str) -> list[tuple[str, list[str]]]:
    """The parts of a header line between strong separators, each with its pieces: a part may hold a title and
    the name after it ("Chargé de Communication / URPS", "Account Executive (Salesforce)")."""
    text = _LEAD_IN.sub("", text.strip(_TRIM))
    groups: list[tuple[str, list[str]]] = []
    for part in _SEPARATORS.split(text):
        pieces: list[str] = []
        for piece in (p for cut in _split_slash(part.strip(_TRIM)) for p in re.split(r"(?=\bCompany Name\b)", cut)):
            piece = _trim(piece)
            bracket = _TRAILING_BRACKET.match(piece)
            joined = _WITH.match(piece)
            if bracket is not None and is_title(bracket.group(1)) != is_title(bracket.group(2)):
                # "Senior Administrator (Cloud)", and the employer first: "Royal Cosun (Servicedesk medewerker)"
                pieces.extend((bracket.group(1), bracket.group(2)))
            elif (
                joined is not None
                and is_title(joined.group("title"))
                and not is_title(joined.group("rest"))
                and not _names_a_place(joined.group("rest"))
            ):
                # "Researcher with Ecosystems Lab", "HR Executive in Infosys" (not "Nurse in London")
                pieces.extend((joined.group("title"), joined.group("rest")))
            elif piece and re.search(r"[^\W\d_]", piece) and not _pay_grade().fullmatch(piece):
                pieces.append(piece)  # "GS11" after "Information Technology Specialist" is neither title nor employer
        if pieces:
            groups.append((_trim(part) if len(pieces) > 1 else pieces[0], pieces))
    return groups


def _names_a_place(text: str) -> bool:
    """A place's name, alone or first ("London", "Austin, TX", "Berlin (remote)"), by GeoNames' names."""
    return is_location(text) or gazetteer().names_place(re.split(r"[,(/]", text, maxsplit=1)[0].strip())


def _balanced(text: str) -> str:
    return text + ")" if text.count("(") > text.count(")") else text  # "Nantes (44)" kept whole


# A place before a title on a line: "City , State Food Prep Chef", "Austin, TX Software Engineer".
_LEADING_PLACE = re.compile(
    rf"^(?P<place>(?:(?i:city)|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}})\s*,\s*(?:(?i:state)|{_US_STATES}))\s+(?P<rest>\S.*)$"
)


def split_location(segment: str) -> tuple[str, str]:
    """("Acme Corp", "Austin, TX") from "Acme Corp, Austin, TX"; (segment, "") when it has no location."""
    if is_location(segment):
        return "", _balanced(segment.strip(_TRIM))
    leading = _LEADING_PLACE.match(segment.strip(_TRIM))
    if leading is not None and is_title(leading.group("rest")):
        return leading.group("rest"), leading.group("place")
    bracketed = _PLACE_IN_BRACKETS.fullmatch(segment.strip())
    if bracketed is not None and is_location(bracketed.group("place")):
        # "Aarhus University, Department of Bioscience (Denmark)": the country after the employer, in brackets.
        return bracketed.group("name"), bracketed.group("place").strip()
    parts = segment.split(",")
    for cut in range(1, len(parts)):
        tail = ",".join(parts[cut:])
        if is_location(tail):
            return ",".join(parts[:cut]).strip(_TRIM), _balanced(tail.strip(_TRIM))
    return segment, ""


_BRACKETED_TAIL = re.compile(r"\s*\([^()]{1,40}\)")
_PLACE_IN_BRACKETS = re.compile(r"(?P<name>\S.*?\S)\s+\((?P<place>[^()]{2,60})\)?")


def _closed(trimmed: str, part: str) -> str:
    """A piece trimmed of its punctuation with the bracket it closes kept: "Frontend Developer (Contractor)" of
    "Frontend Developer (Contractor), Virgin Media"."""
    if part.rstrip().endswith(")") and trimmed.count("(") > trimmed.count(")"):
        return trimmed + ")"
    return trimmed


def _comma_pieces(segment: str) -> list[str]:
    """ "Intern, Initech" → ["Intern", "Initech"]; a title keeps its comma when what follows is no name."""
    parts = [_closed(part.strip(_TRIM), part) for part in segment.split(",") if part.strip(_TRIM)]
    if len(parts) > 1 and is_title(parts[0]) and all(not is_title(part) for part in parts[1:]):
        return parts
    if (
        len(parts) > 2
        and is_title(parts[-1])
        and not any(is_title(part) for part in parts[:-1])
        and is_location(", ".join(parts[1:-1]))
    ):
        # "Qualcomm, San Diego, CA, Software Engineer": the employer, its place, then the title
        return [parts[0], ", ".join(parts[1:-1]), parts[-1]]
    if len(parts) == 2 and is_title(parts[1]) and not is_title(parts[0]) and title_case(parts[0]):
        return parts  # "Starbucks, Shift Supervisor": the employer, then the title
    return [segment]


# "Academia Itaca. Profesor de apoyo de Inglés": a name, a full stop, then the title. Not after an abbreviation
# ("Sr. Engineer", "Dr. Smith") nor a single letter ("J. Doe").
_PERIOD_SPLIT = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=\)))\.\s+(?=[^\W\d_])")
_ABBREVIATIONS = frozenset("sr jr dr mr mrs ms st mt no nr co dept univ corp assoc asst sen vs".split())


def _period_pieces(piece: str) -> list[str]:
    """ "Academia Itaca. Profesor de apoyo de Inglés" → ["Academia Itaca", "Profesor de apoyo de Inglés"]: a name
    that is no title, then a title after a full stop."""
    found = _PERIOD_SPLIT.search(piece)
    if found is None:
        return [piece]
    name, title = (
        _closed(piece[: found.start()].strip(_TRIM), piece[: found.start()]),
        piece[found.end() :].strip(_TRIM),
    )
    last = name.split()[-1].casefold() if name.split() else ""
    if last in _ABBREVIATIONS or is_title(name) or not is_title(title) or "." in title:
        return [piece]
    if not (title_case(name) or company_score(name)):
        return [piece]  # "Led the team. Engineer": a sentence's end
    return [name, title]


@dataclass
class _Piece:
    text: str
    line: int  # -1: on the date line
    kind: str = ""  # "title" or "company" when a field names it ("position: ...", "Organization : ...")
    whole: str = ""  # the title with what was split off it ("Senior Administrator (Cloud)"), if it was split


# A field of a data object or a form: `title: "Engineer",`, `"company": "Acme"`, "Designation : HR Recruiter", the
# first field of an object written on its line (`{position: "Graduate Teaching Assistant",`), a PHP array's
# (`'title' => 'Host',`), a list item that is a field ("- **Vị trí**: Lập trình viên"), one with a full-width colon
# ("职位：…"), a reStructuredText field list's (":Job Title: Office IT Engineer").
_FIELD = re.compile(
    r"""^(?P<item>[-*•][ \t]+)?(?:[{\[(:][ \t]*)?"""
    r"""["']?(?P<key>[^\W\d_](?:[^\W\d_]|[ _-]){1,20}?)["']?\s*(?:=>|[:=：])\s*"""
    r"""(?P<value>\S.*?)[\s,;]*$"""
)
# Field keys besides the data files' title and employer keys (`title_words.yaml`), which are matched as whole keys here.
_LIST_ITEMS = re.compile(r"[\"'`]([^\"'`\n]+)[\"'`]")  # the strings of a list value: `["Lead", "Engineer"]`
_NAME_AFFIX = re.compile(r"^(?:nome|nombre|nom)(?=[a-z]{4})|(?<=[a-z]{3})name$")
_FIELD_KINDS = {"jobtitle": "title", "companyname": "company", "location": "location", "city": "location"}


def field_key(key: str) -> str:
    """A data field's key as the curated key lists write it: folded, without accents, spaces, underscores, hyphens or
    slashes ("Função Exercida" -> "funcaoexercida", "start_date" -> "startdate")."""
    return re.sub(r"[\s_/-]", "", fold(key))


def _field(text: str) -> tuple[str, str] | None:
    """(kind, value) of a line that is a title, company or location field."""
    match = _FIELD.match(text)
    if match is None:
        return None
    key = field_key(match.group("key"))  # "Função Exercida", "Poziție": without accents
    # `institution: "Arvig"` next to a job's dates, `"cargo": "Analista de Sistemas"`: the data files' employer and
    # title keys (in several languages) name the company and the title too.
    words = built_words()
    # a key that adds "name" to one of them (`jobName`, `employerName`, `nomeEmpresa`, `nombreEmpresa`), or its plural
    # (`titles: ["Senior Software Engineer", "Software Engineer"]`)
    bare = _NAME_AFFIX.sub("", key) or key
    kind = _FIELD_KINDS.get(key) or next(
        (
            "company" if name in words.company_keys else "title"
            for name in (key, bare, key.removesuffix("s"))
            if name in words.company_keys or name in words.title_keys
        ),
        None,
    )
    value = match.group("value").strip()
    items = _LIST_ITEMS.findall(value) if value.startswith("[") else []
    value = ", ".join(item.strip() for item in items) if items else value.strip("\"'`").strip()
    if kind is None or not re.search(r"[^\W\d_]", value) or len(value) > _MAX_HEADER_LINE:
        return None
    if match.group("item") and is_prose(value):
        return None  # a duty that starts with a key's word ("- Role: led the migration of ...")
    return kind, value


def field_kind(text: str) -> str:
    """ "title", "company" or "location" for a line that is such a field (`company: "University of Leeds",`)."""
    field = _field(clean_markup(text))
    return field[0] if field is not None else ""


def title_field(text: str) -> str:
    """The value of a line that is a title field (`jobTitle: "IT Project Manager / SCRUM Master",`), or ""."""
    field = _field(clean_markup(text))
    return field[1] if field is not None and field[0] == "title" else ""


def _field_pieces(kind: str, value: str, line: int) -> tuple[list[_Piece], str]:
    if kind == "location":
        return [], _trim(value)
    if kind == "company":
        name, where = split_location(value)
        return ([_Piece(_trim(name), line, "company")] if name else []), where
    # A title field may hold the employer too: "London Drugs #74 – Pharmacy Assistant".
    parts = [_trim(part) for part in _SEPARATORS.split(value) if _trim(part)]
    titled = next((part for part in parts if is_title(part)), None) if len(parts) > 1 else None
    if titled is None:
        return [_Piece(_trim(value), line, "title")], ""
    return [_Piece(part, line, "title" if part is titled else "") for part in parts], ""


def _pieces(text: str, line: int) -> tuple[list[_Piece], str]:
    """The pieces of a line, and its location if one is written there."""
    parts, location = _line_parts(text)
    return [_Piece(piece, line, kind, whole) for piece, kind, whole in parts], location


@functools.lru_cache(maxsize=4096)
def _line_parts(text: str) -> tuple[tuple[tuple[str, str, str], ...], str]:
    """(text, kind, whole) of each piece of a line, and its location: a line is looked at by the entries on both
    sides of it, and twice by each (for its pieces and its location)."""
    cleaned = clean_markup(_SEPARATING_TAG.sub("   ", _linked_head(_bold_tail(text))))
    if _QUOTED_ROW.match(cleaned):  # `"Academic Tutor", "Psychology", "February", 2023, ...`: a data table's row
        cleaned = " | ".join(cell.strip() for cell in _QUOTED_CELL.findall(cleaned) if cell.strip())
    hinted = _markup_field(text) or ("company" if _AT_NAME.match(cleaned.strip()) else "")
    if hinted and cleaned and re.search(r"[^\W\d_]", cleaned) and len(cleaned) <= MAX_TITLE:
        if hinted == "location":
            return (), _trim(cleaned)
        return ((_trim(cleaned), hinted, ""),), ""
    inline = _INLINE_FIELD.findall(cleaned)
    if len(inline) >= 2:  # `{ employer: "WEX", title: "Systems Administrator", ...`: a one-line object's fields
        read = [field for key, _, value in inline if (field := _field(f"{key}: {value}")) is not None]
        if read:
            parts = [_field_pieces(*field, -1) for field in read]
            where = next((place for _, place in parts if place), "")
            return tuple((p.text, p.kind, p.whole) for pieces, _ in parts for p in pieces), where
    field = _field(cleaned)
    if field is not None:
        pieces, where = _field_pieces(*field, -1)
        return tuple((p.text, p.kind, p.whole) for p in pieces), where
    found: list[tuple[str, str, str]] = []
    location = ""
    for whole, group in _segment_groups(cleaned):
        for segment in group:
            rest, where = split_location(segment)
            location = location or where
            if rest:
                cut = [piece for part in _comma_pieces(rest) for piece in _period_pieces(part)]
                # A title cut at a comma keeps what it was cut from: "HR Specialist, US HR Operations" is the
                # title when the employer is written elsewhere (see `read_header`).
                found.extend(
                    (piece, "", whole if len(group) > 1 else rest if len(cut) > 1 else "")
                    for piece in cut
                    # "Information Technology Specialist, GS-2210-12"; "(1 an 8 mois)" beside the dates
                    if not _pay_grade().fullmatch(piece) and not _is_duration(piece)
                )
    return tuple(found), location


_INLINE_FIELD = re.compile(r"""["']?([A-Za-z][\w-]{1,20})["']?[ \t]*:[ \t]*(["'`])([^"'`\n]*)\2""")
_QUOTED_ROW = re.compile(r"""^\s*(?:"[^"\n]*"\s*,\s*){2,}""")
_QUOTED_CELL = re.compile(r'"([^"\n]*)"')
# Plain words, then the line's one bold run, then nothing but its dates or markup ("QA Engineer I2 **Talentica
# software** <span>Feb, 2016", "Senior QA Engineer **Talentica** | 2016"): the bold run is the employer, set apart by
# its markup.
_BOLD_TAIL = re.compile(
    r"^(?P<plain>[^*_\n]*[^\W_])[ \t]+(?P<bold>(?:\*\*|__)[^\W_][^*_\n]{0,80}(?:\*\*|__))(?=[ \t]*(?:$|<|\||[-–—(]|\d))"
)


def _bold_tail(text: str) -> str:
    match = _BOLD_TAIL.match(text)
    if match is None or is_title(match.group("bold").strip("*_")) or not is_title(match.group("plain")):
        return text  # "Senior **Software Engineer**": one title, its words bold
    return f"{match.group('plain')}   {text[match.start('bold') :]}"


# "Data engineer <a href=...>Booking.com</a>", and a block's end before the next block on one line
# ("<h2>Support client et Technicien SAV</h2><p>Naocom - Lunel (34) - 2017>2021</p>"): pieces apart.
_SEPARATING_TAG = re.compile(r"<a\s[^<>\n]{0,200}>|</(?:h[1-6]|p|div|li|td|th|dt|dd)>(?=[ \t]*<)", re.IGNORECASE)
# The class of an HTML element that says which field it holds: `<div class="res__work__jobTitle">`,
# `<div class="company-name">`, `<span class="timeline-org">`.
_CLASS_ATTRIBUTE = re.compile(r"""\b(?:class|className|id)\s*=\s*["']([^"'<>\n]{1,120})["']""")
_CLASS_KINDS = (
    ("", re.compile(r"section[-_]?title|subtitle|page[-_]?title|header", re.IGNORECASE)),
    ("title", re.compile(r"title|position|role|designation", re.IGNORECASE)),
    ("company", re.compile(r"company|employer|organi[sz]ation|(?<![a-z])org(?![a-z])|firm", re.IGNORECASE)),
    ("location", re.compile(r"location|(?<![a-z])city(?![a-z])", re.IGNORECASE)),
)


def _markup_field(text: str) -> str:
    """ "title", "company" or "location" when the line's element is classed as that field, else ""."""
    match = _CLASS_ATTRIBUTE.search(text)
    if match is None:
        return ""
    return next((kind for kind, pattern in _CLASS_KINDS if pattern.search(match.group(1))), "")


# A data object or a table begins or ends: the header's lines do not run past it.
_OPENING = re.compile(r"\{|<table\b|<tr\b", re.IGNORECASE)  # a table row holds one job
_CLOSING = re.compile(r"\}|</table>|</tr>", re.IGNORECASE)


def _markup_only(text: str) -> bool:
    """A line of tags or braces only ("<td>", "},"): a table or a data object around a header's lines."""
    return any(ch in text for ch in "<>{}[]") and not re.search(r"\w", clean_markup(text).strip("{}[](),;"))


def _near_pieces(lines: Sequence[HeaderLine], index: int, *, parent: bool = False) -> list[_Piece] | None:
    """The pieces of a line that may belong to a header, None when it is body text. A bullet counts only
    when it holds just a title ("*   **Team Member**" under a company line), or when it is the `parent` of
    the date, a bullet nested under it ("* Business Analyst, Acme" / "  * January 2024 - Present")."""
    line = lines[index]
    if line.heading:
        return None
    cleaned = clean_markup(line.text)
    if _FRAGMENT.match(cleaned):
        return None
    if _field(cleaned) is not None:
        return _pieces(line.text, index)[0]
    if is_prose(line.text):
        content = clean_markup(_BULLET.sub("", line.text, count=1))
        if _BULLET.match(line.text) and is_title(content.split(",")[0]) and len(content.split()) <= 6:
            return _pieces(content, index)[0] or [_Piece(content, index)]
        if parent and _BULLET.match(line.text) and not is_prose(content):
            found = _pieces(content, index)[0]
            if any(is_title(p.text) or company_score(p.text) for p in found):
                return found
        return None
    return _pieces(line.text, index)[0]


_HEADING_MARKS = re.compile(r"#{1,6}(?=\s)")


def _parent_heading(above: str, below: str) -> bool:
    """`above` is a markdown heading over `below`, a heading of a lower level or no heading ("## Saltpay" over "###
    Senior Developer (May 2022 - Present)", "### Liberis" over "Marketing Executive (March 2014 - August 2014)"): the
    employer the role below is written under."""
    upper, lower = _HEADING_MARKS.match(above), _HEADING_MARKS.match(below)
    return upper is not None and (lower is None or len(upper.group()) < len(lower.group()))


def _indent(text: str, line: HeaderLine) -> int:
    """Spaces before a line; 0 for a cell of a long line (looked for only so far back, to stay linear)."""
    newline = text.rfind("\n", max(0, line.start - _MAX_INDENT), line.start)
    return 0 if newline < 0 and line.start > _MAX_INDENT else line.start - (newline + 1)


_ROLE_SENTENCE = re.compile(
    r"(?i:(?:^|[.!?]\s+|\b(?:he|she|they|i)\s+)"
    r"(?:is|am|are|was|were|works?\s+as|worked\s+as|working\s+as|serves?\s+as|served\s+as)\s+(?:an?\s+|the\s+)?)"
    r"(?P<title>[^.,;:()]{2,60}?)\s+(?i:at|for|with)\s+"
    r"(?P<company>[A-Z0-9][\w&.'’-]*(?:\s+(?:[A-Z0-9&][\w&.'’-]*|of|and|de|the)){0,5})"
)


def role_in_sentence(text: str) -> tuple[str, str] | None:
    """(title, company) of "He is a Technical Director at ECM", "I work as a nurse at Mercy Hospital" or
    "Worked with Mahal Pvt Ltd. as Sr. Sales Executive"."""
    match = _ROLE_SENTENCE.search(text[: _MAX_HEADER_LINE * 2])
    if match is None:
        match = _EMPLOYER_SENTENCE.search(text[: _MAX_HEADER_LINE * 2])
        if match is None:
            return None
    title = match.group("title").strip(" .")
    company = re.sub(r"(?:\s+(?:of|and|de|the))+$", "", match.group("company")).strip(" ,;:-–—")
    company = _balanced(company[:-1] if company.endswith(".") and not _ABBREVIATION_END.search(company) else company)
    if not is_title(title) or len(title.split()) > 6 or not company[:1].isupper():
        return None
    return title[:MAX_TITLE], company[:MAX_TITLE]


# "Worked with ICICI Merchant services (Hgs Payroll) As Sales Manager. (", "At present working in Bajaj Housing
# Finance Ltd AS An Assistant Sales Manager": the employer first, then the role, to the end of the sentence.
_EMPLOYER_SENTENCE = re.compile(
    r"(?i:(?:^|[.!?]\s+)(?:i\s+|(?:at\s+present|presently|currently)\s+)?(?:am\s+|was\s+)?"
    r"(?:work(?:ed|ing|s)?|employed|serv(?:ed|ing|e)))\s+(?i:with|at|for|in)\s+"
    r"(?P<company>[A-Z0-9][^\n]{1,80}?)\s+(?i:as)\s+(?i:an?\s+|the\s+)?"
    r"(?P<title>[A-Za-z][^,;:()\n]{1,60}?)\s*(?:[.;,]\s*)?(?:\(\s*)?(?i:from|since)?\s*$"
)


@functools.cache
def keyed_field_line(keys: tuple[str, ...], *, longer: bool = False) -> re.Pattern[str]:
    """A data object's line whose key is one of `keys` (matched case-insensitively; with `longer`, also a key that
    starts with one: "dateStart"): `school: ...`, `"degree": ...`, `- date: ...`, a reStructuredText field list's
    `:Date: ...`. Matched at a line's start, in a line or at its offset in a whole text. A key naming a format
    (`date_format: Jan 2006`, a site theme's setting) holds no value of its own."""
    alternatives = "|".join(re.escape(key) for key in sorted(keys, key=len, reverse=True))
    rest = r"(?![\w-]*format)[\w-]*" if longer else ""
    return re.compile(
        rf"""^[ \t]*(?:-[ \t]+|:)?["']?(?:{alternatives}){rest}["']?[ \t]*[:=]""", re.IGNORECASE | re.MULTILINE
    )


def date_field_line() -> re.Pattern[str]:
    """The line of a data object that holds a job's dates: `startDate: "10/01/2018",`, `date_start: '2017-05-01'`,
    `year: "2022 – Present"`, `date: '03/2019 – bis jetzt'`, `:Date: Jul 2017 – Present` (the keys are data:
    `date_keys` of `data/title_words.yaml`)."""
    return keyed_field_line(built_words().date_keys, longer=True)


_MAX_OBJECT_LINES = 40
_MAX_OUTER = 2  # objects up from a job's own that may still name its company


# A component written over several lines (JSX, Vue): `<Job` / `  company="Smile.io"` / `  dates="2019 - Present"` /
# `  role="Head of Design"` / `>`: its attributes are one object's fields, the tag's lines its braces.
_ELEMENT_OPEN = re.compile(r"^\s*<[A-Za-z][\w.:-]*\s*$")
_ELEMENT_CLOSE = re.compile(r"^\s*/?>\s*$")
# A key whose value opens on its line (`'timeframe': {`): with a date key, the job's dates as an object of their own.
_DATES_OBJECT = re.compile(r"^.*[{\[][ \t]*$")


def _object_header(
    text: str, lines: Sequence[HeaderLine], first: int, last: int, *, floor: int, ceiling: int
) -> EntryHeader | None:
    """The header of a job written as a data object (JSON Resume, a Hugo widget, a JS object): the title,
    company and location fields of the object that holds the date fields, in any order; None without a title
    field."""
    found: dict[str, tuple[str, int]] = {}

    def take(index: int, depth: int) -> None:
        written = re.sub(r"^\s*-\s+", "", lines[index].text)
        if index + 1 < len(lines) and re.fullmatch(r""":?["']?\w+(?: \w+)?["']?\s*:\s*""", written):
            below = re.sub(r"^\s*-\s+", "", lines[index + 1].text)
            # `title:` / `  "Intern at the ..."`: the value on the next line; `titles:` / `  - title: Devops`: the
            # first of a list of objects, whose own field names it
            written = below if _FIELD.match(clean_markup(below)) else f"{written} {lines[index + 1].text}"
        field = _field(clean_markup(written))
        if field is None and not depth:
            named = _FIELD.match(clean_markup(written))
            if named is not None and named.group("key").lower() in built_markup().employer_name_keys:
                found.setdefault("employer", (named.group("value").strip("\"'`").strip(), index))
            return
        if field is None or field[0] in found or (depth and field[0] != "location"):
            return
        found[field[0]] = (field[1], index)

    def hold(index: int) -> None:
        """The company or location field of an object that holds the job's own (`company: "Parse.ly"` over
        `position: {position1: {...`): the job's unless it writes its own; not a line of its header."""
        field = _field(clean_markup(re.sub(r"^\s*-\s+", "", lines[index].text)))
        if field is not None and field[0] in ("company", "location") and field[0] not in found:
            found[field[0]] = (field[1], index)
            held.add(index)

    # Up to the object's opening brace or list item; nested objects ("location: {city: ...}") are looked into
    # for a location only. The objects that hold this one (`job3: {company: ..., position: {position1: {title:
    # ...`) give the company and location it does not write, from their own level only. A date line that opens its
    # item (`- startDate: 2021` under `- company: Shopify` / `roles:`; `- dates: 2014 -- 2016` of a LaTeX macro) has
    # nothing of its own above: only what is written further left holds it.
    depth = 0
    outer = 0  # how many objects up the walk is: 0 in the date's own object
    own = 0  # the level of the job's object: one up when the dates are an object of their own (`timeframe: {`)
    held: set[int] = set()  # the lines of the fields of the objects that hold this one: not its header's
    item = _indent(text, lines[first]) if re.match(r"\s*-\s", lines[first].text) else None
    index = first - 1
    while item is not None and index >= 0 and first - index <= _MAX_OBJECT_LINES:
        line = lines[index].text
        if _indent(text, lines[index]) < item:
            hold(index)
            if re.match(r"\s*-\s", line):
                break
        index -= 1
    index = first - 1 if item is None else floor
    while (index > floor or (outer < 0 and index >= 0)) and first - index <= _MAX_OBJECT_LINES:
        line = lines[index].text
        # A line's braces are met from its end, walking up: "}, {" opens this object, then closes the one above.
        lowest = depth
        for char in reversed(_ELEMENT_CLOSE.sub("}", _ELEMENT_OPEN.sub("{", line))):
            if char in "}]":
                depth += 1
            elif char in "{[":
                depth -= 1
                lowest = min(lowest, depth)
        if lowest < outer:
            if outer == 0 and _DATES_OBJECT.match(line) and date_field_line().match(line):
                own = lowest  # `'timeframe': {` / `'start': ...` / `'end': ...`: the job is the object holding it
            outer = lowest
            if outer - own < -_MAX_OUTER:
                break
        elif depth == outer and outer == own:
            take(index, 0)
        elif depth == outer:
            hold(index)
        elif outer == own:
            take(index, depth - own)
        if re.match(r"\s*-\s", line):
            break
        index -= 1
    depth = 0
    index = last + 1
    while index < ceiling and index - last <= _MAX_OBJECT_LINES and not re.match(r"\s*-\s", lines[index].text):
        line = _ELEMENT_CLOSE.sub("}", _ELEMENT_OPEN.sub("{", lines[index].text))
        depth += line.count("{") + line.count("[") - line.count("}") - line.count("]")
        if depth < own:
            break
        take(index, depth - own)
        index += 1
    if "title" not in found:
        return None
    employer = found.pop("employer", ("", -1))[0]
    company, where = split_location(found["company"][0]) if "company" in found else ("", "")
    if not company and where:
        # `company: Payconiq, Netherlands`: a company field names the employer first, though "Payconiq, Netherlands"
        # could be read as a town and its country
        head, _, tail = where.partition(",")
        if tail.strip() and is_location(tail) and not is_location(head):
            company, where = head.strip(), tail.strip()
    title = _trim(found["title"][0])
    if not company:  # a title field may hold the employer too: "Shoppers Drug Mart #2127 – Pharmacist"
        pieces = _field_pieces("title", *found["title"])[0]
        title = next((piece.text for piece in pieces if piece.kind == "title"), title)
        company = next((piece.text for piece in pieces if piece.kind != "title"), "")
    if not company and not re.fullmatch(r"[a-z0-9_.-]*", employer):
        company = employer  # `"name": "Acme"` beside `"position": "Engineer"`; a slug ("acme-intern") is an id
    used = [first, *(position for _, position in found.values() if position < first and position not in held)]
    return EntryHeader(
        title=cut_title(title)[:MAX_TITLE],
        company=_without_descriptor(_trim(company))[:MAX_TITLE],
        location=(found["location"][0] if "location" in found else where)[:MAX_TITLE],
        first_line=min(used),
        body_line=last + 1,
    )


@functools.cache
def _employment_type() -> re.Pattern[str]:
    """How a job was held, written after its title: "Musician – Contract", "Consultant (Freelance)",
    "Technician (Temp)", "Civil Engineer, Part-Time" (the words are data: `employment_types`)."""
    one = _one_employment_type()
    held = _held_in_brackets()
    return re.compile(
        # (no two runs of spaces side by side: they would try every split of a long gap)
        # (brackets of either width: "开发工程师（全职）")
        rf"^(?P<title>.*?\S)(?:\s*[,|–—－-]\s*|\s+(?=[(（]))(?:[(（]\s*)?{one}(?:\s*[/,&]\s*{one})*\s*[)）]?$|"
        rf"^(?P<paren>.*?\S)\s*[(（]\s*{held}(?:\s*[/,&]\s*{held})*\s*[)）]$",
        re.IGNORECASE,
    )


def _one_employment_type() -> str:
    return rf"(?:{_spelled(built_words().employment_types)})(?:\s+(?:role|position|basis|work|job))?"


def _held_in_brackets() -> str:
    """How a job was held, as written in brackets: "Frontend Developer (Contractor)", "(Long-term Contractor)"
    ("Electrical Contractor" is a job), "Freelance English Tutor (Online)" (`bracket_employment_types`)."""
    in_brackets = _spelled(built_words().bracket_employment_types)
    return rf"(?:{_one_employment_type()}|{in_brackets}|(?:long[\s-]?term\s+|independent\s+)?contractor)"


@functools.cache
def _inner_employment_type() -> re.Pattern[str]:
    """How a job was held, in brackets inside its title: "Assistant Professor (Visiting) of Mathematics",
    "Instructor (Part-Time) of Computer Science"."""
    held = _held_in_brackets()
    return re.compile(rf"\s*\(\s*{held}(?:\s*[/,&]\s*{held})*\s*\)(?=\s+[^\W\d_])", re.IGNORECASE)


@functools.cache
def _leading_employment_type() -> re.Pattern[str]:
    """How a job was held, written before its title: "Part-time Store Associate", "Self-Employed Rideshare Driver",
    "CDI infirmière préleveuse" (the words are data: `leading_employment_types`)."""
    return re.compile(rf"^(?:{_spelled(built_words().leading_employment_types)})\s+(?P<title>\S.*)$", re.IGNORECASE)


@functools.cache
def _prepositions() -> frozenset[str]:
    words = built_words()
    return frozenset(words.role_prepositions + words.employer_prepositions + words.project_prepositions)


def _dangling(title: str) -> bool:
    """The title ends in a preposition or a one-letter word ("Ricercatore a", "Manager of"): a phrase cut short."""
    last = title.rsplit(maxsplit=1)[-1] if title.strip() else ""
    return last.islower() and (len(last) == 1 or last in _prepositions())


def _spelled(words: Sequence[str]) -> str:
    """Listed words as a pattern, each compared without its spaces and dashes: "part-time", "Part Time" and
    "parttime" are one, and so is a PDF's "PART- TIME" (a dash and a space)."""
    gap = r"(?:\s?-\s?|\s)?"
    return "|".join(gap.join(re.escape(ch) for ch in word) for word in sorted(words, key=len, reverse=True))


@functools.cache
def _pay_grade() -> re.Pattern[str]:
    """A US federal pay grade: "GS11", "GS-2210-12" (plan, series, grade), "WG-10", "GS-0301-13/5" (with a step);
    the plan codes are data (`pay_plans`)."""
    plans = "|".join(sorted(built_words().pay_plans, key=len, reverse=True))
    return re.compile(rf"(?i:{plans})[\s-]?(?:\d{{4}}-)?\d{{1,2}}(?:/\d{{1,2}})?")


# A present word after a dash closing a title: the job still held, said where the dates are not ("Autônomo - Atual").
_TRAILING_PRESENT = re.compile(rf"\s+[-–—]\s*{alternation(date_words().present)}\s*$", re.IGNORECASE)
# The size of the team a title led, in brackets after it: "Distributed transaction management team lead (4
# engineers).", "Engineering Manager (team of 12)".
_TRAILING_TEAM_SIZE = re.compile(
    r"\s*\((?:team\s+of\s+|managing\s+|leading\s+)?\d{1,4}\+?\s*(?:engineers?|developers?|people|persons?|"
    r"(?:direct\s+)?reports?|staff|members?|employees?|fte)?\s*\)\.?$",
    re.IGNORECASE,
)
_TRAILING_PAY_GRADE = re.compile(r"^(?P<title>.*?[^\W\d_].*?)[\s,(–—-]+(?P<grade>\S+?)\)?$")


# A field's label of a word or two before a colon, and its value ("Settore: Programmatore", "Position: Nurse").
_FIELD_LABEL = re.compile(r"^(?P<label>[^\W\d_]+(?:[ /][^\W\d_]+)?)\s*:\s+(?P<value>\S.*)$")


def _names_no_field(label: str) -> bool:
    """A label that is no title and no key of an employer, a date or a place field (`location: "Kebumen /
    Freelance"`); a data file's `name:` or `detail:` may hold the title ("name: Encargado")."""
    key = field_key(label)
    words = built_words()
    return (
        not is_title(label)
        and key not in words.company_keys + words.date_keys
        and _FIELD_KINDS.get(key) not in ("location", "company")
    )


def cut_title(title: str) -> str:
    """A title without what is written after it about the job rather than the role: an employment type, whom the
    job was with, and a present word ("Autônomo - Atual"). Only a cut that leaves a title is made ("Contract" alone,
    "Engineer with Python" stay). A piece longer than any header line is no title to cut: it is returned as it is,
    and the patterns below (some of which try each split of a run of spaces) never see it."""
    if len(title) > _MAX_CUT:
        return title.strip()
    title = _TRAILING_PRESENT.sub("", title.strip()) or title.strip()
    title = _TRAILING_TEAM_SIZE.sub("", title) or title
    labelled = _FIELD_LABEL.match(title)
    if labelled is not None and _names_no_field(labelled.group("label")) and is_title(labelled.group("value")):
        title = labelled.group("value")  # "Settore: Programmatore / Sistemista": a field's label, then the title
    graded = _TRAILING_PAY_GRADE.match(title)
    if graded is not None and _pay_grade().fullmatch(graded.group("grade")) and is_title(graded.group("title")):
        title = graded.group("title").strip(_TRIM)  # "Information Technology Specialist GS-2210-12"
    title = _inner_employment_type().sub("", title)
    for _ in range(2):  # "Front-end Consultant (Freelance) – Remote"
        match = _employment_type().match(title)
        if match is None:
            break
        rest = (match.group("title") or match.group("paren")).strip(_TRIM)
        if not re.search(r"[^\W\d_]", rest) or len(rest.split()) > _MAX_TITLE_WORDS or _dangling(rest):
            break  # "Ricercatore a tempo determinato" is a post's name, not "Ricercatore a" on a fixed term
        title = rest
    leading = _leading_employment_type().match(title)
    if leading is not None and is_title(leading.group("title")):
        title = leading.group("title")
    match = _WITH.match(title)
    if match is not None and is_title(match.group("title")) and not is_title(match.group("rest")):
        title = match.group("title").strip(_TRIM)
    return title


def _comma_qualifier(title: _Piece, company: _Piece, candidates: Sequence[_Piece]) -> tuple[_Piece, _Piece]:
    """The title and company of a header whose title was cut at a comma ("HR Specialist, US HR Operations"):
    what follows the comma qualifies the title when the employer is written elsewhere, and is the employer when
    it names an organisation and nothing around it does better ("Senior representative, Searle
    Pharmaceuticals (1998-2000): Organised ...")."""
    if not title.whole.startswith(title.text + ","):
        return title, company
    if company.whole == title.whole and _names_department(company.text):
        # "Senior Director, Engineering" over "Zillow Group, Seattle, WA": a department or field of work after the
        # comma is the title's, and the employer is the name written elsewhere in the header, if any.
        employer = next(
            (
                p
                for p in candidates
                if p.whole != title.whole and (company_score(p.text) or title_case(p.text)) and not is_location(p.text)
            ),
            _Piece("", company.line),
        )
        return _Piece(title.whole, title.line, title.kind), employer
    if company.whole == title.whole:
        # "HR Specialist, US HR Operations" above "Company Name － City , State"; an organisation on the date line
        # with the title on a line of its own.
        company = next(
            (
                p
                for p in candidates
                if p.whole != title.whole
                and (
                    company_score(p.text) > max(2, company_score(company.text))
                    or (p.line == -1 != title.line and company_score(p.text) >= max(1, company_score(company.text)))
                )
            ),
            company,
        )
    tail = next((p for p in candidates if p.whole == title.whole and p.line == title.line), None)
    if tail is not None and company_score(tail.text) > company_score(company.text):
        return title, tail
    if company.text not in title.whole and not _names_a_place(title.whole[len(title.text) + 1 :].strip()):
        return _Piece(title.whole, title.line, title.kind), company  # not a place ("Stajyer, Ankara")
    return title, company


def _names_department(piece: str) -> bool:
    """Every word of `piece` names a department or a field of work ("Engineering", "Data Analytics and
    Infrastructure", "Technology Support"; title_words' ``department_words``)."""
    words = [word for word in re.findall(r"[^\W\d_]+", piece.casefold()) if word not in NAME_JOINERS]
    return bool(words) and all(word in _DEPARTMENTS for word in words)


# The lower-case words inside a name or a section's name ("Data Analytics and Infrastructure", "Terms of Use").
NAME_JOINERS: Final = frozenset({"and", "of", "&"})
_DEPARTMENTS: Final = frozenset(built_words().department_words)
_JOINED_TITLE = r"\s+[-–—－/]\s+|\s*/\s*"  # "Senior Analyst - Data Platform", "Cashier/Copy Center"


def _joined_qualifier(
    title: _Piece | None, company: _Piece | None, candidates: Sequence[_Piece], line_text: str
) -> tuple[_Piece | None, _Piece | None]:
    """The title and company of a header whose title was cut at a dash or a slash ("Senior Analyst - Data
    Platform", "Patisserie Attendant / In Room Dining Order Taker", "Cashier/Copy Center") and whose employer is
    written elsewhere in it (an organisation, the "Company Name" placeholder): what was cut off belongs to the title,
    as written, like a qualifier after a comma (`_comma_qualifier`)."""
    if company is None or company.kind:
        return title, company
    if title is None or not is_title(title.text):
        # "Cashier/Copy Center": the slash kept the role noun from reading as a title, so no title was found or one
        # was taken for want of any ("City" of "City , State").
        head = re.split(r"\s*/\s*", company.text, maxsplit=1)[0]
        if "/" not in company.text or not is_title(head):
            return title, company
        joined_text = company.text
    else:
        if title.kind or company.line != title.line:
            return title, company
        joined = re.search(rf"{re.escape(title.text)}(?:{_JOINED_TITLE}){re.escape(company.text)}", line_text)
        if joined is None:
            return title, company
        joined_text = joined.group(0)
    employer = next(
        (
            p
            for p in candidates
            if p is not company and p.text not in joined_text and company_score(p.text) > company_score(company.text)
        ),
        None,
    )
    if employer is None:
        return title, company
    return _Piece(joined_text, company.line), employer


def _without_descriptor(company: str) -> str:
    """ "Bridgevine, Inc. (acquired by Updater)" → "Bridgevine, Inc.": words in brackets after the employer that
    describe it (lower-case: "(individual)", "(part of ...)"; a listed kind of business: "(SaaS)", "(Startup)") are
    no part of its name; a name or acronym in brackets ("TELE2 (BBNED)", "Academy for Software Engineering (AFSE)")
    stays."""
    bracket = _TRAILING_BRACKET.match(company)
    if bracket is None:
        return company
    words = re.sub(r"[\s_-]+", "", bracket.group(2)).lower()
    if not bracket.group(2).strip()[:1].islower() and words not in built_words().company_descriptors:
        return company
    return bracket.group(1).strip(_TRIM)


def read_header(
    text: str, lines: Sequence[HeaderLine], span: DateSpan, *, floor: int, ceiling: int, date_lines: set[int]
) -> EntryHeader:
    """The header of the entry dated by `span`. Lines at or above `floor` belong to the previous entry's
    header; `ceiling` is the first line of the next entry's date; `date_lines` hold other entries' dates.
    Lines of tags or braces only (an HTML table's cells, a data object's braces) are looked through; field
    lines ("position: ...") do not count against the number of lines looked at."""
    first, last = span.first_line, span.last_line
    # A job written as a sentence around its dates: "Working as a UI Developer for METROLABS from July 2020".
    stated = role_in_sentence(clean_markup(text[lines[first].start : span.start]))
    if stated is not None:
        return EntryHeader(stated[0], stated[1], "", first_line=first, body_line=last + 1)
    if date_field_line().match(lines[first].text):
        header = _object_header(text, lines, first, last, floor=floor, ceiling=ceiling)
        if header is not None:
            return header
    own_text = text[lines[first].start : span.start] + "   " + text[span.end : lines[last].end]
    own, location = _pieces(own_text, -1)
    locations: dict[int, str] = {-1: location}
    pieces: dict[int, list[_Piece]] = {-1: own}

    above: list[int] = []  # nearest first
    index = first - 1
    counted = skipped = 0
    parent_indent: int | None = None  # a term above its dates, written further left ("Acme" / "  2019 - 2021")
    while index > floor and counted < _MAX_ABOVE and index not in date_lines:
        if text.count("\n", lines[index].end, lines[index + 1].start) > 2 and not _parent_heading(
            lines[index].text, lines[first].text
        ):
            break  # two blank lines: another block, unless the line above is the heading the date line is under
        if _markup_only(lines[index].text) and skipped < _MAX_SKIPPED:
            if _OPENING.search(lines[index].text):
                break
            skipped += 1
            index -= 1
            continue
        if _FRAGMENT.match(clean_markup(lines[index].text)) and skipped < _MAX_SKIPPED:
            # "Title" / "City" / "," / "State" / "Company Name" / "/" / "Jan 2010": a PDF cut the header line into
            # pieces. A lone "/" is looked through; a lone "," joins the lines on both sides into one ("City , State").
            skipped += 1
            if lines[index].text.strip() == "," and above and above[-1] == index + 1 and index - 1 > floor:
                joined = lines[index - 1].text + " , " + lines[index + 1].text
                merged, merged_place = _pieces(joined, index - 1)
                # Counted as the loop below counts: "State" was, "City , State" (a place only) is not.
                was_counted = bool(pieces[index + 1]) or not locations[index + 1]
                counted += (bool(merged) or not merged_place) - was_counted
                del pieces[index + 1], locations[index + 1]
                above[-1] = index - 1
                pieces[index - 1], locations[index - 1] = merged, merged_place
                index -= 2
            else:
                index -= 1
            continue
        if _BULLET.match(lines[index].text) and _indent(text, lines[index]) > _indent(text, lines[first]):
            break  # a bullet nested deeper than the date line is the previous entry's ("    * Outsourced ...")
        parent = not above and _indent(text, lines[index]) < _indent(text, lines[first])
        if parent_indent is not None and _indent(text, lines[index]) > parent_indent:
            break  # "Acme" / "  2019 - 2021" with "  Did things" above "Acme": the previous term's definition
        parent_indent = _indent(text, lines[index]) if parent else parent_indent
        found = _near_pieces(lines, index, parent=parent)
        if found is None or (not found and not _pieces(lines[index].text, index)[1]):
            break
        pieces[index], locations[index] = found, _pieces(lines[index].text, index)[1]
        above.append(index)
        # Field lines and lines that only say where ("City , State") do not count against the lines looked at.
        if _field(clean_markup(lines[index].text)) is None and (found or not locations[index]):
            counted += 1
        elif len(above) >= _MAX_FIELDS:
            break
        index -= 1

    titled_above = any(is_title(p.text) for i in above for p in pieces[i])
    below: list[int] = []
    below_end: dict[int, int] = {}
    index = last + 1
    counted = skipped = 0
    while index < ceiling and counted < _MAX_BELOW and index not in date_lines:
        if _markup_only(lines[index].text) and skipped < _MAX_SKIPPED:
            if _CLOSING.search(lines[index].text):
                break
            skipped += 1
            index += 1
            continue
        if lines[index].text.startswith("#"):  # a markdown heading below the date starts the next block
            break
        if titled_above and text.count("\n", lines[index - 1].end, lines[index].start) >= 2:
            break  # "Title" / "Company" / "July 2011–Present" / blank line: the next block begins
        found = _near_pieces(lines, index)
        if found is None:
            break
        joined, end = lines[index].text, index
        # "Company Name" / "－" / "City" / "," / "State": a PDF cut the line into pieces.
        while end + 2 < ceiling and (
            _FRAGMENT.match(clean_markup(lines[end + 1].text)) or joined.rstrip().endswith((",", "－", "-", "–"))
        ):
            step = 2 if _FRAGMENT.match(clean_markup(lines[end + 1].text)) else 1
            joined += " " + " ".join(lines[i].text for i in range(end + 1, end + 1 + step))
            end += step
        if end > index:
            found, where = _pieces(joined, index)
        else:
            where = _pieces(lines[index].text, index)[1]
        pieces[index], locations[index] = found, where
        below.append(index)
        below_end[index] = end
        if _field(clean_markup(lines[index].text)) is None and (found or not where):
            counted += 1
        elif len(below) >= _MAX_FIELDS:
            break
        index = end + 1

    nearest = [-1, *above, *below]
    title = next((p for i in nearest for p in pieces[i] if p.kind == "title"), None)
    title = title or next((p for p in own if is_title(p.text)), None)
    for index in [*above, *below]:
        if title is None:
            title = next((p for p in pieces[index] if is_title(p.text) and p.kind != "company"), None)
    if title is None and len(own) >= 2:  # no role noun anywhere: the first of the date line's own pieces
        title = next((p for p in own if company_score(p.text) == 0), None)
    if title is None:
        # No role noun anywhere: on the nearest line that pairs an organisation with something else ("**Verkauf &
        # Projektleitung** | Ed. Keller AG, Kirchberg SG"), the something else.
        for index in [*above, *below][:2]:
            scores = [company_score(p.text) for p in pieces[index]]
            if len(scores) >= 2 and scores.count(0) == 1:
                title = pieces[index][scores.index(0)]
                break
    if title is None:
        # Nor does a line pair them, but of the two nearest lines of one piece each, one names an organisation
        # ("Instituto Mexicano del Seguro Social" / "Médica Urgencióloga" / "Marzo 2014 — Octubre 2021"): the other.
        single = [pieces[index][0] for index in [*above, *below][:2] if len(pieces[index]) == 1]
        scores = [company_score(piece.text) for piece in single]
        if len(single) == 2 and sorted(scores) == [0, 2] and single[scores.index(0)].kind != "company":
            title = single[scores.index(0)]

    if title is None and not own and last + 1 < ceiling and last + 1 not in date_lines:
        # A job written as a sentence under its dates: "He is a Technical Director at ECM - ...".
        stated = role_in_sentence(clean_markup(lines[last + 1].text))
        if stated is not None:
            return EntryHeader(stated[0], stated[1], "", first_line=first, body_line=last + 1)

    # The company: a company field, else on the title's line, then the date line, then the lines around,
    # nearest first. Lines that hold nothing but a location are looked through.
    title_line = title.line if title is not None else -1
    block = {title_line, first, last} - {-1}
    around = sorted(
        (i for i in [*above, *below] if i != title_line),
        key=lambda i: min(abs(i - j) for j in block),
    )
    order = [title_line, *([-1] if title_line != -1 else []), *around]
    candidates = [
        p
        for i in order
        for p in pieces[i]
        if p is not title and (p.kind == "company" or not is_title(p.text)) and not _duration().match(p.text)
    ]
    sequence = [i for i in [*reversed(above), first, *below] if i == first or pieces[i]]
    positions = [n for n, i in enumerate(sequence) if i in block or (i == first and title_line == -1)]
    close = {sequence[n] for p in positions for n in (p - 1, p, p + 1) if 0 <= n < len(sequence)} | {-1, first, last}
    company = next((p for p in candidates if p.kind == "company"), None)
    if title is not None and title.whole and not title.whole.startswith(title.text + ",") and company is None:
        # What was split off the title ("Administrator (Cloud)") is its employer only when its line names no
        # other one ("Senior AEM Administrator (Cloud) — ICF Next").
        company = next(
            (
                p
                for p in candidates
                if p.line in (title_line, -1)
                and p.whole != title.whole
                and (company_score(p.text) or title_case(p.text))
            ),
            None,
        )
        if company is not None:
            title = _Piece(title.whole, title.line, title.kind)
    elif (
        title is not None
        and company is not None
        and company.whole != title.whole
        and _BRACKETED_TAIL.fullmatch(title.whole[len(title.text) :])
    ):
        # The employer is written elsewhere ("**Instrutor de Inglês (EASL)**" / "@CCAA"): the bracket after the title
        # is part of it, as written.
        title = _Piece(title.whole, title.line, title.kind)
    on_line = [p for p in candidates if p.line in (title_line, -1) and (company_score(p.text) or title_case(p.text))]
    # "Engineer | Gliwice | Omnimech Sp. z o.o.": the name that is no place's, if any
    company = company or next((p for p in on_line if not _names_a_place(p.text)), on_line[0] if on_line else None)
    company = company or next((p for p in candidates if company_score(p.text)), None)
    company = company or next((p for p in candidates if p.line in close and title_case(p.text)), None)
    if company is None and title is not None:
        # No employer anywhere else: "CRDF Cybersecurity Instructor" holds it before the title.
        acronym = _split_leading_acronym(title.text)
        if len(acronym) == 2:
            company, title = _Piece(acronym[0], title.line), _Piece(acronym[1], title.line)

    if title is not None and company is not None:
        title, company = _comma_qualifier(title, company, candidates)
    line_text = own_text if title is None or title.line == -1 else lines[title.line].text
    title, company = _joined_qualifier(title, company, candidates, clean_markup(line_text))
    used = {first, last} | {p.line for p in (title, company) if p is not None and p.line >= 0}
    used |= {below_end[i] for i in list(used) if i in below_end}
    for index in range(min(used), max(used) + 1):  # the header's lines, those between its parts included
        location = location or locations.get(index, "")
    if not location:  # "Acme Corp — Berlin": a short name after the company on its line
        rest = [p for p in candidates if p.line == (company.line if company else -2) and p is not company]
        location = next((p.text for p in rest if len(p.text.split()) <= 3 and title_case(p.text)), "")
    # A location line of its own right below the header ("Austin, TX") belongs to it too.
    after = next((i for i in below if i > max(used)), None)
    if after is not None and not pieces[after] and locations.get(after):
        location = location or locations[after]
        used.add(below_end[after])
    return EntryHeader(
        title=cut_title(title.text)[:MAX_TITLE] if title is not None else "",
        company=_without_descriptor(company.text)[:MAX_TITLE] if company is not None else "",
        location=location[:MAX_TITLE],
        first_line=min(used),
        body_line=max(used) + 1,
    )


def without_code_around(title: str) -> str:
    """A title read with the code around its value (`badge="C# Entwickler" >}}`, `specialization":"Pharmacist`): the
    value. Other titles as they are."""
    keyed = _KEYED_VALUE.match(title)
    return keyed.group("value").strip(_TRIM) if keyed is not None else title


# A web address written beside a name ("https://www.fraudio.com Fraudio, Amsterdam, NL" of a LaTeX link's two
# arguments, "RA-Studio, https://ra-studio.ru"): no part of a title or an employer's name.
_WEB_ADDRESS = re.compile(r"(?:(?<=\s)|^)(?:https?://|www\.)[^\s,;]+[\s,;:]*")


def without_web_address(piece: str) -> str:
    """The piece without the web addresses written in it, unless nothing else is left."""
    if "http" not in piece and "www." not in piece:
        return piece
    return _WEB_ADDRESS.sub("", piece).strip(_TRIM) or piece


# For `title_model`, which describes the same pieces the header reader cuts.
BULLET = _BULLET
line_parts = _line_parts
split_leading_acronym = _split_leading_acronym
trim = _trim
