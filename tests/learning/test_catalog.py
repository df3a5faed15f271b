"""The packaged learning-resource catalog: freshness of the json, coverage, URL hygiene, ordering, fallback through
implied skills, and the build script's validation."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.learning import build as build_catalog
from skillgap.learning import resources_schema
from skillgap.learning.build import RESOURCES, BuildError, build, check, check_url, main
from skillgap.learning.catalog import KINDS, LearningResource, ResourceCatalog
from skillgap.learning.resources_schema import CuratedResource
from skillgap.skills.taxonomy import Taxonomy
from skillgap.v1 import common_pb2

# The skills job posts ask for most: each must offer something to read and something to learn or practise with.
CORE = (
    "python", "javascript", "typescript", "java", "kotlin", "go", "rust", "c", "cpp", "csharp", "php", "ruby",
    "swift", "scala", "sql", "bash", "html", "css",
    "react", "angular", "vue", "node-js", "express", "next-js", "django", "flask", "fastapi", "spring",
    "spring-boot", "rails", "dotnet", "asp-net",
    "postgresql", "mysql", "mongodb", "redis", "sqlite", "cassandra", "dynamodb", "elasticsearch",
    "kafka", "rabbitmq",
    "aws", "azure", "google-cloud", "s3", "ec2", "aws-lambda",
    "docker", "kubernetes", "terraform", "ansible", "helm", "jenkins", "github-actions", "gitlab-ci", "git",
    "github", "linux", "prometheus", "grafana",
    "pytest", "selenium", "jmeter", "unit-testing", "tdd",
    "pandas", "numpy", "scikit-learn", "pytorch", "tensorflow", "spark", "airflow", "machine-learning",
    "deep-learning", "llm",
    "system-design", "distributed-systems", "rest", "graphql", "grpc", "http", "microservices",
    "data-structures-algorithms", "application-security", "oauth",
    "agile", "scrum", "ci-cd", "devops", "sre", "observability",
)  # fmt: skip


@pytest.fixture(scope="module")
def tx() -> Taxonomy:
    return Taxonomy.load()


@pytest.fixture(scope="module")
def catalog() -> ResourceCatalog:
    return ResourceCatalog.load()


@pytest.fixture(scope="module")
def packaged() -> dict[str, object]:
    text = resources.files("skillgap.learning").joinpath("data", "resources.json").read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def kinds_of(catalog: ResourceCatalog, skill_id: str) -> set[str]:
    return {r.kind for r in catalog.for_skill(skill_id, limit=100)}


# --- the committed file -------------------------------------------------------------------------------------


def test_committed_json_matches_a_rebuild_of_the_curated_data(tx: Taxonomy) -> None:
    text, result = build(RESOURCES, tx)
    committed = resources.files("skillgap.learning").joinpath("data", "resources.json").read_text(encoding="utf-8")
    assert committed == text, "resources.json is stale: run python -m skillgap.learning.build"
    assert result.errors == [] and result.warnings == []


def test_version_is_a_hash_of_the_content_and_the_format_is_declared(packaged: dict[str, object]) -> None:
    body = {k: v for k, v in packaged.items() if k != "version"}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    assert packaged["version"] == digest[:16]
    assert packaged["format"] == 1
    assert ResourceCatalog.load().version == packaged["version"]


def test_attribution_credits_the_publishers_and_skillgap(packaged: dict[str, object]) -> None:
    note = str(packaged["attribution"])
    assert "publishers' sites" in note and "curated by SkillGap" in note


def test_skills_are_sorted_and_resources_are_in_display_order(packaged: dict[str, object]) -> None:
    skills = packaged["skills"]
    assert isinstance(skills, dict)
    assert list(skills) == sorted(skills)
    for skill_id, items in skills.items():
        ranks = [KINDS.index(r["kind"]) for r in items]
        assert ranks == sorted(ranks), skill_id


def test_kinds_are_exactly_the_proto_resource_kinds() -> None:
    names = {n.removeprefix("RESOURCE_KIND_").lower() for n in common_pb2.ResourceKind.keys()}
    assert names - {"unspecified"} == set(KINDS)
    # Display order is the enum's order.
    assert [common_pb2.ResourceKind.Value(f"RESOURCE_KIND_{k.upper()}") for k in KINDS] == [1, 2, 3, 4, 5]


# --- coverage -----------------------------------------------------------------------------------------------


def test_every_skill_id_exists_in_the_taxonomy(tx: Taxonomy, catalog: ResourceCatalog) -> None:
    assert sorted(s for s in catalog.covered_skill_ids() if s not in tx) == []


def test_coverage_figures(catalog: ResourceCatalog) -> None:
    covered = catalog.covered_skill_ids()
    assert len(covered) >= 250
    assert all("docs" in kinds_of(catalog, s) for s in covered)
    assert sum(1 for s in covered if len(kinds_of(catalog, s)) >= 2) >= 120


@pytest.mark.parametrize("skill_id", CORE)
def test_core_skills_have_docs_and_another_kind(catalog: ResourceCatalog, skill_id: str) -> None:
    kinds = kinds_of(catalog, skill_id)
    assert "docs" in kinds and len(kinds) >= 2, (skill_id, kinds)


def test_the_most_requested_curated_skills_are_covered(tx: Taxonomy, catalog: ResourceCatalog) -> None:
    hot_curated = [
        e.skill_id
        for e in tx
        if (e.hot or e.in_demand) and e.category.value in ("language", "framework", "database", "cloud", "devops")
    ]
    missing = [s for s in hot_curated if s not in catalog]
    # A few O*NET entries are vendor products without public docs worth linking; the big ones must be here.
    assert len(missing) <= len(hot_curated) // 5, missing


# --- URL hygiene --------------------------------------------------------------------------------------------


def test_all_urls_are_clean_absolute_https(catalog: ResourceCatalog) -> None:
    for skill_id in sorted(catalog.covered_skill_ids()):
        urls = [r.url for r in catalog.for_skill(skill_id, limit=100)]
        assert len(urls) == len(set(urls)), skill_id
        for url in urls:
            parts = urlsplit(url)
            assert parts.scheme == "https" and parts.hostname and "." in parts.hostname, url
            assert not parts.username and not parts.password and "@" not in parts.netloc, url
            assert url == url.strip() and " " not in url, url


def test_titles_providers_and_free_flags(catalog: ResourceCatalog) -> None:
    every = [r for s in catalog.covered_skill_ids() for r in catalog.for_skill(s, limit=100)]
    assert all(r.title.strip() and r.provider.strip() and isinstance(r.free, bool) for r in every)
    assert any(not r.free for r in every)  # paid picks are marked, not hidden
    assert sum(r.free for r in every) > 0.9 * len(every)


# --- lookups ------------------------------------------------------------------------------------------------


def test_kubernetes_starts_with_its_official_docs(catalog: ResourceCatalog) -> None:
    found = catalog.for_skill("kubernetes")
    assert len(found) == 3
    assert found[0].kind == "docs" and urlsplit(found[0].url).hostname == "kubernetes.io"
    assert [r.kind for r in found[1:]] == ["tutorial", "tutorial"]


@pytest.mark.parametrize(
    ("skill_id", "host"),
    [
        ("python", "docs.python.org"),
        ("go", "go.dev"),
        ("react", "react.dev"),
        ("postgresql", "www.postgresql.org"),
        ("rust", "doc.rust-lang.org"),
        ("terraform", "developer.hashicorp.com"),
        ("docker", "docs.docker.com"),
        ("aws", "docs.aws.amazon.com"),
        ("git", "git-scm.com"),
        ("javascript", "developer.mozilla.org"),
    ],
)
def test_well_known_skills_lead_with_their_official_docs(catalog: ResourceCatalog, skill_id: str, host: str) -> None:
    first = catalog.for_skill(skill_id)[0]
    assert first.kind == "docs" and urlsplit(first.url).hostname == host


def test_order_is_docs_then_tutorial_then_the_rest_and_stable(catalog: ResourceCatalog) -> None:
    everything = catalog.for_skill("python", limit=100)
    assert [r.kind for r in everything] == ["docs", "tutorial", "course", "course", "practice"]
    assert everything[0].url == "https://docs.python.org/3/"
    assert catalog.for_skill("python", limit=100) == everything
    assert catalog.for_skill("python", limit=2) == everything[:2]


def test_the_default_limit_is_three_and_a_bad_limit_is_refused(catalog: ResourceCatalog) -> None:
    assert len(catalog.for_skill("git")) == 3
    assert len(catalog.for_skill("git", limit=1)) == 1
    with pytest.raises(ValueError, match="limit"):
        catalog.for_skill("git", limit=0)


def test_a_skill_without_resources_borrows_from_the_skill_it_implies(tx: Taxonomy, catalog: ResourceCatalog) -> None:
    # Sidekiq (a Ruby job framework) has no entry of its own; its taxonomy entry implies Ruby.
    assert "sidekiq" not in catalog and "ruby" in tx.get("sidekiq").implies  # type: ignore[union-attr]
    borrowed = catalog.for_skill("sidekiq", taxonomy=tx)
    assert borrowed == catalog.for_skill("ruby")
    assert borrowed[0].url == "https://www.ruby-lang.org/en/documentation/"
    assert catalog.for_skill("sidekiq") == []  # no taxonomy, no fallback


def test_fallback_reaches_every_uncovered_skill_whose_parent_is_covered(tx: Taxonomy, catalog: ResourceCatalog) -> None:
    cases = [e for e in tx if e.skill_id not in catalog and any(i in catalog for i in e.implies)]
    assert cases
    for entry in cases:
        found = catalog.for_skill(entry.skill_id, taxonomy=tx)
        parents = {r.url for i in entry.implies for r in catalog.for_skill(i, limit=100)}
        assert found and {r.url for r in found} <= parents, entry.skill_id
        assert found[0].kind == "docs", entry.skill_id


def test_own_resources_win_over_implied_ones(tx: Taxonomy, catalog: ResourceCatalog) -> None:
    # Next.js implies React; it has its own entry, so React's links are not mixed in.
    assert catalog.for_skill("next-js", taxonomy=tx) == catalog.for_skill("next-js")
    assert all("nextjs.org" in r.url for r in catalog.for_skill("next-js", taxonomy=tx))


def test_unknown_skills_get_nothing(tx: Taxonomy, catalog: ResourceCatalog) -> None:
    assert catalog.for_skill("no-such-skill") == []
    assert catalog.for_skill("no-such-skill", taxonomy=tx) == []
    assert "no-such-skill" not in catalog
    assert catalog.for_skill("") == []


def test_resources_are_frozen_values(catalog: ResourceCatalog) -> None:
    first = catalog.for_skill("python")[0]
    assert isinstance(first, LearningResource)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.url = "https://example.com/"  # type: ignore[misc]


def test_the_catalog_is_loaded_once_per_process() -> None:
    assert ResourceCatalog.load() is ResourceCatalog.load()


def test_the_loader_rejects_an_unknown_format_or_kind() -> None:
    with pytest.raises(ValueError, match="format"):
        ResourceCatalog({"format": 99, "version": "x", "skills": {}})
    bad = {"title": "t", "url": "https://example.com/", "kind": "video", "provider": "p", "free": True}
    with pytest.raises(ValueError, match="video"):
        ResourceCatalog({"format": 1, "version": "x", "skills": {"python": [bad]}})


# --- validation ---------------------------------------------------------------------------------------------


def _ok(url: str = "https://docs.python.org/3/", kind: str = "docs") -> CuratedResource:
    return CuratedResource("Python docs", url, kind, "PSF")  # type: ignore[arg-type]


def test_validation_accepts_a_clean_mapping(tx: Taxonomy) -> None:
    result = check({"python": (_ok(), _ok("https://docs.python.org/3/tutorial/", "tutorial"))}, tx)
    assert result.errors == [] and result.warnings == []


def test_validation_lists_every_problem(tx: Taxonomy) -> None:
    bad = {
        "no-such-skill": (_ok(),),
        "python": (
            _ok(),
            _ok("ftp://docs.python.org/3/"),
            _ok("https://docs.python.org/3/", "tutorial"),  # duplicate URL
            _ok("https://docs.python.org/3/library/", "video"),
            CuratedResource(" ", "https://docs.python.org/3/howto/", "docs", ""),
            CuratedResource("t", "https://docs.python.org/3/faq/", "docs", "p", "yes"),  # type: ignore[arg-type]
            _ok("https://user:secret@docs.python.org/3/whatsnew/"),
            _ok("https://docs.python.org/3/ glossary.html"),
            _ok("/3/reference/"),
        ),
        "go": (_ok("https://go.dev/tour/", "tutorial"),),  # no docs
        "rust": (),
    }
    errors = "\n".join(check(bad, tx).errors)
    for expected in (
        "no-such-skill: not a skill id in the taxonomy",
        "'ftp://docs.python.org/3/' is not https",
        "duplicate URL 'https://docs.python.org/3/'",
        "kind 'video' is not one of docs, tutorial, course, book, practice",
        "empty title",
        "empty provider",
        "free must be a bool, got 'yes'",
        "carries userinfo",
        "contains whitespace",
        "'/3/reference/' is not https",
        "go: no docs resource",
        "rust: no resources",
    ):
        assert expected in errors, expected


def test_plain_http_is_accepted_but_flagged(tx: Taxonomy) -> None:
    result = check({"python": (_ok("http://docs.python.org/3/"),)}, tx)
    assert result.errors == []
    assert result.warnings == ["python: #1 URL 'http://docs.python.org/3/' is plain http"]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://kubernetes.io/docs/home/", True),
        ("https://localhost/docs", False),
        ("https://example.com:99999/", False),
        ("https://example.com/\tx", False),
        ("", False),
        ("mailto:someone@example.com", False),
    ],
)
def test_check_url(url: str, ok: bool) -> None:
    error, _warning = check_url(url)
    assert (error is None) is ok


def test_build_refuses_a_bad_mapping(tx: Taxonomy) -> None:
    with pytest.raises(BuildError, match="not a skill id"):
        build({"no-such-skill": (_ok(),)}, tx)


def test_main_writes_checks_and_fails_readably(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "resources.json"
    assert main(["--out", str(out)]) == 0
    assert main(["--out", str(out), "--check"]) == 0
    out.write_text("{}", encoding="utf-8")
    assert main(["--out", str(out), "--check"]) == 1

    monkeypatch.setattr(build_catalog, "RESOURCES", {"no-such-skill": (_ok("http://x.example/"),), "go": ()})
    caplog.clear()
    assert main(["--out", str(tmp_path / "never.json")]) == 1
    assert not (tmp_path / "never.json").exists()
    assert "2 problem(s)" in caplog.text
    assert "  - no-such-skill: not a skill id in the taxonomy" in caplog.text
    assert "  - go: no resources" in caplog.text


# --- the YAML source ----------------------------------------------------------------------------------------


def test_the_source_fits_its_schema() -> None:
    source = resources_schema.load()
    assert resources_schema.to_resources(source.data) == RESOURCES
    assert len(source.data.skills) == len(ResourceCatalog.load())


def test_main_check_passes_on_the_committed_file() -> None:
    assert main(["--check"]) == 0


def _source_with(tmp_path: Path, old: str, new: str) -> Path:
    text = resources_schema.SOURCE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "resources.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_malformed_resource_names_the_file_and_its_line(tmp_path: Path) -> None:
    path = _source_with(
        tmp_path,
        "      url: https://docs.python.org/3/\n",
        "      url: https://docs.python.org/3/\n      free: maybe\n",
    )
    with pytest.raises(DataFileError) as caught:
        resources_schema.load(path)
    line = _line(path, "free: maybe")
    assert caught.value.problems == [
        f"{display_path(path)}:{line}: skills > python #1 > free: Input should be a valid boolean"
    ]


def test_problems_found_after_the_schema_name_their_line_too(tmp_path: Path, tx: Taxonomy) -> None:
    path = _source_with(
        tmp_path,
        "      url: https://docs.python.org/3/tutorial/\n",
        "      url: https://docs.python.org/3/\n",  # the same URL as the docs before it
    )
    source = resources_schema.load(path)
    result = check(resources_schema.to_resources(source.data), tx, locate=build_catalog.locator(source))
    line = _line(path, "title: The Python Tutorial") - 1  # the entry starts on its "- kind:" line
    assert result.errors == [f"{display_path(path)}:{line}: python: #2 duplicate URL 'https://docs.python.org/3/'"]
