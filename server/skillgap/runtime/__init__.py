"""Embedded PostgreSQL and Redis: the servers `skillgap up` and the tests start when none is configured.

`EmbeddedPostgres` (skillgap.runtime.postgres) and `EmbeddedRedis` (skillgap.runtime.redis) have blocking
`start()` / `stop()` methods: they run subprocesses and wait for them. Async code awaits `astart()` /
`astop()` instead, which run the same calls in a worker thread (asyncio.to_thread), so no event loop waits
on initdb or a shutdown. `skillgap.runtime.services` picks configured servers or starts embedded ones.

This module holds what both servers share: the per-data-dir lock and the handling of processes a crashed
run left behind. POSIX only (flock, signals, Unix sockets).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import subprocess
import time
from pathlib import Path

log = logging.getLogger(__name__)


class EmbeddedServiceError(RuntimeError):
    """An embedded server could not be started or stopped; the message says why and where its log is."""


class DataDirLock:
    """An exclusive flock on a file in a data dir, held while a handle runs a server on that dir.

    The kernel drops the lock when the holder dies, so a lock we can take means no live process owns the
    dir, and any server process still recorded there is an orphan of a crashed run that is safe to stop.
    """

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self._what = what
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            owner = "another handle in this process" if holder == str(os.getpid()) else f"process {holder}"
            raise EmbeddedServiceError(
                f"{self._what} data dir {self.path.parent} is in use by {owner}; "
                "stop it first or use another data dir"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            # Closing drops the flock; the file stays so that a waiting process never races an unlink.
            os.close(fd)


def process_cmdline(pid: int) -> str | None:
    """The command line of a live process, or None when there is no such (non-zombie) process."""
    proc = Path("/proc") / str(pid)
    if Path("/proc/self").exists():
        try:
            stat = (proc / "stat").read_text()
            # The state letter follows the parenthesised command name, which may itself hold spaces.
            if stat.rpartition(")")[2].split()[0] in {"Z", "X"}:
                return None
            return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return None
    result = subprocess.run(["ps", "-p", str(pid), "-o", "stat=,command="], capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        return None
    state, _, command = result.stdout.strip().partition(" ")
    return None if state.startswith("Z") else command.strip()


def process_cwd(pid: int) -> Path | None:
    """The working directory of a process where the platform exposes it (Linux), else None."""
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd"))
    except OSError:
        return None


def read_pid(path: Path) -> int | None:
    """The pid on the first line of a pid file, or None when the file is missing or garbled."""
    try:
        return int(path.read_text().splitlines()[0].strip())
    except (FileNotFoundError, IndexError, ValueError):
        return None


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while process_cmdline(pid) is not None:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def stop_orphan(pid: int, graceful: signal.Signals, timeout: float, what: str) -> None:
    """Stop a server process a crashed run left behind: graceful signal first, SIGKILL if it hangs."""
    log.warning("stopping %s (pid %d) left running by an earlier run that did not shut down", what, pid)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, graceful)
    if wait_gone(pid, timeout):
        return
    log.warning("%s (pid %d) did not stop within %.0f s; killing it", what, pid, timeout)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    if not wait_gone(pid, 5.0):
        raise EmbeddedServiceError(f"could not stop the leftover {what} (pid {pid})")


def stop_child(process: subprocess.Popen[bytes], graceful: signal.Signals, timeout: float, what: str) -> int:
    """Stop a server we started and reap it; returns its exit code."""
    if process.poll() is not None:
        log.warning("%s (pid %d) had already exited with code %s", what, process.pid, process.returncode)
        return process.returncode
    process.send_signal(graceful)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        log.warning("%s (pid %d) did not stop within %.0f s; killing it", what, process.pid, timeout)
        process.kill()
        return process.wait()


def log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def rotate_log(path: Path, max_bytes: int = 10 * 1024 * 1024) -> None:
    """Keep one previous log, so a long-lived data dir does not grow its log without bound."""
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_size > max_bytes:
            path.replace(path.with_name(path.name + ".1"))


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for server and client subprocesses, without PG* variables (PGPORT, PGHOST…)
    that would quietly override the arguments we pass."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update(extra or {})
    return env


__all__ = [
    "DataDirLock",
    "EmbeddedServiceError",
    "clean_env",
    "log_tail",
    "process_cmdline",
    "process_cwd",
    "read_pid",
    "rotate_log",
    "stop_child",
    "stop_orphan",
    "wait_gone",
]
