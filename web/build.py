"""Build the web app into the Python package: the one command after any change under web/ or to the API.

    .venv/bin/python web/build.py            # build (needs `npm ci` once: Node.js is for building only)
    .venv/bin/python web/build.py --check    # exit 1 when the committed build is stale (no Node.js needed)

Steps: a check of the curated words (web/src/data/words.json: each table keyed by values the API has, each
tone a class styles.css styles), the API types from gateway/openapi.yaml (openapi-typescript, into
web/src/api/schema.ts), a type check of the app (tsc, which also fails when an enum value has no words), the
bundle (vite, into server/skillgap/web/static/), then server/skillgap/web/build.json: the digest of every input
(the sources, the OpenAPI file, the SDK's generated protobuf code the interview page bundles and the versions of
the packages bundled or used to build) and of every file written. tests/web/test_build.py fails when either no
longer matches, as tests/test_codegen.py does for the protobuf code. gateway/envoy.yaml names the built files:
regenerate it after a build (`python -m skillgap.gateway.config > gateway/envoy.yaml`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
OPENAPI = ROOT / "gateway" / "openapi.yaml"
SCHEMA = WEB / "src" / "api" / "schema.ts"
STATIC = ROOT / "server" / "skillgap" / "web" / "static"
RECORD = ROOT / "server" / "skillgap" / "web" / "build.json"
BIN = ROOT / "node_modules" / ".bin"
WORDS = WEB / "src" / "data" / "words.json"
STYLES = WEB / "src" / "styles.css"
# The tables of words.json keyed by the values of an OpenAPI enum (tsc checks that none is missing; this, that
# none is unknown: a renamed value would otherwise keep words nobody sees).
ENUM_TABLES = {"gap_status": "GapStatus", "gap_tone": "GapStatus", "years_source": "YearsSource"}
# The packages whose versions shape the output: bundled into it, or the tools that write it.
PACKAGES = ("preact", "openapi-fetch", "@bufbuild/protobuf", "openapi-typescript", "typescript", "vite", "rolldown")
# The TypeScript SDK's protobuf code (generated from the protos by `buf generate`), whose message codecs the
# interview page bundles to speak gRPC-Web: an input of the build though it lives outside web/.
SDK_GENERATED = ROOT / "sdk" / "typescript" / "src" / "generated"
# Under web/, what is not a source: this script, and what it generates from the OpenAPI file.
NOT_SOURCES = {Path(__file__).resolve(), SCHEMA}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_files() -> list[Path]:
    return sorted(
        p for p in WEB.rglob("*") if p.is_file() and p.resolve() not in NOT_SOURCES and "node_modules" not in p.parts
    )


def package_versions() -> dict[str, str]:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    packages = lock.get("packages", {})
    return {name: packages.get(f"node_modules/{name}", {}).get("version", "missing") for name in PACKAGES}


def input_digest() -> str:
    """One hash over everything the build reads; the same on every machine for the same inputs."""
    digest = hashlib.sha256()
    for path in [*source_files(), OPENAPI, *sorted(SDK_GENERATED.rglob("*.ts"))]:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + _sha256(path.read_bytes()).encode() + b"\n")
    digest.update(json.dumps(package_versions(), sort_keys=True).encode())
    return digest.hexdigest()


def output_digests(static_dir: Path = STATIC) -> dict[str, str]:
    return {
        p.relative_to(static_dir).as_posix(): _sha256(p.read_bytes())
        for p in sorted(static_dir.rglob("*"))
        if p.is_file()
    }


def stale_reasons() -> list[str]:
    """Why the committed build does not match its inputs and outputs; empty when it does."""
    if not RECORD.is_file():
        return [f"{RECORD.relative_to(ROOT)} is missing"]
    record = json.loads(RECORD.read_text())
    reasons = []
    if record.get("inputs") != input_digest():
        reasons.append("the sources, gateway/openapi.yaml or the build packages changed since the last build")
    built = output_digests()
    if record.get("files") != built:
        changed = sorted(set(record.get("files", {}).items()) ^ set(built.items()))
        reasons.append(f"the built files differ from what the build wrote: {sorted({name for name, _ in changed})}")
    return reasons


def word_problems(words: dict[str, Any], openapi: dict[str, Any], styles: str) -> list[str]:
    """What is wrong with the curated words: keys the API does not have, tones without a style, empty words."""
    problems = []
    schemas = openapi.get("components", {}).get("schemas", {})
    for table, enum in ENUM_TABLES.items():
        values = set(schemas.get(enum, {}).get("enum", []))
        for key in sorted(set(words.get(table, {})) - values):
            problems.append(f"{table}: {key!r} is not a value of {enum} in gateway/openapi.yaml")
    for status, tone in words.get("gap_tone", {}).items():
        if not re.search(rf"\.gap-{re.escape(tone)}\b", styles):
            problems.append(f"gap_tone: {status} has tone {tone!r}, which styles.css does not style (.gap-{tone})")
    for key in words.get("status_headlines", {}):
        if not (key.isdigit() and 400 <= int(key) <= 599):
            problems.append(f"status_headlines: {key!r} is not an HTTP error status")
    for key in words.get("error_headlines", {}):
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", key):
            problems.append(f"error_headlines: {key!r} is not an ErrorInfo reason (UPPER_SNAKE_CASE)")
    for table, entries in words.items():
        texts = entries.values() if isinstance(entries, dict) else entries
        if any(not isinstance(text, str) or not text.strip() for text in texts):
            problems.append(f"{table}: every entry must be a non-empty string")
    return problems


def check_words() -> list[str]:
    return word_problems(json.loads(WORDS.read_text()), yaml.safe_load(OPENAPI.read_text()), STYLES.read_text())


def _run(*command: str) -> None:
    print("$", " ".join(command), flush=True)
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        sys.exit(f"build failed at: {' '.join(command)}")


def build() -> None:
    if not (BIN / "vite").exists():
        sys.exit("node_modules is missing: run `npm ci` first (Node.js is needed to build the app, not to run it)")
    problems = check_words()
    if problems:
        sys.exit("web/src/data/words.json: " + "; ".join(problems))
    _run(
        str(BIN / "openapi-typescript"),
        str(OPENAPI.relative_to(ROOT)),
        "-o",
        str(SCHEMA.relative_to(ROOT)),
        "--enum-values",
    )
    _run(str(BIN / "tsc"), "-p", "web")
    _run(str(BIN / "vite"), "build", "--config", "web/vite.config.mts", "--logLevel", "warn")
    record = {"inputs": input_digest(), "files": output_digests()}
    RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    total = sum((STATIC / name).stat().st_size for name in record["files"])
    print(f"built {len(record['files'])} files, {total:,} bytes, into {STATIC.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed build is stale")
    args = parser.parse_args()
    if args.check:
        reasons = stale_reasons() + [f"web/src/data/words.json: {problem}" for problem in check_words()]
        for reason in reasons:
            print(f"stale: {reason}; rebuild with `python web/build.py`", file=sys.stderr)
        sys.exit(1 if reasons else 0)
    build()


if __name__ == "__main__":
    main()
