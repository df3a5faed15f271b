"""Check, before `skillgap up` starts anything, that the ports it is configured to listen on are free.

Envoy and the gRPC server bind with SO_REUSEPORT, which lets a second `skillgap up` listen on the same
port as a running one: the kernel then splits the calls between the two, each with its own database.
A probe socket without SO_REUSEPORT cannot bind a port that any socket listens on, so it finds them taken.
A port can still be taken between this check and the real bind; the servers' own errors cover that.
"""

from __future__ import annotations

import errno
import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WantedPort:
    """A port a part of `skillgap up` will listen on, and the setting that moves it."""

    what: str  # "the REST gateway"
    setting: str  # "SKILLGAP_HTTP_PORT"
    host: str
    port: int


class PortsUnavailable(RuntimeError):
    """One or more wanted ports cannot be used; the message has a line for each, naming its setting."""


def check_ports(wanted: list[WantedPort]) -> None:
    """Raise PortsUnavailable naming every wanted port that is taken (and, where the system tells, by which
    process), given twice, or cannot be bound; port 0 (any free port) is never checked."""
    problems = []
    seen: dict[int, WantedPort] = {}
    for item in wanted:
        if item.port == 0:
            continue
        other = seen.get(item.port)
        if other is not None:
            problems.append(
                f"{other.setting} and {item.setting} are both {item.port}: "
                f"{other.what} and {item.what} need a port each; change one of them"
            )
            continue
        seen[item.port] = item
        failure = _bind_failure(item.host, item.port)
        if failure is None:
            continue
        where = f"{item.what} cannot listen on {item.host}:{item.port}"
        if failure.errno == errno.EADDRINUSE:
            owner = listener_of(item.port)
            problems.append(
                f"{where}: the port is already in use{f' by {owner}' if owner else ''}. Stop that program, or "
                f"give SkillGap another port with {item.setting}=<port>"
            )
        else:
            reason = "binding it needs privileges" if failure.errno == errno.EACCES else str(failure)
            problems.append(f"{where}: {reason}. Give SkillGap another port with {item.setting}=<port>")
    if len(problems) == 1:
        raise PortsUnavailable(f"cannot start: {problems[0]}")
    if problems:
        raise PortsUnavailable("cannot start:\n" + "\n".join(f"  {problem}" for problem in problems))


def _bind_failure(host: str, port: int) -> OSError | None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return exc
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as probe:
            # As the servers bind: a port whose last connections linger in TIME_WAIT is free for them.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                return exc
    return None


# Enough of a command line to tell one program from another (and one data dir from another).
_COMMAND_CHARS = 120


def listener_of(port: int) -> str | None:
    """The process listening on TCP `port`, as "pid 1234 (envoy --config-path ...)", where /proc shows it
    (Linux; only processes we may inspect); None otherwise. Best effort: for the message only."""
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    targets = {f"socket:[{inode}]" for inode in inodes}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) in targets:
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
                    shown = command if len(command) <= _COMMAND_CHARS else command[: _COMMAND_CHARS - 1] + "…"
                    return f"pid {entry.name} ({shown})"
        except OSError:  # gone, or not ours to look at
            continue
    return None


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            # local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is the tenth field.
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes
