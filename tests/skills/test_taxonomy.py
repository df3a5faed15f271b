"""The packaged skill taxonomy: aliases, relations, ambiguity in free text, offsets, and freshness of the file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.skills import curated_schema
from skillgap.skills import curated_schema as curated
from skillgap.skills.build import Builder, BuildError, build, main
from skillgap.skills.models import KIND_OF_SUBKIND, Skill, SkillCategory, SkillKind, SkillSubkind
from skillgap.skills.taxonomy import Mention, Taxonomy, lookup_key

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="module")
def tx() -> Taxonomy:
    return Taxonomy.load()


def ids(tx: Taxonomy, text: str) -> list[str]:
    return [m.skill_id for m in tx.find_mentions(text)]


# --- lookup ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "skill_id"),
    [
        ("k8s", "kubernetes"),
        ("K8S", "kubernetes"),
        ("Postgres", "postgresql"),
        ("postgresql", "postgresql"),
        ("JS", "javascript"),
        ("ECMAScript", "javascript"),
        ("React.js", "react"),
        ("reactjs", "react"),
        ("GCP", "google-cloud"),
        ("Google Cloud Platform", "google-cloud"),
        ("golang", "go"),
        ("node", "node-js"),
        ("Node.js", "node-js"),
        ("nodejs", "node-js"),
        ("C#", "csharp"),
        ("c++", "cpp"),
        ("C", "c"),
        (".NET", "dotnet"),
        ("Oracle Java", "java"),
        ("Microsoft Excel", "excel"),
        ("Spring Framework", "spring"),
        ("spring boot", "spring-boot"),
        ("scikit learn", "scikit-learn"),
        ("CI / CD", "ci-cd"),
        ("Amazon Web Services", "aws"),
        ("Structured query language SQL", "sql"),
    ],
)
def test_lookup_resolves_names_and_aliases(tx: Taxonomy, name: str, skill_id: str) -> None:
    entry = tx.lookup(name)
    assert entry is not None, name
    assert entry.skill_id == skill_id


def test_lookup_ignores_case_space_and_punctuation_but_keeps_plus_and_sharp(tx: Taxonomy) -> None:
    assert lookup_key(" React . JS ") == lookup_key("reactjs")
    assert {tx.lookup(n).skill_id for n in ("C", "C#", "C++")} == {"c", "csharp", "cpp"}  # type: ignore[union-attr]
    assert tx.lookup("no such skill at all") is None
    assert tx.lookup("") is None


def test_entries_and_to_skill(tx: Taxonomy) -> None:
    entry = tx.get("python")
    assert entry is not None
    assert entry.name == "Python"
    assert entry.category is SkillCategory.LANGUAGE
    assert tx.get("nope") is None
    assert entry.to_skill() == Skill(
        skill_id="python",
        name="Python",
        category=SkillCategory.LANGUAGE,
        normalized=True,
        kind=SkillKind.LANGUAGE,
        subkind=SkillSubkind.PROGRAMMING,
        group="programming languages",
    )


def test_subkinds_tell_markup_from_programs_and_operating_systems_from_clouds(tx: Taxonomy) -> None:
    # What the interview's templates need to know: no service is "written in" HTML, and Linux sends no bill.
    expected = {
        SkillSubkind.PROGRAMMING: ["python", "rust", "bash", "javascript"],
        SkillSubkind.MARKUP: ["html", "xml"],
        SkillSubkind.STYLESHEET: ["css", "sass"],
        SkillSubkind.OPERATING_SYSTEM: ["linux", "ubuntu", "windows-server", "macos"],
        SkillSubkind.MOBILE: ["android", "ios"],
        SkillSubkind.CLOUD: ["aws", "azure", "google-cloud", "s3", "aws-lambda"],
        SkillSubkind.UNSPECIFIED: ["sql", "kubernetes", "salesforce", "react", "postgresql"],
    }
    for subkind, skill_ids in expected.items():
        for skill_id in skill_ids:
            entry = tx.get(skill_id)
            assert entry is not None and entry.subkind is subkind, (skill_id, entry and entry.subkind)
            assert entry.to_skill().subkind is subkind
    for entry in tx:
        refined = KIND_OF_SUBKIND.get(entry.subkind)
        assert refined in (None, entry.kind), (entry.skill_id, entry.kind, entry.subkind)
        if entry.kind is SkillKind.LANGUAGE:  # a language is a programming language unless the data says otherwise
            assert entry.subkind is not SkillSubkind.UNSPECIFIED, entry.skill_id


def test_load_is_a_cached_singleton(tx: Taxonomy) -> None:
    assert Taxonomy.load() is tx
    assert len(tx.version) == 16


# --- relations ------------------------------------------------------------------------------------------------


def test_relations(tx: Taxonomy) -> None:
    assert "python" in tx.implied("django")
    assert "javascript" in tx.implied("typescript")
    assert tx.implied("spring-boot") >= {"spring", "java"}  # transitive
    assert tx.implied("next-js") >= {"react", "javascript"}
    assert tx.implied("eks") >= {"aws", "kubernetes"}
    assert tx.implied("pyspark") >= {"spark", "python"}
    assert "pytorch" not in tx.implied("pytorch")
    assert tx.implied("python") == frozenset()
    assert tx.implied("unknown-skill") == frozenset()


def test_every_implied_id_exists_and_nothing_implies_itself(tx: Taxonomy) -> None:
    for entry in tx:
        for implied in entry.implies:
            assert tx.get(implied) is not None, (entry.skill_id, implied)
        assert entry.skill_id not in tx.implied(entry.skill_id)


# --- content --------------------------------------------------------------------------------------------------


def test_taxonomy_has_several_hundred_curated_skills_with_categories(tx: Taxonomy) -> None:
    assert len(curated.CURATED) >= 300
    assert len(tx) > len(curated.CURATED)
    for skill in curated.CURATED:
        entry = tx.get(skill.skill_id)
        assert entry is not None, skill.skill_id
        assert entry.category is skill.category
    assert {e.category for e in tx} == set(SkillCategory) - {SkillCategory.UNSPECIFIED}


def test_onet_flags_are_carried(tx: Taxonomy) -> None:
    for skill_id in ("python", "kubernetes", "java", "go", "sql"):
        entry = tx.get(skill_id)
        assert entry is not None
        assert entry.hot, skill_id
    python = tx.get("python")
    assert python is not None and python.in_demand
    assert not tx.get("zig").hot  # type: ignore[union-attr]


def test_linguist_and_onet_skills_are_present(tx: Taxonomy) -> None:
    assert tx.lookup("CoffeeScript") is not None  # linguist only
    assert tx.lookup("Tcl") is not None
    splunk = tx.lookup("Splunk Enterprise")
    assert splunk is not None and splunk.skill_id == "splunk"
    wildfly = tx.lookup("Red Hat WildFly")  # O*NET only
    assert wildfly is not None and wildfly.in_demand


def test_attribution_is_shipped(tx: Taxonomy) -> None:
    credits = " ".join(a.get("credit", "") + " " + a.get("license", "") for a in tx.attribution)
    assert "O*NET 29.2 Database, U.S. Department of Labor" in credits
    assert "CC BY 4.0" in credits
    assert "MIT" in credits


def test_packaged_file_is_small() -> None:
    data = resources.files("skillgap.skills").joinpath("data", "taxonomy.json").read_bytes()
    # ESCO's and O*NET's non-tech vocabulary made it 1.3 MB (issue 16); it loads in well under a second.
    assert len(data) < 2_000_000


# --- mention finding: ambiguity -------------------------------------------------------------------------------


def test_go(tx: Taxonomy) -> None:
    assert ids(tx, "We write services in Go and Python") == ["go", "python"]
    assert ids(tx, "Golang developer") == ["go"]
    assert ids(tx, "Languages: Go, Rust, TypeScript") == ["go", "rust", "typescript"]
    assert ids(tx, "Ready to go to market") == []
    assert ids(tx, "Go-to-market strategy with Python") == ["python"]
    assert ids(tx, "Let's go!") == []
    assert ids(tx, "Go above and beyond for customers") == []


def test_r(tx: Taxonomy) -> None:
    assert ids(tx, "R and Python for statistics") == ["r", "python", "statistics"]
    assert ids(tx, "Experience with R programming") == ["r"]
    assert ids(tx, "R/Python") == ["r", "python"]
    assert ids(tx, "R&D team") == []
    assert ids(tx, "Our R & D team uses Python") == ["python"]
    assert ids(tx, "Microsoft Excel(R) skills") == ["excel"]


def test_c(tx: Taxonomy) -> None:
    assert ids(tx, "C and C++") == ["c", "cpp"]
    assert ids(tx, "Strong programming skills in C") == ["c"]
    assert ids(tx, "C/C++ and C#") == ["c", "cpp", "csharp"]
    assert ids(tx, "Series C startup") == []
    assert ids(tx, "We are a Series C startup hiring Python engineers") == ["python"]
    assert ids(tx, "Present to C-level executives") == []
    assert ids(tx, "USB-C cables") == []


def test_swift(tx: Taxonomy) -> None:
    assert ids(tx, "Swift for iOS") == ["swift", "ios"]
    assert ids(tx, "Experience with Swift and SwiftUI") == ["swift", "swiftui"]
    assert ids(tx, "SWIFT payments messaging") == []
    assert ids(tx, "Knowledge of Swift payments and ISO 20022") == []
    assert ids(tx, "Swift response to customers") == []


def test_java_is_not_found_inside_javascript(tx: Taxonomy) -> None:
    assert ids(tx, "JavaScript") == ["javascript"]
    assert ids(tx, "Java and JavaScript") == ["java", "javascript"]
    assert ids(tx, "javascript, java") == ["javascript", "java"]


def test_spring(tx: Taxonomy) -> None:
    assert ids(tx, "Spring Boot microservices") == ["spring-boot", "microservices"]
    assert ids(tx, "Java with Spring and Hibernate") == ["java", "spring", "hibernate"]
    assert ids(tx, "this spring we launch") == []
    assert ids(tx, "This Spring we launch") == []
    assert ids(tx, "Spring 2025 internship") == []


def test_excel(tx: Taxonomy) -> None:
    assert ids(tx, "Microsoft Excel and SQL") == ["excel", "sql"]
    assert ids(tx, "Advanced Excel skills") == ["excel"]
    assert ids(tx, "You will excel at building teams") == []
    assert ids(tx, "Excel at building teams") == []
    assert ids(tx, "excellent communication") == ["communication"]


def test_react(tx: Taxonomy) -> None:
    assert ids(tx, "React and TypeScript") == ["react", "typescript"]
    assert ids(tx, "React Native apps") == ["react-native"]
    assert ids(tx, "react to incidents") == []
    assert ids(tx, "React quickly to incidents") == []


def test_rust(tx: Taxonomy) -> None:
    assert ids(tx, "We love Rust.") == ["rust"]
    assert ids(tx, "Rust, Go or C++") == ["rust", "go", "cpp"]
    assert ids(tx, "prevent rust on the pipes") == []
    assert ids(tx, "Offices across the Rust Belt") == []


def test_dart(tx: Taxonomy) -> None:
    assert ids(tx, "Dart and Flutter") == ["dart", "flutter"]
    assert ids(tx, "Experience in Dart") == ["dart"]
    assert ids(tx, "we play darts on Fridays") == []
    assert ids(tx, "throw a Dart") == []
    assert ids(tx, "Dart board in the office") == []


def test_other_ambiguous_tool_names(tx: Taxonomy) -> None:
    assert ids(tx, "Chef or Puppet") == ["chef", "puppet"]
    assert ids(tx, "Our head Chef cooks lunch") == []
    assert ids(tx, "Node and Express") == ["node-js", "express"]
    assert ids(tx, "each node in the cluster") == []


def test_lowercase_names_count_only_in_a_list_of_skills(tx: Taxonomy) -> None:
    # Tag lists people write in lowercase ("java spring linux") keep names whose own form is cased.
    assert ids(tx, "java kotlin spring-boot tdd") == ["java", "kotlin", "spring-boot", "tdd"]
    assert ids(tx, "Technologies python django go docker") == ["python", "django", "go", "docker"]
    assert ids(tx, "PowerShell, git and jenkins") == ["powershell", "git", "jenkins"]
    # Not alone, not in a list of soft skills only, and the negative patterns still veto.
    assert ids(tx, "this spring we launch") == []
    assert ids(tx, "we go to market with Python") == ["python"]
    assert ids(tx, "teamwork, go") == ["collaboration"]
    assert ids(tx, "SWIFT, SEPA and Python") == ["python"]


def test_light_morphology_of_practices_and_soft_skills(tx: Taxonomy) -> None:
    assert ids(tx, "She mentored two juniors") == ["mentoring"]
    assert ids(tx, "We run peer reviews and write unit tests") == ["code-review", "unit-testing"]
    assert ids(tx, "self-starters and team players") == ["self-motivation", "collaboration"]
    assert ids(tx, "well tested code") == []


def test_broad_areas_postings_ask_for(tx: Taxonomy) -> None:
    assert ids(tx, "cloud services, financial services and computer science") == [
        "cloud-computing",
        "financial-services",
        "computer-science",
    ]
    assert ids(tx, "Fluent English; German is a plus") == ["english", "german"]
    assert ids(tx, "Google Cloud Platform") == ["google-cloud"]


# --- mention finding: tokens, longest match, offsets -----------------------------------------------------------


def test_tokens_with_punctuation(tx: Taxonomy) -> None:
    assert ids(tx, "C++, C#, .NET, Node.js, CI/CD, scikit-learn") == [
        "cpp",
        "csharp",
        "dotnet",
        "node-js",
        "ci-cd",
        "scikit-learn",
    ]
    assert ids(tx, "ASP.NET and VB.NET") == ["asp-net", "vb-net"]
    assert ids(tx, "Python-based tooling, k8s-native") == ["python", "kubernetes"]
    assert ids(tx, "Pythonic code") == []


def test_longest_match_wins(tx: Taxonomy) -> None:
    assert ids(tx, "Google Cloud Platform") == ["google-cloud"]
    assert ids(tx, "Microsoft SQL Server") == ["sql-server"]
    assert ids(tx, "Ruby on Rails") == ["rails"]
    assert ids(tx, "Amazon Web Services (AWS)") == ["aws", "aws"]


def test_offsets_are_code_points_sorted_and_non_overlapping(tx: Taxonomy) -> None:
    text = (
        "🚀 Senior engineer — naïve café team.\n"
        "Requirements: Python 3, PostgreSQL, k8s (EKS), Terraform; nice to have: Go, R/Python, C and C++.\n"
        "• React.js + TypeScript • CI/CD with GitHub Actions • Spring Boot on Azure"
    )
    mentions = tx.find_mentions(text)
    assert [m.skill_id for m in mentions] == [
        "python",
        "postgresql",
        "kubernetes",
        "eks",
        "terraform",
        "go",
        "r",
        "python",
        "c",
        "cpp",
        "react",
        "typescript",
        "ci-cd",
        "github-actions",
        "spring-boot",
        "azure",
    ]
    for m in mentions:
        assert isinstance(m, Mention)
        assert text[m.start : m.end] == m.surface
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
    assert mentions[0].surface == "Python 3"
    assert text.index("Python 3") == mentions[0].start


def test_empty_and_skill_free_text(tx: Taxonomy) -> None:
    assert tx.find_mentions("") == []
    assert tx.find_mentions("We are an equal opportunity employer.") == []


# --- the generated file is not stale ----------------------------------------------------------------------------


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason=f"the shared data folder {SHARED} is absent")
def test_generated_file_matches_a_rebuild(tmp_path: Path) -> None:
    out = tmp_path / "taxonomy.json"
    assert main(["--shared", str(SHARED), "--out", str(out)]) == 0
    packaged = resources.files("skillgap.skills").joinpath("data", "taxonomy.json").read_bytes()
    assert out.read_bytes() == packaged, "rebuild with: python -m skillgap.skills.build"
    text, _builder = build(SHARED)
    assert text.encode() == packaged  # deterministic


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason=f"the shared data folder {SHARED} is absent")
def test_main_check_passes_on_the_committed_file(tmp_path: Path) -> None:
    assert main(["--shared", str(SHARED), "--check"]) == 0
    stale = tmp_path / "taxonomy.json"
    stale.write_text("{}", encoding="utf-8")
    assert main(["--shared", str(SHARED), "--out", str(stale), "--check"]) == 1
    assert stale.read_text(encoding="utf-8") == "{}"  # --check never writes


# --- the curated layer's YAML source ----------------------------------------------------------------------------


def test_the_curated_source_fits_its_schema() -> None:
    layer = curated_schema.load().data
    assert layer.skills == curated.CURATED
    assert {kind: (cue.before, cue.after) for kind, cue in layer.cues.items()} == curated.CUES
    assert frozenset(layer.common_words) == curated.COMMON_WORDS


def _broken_curated(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = curated_schema.SOURCE.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "curated.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_malformed_curated_entry_names_the_file_and_its_line(tmp_path: Path) -> None:
    path = _broken_curated(
        tmp_path,
        ("    category: language\n", "    category: languages\n"),  # the first skill, python
        ("(?:\\s*(?:boards?|", "(?:\\s*(?:(boards?|"),  # Dart's after_not no longer compiles
        ("  Julia:\n    mode: x\n    cue: language\n", "  Julia:\n    mode: x\n"),  # mode x without its cue
    )
    with pytest.raises(DataFileError) as caught:
        curated_schema.load(path)
    shown = display_path(path)
    assert caught.value.problems == [
        f"{shown}:{_line(path, 'category: languages')}: skills #1 (python) > category: Input should be 'unspecified', "
        "'language', 'framework', 'database', 'cloud', 'devops', 'data_ml', 'tool', 'practice' or 'soft_skill'",
        f"{shown}:{_line(path, '(?:(boards?|')}: rules > Dart > after_not: Value error, not a valid regular "
        "expression: missing ), unterminated subpattern at position 0",
        f'{shown}:{_line(path, "  Julia:")}: rules > Julia: Value error, mode "x" needs a cue, and only mode "x" '
        "takes one",
    ]


def test_curated_skills_that_break_the_build_name_their_line(tmp_path: Path) -> None:
    path = _broken_curated(tmp_path, ("    aliases: [TS]\n", "    aliases: [TS, JS]\n"))  # JS is JavaScript's
    with pytest.raises(BuildError) as caught:
        Builder().add_curated(curated_schema.load(path))
    line = _line(path, "- id: typescript")
    assert str(caught.value) == f"{display_path(path)}:{line}: 'JS' (curated) for typescript is already javascript"


def test_a_subkind_of_another_kind_breaks_the_build_at_its_line(tmp_path: Path) -> None:
    path = _broken_curated(
        tmp_path, ("    category: language\n    subkind: markup\n", "    category: language\n    subkind: cloud\n")
    )
    builder = Builder()
    builder.add_curated(curated_schema.load(path))
    with pytest.raises(BuildError) as caught:
        builder.check()
    line = _line(path, "- id: html")
    assert str(caught.value) == f"{display_path(path)}:{line}: html is a language: subkind cloud refines platform"


# --- vocabulary beyond tech (issue 16 item 3) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Inventory Management, Logistics, Warehouse Management",
            ["inventory-management", "logistics", "warehouse-management"],
        ),
        ("financial analysis, taxation, balance sheet", ["financial-analysis", "taxation", "balance-sheet"]),
        ("Hydraulics, PLC, Pneumatics", ["hydraulics", "plc-programming", "pneumatics"]),
        ("business development, online marketing", ["business-development", "digital-marketing"]),
        (
            "Used ACCPAC, Sage and Great Plains; general ledger, reconciliations.",
            ["accpac", "sage-accounting", "dynamics-gp", "general-ledger", "account-reconciliation"],
        ),
        ("Set up VPN, LAN/WAN, backups and ERP systems.", ["vpn", "lan", "wan", "backups", "erp"]),
    ],
)
def test_postings_outside_tech_get_their_skills(tx: Taxonomy, text: str, expected: list[str]) -> None:
    assert ids(tx, text) == expected


def test_broad_skills_data_analyst_postings_list(tx: Taxonomy) -> None:
    text = "management, data analysis, analytics, business intelligence, databases, business analysis, marketing"
    assert set(ids(tx, text)) >= {
        "management",
        "data-analysis",
        "analytics",
        "business-intelligence",
        "databases",
        "business-analysis",
        "marketing",
    }
    # The end of a compound or the benefit is not the skill.
    assert "management" not in ids(tx, "the leading business process management suite, reporting to senior management")
    assert "healthcare" not in ids(tx, "Benefits: private healthcare, Healthcare and Insurance Plans")


def test_long_names_match_by_their_meaningful_words(tx: Taxonomy) -> None:
    assert ids(tx, "Experience managing inventory across two sites.") == ["inventory-management"]
    assert ids(tx, "She did the analysis of data for the board.") == ["data-analysis"]
    # Another order of the same words is not the skill: "service web" is not Web Services.
    assert "web-services" not in ids(tx, "a self service web portal")
    # Job titles are not practices: a Software Engineer is not the practice Software Engineering.
    assert "software-development" not in ids(tx, "We are hiring a Software Engineer")


def test_lowercase_language_names_count_in_technical_prose(tx: Taxonomy) -> None:
    text = "We want a strong background in ruby. You will maintain an API written in ruby using the grape framework."
    assert ids(tx, text).count("ruby") == 2
    assert ids(tx, "You are a hands-on javascript or java developer.") == ["javascript", "java"]
    assert "ruby" not in ids(tx, "She wore the ruby red dress.")
    assert "ruby" not in ids(tx, "a ruby ring set in gold")


def test_look_alike_names_resolve_to_the_right_skill_or_none(tx: Taxonomy) -> None:
    assert ids(tx, "Administered Symantec Enterprise Vault for email archiving.") == ["symantec-enterprise-vault"]
    assert "vault" not in ids(tx, "Migrated mailboxes into Enterprise Vault.")
    assert ids(tx, "Secrets live in HashiCorp Vault.") == ["vault"]
    for employer in (
        "Worked at Oracle as a sales manager.",
        "Oracle | 2015 - 2019, Senior Account Executive",
        "Oracle - Austin, TX",
        "Oracle (2015 - 2019)",
    ):
        assert "oracle-database" not in ids(tx, employer), employer
    assert ids(tx, "Tuned queries on Oracle and PostgreSQL.") == ["oracle-database", "postgresql"]


def test_driving_licences_are_certifications(tx: Taxonomy) -> None:
    for text in ("Holds a commercial driving licence.", "Class A CDL required.", "CDL-A with clean record"):
        assert ids(tx, text) == ["cdl"], text
    entry = tx.get("cdl")
    assert entry is not None
    assert entry.kind is SkillKind.CERTIFICATION


def test_every_skill_has_a_kind_and_a_group(tx: Taxonomy) -> None:
    assert all(entry.kind is not SkillKind.UNSPECIFIED and entry.group for entry in tx)
    kinds = {sid: tx.get(sid).kind for sid in ("sql", "node-js", "aws", "machine-learning", "english", "python")}  # type: ignore[union-attr]
    assert kinds == {
        "sql": SkillKind.QUERY_LANGUAGE,
        "node-js": SkillKind.RUNTIME,
        "aws": SkillKind.PLATFORM,
        "machine-learning": SkillKind.DOMAIN,
        "english": SkillKind.HUMAN_LANGUAGE,
        "python": SkillKind.LANGUAGE,
    }
    skill = tx.get("quickbooks").to_skill()  # type: ignore[union-attr]
    assert (skill.kind, skill.group) == (SkillKind.TOOL, "accounting")


def test_esco_and_onet_broaden_the_vocabulary_with_credit(tx: Taxonomy) -> None:
    assert any("ESCO classification of the European Commission" in a.get("notice", "") for a in tx.attribution)
    assert any("O*NET" in a.get("source", "") for a in tx.attribution)
    autocad = tx.lookup("Autodesk AutoCAD")
    assert autocad is not None and autocad.group == "computer aided design"
    # ESCO's knowledge "incremental development", grouped under its broader concept.
    entry = tx.lookup("incremental development")
    assert entry is not None and entry.group == "ICT project management methodologies"
    assert ids(tx, "Fluent in Hungarian and English.") == ["hungarian", "english"]


# --- false positives seen on SkillSpan tech_train / house_dev and Green (issue 16) ------------------------------


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        ("Dispose of medical waste containers safely.", "containerization"),
        ("Stack the shipping containers in the yard.", "containerization"),
        ("Logging hours in the timesheet every Friday.", "monitoring"),
        ("Trouble logging in to the portal?", "monitoring"),
        ("Articles in peer-reviewed journals.", "code-review"),
        ("VC-backed / job security", "security"),
        ("They are a UK PLC with offices in Leeds.", "plc-programming"),
        ("Phoenix Healthcare are currently recruiting nurses.", "phoenix"),
        ("Our client is a large Biotechnology company.", "bioinformatics"),
        ("Vue.js Vuex Typescript fp-ts io-ts SCSS", "typescript"),
        ("in cooperation with the Danish company Novo", "danish"),
        ("research with the Danish health technology industry", "danish"),
        ("Academic Staff at Danish Universities under the Danish Ministry of Science", "danish"),
        ("A non-Danish candidate is expected to teach within three years.", "danish"),
    ],
)
def test_words_that_only_look_like_skills(tx: Taxonomy, text: str, not_found: str) -> None:
    found = ids(tx, text)
    if not_found == "typescript":  # "Typescript" itself counts, once; the "ts" of "io-ts" does not
        assert found.count("typescript") == 1, found
    else:
        assert not_found not in found, found


def test_the_same_words_still_count_where_they_are_the_skill(tx: Taxonomy) -> None:
    assert ids(tx, "Docker containers and Kubernetes") == ["docker", "containerization", "kubernetes"]
    assert ids(tx, "Set up logging, alerting and dashboards.")[0] == "monitoring"
    assert ids(tx, "Take part in peer reviews of pull requests.") == ["code-review"]
    assert "security" in ids(tx, "security engineering and penetration testing")
    assert ids(tx, "Elixir/Phoenix developer") == ["elixir", "phoenix"]
    assert ids(tx, "Experience with PLC programming and SCADA.")[0] == "plc-programming"
    assert ids(tx, "Fluent in Danish and English.") == ["danish", "english"]
    assert ids(tx, "Danish is an advantage; you will teach in Danish.") == ["danish", "danish"]


def test_named_technologies_tech_postings_list(tx: Taxonomy) -> None:
    text = "Vue.js, Vuex, SAPUI5, jOOQ, MockK, TestCafe, Spinnaker, Elastic Beanstalk, MPLS, Bluetooth, Autolayout"
    assert ids(tx, text) == [
        "vue",
        "vuex",
        "sapui5",
        "jooq",
        "mockk",
        "testcafe",
        "spinnaker",
        "aws-elastic-beanstalk",
        "mpls",
        "bluetooth",
        "auto-layout",
    ]


def test_phrase_matching_is_unchanged_by_its_prefilters(tx: Taxonomy) -> None:
    # A window is looked up only when its first and last stems end some phrase, and only inside a run of words no
    # punctuation, "and" or "or" breaks; these still match, across skippable words and in reverse noun order.
    assert ids(tx, "Responsible for the management of inventory.") == ["inventory-management"]
    assert "inventory-management" not in ids(tx, "Data, management and inventory.")
    assert ids(tx, "computer-aided design") == ids(tx, "computer aided design")


# --- issue 16, third round: job titles and team names; industries and fields of study ----------------------------


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        # A practice or field named as the job: the title, or a "Role:" value (the role is the occupation).
        ("Senior Backend Java Engineer ( m/f/x )", "backend-development"),
        ("Full Stack Software Engineer ( JavaScript / React )", "full-stack-development"),
        ("Senior FullStack Engineer m/f/d", "full-stack-development"),
        ("Frontend and Backend Engineers, Product Managers and Designers", "backend-development"),
        ("Role: QA/Test Developer Industry: Financial Services", "qa"),
        ("Experience level: Senior Lead Role: DevOps Industry: Gambling", "devops"),
        ("Principal DevOps Engineer - Acme", "devops"),
        # ... or the team, the department or its people.
        ("Work hands-on with the other engineers within the Agile team.", "agile"),
        ("Collaborate with our QA engineer on test plans.", "qa"),
        ("Working together with leading security experts", "security"),
        ("one of our customer service teams", "customer-service"),
        ("Title: PhD stipend Department of Proteomics", "proteomics"),
        # Benefits, not the industry.
        ("Healthcare and Insurance Plans, Private Health Insurance", "insurance"),
    ],
)
def test_job_titles_and_team_names_are_not_skills(tx: Taxonomy, text: str, not_found: str) -> None:
    assert not_found not in ids(tx, text)


def test_the_same_practices_count_where_they_are_the_skill(tx: Taxonomy) -> None:
    assert "backend-development" in ids(tx, "from PHP and MySQL on the back-end to Vue on the front-end")
    assert "devops" in ids(tx, "5+ years running large systems in a DevOps/SRE environment")
    assert "devops" in ids(tx, "DevOps and data engineers")  # a conjunction stops the rule
    assert "agile" in ids(tx, "Good understanding of Agile methodologies and Continuous Delivery.")
    assert "qa" in ids(tx, "a proven track record in QA and software testing")
    assert "java" in ids(tx, "Senior Java Developer")  # a language in a title is still asked for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Industry: Real Estate", ["real-estate"]),
        (
            "Industry: Bioinformatics Biotechnology Medical Diagnostics",
            ["bioinformatics", "biotechnology", "medical-devices"],
        ),
        ("Industry: Broadcast IPTV", ["iptv"]),
        ("B2B Computer Software SaaS", ["b2b", "enterprise-software", "saas"]),
        ("FMCG experience is a plus", ["consumer-goods"]),
        ("a master's degree in biochemistry or human biology", ["biochemistry", "biology"]),
        (
            "Knowledge of cell biology, cell signaling and cancer biology",
            ["cell-biology", "cell-biology", "cancer-biology"],
        ),
        ("a strong element of socio-economics and economic theory", ["economics", "economics"]),
        ("Chemical Engineering or Materials Engineering", ["chemical-engineering", "materials-science"]),
    ],
)
def test_industries_and_fields_of_study_are_domains(tx: Taxonomy, text: str, expected: list[str]) -> None:
    assert ids(tx, text) == expected
    assert all(tx.get(skill_id).kind is SkillKind.DOMAIN for skill_id in expected)  # type: ignore[union-attr]


# --- issue 16, fourth round: the employer's industry; the language of the application; designers --------------


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        # The company the posting describes: its industry is who hires, not what the candidate must know.
        ("Acme is a global leader in financial services providing strategic advice", "financial-services"),
        ("Acme is one of the world's leading gaming operators with millions of players", "gaming"),
        ("Press named us one of the most promising fintech startups.", "financial-services"),
        ("We're a global betting and gaming company growing into new markets", "gaming"),
        ("a Strapi CMS install for a major healthcare brand.", "healthcare"),
        # The language the application is sent in: procedure, not a requirement.
        ("Apply online in English for the job on our site.", "english"),
        ("The application must be in English and include a curriculum vitae", "english"),
        ("attach all your materials in English in one PDF file.", "english"),
        ("Learn about the german culture", "german"),
        # Designers are a role too.
        ("work closely with Product Leads, developers and UX designers.", "ux-design"),
    ],
)
def test_the_employers_industry_and_the_application_language_are_not_skills(
    tx: Taxonomy, text: str, not_found: str
) -> None:
    assert not_found not in ids(tx, text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Industry: Financial Services Company size: 10k+ people", "financial-services"),
        ("Experience in the financial services industry is a plus", "financial-services"),
        ("5+ years in e-commerce", "e-commerce"),
        ("You are fluent in English and willing to learn German", "english"),
        ("The application requires fluency in English", "english"),
        ("excellent communication skills in German and English", "german"),
        ("Knowledge in UI/UX and working with designers", "ux-design"),
    ],
)
def test_the_same_industries_and_languages_count_where_they_are_asked_for(tx: Taxonomy, text: str, found: str) -> None:
    assert found in ids(tx, text)
