"""The `skillgap` command.

    skillgap up        everything on its embedded default: PostgreSQL, Redis, vectors, gRPC, worker, Envoy
    skillgap serve     the gRPC server alone, on the configured servers (production)
    skillgap worker    an arq worker alone, on the configured servers (production)
    skillgap token     print a development token
    skillgap migrate   apply database migrations and exit
    skillgap reextract extract every stored resume's and job's skills anew (after a taxonomy change)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError

from skillgap.config import Settings
from skillgap.errors import SkillGapError
from skillgap.logs import configure_logging

if TYPE_CHECKING:
    from skillgap.app import App
    from skillgap.metrics import MetricsEndpoint
    from skillgap.runtime.ports import WantedPort

log = logging.getLogger("skillgap")


def _load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            where = "SKILLGAP_" + "_".join(str(p) for p in error["loc"]).upper() if error["loc"] else "settings"
            lines.append(f"  {where}: {error['msg']}")
        sys.exit("invalid configuration:\n" + "\n".join(lines))


class _ExceptionOnTheLine(logging.Filter):
    """Puts a record's exception on its own line instead of a traceback after it.

    For asyncpg's pool, which logs every failed attempt to reconnect with a full traceback: while
    PostgreSQL restarts, that is a screen of the same ConnectionRefusedError each time, burying the lines
    that say what happened.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None:
            record.msg = f"{record.getMessage()} ({type(exc).__name__}: {exc})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def _configure_logging(settings: Settings) -> None:
    configure_logging(settings.log_level, settings.log_format)
    logging.getLogger("asyncpg.pool").addFilter(_ExceptionOnTheLine())


async def _until_signalled(stop: asyncio.Event | None = None) -> None:
    """Wait for SIGINT or SIGTERM; `stop` (when given) is set the moment one arrives."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(sig)


def _run(
    main: Callable[[], Coroutine[Any, Any, None]], *, expected: tuple[type[Exception], ...] = ()
) -> None:
    """Run `main`; an expected failure (a server that does not answer, a taken port, bad input, or one of
    `expected`) ends the command with a clear message and a non-zero status, without a traceback."""
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    except SkillGapError as exc:
        sys.exit(f"skillgap: {exc.message}")
    except expected as exc:
        sys.exit(f"skillgap: {exc}")


def _start_metrics(
    settings: Settings, port: int, *, redis_url: str | None = None, queue_name: str | None = None
) -> MetricsEndpoint | None:
    """The Prometheus endpoint on `port` (0: off). A port that cannot be bound costs the metrics, not the
    service: a WARNING says so and the command runs on."""
    if port == 0:
        return None
    from skillgap.metrics import serve_metrics

    try:
        return serve_metrics(port, settings.metrics_host, redis_url=redis_url, queue_name=queue_name)
    except OSError as exc:
        log.warning("metrics endpoint not started on %s:%d: %s", settings.metrics_host, port, exc)
        return None


async def _stop_metrics(endpoint: MetricsEndpoint | None) -> None:
    if endpoint is not None:
        await asyncio.to_thread(endpoint.close)


def cmd_token(args: argparse.Namespace) -> None:
    from skillgap.auth.tokens import issue_token

    settings = _load_settings()
    secret = settings.effective_jwt_secret
    if secret is None:
        sys.exit("no HS256 secret configured (SKILLGAP_JWT_SECRET): tokens come from your identity provider")
    roles = [settings.admin_role] if args.admin else []
    print(
        issue_token(
            secret,
            args.user,
            roles=roles,
            ttl_seconds=int(args.ttl_hours * 3600),
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
        )
    )


def cmd_migrate(args: argparse.Namespace) -> None:
    settings = _load_settings()
    if not settings.database_url:
        sys.exit("SKILLGAP_DATABASE_URL is not set")

    async def main() -> None:
        from skillgap.storage.db import create_pool
        from skillgap.storage.migrations import apply_migrations

        assert settings.database_url is not None
        pool = await create_pool(settings.database_url)
        try:
            applied = await apply_migrations(pool)
            print(f"applied migrations: {applied}" if applied else "database is up to date")
        finally:
            await pool.close()

    _run(main)


def _configured_app(settings: Settings, command: str, *, serving: bool) -> AbstractAsyncContextManager[App]:
    """The App (skillgap.app) on the configured servers, for the commands that run without `skillgap up`;
    `serving`: the process answers reads (its job cache listens)."""
    _configure_logging(settings)
    if not settings.database_url:
        sys.exit(f"`skillgap {command}` needs SKILLGAP_DATABASE_URL (use `skillgap up` for the embedded default)")
    database_url = settings.database_url

    @contextlib.asynccontextmanager
    async def opened() -> AsyncIterator[App]:
        from skillgap.app import App

        async with await App.open(
            settings,
            database_url=database_url,
            vector_path=settings.data_dir / "vectors",
            redis_url=settings.redis_url,
            listen_for_job_changes=serving,
        ) as app:
            yield app

    return opened()


def cmd_reextract(args: argparse.Namespace) -> None:
    settings = _load_settings()
    app_cm = _configured_app(settings, "reextract", serving=False)

    async def main() -> None:
        async with app_cm as app:
            resumes, jobs = await _read_stored_anew(app)
            print(
                f"read {resumes} resumes and {jobs} jobs anew ({app.resources.reading_version}); "
                "what users corrected in their profiles was kept"
            )

    _run(main)


async def _read_stored_anew(app: App) -> tuple[int, int]:
    """Resumes and jobs read by an older reading (taxonomy, engine, reading revision) read anew; idempotent."""
    resumes = await app.services.resumes.reextract_all()
    jobs = await app.services.jobs.reextract_all()
    return resumes, jobs


async def _read_stored_anew_in_background(app: App) -> None:
    """`skillgap up` after an upgrade: stored profiles and jobs follow the new taxonomy without a command. Runs
    beside the serving server (requests read the old profiles until theirs is done); a failure is logged, and
    the next start-up tries again."""
    try:
        resumes, jobs = await _read_stored_anew(app)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("reading stored resumes and jobs anew failed; `skillgap reextract` retries it")
        return
    if resumes or jobs:
        log.info("read %d stored resumes and %d jobs anew (%s)", resumes, jobs, app.resources.reading_version)


def cmd_serve(args: argparse.Namespace) -> None:
    settings = _load_settings()
    app_cm = _configured_app(settings, "serve", serving=True)

    async def main() -> None:
        from skillgap.api.server import GrpcServer

        async with app_cm as app:
            server = GrpcServer(app)
            await server.start()
            metrics = _start_metrics(
                settings, settings.metrics_port, redis_url=settings.redis_url, queue_name=settings.queue_name
            )
            await _until_signalled()
            log.info("shutting down: in-flight calls get %.0f s", settings.shutdown_grace_seconds)
            await server.stop()
            await _stop_metrics(metrics)

    _run(main)


def cmd_worker(args: argparse.Namespace) -> None:
    settings = _load_settings()
    _configure_logging(settings)
    if not settings.redis_url or not settings.database_url:
        sys.exit("`skillgap worker` needs SKILLGAP_REDIS_URL and SKILLGAP_DATABASE_URL")
    from arq.typing import WorkerSettingsBase
    from arq.worker import run_worker

    from skillgap_workers.settings import WorkerSettings, redis_settings

    # arq's settings protocol wants instance attributes; our class attributes serve the same.
    worker_settings = cast("type[WorkerSettingsBase]", WorkerSettings)
    # Its own counters (scrape runs and postings, LLM fallbacks) in a daemon thread that ends with the
    # process; the queue depth is read by the server's endpoint.
    _start_metrics(settings, settings.worker_metrics_port)
    run_worker(
        worker_settings,
        redis_settings=redis_settings(settings.redis_url),
        ctx={"settings": settings},
        queue_name=settings.queue_name,
    )


def cmd_up(args: argparse.Namespace) -> None:
    settings = _load_settings()
    _configure_logging(settings)
    from skillgap.gateway.process import EnvoyStartError
    from skillgap.runtime import EmbeddedServiceError
    from skillgap.runtime.ports import PortsUnavailable

    _run(lambda: _up(settings), expected=(PortsUnavailable, EnvoyStartError, EmbeddedServiceError))


# How long each part of `skillgap up` may take to stop before it is cut short (or, for a process, killed),
# so that Ctrl-C returns in bounded time whatever state the parts are in; in-flight calls get
# SKILLGAP_SHUTDOWN_GRACE_SECONDS on top.
_STOP_SECONDS = 5.0
_SERVER_STOP_SECONDS = 10.0  # the embedded PostgreSQL and Redis: a graceful stop, then SIGKILL


_ENVOY_PORT_SETTINGS = ("SKILLGAP_HTTP_PORT", "SKILLGAP_ENVOY_ADMIN_PORT")


def _wanted_ports(settings: Settings) -> list[WantedPort]:
    from skillgap.runtime.ports import WantedPort

    return [
        WantedPort("the gRPC server", "SKILLGAP_GRPC_PORT", settings.grpc_host, settings.grpc_port),
        WantedPort("the REST gateway (Envoy)", "SKILLGAP_HTTP_PORT", settings.http_host, settings.http_port),
        WantedPort("Envoy's admin interface", "SKILLGAP_ENVOY_ADMIN_PORT", "127.0.0.1", settings.envoy_admin_port),
        WantedPort("the metrics endpoint", "SKILLGAP_METRICS_PORT", settings.metrics_host, settings.metrics_port),
    ]


async def _stop_step(
    what: str, stop: Callable[[], Awaitable[object]], timeout: float, on_timeout: Callable[[], object] | None = None
) -> None:
    """One step of the shutdown: `stop()`, cut short after `timeout` s (then `on_timeout()`), and never
    raising, so that the steps after it run too."""
    try:
        async with asyncio.timeout(timeout):
            await stop()
    except TimeoutError:
        log.warning("%s did not stop within %.0f s; going on without it", what, timeout)
        if on_timeout is not None:
            on_timeout()
    except Exception:
        log.exception("error while stopping %s", what)


async def _cancelled(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _keep_running(stack: contextlib.AsyncExitStack, server: Any, stopping: asyncio.Event) -> None:
    """Supervise an embedded server `skillgap up` started (restarted at once should it die) until `stopping`,
    and stop it, bounded, when the stack unwinds."""
    from skillgap.runtime.supervise import Supervisor

    stack.push_async_callback(
        _stop_step, server.what, lambda: server.astop(_SERVER_STOP_SECONDS), _SERVER_STOP_SECONDS + 5
    )
    await stack.enter_async_context(Supervisor(server, server.arestart, stopping=stopping))


async def _up(settings: Settings) -> None:
    """Start every part on this machine, print how to reach it, keep the servers it started running, and
    stop it all on Ctrl-C.

    The parts start in the order below and stop in the reverse order (one exit stack, so a failed start
    stops what had started); every stop is bounded. Each embedded server and Envoy is supervised from
    right after its start until right before its stop: restarted at once should it die.
    """
    from arq.worker import Worker

    from skillgap.api.server import GrpcServer
    from skillgap.app import App
    from skillgap.auth.tokens import issue_token
    from skillgap.gateway.config import WebApp, compose_max_request_bytes
    from skillgap.gateway.process import EnvoyGateway, EnvoyStartError
    from skillgap.gateway.web import dev_sign_in_token
    from skillgap.runtime.ports import PortsUnavailable, check_ports
    from skillgap.runtime.services import ensure_postgres, ensure_redis
    from skillgap.runtime.supervise import Supervisor
    from skillgap.runtime.worker import WorkerRunner
    from skillgap_workers.settings import WorkerSettings, redis_settings

    started = time.perf_counter()
    if settings.http_port == 0:
        raise PortsUnavailable("cannot start: SKILLGAP_HTTP_PORT is 0, but Envoy cannot pick a free port; give it one")
    # Before anything starts: a second `skillgap up` must not share a running one's ports.
    check_ports(_wanted_ports(settings))
    data_dir = settings.data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    # Set on Ctrl-C, and first thing when stopping for any other reason: supervisors restart nothing from then on.
    stopping = asyncio.Event()

    async with contextlib.AsyncExitStack() as stack:
        database_url, postgres = await ensure_postgres(settings.database_url, data_dir)
        if postgres is not None:
            await _keep_running(stack, postgres, stopping)
        redis_url, redis = await ensure_redis(settings.redis_url, data_dir)
        if redis is not None:
            await _keep_running(stack, redis, stopping)

        # Every service, client and the curated data, built once for the server and the worker below (the
        # composition root, skillgap.app); closed after both stopped, in the reverse order of their opening.
        app = await App.open(settings, database_url=database_url, vector_path=data_dir / "vectors", redis_url=redis_url)
        # A pool whose server hangs would wait for it: past the limit its connections are dropped.
        stack.push_async_callback(
            _stop_step, "the services, pool and clients", app.aclose, _STOP_SECONDS, app.resources.pool.terminate
        )

        server = GrpcServer(app)
        try:
            grpc_port = await server.start()
        except (OSError, RuntimeError) as exc:  # grpc raises RuntimeError when it cannot bind
            if "bind" not in str(exc):
                raise
            # Taken since the check above: say so as the check would have.
            check_ports([p for p in _wanted_ports(settings) if p.setting == "SKILLGAP_GRPC_PORT"])
            raise PortsUnavailable(f"cannot start: {exc}; give it another port with SKILLGAP_GRPC_PORT=<port>") from exc
        # Its own limits: the grace for calls in flight, then as long again for their clean-up.
        grace = settings.shutdown_grace_seconds
        stack.push_async_callback(_stop_step, "the gRPC server", server.stop, 2 * grace + _STOP_SECONDS)
        # One endpoint for the server and the worker below: they share this process.
        metrics = _start_metrics(settings, settings.metrics_port, redis_url=redis_url, queue_name=settings.queue_name)
        stack.push_async_callback(_stop_step, "the metrics endpoint", lambda: _stop_metrics(metrics), _STOP_SECONDS)

        def make_worker() -> Worker:
            return Worker(
                functions=WorkerSettings.functions,
                cron_jobs=WorkerSettings.cron_jobs,
                redis_settings=redis_settings(redis_url),
                ctx={"app": app},
                on_startup=WorkerSettings.on_startup,
                queue_name=settings.queue_name,
                handle_signals=False,
                job_timeout=WorkerSettings.job_timeout,
                max_tries=WorkerSettings.max_tries,
            )

        # In this process with the server: the in-process vector index allows one process per path.
        await stack.enter_async_context(WorkerRunner(make_worker, stop_timeout=_STOP_SECONDS))

        secret = settings.effective_jwt_secret
        token = issue_token(secret, "dev-user", roles=[settings.admin_role]) if secret else None
        web = WebApp.packaged(dev_token=dev_sign_in_token(settings, token))
        gateway = EnvoyGateway(
            web=web,
            work_dir=data_dir / "envoy",
            grpc_host="127.0.0.1" if settings.grpc_host in ("0.0.0.0", "::") else settings.grpc_host,
            grpc_port=grpc_port,
            listen_host=settings.http_host,
            listen_port=settings.http_port,
            admin_port=settings.envoy_admin_port,
            max_request_bytes=compose_max_request_bytes(settings.max_upload_bytes),
        )
        try:
            await gateway.start()
        except EnvoyStartError:
            # Most likely a port taken since the check above: name it and its setting rather than Envoy's log.
            check_ports([p for p in _wanted_ports(settings) if p.setting in _ENVOY_PORT_SETTINGS])
            raise
        stack.push_async_callback(_stop_step, gateway.what, gateway.stop, _STOP_SECONDS + 5)
        await stack.enter_async_context(Supervisor(gateway, gateway.restart, stopping=stopping))
        stack.callback(stopping.set)  # the last pushed: the first to run when the stack unwinds

        # After the servers are up: an upgrade's re-reading never delays the start.
        rereading = asyncio.create_task(_read_stored_anew_in_background(app), name="read stored anew")
        stack.push_async_callback(_cancelled, rereading)

        ready_s = time.perf_counter() - started
        web_line = f"  Web   {gateway.url}/   (open it in a browser)\n" if web is not None else ""
        print(
            f"\nSkillGap is up in {ready_s:.1f} s (data in {data_dir})\n"
            f"{web_line}"
            f"  gRPC  {settings.grpc_host}:{grpc_port}\n"
            f"  REST  http://{settings.http_host}:{settings.http_port}/api/...\n"
            f"  dev token (user dev-user, admin):\n  {token or '(configure your identity provider)'}\n"
            f"Ctrl-C stops everything.\n",
            flush=True,
        )
        await _until_signalled(stopping)
        log.info("stopping: calls in flight get %.0f s", grace)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skillgap", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="run everything on its embedded default").set_defaults(func=cmd_up)
    sub.add_parser("serve", help="run the gRPC server on the configured servers").set_defaults(func=cmd_serve)
    sub.add_parser("worker", help="run an arq worker on the configured servers").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    sub.add_parser(
        "reextract", help="extract the skills of every stored resume and job anew (after a taxonomy change)"
    ).set_defaults(func=cmd_reextract)
    token = sub.add_parser("token", help="print a development token signed with the configured secret")
    token.add_argument("--user", required=True, help="user id (the token's `sub`)")
    token.add_argument("--admin", action="store_true", help="include the admin role")
    token.add_argument("--ttl-hours", type=float, default=24 * 30, help="validity in hours (default 720)")
    token.set_defaults(func=cmd_token)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
