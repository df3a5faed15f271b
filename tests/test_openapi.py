"""The committed OpenAPI document matches proto/: regenerate with `python proto/openapi.py`."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent.parent


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("openapi_generator", ROOT / "proto" / "openapi.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_openapi_document_is_not_stale() -> None:
    generator = load_generator()
    fresh = generator.render()
    committed = generator.OUT_PATH.read_text()
    assert fresh == committed, f"regenerate with `python proto/openapi.py`; {generator.OUT_PATH} is stale"


def test_every_rest_path_of_the_design_is_documented() -> None:
    document = yaml.safe_load((ROOT / "gateway" / "openapi.yaml").read_text())
    operations = {(verb.upper(), path) for path, item in document["paths"].items() for verb in item}
    required = {
        ("POST", "/api/resume/upload"),
        ("GET", "/api/resume/{resume_id}"),
        ("POST", "/api/jobs/search"),
        ("GET", "/api/jobs/{job_id}"),
        ("GET", "/api/jobs/{job_id}/skills"),
        ("POST", "/api/interview/start"),
        ("POST", "/api/interview/{interview_id}/answer"),
        ("GET", "/api/interview/{interview_id}/feedback"),
        ("POST", "/api/scrape/trigger"),
        ("GET", "/api/scrape/status"),
    }
    assert required <= operations
    for item in document["paths"].values():
        for operation in item.values():
            assert {"200", "400", "401", "503"} <= set(operation["responses"])
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_body_examples_fit_their_schemas() -> None:
    import jsonschema_rs  # comes with schemathesis (dev dependency)

    document = yaml.safe_load((ROOT / "gateway" / "openapi.yaml").read_text())
    for path, item in document["paths"].items():
        for verb, operation in item.items():
            if "requestBody" not in operation:
                continue
            media = operation["requestBody"]["content"]["application/json"]
            validator = jsonschema_rs.Draft4Validator({**media["schema"], "components": document["components"]})
            errors = [error.message for error in validator.iter_errors(media["example"])]
            assert not errors, f"{verb.upper()} {path}: {errors}"
