"""A resume's education (degree, level, field, institution, year) and certifications (name, issuer, year,
the taxonomy skill they certify).

Education is read in the education sections only: a degree's dates elsewhere would be a job's. Each
degree written there ("Bachelor of Science in Computer Science", "M.S : Mechanical Engineering", "MBA",
"High School Diploma") is one item; its institution is the piece of its line, or of a line next to it,
that names a school ("Florida International University - City , State"), looked for first on the side
the section's first institution stands on (resumes keep one layout); its year the latest year written
with it (the graduation year of "2012 - 2016"). A school written without a degree is an item too.

Certifications are the lines of the certification sections (and lines in education naming a
certificate or licence), cut at ";" and bullets; the issuer is a piece after a dash, "by" or "from",
or in brackets; `resolve` names the taxonomy skill (AWS Certified Solutions Architect → aws).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from skillgap.skills.experience import Line, ResumeSectionKind
from skillgap.skills.models import CertificationItem, EducationItem
from skillgap.skills.resume_entries import clean_markup, company_score, is_location, segments

_LEVEL_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "doctorate",
        r"ph\.?\s?d\.?|doctor\s+of\s+[a-z]+(?:\s+[a-z]+)?|doctorate|d\.\s?phil|ed\.\s?d\.?|m\.d\.|j\.d\.|pharm\.\s?d",
    ),
    (
        "master",
        r"master'?s?(?:\s+of\s+(?:{of}))?(?:\s+degree)?|m\.\s?sc\.?|msc|m\.\s?s\.?|m\.\s?a\.|mba|m\.b\.a\.?|"
        r"m\.\s?eng\.?|meng|m\.\s?tech|mfa|m\.\s?ed\.?|mph|mpa|ll\.?m\.?|msn|m\.\s?com|mmath|mphys|mchem|"
        r"engineer['’]?s\s+degree|pgce",
    ),
    (
        "bachelor",
        r"bachelor'?s?(?:\s+of\s+(?:{of}))?(?:\s+degree)?|b\.\s?sc\.?|bsc|b\.\s?s\.?|b\.\s?a\.?|b\.\s?eng\.?|beng|"
        r"b\.\s?tech|btech|bba|b\.b\.a\.?|b\.\s?com|bfa|b\.\s?e\.|bsn|b\.s\.n\.?|licence(?:\s+pro)?",
    ),
    ("associate", r"associate'?s?(?:\s+of\s+(?:{of})|\s+degree|\s+in\b)|a\.\s?a\.\s?s\.?|a\.\s?a\.|a\.\s?s\.|aas"),
    ("secondary", r"high\s+school(?:\s+diploma)?|ged|secondary\s+school(?:\s+diploma)?|a-levels?"),
    ("diploma", r"diploma|certificate\s+program"),
)
# National diplomas written as short upper-case forms (French BTS, DUT, BAC; British HND; German Abitur) and
# Chinese degree words (本科 bachelor, 硕士 master, 博士 doctorate, 大专 associate), as written.
_NATIONAL = re.compile(
    r"(?<![\w])(?:(?P<associate>BTS|DUT|HND|HNC|DEUG)"
    r"|(?P<secondary>BAC(?:\s+(?:STG|STMG|ES|S|L|STI2D|PRO))?|Baccalaur[ée]at|Abitur|Matura))(?![\w])"
    r"|(?P<cjk_bachelor>本科|学士)|(?P<cjk_master>硕士|研究生)|(?P<cjk_doctorate>博士)|(?P<cjk_associate>大专|专科)"
)
_OF = (
    r"applied\s+science|science|sciences|arts|business\s+administration|engineering|fine\s+arts|education|laws|"
    r"philosophy|technology|public\s+health|public\s+administration|social\s+work|music|nursing|commerce|"
    r"architecture|computer\s+applications|computer\s+science|information\s+technology|accountancy|accounting|"
    r"health\s+administration|liberal\s+arts|general\s+studies|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
)
# Upper-case short forms ("BS", "MA", "BA") only as written: "ms" and "ba" are words, "MA" a state after a comma.
_SHORT = re.compile(r"(?<!,\s)(?<!,)\b(BS|BA|MS|MA|AA|PhD)\b(?!\s*,\s*\d)")
_DEGREE = re.compile(
    "|".join(rf"(?P<{level}>\b(?:{pattern.replace('{of}', _OF)}))(?![\w])" for level, pattern in _LEVEL_PATTERNS),
    re.IGNORECASE,
)
_SHORT_LEVEL = {
    "BS": "bachelor",
    "BA": "bachelor",
    "MS": "master",
    "MA": "master",
    "AA": "associate",
    "PhD": "doctorate",
}
_INSTITUTION = re.compile(
    r"\b(?:university|universit[äéey]|universidad|college|institute|school|academy|polytechnic|conservatory|"
    r"seminary|iit|mit)\b",
    re.IGNORECASE,
)
# "Education Bachelor of Arts : Interior Design IOWA STATE UNIVERSITY": a flattened resume's education heading
# runs on into its first degree.
_INLINE_HEADING = re.compile(
    r"^(?:education(?:\s+(?:and|&)\s+training)?|academic\s+background)\s*:?\s+(?=\S)(?=.*\b(?:"
    r"bachelor|master|associate|diploma|degree|ph\.?d|b\.?sc|m\.?sc|mba|b\.?a\.|b\.?s\.|m\.?s\.|high\s+school)\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_FIELD_START = re.compile(r"\s*(?:in|of|:|,|-|–|—|in the field of)\s+", re.IGNORECASE)
_FIELD_END = re.compile(r"\s*(?:,|;|\||\(|\s-\s|\s–\s|\s—\s|\bfrom\b|\bat\b|\d{4}|$)", re.IGNORECASE)
_CERTIFICATE = re.compile(
    r"\b(?:certified|certification|certificate|certified|licen[cs]ed?|license|accredit\w*|cpa|pmp|cissp|ccna|"
    r"ccnp|cisa|cism|cfa|csm|psm|itil|comptia)\b",
    re.IGNORECASE,
)
_ISSUER_CUT = re.compile(r"\s+(?:[-–—－|]|by|from|issued by)\s+|,\s+|\s*\(([^)]*)\)\s*$", re.IGNORECASE)
_CERT_SPLIT = re.compile(r"\s*(?:;|\s[•·▪●|]\s)\s*")
_BULLET = re.compile(r"^\s*(?:[•▪●◦‣⁃∙·➢➤►■□❖✓✔→>*+o]\s*|[-–—]\s+|\d{1,2}[.)]\s+)")
MAX_ITEMS = 30  # a profile shows a resume's degrees and certificates, not an upload's every line
_MAX_FIELD = 80
_MAX_NAME = 120
_NEAR = 2  # lines between a degree and its school


@dataclass
class _Degree:
    line: int
    degree: str
    level: str
    field: str
    institution: str
    year: int | None


def _strip_years(text: str, trim: str = " \t|,·•–—－-:;()[]") -> str:
    return _YEAR.sub("", text).strip(trim)


def _institution_in(text: str) -> str:
    for segment in segments(text):
        for piece in segment.split(","):
            piece = _strip_years(piece)
            if _INSTITUTION.search(piece) and not is_location(piece) and len(piece) <= 100:
                return piece
    return ""


def _degree_in(text: str) -> tuple[str, str, str, int, int] | None:
    """(degree as written, level, field, start, end) of the first degree a line names."""
    match = _DEGREE.search(text)
    if match is not None:
        level = next(name for name, value in match.groupdict().items() if value)
        start, end = match.span()
    elif (short := _SHORT.search(text)) is not None:
        level = _SHORT_LEVEL[short.group(1)]
        start, end = short.span(1)
    else:
        national = _NATIONAL.search(text)
        if national is None:
            return None
        name = next(name for name, value in national.groupdict().items() if value)
        level = name.removeprefix("cjk_")
        start, end = national.span()
    degree = text[start:end].strip(" ,:")
    if degree.endswith(".") and "." not in degree[:-1]:  # "Bachelor of Science." ends a sentence; "Ph.D." is written so
        degree = degree[:-1]
    field = ""
    lead = _FIELD_START.match(text, end)
    if lead is not None or text[end : end + 1] in {".", " ", "/"}:
        rest_start = lead.end() if lead is not None else end + 1
        stop = _FIELD_END.search(text, rest_start)
        candidate = text[rest_start : stop.start() if stop else len(text)].strip(" .:")
        candidate = candidate.strip(" .:*_/")
        if candidate and not _INSTITUTION.search(candidate) and not _DEGREE.match(candidate):
            field = candidate[:_MAX_FIELD]
    return degree, level, field, start, end


def _year_of(text: str) -> int | None:
    years = [int(year) for year in _YEAR.findall(text)]
    return max(years) if years else None


def parse_education(text: str, lines: Sequence[Line]) -> tuple[EducationItem, ...]:
    """The degrees and schools of the education sections, in resume order (module doc)."""
    indices = [
        i
        for i, line in enumerate(lines)
        if (line.section is ResumeSectionKind.EDUCATION and not line.heading) or _INLINE_HEADING.match(line.text)
    ]
    degrees: list[_Degree] = []
    schools: dict[int, str] = {}
    for i in indices:
        line_text = clean_markup(lines[i].text)
        found = _degree_in(line_text)
        # The degree's own words are no school: "High School Diploma".
        school = _institution_in(line_text if found is None else line_text[: found[3]] + " | " + line_text[found[4] :])
        if school:
            schools[i] = school
        if found is None:
            continue
        written, level, field, _, _ = found
        degrees.append(_Degree(i, written, level, field, school, _year_of(line_text)))
    in_section = set(indices)
    claimed = {degree.line for degree in degrees if degree.institution}
    school_first = bool(schools) and (not degrees or min(schools) < degrees[0].line)
    steps = [step * sign for step in range(1, _NEAR + 1) for sign in ((-1, 1) if school_first else (1, -1))]
    degree_lines = {degree.line for degree in degrees}
    for degree in degrees:
        if degree.institution:
            continue
        for step in steps:
            other = degree.line + step
            if other in schools and other not in claimed and other not in degree_lines and other in in_section:
                degree.institution = schools[other]
                claimed.add(other)
                if degree.year is None:
                    degree.year = _year_of(lines[other].text)
                break
    for degree in degrees:
        if degree.year is None:  # "2016" on a line of its own next to the degree
            for step in (1, -1):
                other = degree.line + step
                if other in in_section and other not in degree_lines and not _INSTITUTION.search(lines[other].text):
                    year = _year_of(lines[other].text)
                    if year is not None and len(lines[other].text) <= 40:
                        degree.year = year
                        break
    items = [
        (d.line, EducationItem(degree=d.degree, level=d.level, field=d.field, institution=d.institution, year=d.year))
        for d in degrees
    ]
    for line_index, school in schools.items():
        if line_index not in claimed and line_index not in degree_lines:
            items.append((line_index, EducationItem(institution=school, year=_year_of(lines[line_index].text))))
    items.sort(key=lambda item: item[0])
    return tuple(item for _, item in items[:MAX_ITEMS])


def _certification(piece: str, resolve: Callable[[str], str]) -> CertificationItem | None:
    year = _year_of(piece)
    name_part = _strip_years(piece, " \t|,·•–—－-:;")
    name_part = re.sub(r"\(\s*\)", "", name_part).strip()  # "(2021)" once its year is gone
    issuer = ""
    # The last cut: "AWS Certified Solutions Architect – Associate - Amazon Web Services".
    cut = max(_ISSUER_CUT.finditer(name_part), key=lambda match: match.start(), default=None)
    if cut is not None:
        tail = cut.group(1) if cut.group(1) is not None else name_part[cut.end() :]
        tail = _strip_years(tail)
        head = name_part[: cut.start()].strip()
        # The issuer is an organisation ("Amazon Web Services", "PMI"), not the rest of the name ("Associate").
        if head and tail and (company_score(tail) > 0 or _looks_like_issuer(tail)):
            issuer, name_part = tail, head
    name = name_part.strip(" \t|,·•–—－-:;")[:_MAX_NAME]
    if not name or not re.search(r"[^\W\d_]{2,}", name):
        return None
    return CertificationItem(name=name, issuer=issuer[:_MAX_NAME], year=year, skill_id=resolve(name))


_ISSUERS = re.compile(
    r"\b(?:amazon|aws|microsoft|google|cisco|comptia|pmi|oracle|red hat|salesforce|isc|isaca|scrum alliance|"
    r"scrum\.org|linux foundation|cncf|hashicorp|red cross|american heart|coursera|udemy|edx|ibm|vmware|"
    r"servsafe|osha|state of|board of|department of|national)\b",
    re.IGNORECASE,
)


def _looks_like_issuer(text: str) -> bool:
    return _ISSUERS.search(text) is not None and len(text.split()) <= 6


def parse_certifications(
    text: str, lines: Sequence[Line], resolve: Callable[[str], str]
) -> tuple[CertificationItem, ...]:
    """The certifications of the certification sections and the certificate lines of education (module doc)."""
    found: list[CertificationItem] = []
    seen: set[str] = set()
    for line in lines:
        if line.heading:
            continue
        in_section = line.section is ResumeSectionKind.CERTIFICATIONS
        if not in_section and not (
            line.section is ResumeSectionKind.EDUCATION
            and _CERTIFICATE.search(line.text)
            and _degree_in(line.text) is None
        ):
            continue
        content = _BULLET.sub("", line.text)
        pieces = _CERT_SPLIT.split(content)
        if len(pieces) == 1 and "," in content:
            parts = [part for part in content.split(",") if part.strip()]
            if len(parts) > 1 and all(_CERTIFICATE.search(part) for part in parts):
                pieces = parts
        for piece in pieces:
            if len(piece) > 200 or len(piece.split()) > 16:  # a sentence about certifications, not one
                continue
            item = _certification(piece.strip(), resolve)
            if item is not None and item.name.casefold() not in seen:
                seen.add(item.name.casefold())
                found.append(item)
                if len(found) == MAX_ITEMS:
                    return tuple(found)
    return tuple(found)
