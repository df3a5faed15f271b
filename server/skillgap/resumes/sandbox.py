"""Resume parsing in worker processes, under a time limit and a memory limit.

A PDF parser fed hostile bytes is the riskiest code in the server. pypdf is pure Python: it holds the
GIL while it works, so other calls' handlers wait; its own limits (skillgap.resumes.parsing) bound
each stream and page, not the whole file; and a bomb it does not know could take minutes or
gigabytes. So the server does not parse in its own process. A small pool of workers
(`python -m skillgap.resumes.sandbox`) does, each one:

- with an address-space limit (RLIMIT_AS, SKILLGAP_RESUME_PARSE_MEMORY_MIB): an allocation beyond
  it fails with MemoryError inside the worker, never in the server;
- with a wall-clock limit per document (SKILLGAP_RESUME_PARSE_TIMEOUT_SECONDS): the server stops
  waiting, kills the worker and starts a new one for the next upload; RLIMIT_CPU backs it up, so a
  worker whose server died cannot spin;
- at a lower CPU priority (nice), in its own session, importing nothing but the parser.

Workers start on first use (~0.3 s), parse one document at a time, and are replaced after
MAX_JOBS_PER_WORKER documents or after running out of memory. A worker exits when the server closes
the sandbox, when its stdin closes (the server went away), and after IDLE_EXIT_SECONDS without work.

Protocol on the worker's stdin/stdout: frames of an 8-byte big-endian length and that many bytes. The
worker announces itself with a JSON frame; each request is a JSON header frame and a content frame;
each reply is one JSON frame.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from skillgap.errors import InvalidArgument, Unavailable
from skillgap.resumes.parsing import (
    ParsedDocument,
    content_error,
    needs_too_much_memory,
    took_too_long,
    unreadable,
)
from skillgap.resumes.parsing import (
    parse_resume as parse_here,
)

if TYPE_CHECKING:
    from skillgap.config import Settings

log = logging.getLogger(__name__)

MIB = 1024 * 1024
MAX_JOBS_PER_WORKER = 200
STARTUP_TIMEOUT_SECONDS = 60.0
# A worker with nothing to do for this long exits (the next upload starts another): an idle server holds
# no parser processes, and none outlive a server that was dropped without close().
IDLE_EXIT_SECONDS = 300.0
NICE_INCREMENT = 5
# A reply holds at most MAX_TEXT_CHARS characters of text as JSON; anything far larger is not ours.
_MAX_REPLY_BYTES = 64 * MIB
_FRAME = struct.Struct(">Q")


class ParserSandbox:
    """A pool of parser workers. `parse` blocks (call it from a thread) and is thread-safe; at most
    `workers` documents are parsed at once, more callers wait for a free worker."""

    def __init__(
        self,
        *,
        workers: int,
        timeout_seconds: float,
        memory_bytes: int,
        idle_exit_seconds: float = IDLE_EXIT_SECONDS,
    ) -> None:
        self.workers = workers
        self.timeout_seconds = timeout_seconds
        self.memory_bytes = memory_bytes
        self._pool = [
            _Worker(timeout_seconds=timeout_seconds, memory_bytes=memory_bytes, idle_exit_seconds=idle_exit_seconds)
            for _ in range(workers)
        ]
        self._idle: list[_Worker] = list(self._pool)
        self._available = threading.Condition()
        self._closed = False
        # Workers are processes: stop them when the sandbox goes away or the interpreter exits, whoever
        # forgets to call close().
        self._finalizer = weakref.finalize(self, _stop_all, list(self._pool))

    @classmethod
    def from_settings(cls, settings: Settings) -> ParserSandbox:
        return cls(
            workers=settings.resume_parse_workers,
            timeout_seconds=settings.resume_parse_timeout_seconds,
            memory_bytes=settings.resume_parse_memory_mib * MIB,
        )

    def parse(self, content: bytes, *, filename: str, content_type: str, max_bytes: int) -> ParsedDocument:
        if self.workers == 0 or not content or len(content) > max_bytes:
            # No workers configured, or refused before any parsing (empty, too large): here.
            return _parse_in_process(content, filename=filename, content_type=content_type, max_bytes=max_bytes)
        with self._available:
            while not self._idle and not self._closed:
                self._available.wait()
            if self._closed:
                # A parse that was still queued when the server stopped: its call has ended anyway.
                raise Unavailable("the server is stopping; try again", reason="SHUTTING_DOWN")
            worker = self._idle.pop()
        try:
            return worker.parse(content, filename=filename, content_type=content_type, max_bytes=max_bytes)
        finally:
            with self._available:
                self._idle.append(worker)
                self._available.notify()

    def close(self) -> None:
        """Stop every worker; parses still waiting for one are refused (UNAVAILABLE)."""
        with self._available:
            self._closed = True
            self._available.notify_all()
        _stop_all(self._pool)

    def worker_pids(self) -> list[int]:
        """Process ids of the running workers (for tests and diagnostics)."""
        return [pid for pid in (w.pid for w in self._pool) if pid is not None]


def parse_resume(
    content: bytes,
    *,
    filename: str,
    content_type: str,
    max_bytes: int,
    sandbox: ParserSandbox | None = None,
) -> ParsedDocument:
    """Parse a resume in the sandbox's workers (in this process without one). Blocking: call it from a
    thread. Raises InvalidArgument for every document it refuses."""
    if sandbox is None:
        return _parse_in_process(content, filename=filename, content_type=content_type, max_bytes=max_bytes)
    return sandbox.parse(content, filename=filename, content_type=content_type, max_bytes=max_bytes)


def _parse_in_process(content: bytes, *, filename: str, content_type: str, max_bytes: int) -> ParsedDocument:
    try:
        return parse_here(content, filename=filename, content_type=content_type, max_bytes=max_bytes)
    except MemoryError as exc:
        raise needs_too_much_memory(None, content) from exc


def _stop_all(workers: list[_Worker]) -> None:
    for worker in workers:
        worker.stop(retire=True)


class _Worker:
    """One worker process, used by one thread at a time (the sandbox hands it out)."""

    def __init__(self, *, timeout_seconds: float, memory_bytes: int, idle_exit_seconds: float) -> None:
        self._timeout = timeout_seconds
        self._memory = memory_bytes
        self._idle_exit = idle_exit_seconds
        self._proc: subprocess.Popen[bytes] | None = None
        self._jobs = 0
        self._lock = threading.Lock()
        self._retired = False

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def parse(self, content: bytes, *, filename: str, content_type: str, max_bytes: int) -> ParsedDocument:
        header = json.dumps({"filename": filename, "content_type": content_type, "max_bytes": max_bytes}).encode()
        try:
            return self._exchange(header, content)
        except _WorkerLeft:
            # It exited as the request went out (idle for IDLE_EXIT_SECONDS) or was killed while idle:
            # the document had nothing to do with it. Once more, on a fresh worker.
            return self._exchange(header, content)

    def _exchange(self, header: bytes, content: bytes) -> ParsedDocument:
        proc = self._running()
        deadline = time.monotonic() + self._timeout
        try:
            _send(proc, header, content)
        except OSError:
            self.stop()
            raise _WorkerLeft from None
        try:
            reply = _read_frame(proc, deadline)
        except TimeoutError:
            self.stop()
            log.warning("resume parser worker %d stopped after the %g s limit", proc.pid, self._timeout)
            raise took_too_long(self._timeout, content) from None
        except EOFError:
            code = self.stop()
            if code == 0:  # a clean exit is the idle exit, never a parse
                raise _WorkerLeft from None
            log.warning("resume parser worker %d exited with %s while parsing", proc.pid, code)
            if code == -signal.SIGXCPU:
                raise took_too_long(self._timeout, content) from None
            if code == -signal.SIGKILL:  # the kernel's OOM killer, most likely
                raise needs_too_much_memory(self._memory, content) from None
            raise unreadable("the reader stopped while reading it", content) from None
        self._jobs += 1
        answer = json.loads(reply)
        if answer.get("retire") or self._jobs >= MAX_JOBS_PER_WORKER:
            self.stop()
        return _decode(answer, self._memory, content)

    def _running(self) -> subprocess.Popen[bytes]:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            return proc
        self.stop()
        with self._lock:
            if self._retired:  # the sandbox was closed (the server stops): start nothing new
                raise Unavailable("the server is stopping; try again", reason="SHUTTING_DOWN")
            proc = _spawn(self._memory, math.ceil(self._timeout * 2) + 1, self._idle_exit)
            self._proc, self._jobs = proc, 0
        try:
            hello = json.loads(_read_frame(proc, time.monotonic() + STARTUP_TIMEOUT_SECONDS))
            if hello.get("ready") is not True:
                raise EOFError(hello)
        except (TimeoutError, EOFError, ValueError) as exc:
            self.stop()
            log.error("the resume parser worker did not start: %r", exc)
            raise Unavailable(
                "the resume parser could not start; try again later", reason="PARSER_UNAVAILABLE"
            ) from exc
        return proc

    def stop(self, *, retire: bool = False) -> int | None:
        """Kill the process (if any) and reap it; returns its exit status. A retired worker starts no
        process again."""
        with self._lock:
            proc, self._proc = self._proc, None
            self._retired = self._retired or retire
        if proc is None:
            return None
        if proc.poll() is None:
            proc.kill()
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a kill is not refused
            code = None
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()
        return code


class _WorkerLeft(Exception):
    """The worker was gone before it read the request."""


def _spawn(memory_bytes: int, cpu_seconds: int, idle_exit_seconds: float) -> subprocess.Popen[bytes]:
    # The package the server runs from, whether installed or on PYTHONPATH.
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    return subprocess.Popen(
        [
            sys.executable,
            "-P",
            "-m",
            "skillgap.resumes.sandbox",
            str(memory_bytes),
            str(cpu_seconds),
            str(idle_exit_seconds),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=0,
        env=env,
        close_fds=True,
        # Not in the server's process group: a Ctrl-C meant for the server does not hit a parse.
        start_new_session=True,
    )


def _send(proc: subprocess.Popen[bytes], header: bytes, content: bytes) -> None:
    stdin = proc.stdin
    assert stdin is not None
    for payload in (header, content):
        _write_all(stdin, _FRAME.pack(len(payload)))
        _write_all(stdin, payload)


def _write_all(pipe: IO[bytes], data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = pipe.write(view)
        view = view[written or 0 :]


def _read_frame(proc: subprocess.Popen[bytes], deadline: float) -> bytes:
    stdout = proc.stdout
    assert stdout is not None
    fd = stdout.fileno()
    (size,) = _FRAME.unpack(_read_exactly(fd, _FRAME.size, deadline))
    if size > _MAX_REPLY_BYTES:
        raise EOFError(f"reply of {size} bytes")
    return _read_exactly(fd, size, deadline)


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while remaining:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        if not poller.poll(max(1, math.ceil(left * 1000))):
            continue
        chunk = os.read(fd, min(remaining, 1 * MIB))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _decode(answer: dict[str, Any], memory_bytes: int, content: bytes) -> ParsedDocument:
    if "ok" in answer:
        ok = answer["ok"]
        return ParsedDocument(text=ok["text"], content_type=ok["content_type"], page_count=ok["page_count"])
    if "error" in answer:
        error = answer["error"]
        raise content_error(error["reason"], error["message"], metadata=error.get("metadata") or None)
    if answer.get("memory"):
        raise needs_too_much_memory(memory_bytes, content)
    log.error("the resume parser failed: %s", answer.get("crash"))
    raise unreadable("the reader failed on it", content)


# --- the worker side -----------------------------------------------------------------------------


def _limit_self(memory_bytes: int) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if memory_bytes > 0:
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # The parser writes no files.
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    try:
        os.nice(NICE_INCREMENT)
    except OSError:  # pragma: no cover - lowering one's own priority is always allowed
        pass


def _cpu_budget(seconds: int) -> None:
    """Let this process use `seconds` more CPU seconds, after which the kernel sends SIGXCPU (fatal)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _read_request(stream: IO[bytes]) -> bytes | None:
    head = stream.read(_FRAME.size)
    if len(head) < _FRAME.size:
        return None
    (size,) = _FRAME.unpack(head)
    body = stream.read(size)
    return body if len(body) == size else None


def _reply(out: IO[bytes], answer: dict[str, Any]) -> None:
    payload = json.dumps(answer).encode()
    out.write(_FRAME.pack(len(payload)) + payload)
    out.flush()


def _handle(header: bytes, content: bytes) -> dict[str, Any]:
    request = json.loads(header)
    try:
        parsed = parse_here(
            content,
            filename=request["filename"],
            content_type=request["content_type"],
            max_bytes=request["max_bytes"],
        )
    except InvalidArgument as error:
        return {"error": {"reason": error.reason, "message": error.message, "metadata": error.metadata}}
    except MemoryError:
        # The heap may be left fragmented near the limit: answer, then make way for a fresh worker.
        return {"memory": True, "retire": True}
    except Exception as exc:  # a parser bug: report it, and do not reuse this process
        import traceback

        traceback.print_exc(file=sys.stderr)
        return {"crash": repr(exc)[:500], "retire": True}
    return {"ok": {"text": parsed.text, "content_type": parsed.content_type, "page_count": parsed.page_count}}


def worker_main(argv: list[str]) -> int:
    memory_bytes, cpu_seconds, idle_exit_seconds = int(argv[0]), int(argv[1]), float(argv[2])
    _limit_self(memory_bytes)
    # The protocol owns stdout; anything printed by accident goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    stdin = sys.stdin.buffer
    _reply(out, {"ready": True})
    while True:
        # Between requests nothing is buffered (the server waits for each reply), so the pipe tells.
        readable, _, _ = select.select([stdin.fileno()], [], [], idle_exit_seconds)
        if not readable:
            return 0
        header = _read_request(stdin)
        content = _read_request(stdin) if header is not None else None
        if header is None or content is None:
            return 0  # the server closed the pipe
        _cpu_budget(cpu_seconds)
        answer = _handle(header, content)
        del content
        _reply(out, answer)
        if answer.get("retire"):
            return 0
        gc.collect()


if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1:]))
