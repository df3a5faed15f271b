"""Build `skillgap/skills/data/taxonomy.json` from the curated layer, GitHub linguist, O*NET and ESCO.

    python -m skillgap.skills.build [--shared ../shared] [--out PATH] [--check] [-v]

Inputs (read here only; the product loads the generated json):
- `data/curated.yaml` (schema: `curated_schema.py`): the reviewed skills, aliases, relations and ambiguity rules.
  It wins every conflict.
- `<shared>/data/linguist/languages.json` (GitHub linguist, MIT): every "programming" language and its aliases.
  A language whose name is already a curated name or alias is that curated skill.
- `<shared>/data/onet/Technology Skills.txt` (O*NET 29.2, CC BY 4.0): technology examples with Hot Technology
  and In Demand flags. An example joins an existing skill when its name, its name without " software", its
  trailing acronym ("... EC2"), its name without the acronym, or any of these without a known vendor
  ("Oracle Java" -> Java, "IBM Terraform" -> Terraform) is a name or alias of that skill, or when the curated
  layer lists it. Otherwise it becomes a skill of its own when it is used by computer and mathematical
  occupations (SOC 15-xxxx) under a technology commodity and is not a generic category ("Data mining software"),
  or, for the software people outside tech list (QuickBooks, AutoCAD, MEDITECH), when O*NET marks it a Hot
  Technology or at least `BROAD_USE` occupations use it. Flags are OR-ed over all occupations. Its group is its
  commodity ("accounting", "computer aided design CAD").
- `<shared>/data/esco/` (ESCO 1.2.0, European Commission): the digital, transversal, green and language skill
  collections (`skillgap.skills.esco`). A skill whose preferred label (without a parenthesis) is already a name
  joins that skill; others become skills of their own, with ESCO's nearest broader concept as their group.
  Their long labels are matched by meaningful words (`skillgap.skills.lemma`), not as surface forms; a one-word
  label is searched only when it is a distinctive name ("KDevelop", "SPARQL").

Every skill gets a kind (`SkillKind`) and a group: the curated layer's, else the source's (ESCO type and
collection, O*NET commodity), else the category's (`KIND_OF_CATEGORY`, `GROUP_OF_CATEGORY`). A language or a
platform may also get a subkind (`SkillSubkind`: markup, operating system, cloud...): the curated layer's, else
`DEFAULT_SUBKIND`'s. Practice, domain and soft-skill names, and every ESCO label, also get phrase keys
(`lemma.phrase_key`): "managing inventory" finds Inventory Management.

Human-language names ("Danish") share the curated `human_language_rule` unless `rules` gives one its own: a
nationality adjective before a noun ("the Danish company") is not the language. The curated `role_rule` goes to
the json as is: at run time it vetoes every form of a skill of its kinds (practices, domains) that names a job or
a team ("Senior Backend Engineer", "Role: DevOps", "our QA team").

Last, the light morphology of curated practice and soft-skill forms (`inflections`: "code reviews", "design
pattern", "mentored"), only where no source names the form.

The output is deterministic: skills sorted by id, lists sorted, no timestamps; `version` is a hash of the content.
`--check` writes nothing and exits 1 when the committed file differs from a fresh build.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import (
    BuildFailed,
    Source,
    build_arguments,
    content_version,
    render_json,
    run_build,
)
from skillgap.skills import curated_schema as curated
from skillgap.skills import esco
from skillgap.skills.curated_schema import CuratedLayer, Mode
from skillgap.skills.lemma import phrase_key
from skillgap.skills.models import KIND_OF_SUBKIND, SkillCategory, SkillKind, SkillSubkind
from skillgap.skills.taxonomy import Taxonomy, lookup_key, text_key

log = logging.getLogger("skillgap.skills.build")

PROG: Final = "python -m skillgap.skills.build"

REPO_ROOT: Final = Path(__file__).resolve().parents[3]
DEFAULT_SHARED: Final = REPO_ROOT.parent / "shared"
DEFAULT_OUT: Final = Path(__file__).resolve().parent / "data" / "taxonomy.json"
FORMAT: Final = 1

ATTRIBUTION: Final[tuple[dict[str, str], ...]] = (
    {
        "source": "O*NET 29.2 Database (Technology Skills)",
        "credit": "O*NET 29.2 Database, U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "url": "https://www.onetcenter.org/database.html",
        "notice": "This taxonomy includes information from the O*NET 29.2 Database by the U.S. Department of Labor, "
        "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET(R) is a "
        "trademark of USDOL/ETA. SkillGap has modified all or some of this information (filtered, merged and "
        "mapped to canonical skills). USDOL/ETA has not approved, endorsed, or tested these modifications.",
    },
    {
        "source": "GitHub linguist (languages.yml)",
        "credit": "GitHub, Inc. and linguist contributors",
        "license": "MIT",
        "license_url": "https://github.com/github-linguist/linguist/blob/main/LICENSE",
        "url": "https://github.com/github-linguist/linguist",
    },
    {
        "source": "ESCO 1.2.0 (digital, transversal, green and language skill collections)",
        "credit": "European Commission, ESCO classification",
        "license": "Free of charge for any use (Commission Decision 2011/833/EU)",
        "url": "https://esco.ec.europa.eu/",
        "notice": "This service uses the ESCO classification of the European Commission.",
    },
)

KIND_OF_CATEGORY: Final[dict[SkillCategory, SkillKind]] = {
    SkillCategory.UNSPECIFIED: SkillKind.TOOL,
    SkillCategory.LANGUAGE: SkillKind.LANGUAGE,
    SkillCategory.FRAMEWORK: SkillKind.FRAMEWORK,
    SkillCategory.DATABASE: SkillKind.DATABASE,
    SkillCategory.CLOUD: SkillKind.PLATFORM,
    SkillCategory.DEVOPS: SkillKind.TOOL,
    SkillCategory.DATA_ML: SkillKind.FRAMEWORK,
    SkillCategory.TOOL: SkillKind.TOOL,
    SkillCategory.PRACTICE: SkillKind.PRACTICE,
    SkillCategory.SOFT_SKILL: SkillKind.SOFT_SKILL,
}
# The subkind of a skill whose source names none: linguist gives only its "programming" languages, and the curated
# layer marks its markup and stylesheet languages. Other kinds have no default: a platform is only called an
# operating system or a cloud where the curated layer says so.
DEFAULT_SUBKIND: Final[dict[SkillKind, SkillSubkind]] = {SkillKind.LANGUAGE: SkillSubkind.PROGRAMMING}
GROUP_OF_CATEGORY: Final[dict[SkillCategory, str]] = {
    SkillCategory.UNSPECIFIED: "tools",
    SkillCategory.LANGUAGE: "programming languages",
    SkillCategory.FRAMEWORK: "frameworks and libraries",
    SkillCategory.DATABASE: "databases",
    SkillCategory.CLOUD: "cloud platforms",
    SkillCategory.DEVOPS: "infrastructure and operations",
    SkillCategory.DATA_ML: "data and machine learning",
    SkillCategory.TOOL: "tools",
    SkillCategory.PRACTICE: "software engineering practices",
    SkillCategory.SOFT_SKILL: "soft skills",
}
# Kinds whose names are matched by meaningful words too ("managing inventory"); product names are not.
PHRASE_KINDS: Final = frozenset({SkillKind.PRACTICE, SkillKind.DOMAIN, SkillKind.SOFT_SKILL})
# An O*NET example outside tech occupations becomes a skill when this many occupations list it (or it is hot).
BROAD_USE: Final = 8

# Commodities under which an O*NET example used by 15-xxxx occupations is a technology skill.
TECH_COMMODITIES: Final[dict[str, SkillCategory]] = {
    "Development environment software": SkillCategory.TOOL,
    "Web platform development software": SkillCategory.FRAMEWORK,
    "Object or component oriented development software": SkillCategory.FRAMEWORK,
    "Graphical user interface development software": SkillCategory.FRAMEWORK,
    "Compiler and decompiler software": SkillCategory.TOOL,
    "Program testing software": SkillCategory.TOOL,
    "File versioning software": SkillCategory.TOOL,
    "Configuration management software": SkillCategory.DEVOPS,
    "Operating system software": SkillCategory.DEVOPS,
    "Network operation system software": SkillCategory.DEVOPS,
    "Network operating system enhancement software": SkillCategory.DEVOPS,
    "Application server software": SkillCategory.DEVOPS,
    "Transaction server software": SkillCategory.DEVOPS,
    "Clustering software": SkillCategory.DEVOPS,
    "Enterprise system management software": SkillCategory.DEVOPS,
    "Network monitoring software": SkillCategory.DEVOPS,
    "Storage networking software": SkillCategory.DEVOPS,
    "Backup or archival software": SkillCategory.DEVOPS,
    "Filesystem software": SkillCategory.DEVOPS,
    "Internet directory services software": SkillCategory.DEVOPS,
    "Authentication server software": SkillCategory.DEVOPS,
    "Switch or router software": SkillCategory.DEVOPS,
    "Network security or virtual private network VPN management software": SkillCategory.DEVOPS,
    "Network security and virtual private network VPN equipment software": SkillCategory.DEVOPS,
    "Transaction security and virus protection software": SkillCategory.DEVOPS,
    "Cloud-based protection or security software": SkillCategory.DEVOPS,
    "Platform interconnectivity software": SkillCategory.DEVOPS,
    "Portal server software": SkillCategory.DEVOPS,
    "Communications server software": SkillCategory.DEVOPS,
    "Cloud-based management software": SkillCategory.CLOUD,
    "Cloud-based data access and sharing software": SkillCategory.CLOUD,
    "Data base management system software": SkillCategory.DATABASE,
    "Object oriented data base management software": SkillCategory.DATABASE,
    "Data base user interface and query software": SkillCategory.DATABASE,
    "Data base reporting software": SkillCategory.DATA_ML,
    "Business intelligence and data analysis software": SkillCategory.DATA_ML,
    "Analytical or scientific software": SkillCategory.DATA_ML,
    "Data mining software": SkillCategory.DATA_ML,
    "Metadata management software": SkillCategory.DATA_ML,
    "Information retrieval or search software": SkillCategory.DATA_ML,
    "Enterprise application integration software": SkillCategory.TOOL,
    "Requirements analysis and system architecture software": SkillCategory.TOOL,
    "Web page creation and editing software": SkillCategory.TOOL,
}
# Other commodities: an example used by 15-xxxx occupations joins only when O*NET marks it a Hot Technology.
NON_TECH_COMMODITIES: Final[frozenset[str]] = frozenset(
    {
        "Medical software",
        "Accounting software",
        "Human resources software",
        "Tax preparation software",
        "Financial analysis software",
        "Computer aided design CAD software",
        "Geographic information system",
        "Map creation software",
        "Industrial control software",
        "Pattern design software",
        "Point of sale POS software",
        "Multi-media educational software",
        "Computer based training software",
        "Calendar and scheduling software",
        "Time accounting software",
        "Inventory management software",
        "Customer relationship management CRM software",
        "Sales and marketing software",
    }
)
HOT_OTHER_CATEGORY: Final = SkillCategory.TOOL

_SOFTWARE_SUFFIX = re.compile(r"\s+(?:software|system software|systems software)$", re.IGNORECASE)
_GENERIC_SUFFIX = re.compile(r"\s+(?:software|systems?|tools|applications|suites?)$", re.IGNORECASE)
_ACRONYM = re.compile(r"^(?P<body>.+\S)\s+(?P<acr>\(?[A-Za-z0-9][A-Za-z0-9/&+.-]*\)?)$")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_PLAIN_WORDS = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")
_INFLECTED: Final = frozenset({SkillCategory.PRACTICE, SkillCategory.SOFT_SKILL})
_FUNCTION_WORDS: Final = frozenset({"of", "as", "to", "and", "or", "for", "in", "on", "with"})
_NO_PLURAL: Final = (
    *("y", "ing", "ed", "ment", "ion", "ness", "ity", "ics", "ure"),
    *("sh", "ch", "x", "z", "ce", "en", "ship", "ic", "ome"),
)
_NO_SINGULAR: Final = ("ss", "us", "is", "ies", "ics", "ses")


@dataclass
class _Draft:
    skill_id: str
    name: str
    category: SkillCategory
    implies: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    hot: bool = False
    in_demand: bool = False
    # Every surface form (name first) with where it came from; the origin decides its default mode.
    forms: dict[str, str] = field(default_factory=dict)
    kind: SkillKind | None = None
    subkind: SkillSubkind | None = None
    group: str | None = None
    phrases: set[str] = field(default_factory=set)  # extra names matched by meaningful words only (ESCO labels)


@dataclass
class _OnetExample:
    name: str
    hot: bool = False
    in_demand: bool = False
    occupations: set[str] = field(default_factory=set)
    commodities: Counter[str] = field(default_factory=Counter)
    tech_commodities: Counter[str] = field(default_factory=Counter)
    tech_any: bool = False  # some row, of any occupation, is under a technology commodity


class BuildError(BuildFailed):
    pass


class _TextOwners:
    """Which skill searches for which surface form: one skill per case-insensitive form, or per exact casing."""

    def __init__(self) -> None:
        self.insensitive: dict[str, str] = {}
        self.cased: dict[tuple[str, str], str] = {}
        self.cased_keys: dict[str, str] = {}
        self.phrases: dict[str, str] = {}

    def claim(self, key: str, form: str, mode: str, skill_id: str) -> str | None:
        """None when `skill_id` now owns the form; else the owner (possibly `skill_id` itself, already)."""
        owner = self.insensitive.get(key)
        if owner is not None:
            return owner
        if mode == "i":
            other = self.cased_keys.get(key)
            if other is not None and other != skill_id:
                return other
            self.insensitive[key] = skill_id
            return None
        owner = self.cased.get((key, form))
        if owner is not None:
            return owner
        self.cased[(key, form)] = skill_id
        self.cased_keys.setdefault(key, skill_id)
        return None


def slugify(name: str) -> str:
    s = name.lower().replace("++", "pp").replace("+", "plus").replace("#", "sharp").replace("*", "star")
    s = re.sub(r"^\.", "dot", s)
    return _SLUG_JUNK.sub("-", s).strip("-")


def split_acronym(name: str) -> tuple[str, str] | None:
    """("Amazon Elastic Compute Cloud", "EC2") for "Amazon Elastic Compute Cloud EC2"; None without one.

    The acronym's letters must appear in order in the body, starting at the initial of one of its words.
    """
    m = _ACRONYM.match(name)
    if m is None:
        return None
    body, acr = m.group("body"), m.group("acr").strip("()")
    if sum(ch.isupper() for ch in acr) < 2 or len(body.split()) < 2:
        return None
    letters = [ch for ch in acr.lower() if ch.isalpha()]
    lowered = body.lower()
    for word in re.finditer(r"[^\s/-]+", body):
        # The first letter starts a word, or is its second letter ("eXtensible" for XSLT).
        head = lowered[word.start() : word.start() + 2]
        if letters[0] not in head:
            continue
        rest = iter(lowered[word.start() + head.index(letters[0]) + 1 :])
        if all(ch in rest for ch in letters[1:]):
            return body, acr
    return None


def strip_vendor(name: str) -> str | None:
    for vendor in sorted(curated.ONET_VENDORS, key=len, reverse=True):
        if name.startswith(vendor + " ") and len(name) > len(vendor) + 1:
            return name[len(vendor) + 1 :]
    return None


def _is_generic(words: Sequence[str]) -> bool:
    """A description rather than a name: "Data mining", "Relational database management system"."""
    if not words:
        return True
    first, rest = words[0], words[1:]
    if not (first[:1].isupper() and (first[1:].islower() or len(first) == 1)) and not first.islower():
        return False
    return all(re.fullmatch(r"[a-z][a-z',/-]*", w) is not None for w in rest)


def is_noise(name: str) -> bool:
    if name in curated.ONET_EXCLUDE:
        return True
    had_suffix = _GENERIC_SUFFIX.search(name) is not None
    body = _GENERIC_SUFFIX.sub("", name)
    split = split_acronym(body)
    if split is not None:
        # "Border Gateway Protocol BGP" is a technology; "Geographic information system GIS software" a category.
        return had_suffix and _is_generic(split[0].split())
    words = body.split()
    if len(words) == 1:
        return had_suffix and words[0][1:].islower()
    return _is_generic(words)


def display_name(name: str) -> str:
    return _SOFTWARE_SUFFIX.sub("", name).strip()


def candidate_names(name: str) -> list[tuple[str, bool]]:
    """Names an O*NET example may be known by, most specific first; True marks a derived (shortened) one."""
    short = display_name(name)
    out: list[tuple[str, bool]] = [(name, False), (short, False)]
    split = split_acronym(short)
    if split is not None:
        out.extend([(split[1], True), (split[0], True)])
    for base, _derived in list(out):
        stripped = strip_vendor(base)
        if stripped is not None:
            out.append((stripped, True))
            inner = split_acronym(stripped)
            if inner is not None:
                out.extend([(inner[1], True), (inner[0], True)])
    seen: set[str] = set()
    unique: list[tuple[str, bool]] = []
    for candidate, derived in out:
        if candidate not in seen:
            seen.add(candidate)
            unique.append((candidate, derived))
    return unique


def inflections(form: str, category: SkillCategory) -> list[str]:
    """Light morphology of a practice or soft-skill form: the plural or singular of the last noun of a phrase
    ("code reviews" for "code review", "design pattern" for "design patterns", "self-starters") and the past of a
    one-word soft skill ("mentored" for "mentoring", "coached"). Phrases with function words inside ("Attention to
    Detail"), names inside lowercase phrases ("business English") and endings that do not inflect this simply
    ("-ion", "-ment", "-ity", "-ies", ...) yield nothing."""
    if category not in _INFLECTED or _PLAIN_WORDS.fullmatch(form) is None:
        return []
    words = form.replace("-", " ").split()
    if len(words) == 1:
        lower = form.lower()
        if category is SkillCategory.SOFT_SKILL and lower.endswith("ing") and len(lower) > 6:
            return [form[:-3] + "ed"]
        return []
    if _FUNCTION_WORDS.intersection(w.lower() for w in words[1:-1]):
        return []
    last = words[-1]
    if len(last) < 4 or any(ch.isupper() for ch in last[1:]) or (last[:1].isupper() and not words[0][:1].isupper()):
        return []
    lower = last.lower()
    if lower.endswith(_NO_PLURAL):
        return []
    if lower.endswith("s"):
        return [] if lower.endswith(_NO_SINGULAR) else [form[:-1]]
    return [form + "s"]


def commodity_group(commodity: str) -> str:
    """The group an O*NET commodity names: "Accounting software" -> "accounting"; acronyms kept once
    ("Enterprise resource planning ERP software" -> "enterprise resource planning")."""
    body = _GENERIC_SUFFIX.sub("", commodity).strip()
    split = split_acronym(body)
    if split is not None:
        body = split[0]
    return body[:1].lower() + body[1:]


def _distinctive(form: str) -> bool:
    """Some word has a capital inside or a digit ("WebLogic Server", "SQL Developer", "Survey 123")."""
    return any(any(ch.isupper() for ch in word[1:]) or any(ch.isdigit() for ch in word) for word in form.split())


def default_mode(form: str, origin: str) -> Mode:
    rule = curated.RULES.get(form)
    if rule is not None:
        return rule.mode
    if origin in ("linguist-alias", "esco-alias"):
        return "l"
    if origin == "esco-name":
        # ESCO's long labels are phrases; a one-word label is searched only when it cannot be an English word.
        distinct = _distinctive(form) or (form.isupper() and len(form) >= 3)
        return "c" if " " not in form and distinct and form.lower() not in curated.COMMON_WORDS else "l"
    if origin == "language-name":
        return "l" if form.lower() in curated.COMMON_WORDS else "c"
    if origin in ("curated", "curated-inflection"):
        return "l" if form.lower() in curated.COMMON_WORDS else "c" if len(form) <= 2 else "i"
    if origin == "onet-acronym":
        # Acronyms are safe in their casing ("BIND", "SAX"); longer ones also in lowercase ("xpath").
        return "c" if len(form) <= 3 or form.lower() in curated.COMMON_WORDS else "i"
    if form.lower() in curated.COMMON_WORDS or len(form) <= 2:
        return "l"
    if origin == "onet-short" and " " in form and not _distinctive(form):
        return "l"  # "Business Intelligence" of "SAP Business Intelligence" is not that product
    if " " in form or not form.isalpha():
        return "i"
    if form[0].islower() and form[1:].islower():
        return "l"  # "fish", "sed", "hoon": lowercase names read as words
    if form.isupper():
        return "c" if len(form) <= 3 else "i"
    if form[1:].islower():
        return "c"
    return "i"  # mixed case such as "CoffeeScript"


class Builder:
    def __init__(self) -> None:
        self.drafts: dict[str, _Draft] = {}
        self.key_owner: dict[str, str] = {}
        self.conflicts: list[str] = []
        self.attached: list[tuple[str, str, str]] = []  # (O*NET name, skill id, via)
        # Where each curated skill is written ("server/skillgap/skills/data/curated.yaml:412"), for errors.
        self.written_at: dict[str, str] = {}

    # --- registry ---------------------------------------------------------------------------------------

    def new_draft(self, skill_id: str, name: str, category: SkillCategory, source: str) -> _Draft:
        if skill_id in self.drafts:
            raise BuildError(f"duplicate skill id {skill_id!r}")
        draft = _Draft(skill_id, name, category, sources={source})
        self.drafts[skill_id] = draft
        return draft

    def add_form(self, draft: _Draft, form: str, origin: str, *, strict: bool = False) -> bool:
        form = form.strip()
        key = lookup_key(form)
        if not key:
            return False
        owner = self.key_owner.get(key)
        if owner is not None and owner != draft.skill_id:
            message = f"{form!r} ({origin}) for {draft.skill_id} is already {owner}"
            if strict:
                raise BuildError(message)
            self.conflicts.append(message)
            return False
        self.key_owner[key] = draft.skill_id
        draft.forms.setdefault(form, origin)
        return True

    # --- sources ----------------------------------------------------------------------------------------

    def add_curated(self, source: Source[CuratedLayer] | None = None) -> None:
        """The curated skills of `source` (default: the committed `data/curated.yaml`)."""
        if source is None:
            source = curated.committed()
        for index, skill in enumerate(source.data.skills):
            at = source.at("skills", index)
            try:
                if slugify(skill.skill_id) != skill.skill_id:
                    raise BuildError(f"curated id {skill.skill_id!r} is not a slug")
                draft = self.new_draft(skill.skill_id, skill.name, skill.category, "curated")
                draft.implies = list(skill.implies)
                draft.kind, draft.subkind, draft.group = skill.kind, skill.subkind, skill.group
                for form in (skill.name, *skill.aliases):
                    self.add_form(draft, form, "curated", strict=True)
            except BuildError as exc:
                raise BuildError(f"{at}: {exc}") from None
            self.written_at[skill.skill_id] = at

    def add_inflections(self) -> None:
        """Inflected forms of the curated practice and soft-skill names (`inflections`); they come last, so they
        never take a form any source names."""
        for skill in curated.CURATED:
            draft = self.drafts[skill.skill_id]
            for form in (skill.name, *skill.aliases):
                if default_mode(form, "curated") != "i":
                    continue
                for variant in inflections(form, skill.category):
                    if lookup_key(variant) not in self.key_owner and variant.lower() not in curated.COMMON_WORDS:
                        self.add_form(draft, variant, "curated-inflection")

    def add_linguist(self, languages: dict[str, dict[str, Any]]) -> None:
        for name in sorted(languages):
            info = languages[name]
            if info.get("type") != "programming" or name in curated.LINGUIST_EXCLUDE:
                continue
            owner = self.key_owner.get(lookup_key(name))
            if owner is not None:
                self.drafts[owner].sources.add("linguist")
                continue
            skill_id = slugify(name)
            if skill_id in self.drafts:
                skill_id = f"{skill_id}-lang"
            draft = self.new_draft(skill_id, name, SkillCategory.LANGUAGE, "linguist")
            self.add_form(draft, name, "linguist-name")
            for alias in sorted(info.get("aliases", ())):
                if alias.lower() in curated.LINGUIST_ALIAS_DENY or len(lookup_key(alias)) < 3:
                    continue
                self.add_form(draft, alias, "linguist-alias")

    def add_onet(self, examples: dict[str, _OnetExample]) -> None:
        source = curated.committed()
        explicit: dict[str, str] = {}
        for index, skill in enumerate(curated.CURATED):
            for onet_name in skill.onet:
                if onet_name in explicit:
                    raise BuildError(f"{source.at('skills', index, 'onet')}: O*NET name {onet_name!r} listed twice")
                explicit[onet_name] = skill.skill_id
        for onet_name, skill_id in curated.ONET_TO_SKILL.items():
            if onet_name in explicit:
                raise BuildError(f"{source.at('onet_to_skill', onet_name)}: O*NET name {onet_name!r} listed twice")
            explicit[onet_name] = skill_id
        unseen = set(explicit) - set(examples)
        if unseen:
            raise BuildError(f"curated O*NET names not in the data: {sorted(unseen)}")

        # Examples mapped to a skill another example creates come last.
        ordered = sorted(examples, key=lambda n: (n in explicit and explicit[n] not in self.drafts, n))
        for name in ordered:
            example = examples[name]
            target: str | None = explicit.get(name)
            via = "curated"
            if target is None and name in curated.ONET_EXCLUDE:
                continue
            if target is None:
                for candidate, derived in candidate_names(name):
                    target = self.match_onet(example, candidate, derived)
                    if target is not None:
                        via = candidate
                        break
            if target is not None:
                if target not in self.drafts:
                    raise BuildError(f"O*NET name {name!r} is mapped to unknown skill {target!r}")
                draft = self.drafts[target]
                draft.hot |= example.hot
                draft.in_demand |= example.in_demand
                draft.sources.add("onet")
                self.add_form(draft, name, "onet-name")
                self.attached.append((name, target, via))
                continue
            if not self.onet_is_skill(example):
                continue
            self.add_onet_skill(example)

    def match_onet(self, example: _OnetExample, candidate: str, derived: bool) -> str | None:
        """The skill `candidate` names, if an O*NET example may join it automatically."""
        owner = self.key_owner.get(lookup_key(candidate))
        if owner is None:
            return None
        draft = self.drafts[owner]
        if draft.category is SkillCategory.SOFT_SKILL:
            return None
        if not derived:
            return owner
        # A shortened name ("IOS" of "Cisco IOS", "Analytics" of "Adobe Analytics") must be a searchable form of
        # the skill in the same casing, and a skill outside the curated layer needs a technology commodity.
        origin = draft.forms.get(candidate)
        if origin is None or len(candidate) < 3 or default_mode(candidate, origin) == "l":
            return None
        if "curated" not in draft.sources and not example.tech_any:
            return None
        return owner

    @staticmethod
    def onet_is_skill(example: _OnetExample) -> bool:
        if is_noise(example.name):
            return False
        if not any(o.startswith("15-") for o in example.occupations):
            # Software people outside tech list: QuickBooks, AutoCAD, MEDITECH.
            return example.hot or len(example.occupations) >= BROAD_USE
        n_tech_occupations = sum(o.startswith("15-") for o in example.occupations)
        if example.tech_commodities:
            return example.hot or example.in_demand or n_tech_occupations >= 2
        return example.hot and not set(example.commodities) <= NON_TECH_COMMODITIES

    def add_onet_skill(self, example: _OnetExample) -> None:
        name = example.name
        shown = display_name(name)
        skill_id = slugify(shown)
        if skill_id in self.drafts:
            skill_id = f"{skill_id}-onet"
        if example.tech_commodities:
            commodity = sorted(example.tech_commodities.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            category = TECH_COMMODITIES[commodity]
        else:
            commodity = sorted(example.commodities.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            category = HOT_OTHER_CATEGORY
        draft = self.new_draft(skill_id, shown, category, "onet")
        draft.group = commodity_group(commodity)
        draft.hot, draft.in_demand = example.hot, example.in_demand
        self.add_form(draft, shown, "onet-name")
        self.add_form(draft, name, "onet-name")
        split = split_acronym(shown)
        if split is not None:
            self.add_form(draft, split[1], "onet-acronym")
            if _is_generic(split[0].split()):
                self.add_form(draft, split[0], "onet-name")  # "Structured query language" of "... SQL"
        stripped = strip_vendor(shown)
        if stripped is not None:
            self.add_form(draft, stripped, "onet-short")

    def add_esco(self, esco_dir: Path) -> None:
        """ESCO's digital, transversal and green collections, then one skill per language (module docstring)."""
        for collection in ("digital", "transversal", "green"):
            for row in esco.read_collection(esco_dir, collection):
                if row.name not in curated.ESCO_EXCLUDE:
                    self.add_esco_skill(row)
        folded = esco.languages(esco.read_collection(esco_dir, "language"))
        for name, labels in folded.items():
            if name in curated.ESCO_EXCLUDE:
                continue
            owner = self.key_owner.get(lookup_key(name))
            if owner is None:
                skill_id = slugify(name) if slugify(name) not in self.drafts else f"{slugify(name)}-language"
                draft = self.new_draft(skill_id, name, SkillCategory.SOFT_SKILL, "esco")
                self.add_form(draft, name, "language-name")
            else:
                draft = self.drafts[owner]
                draft.sources.add("esco")
            draft.kind = draft.kind or SkillKind.HUMAN_LANGUAGE
            draft.group = draft.group or "languages"
            draft.phrases.update(k for k in map(phrase_key, labels) if k is not None)

    def add_esco_skill(self, row: esco.EscoSkill) -> None:
        base = re.sub(r"\s*\([^)]*\)", "", row.name).strip() or row.name
        owner = self.key_owner.get(lookup_key(base)) or self.key_owner.get(lookup_key(row.name))
        if owner is not None:
            draft = self.drafts[owner]
            draft.sources.add("esco")
            if "curated" not in draft.sources:  # a curated skill keeps its category's group ("programming languages")
                draft.group = draft.group or row.group
        else:
            skill_id = slugify(base)
            if skill_id in self.drafts:
                skill_id = f"{skill_id}-esco"
            product = any(ch.isupper() for ch in base)  # "KDevelop", "Maltego": a product, not a practice
            if row.collection == "transversal":
                category, kind = SkillCategory.SOFT_SKILL, SkillKind.SOFT_SKILL
            elif product:
                category, kind = SkillCategory.TOOL, SkillKind.TOOL
            else:
                category = SkillCategory.PRACTICE
                kind = SkillKind.DOMAIN if row.skill_type == "knowledge" else SkillKind.PRACTICE
            draft = self.new_draft(skill_id, base[:1].upper() + base[1:], category, "esco")
            draft.kind, draft.group = kind, row.group
            self.add_form(draft, base, "esco-name")
        for label in row.labels:
            if label != base and lookup_key(label) not in self.key_owner:
                self.add_form(draft, label, "esco-alias")
            key = phrase_key(label)
            if key is not None:
                draft.phrases.add(key)

    # --- output -----------------------------------------------------------------------------------------

    def check(self) -> None:
        for draft in self.drafts.values():
            at = f"{self.written_at[draft.skill_id]}: " if draft.skill_id in self.written_at else ""
            for implied in draft.implies:
                if implied not in self.drafts:
                    raise BuildError(f"{at}{draft.skill_id} implies unknown {implied!r}")
                if implied == draft.skill_id:
                    raise BuildError(f"{at}{draft.skill_id} implies itself")
            kind = draft.kind or KIND_OF_CATEGORY[draft.category]
            refined = KIND_OF_SUBKIND.get(draft.subkind) if draft.subkind else kind
            if refined is not kind:
                raise BuildError(
                    f"{at}{draft.skill_id} is a {kind.value}: subkind {draft.subkind!s} refines "
                    f"{refined.value if refined else 'no kind'}"
                )

    def skill_json(self, draft: _Draft, owners: _TextOwners) -> dict[str, Any]:
        aliases = sorted((f for f in draft.forms if f != draft.name), key=lambda f: (f.lower(), f))
        text: list[list[str]] = []
        for form, origin in draft.forms.items():
            mode = default_mode(form, origin)
            if mode == "l":
                continue
            owner = owners.claim(text_key(form), form, mode, draft.skill_id)
            if owner is None:
                text.append([form, mode])
            elif owner != draft.skill_id:
                self.conflicts.append(f"text form {form!r} for {draft.skill_id} is already {owner}")
        text.sort(key=lambda fm: (fm[0].lower(), fm[0]))
        kind = draft.kind or KIND_OF_CATEGORY[draft.category]
        subkind = draft.subkind or DEFAULT_SUBKIND.get(kind)
        phrases = set(draft.phrases)
        if kind in PHRASE_KINDS or "esco" in draft.sources:
            phrases.update(
                k
                for form, origin in draft.forms.items()
                if origin.startswith("curated")
                for k in [phrase_key(form)]
                if k
            )
        claimed: list[str] = []
        for key in sorted(phrases):
            owner = owners.phrases.setdefault(key, draft.skill_id)
            if owner == draft.skill_id:
                claimed.append(key)
        return {
            "id": draft.skill_id,
            "name": draft.name,
            "category": draft.category.value,
            "kind": kind.value,
            **({"subkind": subkind.value} if subkind else {}),
            "group": draft.group or GROUP_OF_CATEGORY[draft.category],
            "aliases": aliases,
            "implies": sorted(set(draft.implies)),
            "hot": draft.hot,
            "in_demand": draft.in_demand,
            "sources": sorted(draft.sources),
            "text": text,
            **({"phrases": claimed} if claimed else {}),
        }

    def document(self) -> dict[str, Any]:
        self.check()
        owners = _TextOwners()
        order = sorted(self.drafts.values(), key=lambda d: (_SOURCE_RANK[_primary_source(d)], d.skill_id))
        skills = {d.skill_id: self.skill_json(d, owners) for d in order}
        used_forms = {form for s in skills.values() for form, _mode in s["text"]}
        rules = {
            form: {k: v for k, v in (("cue", r.cue), ("before_not", r.before_not), ("after_not", r.after_not)) if v}
            for form, r in sorted(curated.RULES.items())
            if form in used_forms and (r.cue or r.before_not or r.after_not)
        }
        # Language names read as nationality adjectives ("the Danish company"): one rule for all of them.
        language = curated.HUMAN_LANGUAGE_RULE
        language_rule = {k: v for k, v in (("before_not", language.before_not), ("after_not", language.after_not)) if v}
        if language_rule:
            for s in skills.values():
                if s["kind"] == SkillKind.HUMAN_LANGUAGE.value:
                    for form, _mode in s["text"]:
                        if form not in curated.RULES:
                            rules[form] = language_rule
            rules = dict(sorted(rules.items()))
        # Practices and fields named as a job or a team ("Backend Engineer", "our QA team"): one rule for all.
        role = curated.ROLE_RULE
        role_rule = {k: v for k, v in (("before_not", role.before_not), ("after_not", role.after_not)) if v}
        body: dict[str, Any] = {
            "format": FORMAT,
            "attribution": list(ATTRIBUTION),
            "cues": {kind: list(pair) for kind, pair in sorted(curated.CUES.items())},
            "rules": rules,
            **({"role_rule": {"kinds": sorted(k.value for k in role.kinds), **role_rule}} if role_rule else {}),
            "skills": [skills[k] for k in sorted(skills)],
        }
        return {"format": FORMAT, "version": content_version(body), **{k: v for k, v in body.items() if k != "format"}}


_SOURCE_RANK: Final = {"curated": 0, "linguist": 1, "onet": 2, "esco": 3}


def _primary_source(draft: _Draft) -> str:
    return min(draft.sources, key=lambda s: _SOURCE_RANK[s])


def read_onet(path: Path) -> dict[str, _OnetExample]:
    examples: dict[str, _OnetExample] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name = row["Example"].strip()
            example = examples.setdefault(name, _OnetExample(name))
            soc = row["O*NET-SOC Code"]
            example.hot |= row["Hot Technology"] == "Y"
            example.in_demand |= row["In Demand"] == "Y"
            example.occupations.add(soc)
            commodity = row["Commodity Title"]
            example.commodities[commodity] += 1
            example.tech_any |= commodity in TECH_COMMODITIES
            if soc.startswith("15-") and commodity in TECH_COMMODITIES:
                example.tech_commodities[commodity] += 1
    return examples


def render(document: dict[str, Any]) -> str:
    """One skill per line: reviewable diffs, still compact."""
    return render_json(document, "skills")


def build(shared: Path) -> tuple[str, Builder]:
    onet_path = shared / "data" / "onet" / "Technology Skills.txt"
    linguist_path = shared / "data" / "linguist" / "languages.json"
    esco_dir = shared / "data" / "esco"
    for path in (onet_path, linguist_path, *(esco_dir / name for name in esco.COLLECTIONS.values())):
        if not path.is_file():
            raise BuildError(f"missing input {path}")
    builder = Builder()
    builder.add_curated()
    builder.add_linguist(json.loads(linguist_path.read_text(encoding="utf-8")))
    builder.add_onet(read_onet(onet_path))
    builder.add_esco(esco_dir)
    builder.add_inflections()
    text = render(builder.document())
    Taxonomy.from_json(text)  # every regex compiles and the file loads
    return text, builder


def _summary(text: str) -> str:
    data = json.loads(text)
    skills = data["skills"]
    primary = Counter(min(s["sources"], key=lambda x: _SOURCE_RANK[x]) for s in skills)
    with_source = Counter(src for s in skills for src in s["sources"])
    forms = Counter(mode for s in skills for _f, mode in s["text"])
    return (
        f"{len(skills)} skills (curated {primary['curated']}, from linguist {primary['linguist']}, "
        f"from O*NET {primary['onet']}, from ESCO {primary['esco']}); with linguist data {with_source['linguist']}, "
        f"with O*NET data {with_source['onet']}, with ESCO data {with_source['esco']}; "
        f"phrase keys {sum(len(s.get('phrases', ())) for s in skills)}; hot {sum(s['hot'] for s in skills)}, "
        f"in demand {sum(s['in_demand'] for s in skills)}; "
        f"text forms {dict(sorted(forms.items()))}; {len(text.encode())} bytes; version {data['version']}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, __doc__.split("\n")[0], DEFAULT_OUT)
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder (default: %(default)s)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list conflicts and O*NET attachments")
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text, builder = build(args.shared)
        if args.verbose:
            for message in builder.conflicts:
                log.info("conflict: %s", message)
            for name, target, via in builder.attached:
                log.info("O*NET %r -> %s (via %r)", name, target, via)
        return text, _summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())
