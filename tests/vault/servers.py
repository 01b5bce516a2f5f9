"""Throw-away Redis and PostgreSQL servers for the vault tests and benchmarks.

Each server listens on 127.0.0.1 only, on a free port, with its data in a fresh temporary folder
that is deleted when it stops; nothing touches a system service. The binaries come from the Debian
packages that scripts/services.sh installs. PostgreSQL refuses to run as root, so as root the
cluster is owned by, and run as, the `postgres` system user (via runuser).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any


class ServerUnavailable(RuntimeError):
    """A server binary is missing (`missing=True`) or the server would not start."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def start_for_tests(factory: Any, name: str) -> Any:
    """`factory()`, or a clear test failure. Only a missing binary on a machine without the CI
    environment variable skips instead (and says so); in CI that is a failure too."""
    import pytest

    try:
        return factory()
    except ServerUnavailable as exc:
        if exc.missing and not os.environ.get("CI"):
            pytest.skip(f"{exc} (skipped because the CI environment variable is unset; CI fails here)")
        pytest.fail(f"{name} could not start: {exc}", pytrace=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(check: object, what: str, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.05)
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
    raise ServerUnavailable(f"{what} did not start within {timeout:.0f} s; its log ends with:\n{tail}")


class RedisServer:
    """`redis-server --port P --dir D --save ''` (plus an fsync'd append-only file if `durable`)."""

    def __init__(self, durable: bool = False) -> None:
        exe = shutil.which("redis-server")
        if exe is None:
            raise ServerUnavailable("redis-server is not installed: run scripts/services.sh (Debian package)", True)
        self.exe, self.durable = exe, durable
        self.dir = Path(tempfile.mkdtemp(prefix="pseudonym-redis-"))
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _ping(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise ServerUnavailable(f"redis-server exited with {self.proc.returncode}: {self._log_tail()}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def _log_tail(self) -> str:
        log = self.dir / "redis.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    def start(self) -> None:
        args = [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir), "--save", "",
                "--daemonize", "no", "--logfile", str(self.dir / "redis.log")]  # fmt: skip
        if self.durable:
            args += ["--appendonly", "yes", "--appendfsync", "always"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait(self._ping, "redis-server", self.dir / "redis.log")

    def kill(self) -> None:
        """SIGKILL, the way a crashed or OOM-killed server dies."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ServerUnavailable("PostgreSQL is not installed: run scripts/services.sh (Debian package)", True)


class PostgresServer:
    """A private cluster: `initdb` into a temporary folder, `pg_ctl start` on 127.0.0.1:PORT."""

    user = "vault"

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="pseudonym-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:  # postgres will not run as root
            if shutil.which("runuser") is None:
                raise ServerUnavailable("running as root without runuser: cannot start PostgreSQL as another user")
            try:
                import pwd

                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise ServerUnavailable("running as root and no `postgres` user exists to run PostgreSQL") from None
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self._as, str(self.bin / tool), *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise ServerUnavailable(f"{tool} failed ({done.returncode}): {(done.stderr or done.stdout)[-2000:]}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "pg.log"), "-w", "-t", "60", "start"
        )

    def kill(self) -> None:
        """`pg_ctl stop -m immediate`: every server process quits at once, without a checkpoint, as in
        a crash; committed transactions survive through the write-ahead log on the next start."""
        with contextlib.suppress(ServerUnavailable):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        with contextlib.suppress(ServerUnavailable, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
