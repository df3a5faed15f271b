"""How the gateway serves the web app beside the API (skillgap.gateway.web), as its config says it: no Envoy
needed here; the browser tests check the same through the real one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from skillgap.config import DEV_JWT_SECRET, Settings
from skillgap.gateway.config import WebApp, render_envoy_config
from skillgap.gateway.web import DEV_TOKEN_PATH, dev_sign_in_token


def _routes(web: WebApp | None) -> list[dict[str, Any]]:
    config = json.loads(
        render_envoy_config(
            descriptor_path=Path("/d.binpb"),
            listen_host="127.0.0.1",
            listen_port=8080,
            grpc_host="127.0.0.1",
            grpc_port=50051,
            admin_port=0,
            max_request_bytes=1 << 20,
            web=web,
        )
    )
    hcm = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    routes: list[dict[str, Any]] = hcm["route_config"]["virtual_hosts"][0]["routes"]
    return routes


def _paths(routes: list[dict[str, Any]]) -> set[str]:
    return {r["match"]["path"] for r in routes if "path" in r["match"]}


def test_the_dev_token_route_exists_only_when_given() -> None:
    app = WebApp.packaged()
    assert app is not None
    assert DEV_TOKEN_PATH not in _paths(_routes(app))
    with_token = _paths(_routes(WebApp(app.files, app.root, "a.b.c")))
    assert DEV_TOKEN_PATH in with_token
    assert {"/", "/index.html"} <= with_token


def test_without_the_app_only_the_api_is_routed() -> None:
    routes = _routes(None)
    assert not any("direct_response" in r for r in routes)


def test_one_click_sign_in_only_with_the_published_development_secret() -> None:
    assert dev_sign_in_token(Settings(env="dev"), "tok") == "tok"
    # A secret of one's own, an identity provider, or production: the app asks for a token instead.
    assert dev_sign_in_token(Settings(env="dev", jwt_secret=SecretStr("s" * 40)), "tok") is None
    assert dev_sign_in_token(Settings(env="dev", jwt_jwks_url="https://idp.example/jwks"), "tok") is None
    assert dev_sign_in_token(Settings(env="dev", jwt_public_key="-----BEGIN PUBLIC KEY-----"), "tok") is None
    assert dev_sign_in_token(Settings(env="prod", jwt_secret=SecretStr("p" * 40)), "tok") is None
    assert dev_sign_in_token(Settings(env="dev"), None) is None
    assert Settings(env="dev").effective_jwt_secret == DEV_JWT_SECRET
