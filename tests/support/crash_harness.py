"""Run a Python callable in a fresh interpreter and SIGKILL it at a random moment, many times.

A crash test needs the real thing: a process killed without warning (no ``finally``, no
``atexit``, buffers unflushed), as a power cut or a task manager does, and then started again
on the same files. ::

    harness = CrashHarness(sync_forever, str(data_dir), ready="target", seed=7)
    for run in harness.kill_repeatedly(runs=20, min_delay_s=0.0, max_delay_s=0.5):
        check_nothing_lost(data_dir, run.lines)

Design: each run is ``python -c`` with a small bootstrap that unpickles ``(target, args)`` from
stdin (a function pickles by reference: it must be importable, at module level), so the child
shares nothing with the test process (no inherited threads, sockets or SQLite handles, unlike a
fork) and costs one interpreter start. The kill delay counts from the moment the child says it
is ready, on a pipe of its own: after its imports (``ready="import"``), or when the target calls
:func:`signal_ready` (``ready="target"``), so a slow start-up does not eat the random window.
What the child prints goes to temporary files and comes back in :class:`CrashRun`: a line the
child flushed before it died is something it told the world (for a sync test: "central
accepted entry X"), which the parent can hold against what is on disk afterwards.

POSIX only (SIGKILL and inherited pipe descriptors).
"""

from __future__ import annotations

import os
import pickle
import random
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_FD_ENV = "CRASH_HARNESS_READY_FD"

_BOOTSTRAP = """\
import os, pickle, sys
target, args, wait_for_target = pickle.load(sys.stdin.buffer)
if not wait_for_target:
    from tests.support.crash_harness import signal_ready
    signal_ready()
target(*args)
"""


def signal_ready() -> None:
    """Tell the harness the interesting part starts now: the kill delay counts from here.

    A no-op outside the harness and after the first call, so a target can call it freely."""
    fd = os.environ.pop(READY_FD_ENV, None)
    if fd is not None:
        os.write(int(fd), b"ready")
        os.close(int(fd))


@dataclass(frozen=True)
class CrashRun:
    """How one run of the child ended."""

    number: int
    kill_after_s: float | None
    """The planned delay after readiness; None: the child was left to finish."""
    ready: bool
    """The child got as far as saying it was ready."""
    killed: bool
    """The harness SIGKILLed it (it was still running when the delay ran out)."""
    returncode: int
    """Negative for a signal: -9 after SIGKILL."""
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        """The child's output lines; a last line cut by the kill is left out."""
        lines = self.stdout.split("\n")
        return lines[:-1]


class CrashHarness:
    """Starts ``target(*args)`` in a child interpreter, once per :meth:`run`."""

    def __init__(
        self,
        target: Callable[..., object],
        *args: object,
        ready: Literal["import", "target"] = "import",
        seed: int = 0,
        cwd: Path = REPO_ROOT,
        env: Mapping[str, str] | None = None,
        startup_timeout_s: float = 60.0,
        run_timeout_s: float = 120.0,
    ) -> None:
        self.payload = pickle.dumps((target, args, ready == "target"))
        self.random = random.Random(seed)
        self.cwd = cwd
        self.env = dict(env or {})
        self.startup_timeout_s = startup_timeout_s
        self.run_timeout_s = run_timeout_s
        self.runs = 0

    def run(self, kill_after_s: float | None) -> CrashRun:
        """One child: SIGKILL ``kill_after_s`` seconds after it is ready (unless it ended
        before), or let it finish (``None``, bounded by ``run_timeout_s``)."""
        self.runs += 1
        read_end, write_end = os.pipe()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            try:
                process = subprocess.Popen(
                    [sys.executable, "-c", _BOOTSTRAP],
                    stdin=subprocess.PIPE,
                    stdout=out,
                    stderr=err,
                    cwd=self.cwd,
                    env={**os.environ, **self.env, READY_FD_ENV: str(write_end)},
                    pass_fds=(write_end,),
                )
            finally:
                os.close(write_end)  # the child holds the only write end: EOF when it dies
            try:
                assert process.stdin is not None
                try:
                    process.stdin.write(self.payload)
                    process.stdin.close()
                except BrokenPipeError:
                    pass  # died at start-up: its stderr says why
                state = _wait_ready(read_end, self.startup_timeout_s)
                ready = state == "ready"
                killed = False
                if ready:
                    timeout = self.run_timeout_s if kill_after_s is None else kill_after_s
                    try:
                        process.wait(timeout=timeout)
                    except subprocess.TimeoutExpired:
                        if kill_after_s is None:
                            process.kill()
                            raise
                        process.kill()  # SIGKILL on POSIX
                        killed = True
                elif state == "timeout":
                    process.kill()
                    raise TimeoutError(f"the child was not ready in {self.startup_timeout_s} s")
                returncode = process.wait(timeout=self.run_timeout_s)
            finally:
                os.close(read_end)
                if process.poll() is None:
                    process.kill()
                    process.wait()
            return CrashRun(
                number=self.runs,
                kill_after_s=kill_after_s,
                ready=ready,
                killed=killed,
                returncode=returncode,
                stdout=_text(out),
                stderr=_text(err),
            )

    def kill_repeatedly(
        self, runs: int, min_delay_s: float = 0.0, max_delay_s: float = 0.5
    ) -> Iterator[CrashRun]:
        """``runs`` children one after the other, each killed after a delay drawn uniformly
        (seeded); the caller checks the files between runs, as the next start would meet
        them. A child that dies by itself is yielded too: the caller decides if that is
        wrong (usually: its stderr holds a traceback)."""
        for _ in range(runs):
            yield self.run(self.random.uniform(min_delay_s, max_delay_s))


def _wait_ready(fd: int, timeout_s: float) -> Literal["ready", "closed", "timeout"]:
    """ "closed": the child ended (or closed the pipe) without saying it was ready."""
    deadline = time.monotonic() + timeout_s
    while (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([fd], [], [], left)
        if readable:
            return "ready" if os.read(fd, 16) == b"ready" else "closed"
    return "timeout"


def _text(stream: IO[bytes]) -> str:
    stream.seek(0)
    return stream.read().decode("utf-8", errors="replace")
