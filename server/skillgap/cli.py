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
    from skillgap.metrics import MetricsEndpoint
    from skillgap.resources import Resources

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


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(sig)


def _run(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    except SkillGapError as exc:
        # An expected failure (a server that does not answer, bad input): one clear line, no traceback.
        sys.exit(f"skillgap: {exc.message}")


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


def _configured_resources(settings: Settings, command: str) -> AbstractAsyncContextManager[Resources]:
    """The resources on the configured servers, for the commands that run without `skillgap up`."""
    configure_logging(settings.log_level, settings.log_format)
    if not settings.database_url:
        sys.exit(f"`skillgap {command}` needs SKILLGAP_DATABASE_URL (use `skillgap up` for the embedded default)")
    database_url = settings.database_url

    @contextlib.asynccontextmanager
    async def opened() -> AsyncIterator[Resources]:
        from skillgap.resources import Resources

        resources = await Resources.open(
            settings,
            database_url=database_url,
            vector_path=settings.data_dir / "vectors",
            redis_url=settings.redis_url,
        )
        try:
            yield resources
        finally:
            await resources.close()

    return opened()


def cmd_reextract(args: argparse.Namespace) -> None:
    settings = _load_settings()
    resources_cm = _configured_resources(settings, "reextract")

    async def main() -> None:
        from skillgap.jobs.service import JobCatalog
        from skillgap.resumes.service import ResumeService

        async with resources_cm as resources:
            resumes = await ResumeService.from_resources(resources).reextract_all()
            jobs = await JobCatalog.from_resources(resources).reextract_all()
            print(f"re-extracted the skills of {resumes} resumes and {jobs} jobs with {resources.extractor_name}")

    _run(main)


def cmd_serve(args: argparse.Namespace) -> None:
    settings = _load_settings()
    resources_cm = _configured_resources(settings, "serve")

    async def main() -> None:
        from skillgap.api.server import GrpcServer

        async with resources_cm as resources:
            server = GrpcServer(resources)
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
    configure_logging(settings.log_level, settings.log_format)
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
    configure_logging(settings.log_level, settings.log_format)
    _run(lambda: _up(settings))


async def _up(settings: Settings) -> None:
    """Start every part on this machine, print how to reach it, and stop it all on Ctrl-C."""
    from arq.worker import Worker

    from skillgap.api.server import GrpcServer
    from skillgap.auth.tokens import issue_token
    from skillgap.gateway.config import compose_max_request_bytes
    from skillgap.gateway.process import EnvoyGateway
    from skillgap.resources import Resources
    from skillgap.runtime.services import ensure_postgres, ensure_redis
    from skillgap_workers.settings import WorkerSettings, redis_settings

    started = time.perf_counter()
    data_dir = settings.data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    cleanups: list[Callable[[], Awaitable[None]]] = []
    try:
        database_url, postgres = await ensure_postgres(settings.database_url, data_dir)
        if postgres is not None:
            cleanups.append(lambda: asyncio.to_thread(postgres.stop))
        redis_url, redis = await ensure_redis(settings.redis_url, data_dir)
        if redis is not None:
            cleanups.append(lambda: asyncio.to_thread(redis.stop))

        resources = await Resources.open(
            settings, database_url=database_url, vector_path=data_dir / "vectors", redis_url=redis_url
        )
        cleanups.append(resources.close)

        server = GrpcServer(resources)
        grpc_port = await server.start()
        cleanups.append(server.stop)
        # One endpoint for the server and the worker below: they share this process.
        metrics = _start_metrics(settings, settings.metrics_port, redis_url=redis_url, queue_name=settings.queue_name)
        cleanups.append(lambda: _stop_metrics(metrics))

        # In one process with the server: the in-process vector index allows one process per path.
        worker = Worker(
            functions=WorkerSettings.functions,
            cron_jobs=WorkerSettings.cron_jobs,
            redis_settings=redis_settings(redis_url),
            ctx={"resources": resources},
            on_startup=WorkerSettings.on_startup,
            queue_name=settings.queue_name,
            handle_signals=False,
            job_timeout=WorkerSettings.job_timeout,
            max_tries=WorkerSettings.max_tries,
        )
        worker_task = asyncio.create_task(worker.async_run())

        async def stop_worker() -> None:
            # Stop polling first: closing the pool under a running poll raises inside arq.
            worker_task.cancel()
            await asyncio.gather(worker_task, return_exceptions=True)
            with contextlib.suppress(asyncio.CancelledError):  # jobs cut short are retried later
                await worker.close()

        cleanups.append(stop_worker)

        gateway = EnvoyGateway(
            work_dir=data_dir / "envoy",
            grpc_host="127.0.0.1" if settings.grpc_host in ("0.0.0.0", "::") else settings.grpc_host,
            grpc_port=grpc_port,
            listen_host=settings.http_host,
            listen_port=settings.http_port,
            admin_port=settings.envoy_admin_port,
            max_request_bytes=compose_max_request_bytes(settings.max_upload_bytes),
        )
        await gateway.start()
        cleanups.append(gateway.stop)

        secret = settings.effective_jwt_secret
        token = issue_token(secret, "dev-user", roles=[settings.admin_role]) if secret else None
        ready_s = time.perf_counter() - started
        print(
            f"\nSkillGap is up in {ready_s:.1f} s (data in {data_dir})\n"
            f"  gRPC  {settings.grpc_host}:{grpc_port}\n"
            f"  REST  http://{settings.http_host}:{settings.http_port}/api/...\n"
            f"  dev token (user dev-user, admin):\n  {token or '(configure your identity provider)'}\n"
            f"Ctrl-C stops everything.\n",
            flush=True,
        )
        await _until_signalled()
        log.info("stopping")
    finally:
        for cleanup in reversed(cleanups):
            try:
                await cleanup()
            except Exception:
                log.exception("error while stopping")


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
