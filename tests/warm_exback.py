"""A warm ``exback`` for the command tests: each run is a process of its own, forked from a
server that has already imported SQLAlchemy, Alembic and Rich.

A test of a command pays about 0.4 s for a new interpreter to import those libraries before
exback does anything, several hundred times over the suite. The run itself is unchanged: the
child takes the test's argv, environment, working folder and standard streams, imports
exback's command line fresh (so every module that reads the environment when it loads, such
as the consoles, reads the test's), runs ``exback_tui.cli.main`` as the console script does
and ends as an exit does (threads joined, atexit functions, garbage collected, streams
flushed: :func:`_end`), with its own exit status or signal. Tests of the
start-up itself (what a command imports, the console script, the first frame) run the
installed ``exback``; ``conftest.run_installed`` is that.

Run as ``python warm_exback.py SOCKET``: the server listens on the Unix socket SOCKET and
stops when the process that started it is gone. A request is one JSON line (argv, env, cwd)
sent with three file descriptors (stdin, stdout, stderr); the answer is the child's pid,
then its exit code (negative for a signal), each on a line.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import locale
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from key_derivation import QUICK_ROUNDS, use_rounds

# The libraries a command spends its start-up importing. Nothing of exback's own is loaded
# here: its modules load in each child, under the test's environment.
PRELOAD = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.sql.default_comparator",
    "alembic.command",
    "alembic.config",
    "alembic.runtime.migration",
    "alembic.script",
    "alembic.operations",
    "rich.console",
    "rich.table",
    "rich.markup",
    "platformdirs",
    "argparse",
    "sqlite3",
    "csv",
    "zipfile",
    "exback_tui.store.journal",
    "exback_tui.store.quick_journal",
    "exback_tui.store.migration",
    "exback_tui.store.portable",
    "sqlcipher3",
)

Request = dict[str, Any]


def _receive(conn: socket.socket) -> tuple[Request, list[int]]:
    """One request and its three descriptors, read whole from ``conn``."""
    data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
    while not data.endswith(b"\n"):
        more = conn.recv(1 << 20)
        if not more:
            raise EOFError("the request ended early")
        data += more
    return json.loads(data), fds


def limit_file_size(limit: int) -> None:
    """``ulimit -f``, in bytes, for this process: a write past ``limit`` gets EFBIG (SIGXFSZ
    is ignored, so it is an error to report, not a kill)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def _become(request: Request, fds: list[int]) -> list[str]:
    """In the child: take the request's streams, environment and folder; its argv."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    old = (sys.stdin, sys.stdout, sys.stderr)
    sys.stdin = open(  # noqa: SIM115 - the process's stdin until it ends
        0, encoding=old[0].encoding, errors=old[0].errors, closefd=False
    )
    sys.stdout = open(  # noqa: SIM115
        1, "w", encoding=old[1].encoding, errors=old[1].errors, closefd=False
    )
    sys.stderr = open(  # noqa: SIM115
        2, "w", encoding=old[2].encoding, errors=old[2].errors, buffering=1, closefd=False
    )
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    if request.get("file_size_limit") is not None:
        limit_file_size(request["file_size_limit"])
    import random

    random.seed()  # not the server's sequence, shared by every child
    argv: list[str] = request["argv"]
    sys.argv = list(argv)
    sys.path[0] = os.path.dirname(argv[0])  # as for the console script: its folder, not ours
    return argv[1:]


def _handle(conn: socket.socket, request: Request, fds: list[int]) -> list[str]:
    """In a handler forked per request: fork the run, answer its pid and then its exit code.
    Returns only in the run itself, with the arguments for ``main``."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the server's reaping is not the run's
    pid = os.fork()
    if pid == 0:
        conn.close()
        return _become(request, fds)
    for fd in fds:
        os.close(fd)
    conn.sendall(f"{pid}\n".encode())
    _, status = os.waitpid(pid, 0)
    try:
        conn.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
    finally:
        os._exit(0)


def serve(path: str) -> list[str]:
    """Answer requests until the starting process is gone; returns only in a forked run."""
    parent = os.getppid()
    for name in PRELOAD:
        __import__(name)
    use_rounds(QUICK_ROUNDS)  # as in the tests' own process (tests/key_derivation.py)
    import gc

    gc.freeze()  # the runs' collections leave the preloaded objects (and their pages) alone
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # handlers are reaped by the system
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    listener.settimeout(1.0)
    print("ready", flush=True)
    while os.getppid() == parent:
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        conn.settimeout(None)
        request, fds = _receive(conn)
        if os.fork() == 0:
            listener.close()
            return _handle(conn, request, fds)
        conn.close()
        for fd in fds:
            os.close(fd)
    os._exit(0)


class WarmExback:
    """The tests' side: a server started once (per test process), runs on request."""

    def __init__(self, exback: Path) -> None:
        self.exback = exback
        self.folder = tempfile.mkdtemp(prefix="exback-warm-")  # short: a socket path is <108
        self.path = os.path.join(self.folder, "warm.sock")
        self.server = subprocess.Popen(
            [sys.executable, __file__, self.path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self.server.stdout is not None
        if self.server.stdout.readline() != b"ready\n":
            _, err = self.server.communicate(timeout=60)
            raise RuntimeError(f"the warm exback did not start: {err.decode()}")

    def close(self) -> None:
        """Stop the server (runs still going end on their own)."""
        self.server.terminate()
        self.server.communicate(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


_server: WarmExback | None = None


def run_warm_bytes(
    args: Sequence[str | bytes],
    *,
    env: dict[str, str],
    input: bytes | None = None,
    cwd: str | Path | None = None,
    timeout: float = 60,
    file_size_limit: int | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``subprocess.run([exback, *args], capture_output=True, env=env, ...)`` through this
    process's warm server: stdin is ``input``, or else empty (never the test process's own);
    past ``timeout`` the run is killed and TimeoutExpired raised. ``file_size_limit`` is
    ``ulimit -f`` in bytes for the run alone (SIGXFSZ ignored, so a write gets EFBIG)."""
    run = WarmProcess(args, env, input=input, cwd=cwd, file_size_limit=file_size_limit)
    try:
        code = run.wait(timeout)
    except subprocess.TimeoutExpired:
        run.kill()
        raise
    out, err = run.output()
    return subprocess.CompletedProcess(run.args, code, out, err)


def _started() -> WarmExback:
    """This process's warm server, started on first use and stopped when the process ends."""
    global _server
    if _server is None:
        _server = WarmExback(Path(sys.executable).parent / "exback")
        atexit.register(_server.close)
    return _server


def run_warm(
    args: Sequence[str | bytes],
    *,
    env: dict[str, str],
    input: str | None = None,
    cwd: str | Path | None = None,
    timeout: float = 60,
    file_size_limit: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """:func:`run_warm_bytes` with ``text=True``: input encoded and output decoded as
    ``subprocess`` does (the locale's encoding, universal newlines)."""
    encoding = locale.getpreferredencoding(False)
    done = run_warm_bytes(
        args,
        env=env,
        input=None if input is None else input.encode(encoding),
        cwd=cwd,
        timeout=timeout,
        file_size_limit=file_size_limit,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, _text(done.stdout, encoding), _text(done.stderr, encoding)
    )


class WarmProcess:
    """A warm run started without waiting for it: the part of ``subprocess.Popen(...,
    text=True)`` the tests use (pid, poll, wait, communicate, send_signal, kill), for runs a
    test stops or races. Its pid is the run's own, so a signal or /proc reaches exback."""

    def __init__(
        self,
        args: Sequence[str | bytes],
        env: dict[str, str],
        *,
        input: bytes | None = None,
        cwd: str | Path | None = None,
        file_size_limit: int | None = None,
    ) -> None:
        # Bytes in argv as Python's own argv holds them.
        self.args = [str(_started().exback), *map(os.fsdecode, args)]
        self.returncode: int | None = None
        self._out = tempfile.TemporaryFile()  # noqa: SIM115 - kept until the run has ended
        self._err = tempfile.TemporaryFile()  # noqa: SIM115
        self._buffer = b""
        self._said: tuple[bytes, bytes] | None = None
        self._conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._conn.connect(_started().path)
        request = {
            "argv": self.args,
            "env": env,
            "cwd": os.fspath(cwd or os.getcwd()),
            "file_size_limit": file_size_limit,
        }
        feeder = None
        if input is None:
            stdin_fd = os.open(os.devnull, os.O_RDONLY)
        else:
            stdin_fd, write_fd = os.pipe()
            feeder = threading.Thread(target=_feed, args=(write_fd, input), daemon=True)
        self._drains: list[threading.Thread] = []
        sinks = [self._out.fileno(), self._err.fileno()]
        if file_size_limit is not None:
            # A limited run could not grow a file, its captured output included: it writes
            # to pipes, drained into the files here (as subprocess's own pipes would be).
            sinks = [self._pipe_into(self._out), self._pipe_into(self._err)]
        try:
            socket.send_fds(self._conn, [json.dumps(request).encode() + b"\n"], [stdin_fd, *sinks])
        finally:
            os.close(stdin_fd)
            for fd in sinks if self._drains else []:
                os.close(fd)
        if feeder is not None:
            feeder.start()
        self.pid = int(self._line(None) or b"")

    def _pipe_into(self, file: IO[bytes]) -> int:
        """A pipe whose reading end a thread drains into ``file``; returns its writing end."""
        read_fd, write_fd = os.pipe()
        drain = threading.Thread(target=_drain, args=(read_fd, file), daemon=True)
        drain.start()
        self._drains.append(drain)
        return write_fd

    def _line(self, timeout: float | None) -> bytes | None:
        """The server's next answer, or None when none came within ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self._conn], [], [], left)[0]:
                return None
            chunk = self._conn.recv(4096)
            if not chunk:
                raise EOFError("the warm exback server went away")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def poll(self) -> int | None:
        """The exit code if the run has ended, else None."""
        if self.returncode is None:
            self._ended(self._line(0))
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the run's end; TimeoutExpired after ``timeout`` seconds."""
        if self.returncode is None:
            self._ended(self._line(timeout))
        if self.returncode is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self.returncode

    def _ended(self, line: bytes | None) -> None:
        """The server's last answer, the exit code, if it came."""
        if line is not None:
            self.returncode = int(line)
            self._conn.close()

    def output(self) -> tuple[bytes, bytes]:
        """What the ended run wrote to stdout and stderr (the same again on a later call)."""
        if self._said is None:
            for drain in self._drains:
                drain.join()
            said = []
            for file in (self._out, self._err):
                file.seek(0)
                said.append(file.read())
                file.close()
            self._said = (said[0], said[1])
        return self._said

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        """Wait for the run's end; what it wrote to stdout and stderr, as text (the same
        again on a later call, as Popen gives)."""
        self.wait(timeout)
        encoding = locale.getpreferredencoding(False)
        out, err = self.output()
        return _text(out, encoding), _text(err, encoding)

    def send_signal(self, sig: int) -> None:
        """Signal the run, unless it has already ended (as Popen does)."""
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        """SIGKILL, as Popen.kill."""
        self.send_signal(signal.SIGKILL)


def start_warm(args: Sequence[str], *, env: dict[str, str]) -> WarmProcess:
    """Start ``exback args`` from this process's warm server, stdin empty, without waiting."""
    return WarmProcess(args, env)


def _feed(fd: int, data: bytes) -> None:
    """Write ``data`` to a run's stdin as ``subprocess`` does, then close it."""
    view = memoryview(data)
    with contextlib.suppress(BrokenPipeError):  # it stopped reading: as subprocess allows
        while view:
            view = view[os.write(fd, view) :]
    os.close(fd)


def _drain(fd: int, file: IO[bytes]) -> None:
    """Copy what comes through the pipe ``fd`` into ``file`` until every writer has closed it."""
    with open(fd, "rb", buffering=0) as pipe:
        while chunk := pipe.read(1 << 16):
            file.write(chunk)


def _text(data: bytes, encoding: str) -> str:
    """Bytes as ``subprocess.run(text=True)`` decodes them (universal newlines too)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding).read()


def _end(code: object) -> None:
    """End the run as the interpreter would after ``sys.exit(code)``, short of tearing down
    its modules, and so the server's heap the run shares.

    Freeing every module object writes to each shared page, which the kernel then copies:
    about 0.07 s of a run's 0.1 s. What an exit does that a run can see is done here, in the
    interpreter's order: wait for the threads, call the atexit functions, collect the garbage
    (closing what a cycle still held open), flush the streams. A stream that cannot be flushed
    (a closed pipe) is left to the interpreter's own exit, to say and end as it does.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("words"): said on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    import gc

    gc.collect()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(status)
    os._exit(status & 0xFF)


if __name__ == "__main__":
    arguments = serve(sys.argv[1])
    # What the console script does, in the forked run.
    from exback_tui.cli import main

    try:
        ended: object = main(arguments)
    except SystemExit as exit:
        ended = exit.code
    _end(ended)
