"""Start-up benchmark: how much slower than a bare PySide6 window does the app open?

A ratio against a bare Qt window measured on the same machine in the same minute means
something on any machine, where absolute seconds do not. Each run is a fresh process (nothing
cached in the interpreter) with a fresh copy of an already migrated and seeded data folder, so
the figure is the clerk's every-morning start-up, not the first installation.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from app.bench.startup_child import MARKER, READY_MARKER
from app.config import DATA_DIR_ENV

BASELINE = "bare PySide6 QMainWindow shown offscreen in a fresh process"
CHILD_MODULE = "app.bench.startup_child"
TIMEOUT_S = 120.0


class BenchError(RuntimeError):
    """A child process failed to reach the shown window; carries its output for diagnosis."""


def _child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env[DATA_DIR_ENV] = str(data_dir)
    return env


def time_child(mode: str, data_dir: Path) -> tuple[float, float | None]:
    """Seconds from just before spawning the child until it reports its window shown, and
    (``app`` only) until it reports the store open."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", CHILD_MODULE, mode],
        env=_child_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    elapsed: float | None = None
    ready: float | None = None
    for line in process.stdout:
        if line.strip() == MARKER:
            elapsed = time.perf_counter() - start
            if mode != "app":
                break
        elif line.strip() == READY_MARKER:
            ready = time.perf_counter() - start
            break
    try:
        _, stderr = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
    if elapsed is None or process.returncode != 0:
        raise BenchError(
            f"{mode} child exited {process.returncode} before showing: {stderr.strip()}"
        )
    if mode == "app" and ready is None:
        raise BenchError(f"app child never opened its store: {stderr.strip()}")
    return elapsed, ready


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


def bench_startup(runs: int = 5) -> dict[str, Any]:
    """Median start-up of the app and of a bare Qt window, ``runs`` fresh processes each.

    ``app_s`` is the clerk's wait until the window is on screen (the brief's milestone);
    ``app_ready_s`` adds the store opening behind it, until the catalogue query is submitted,
    so nobody mistakes a fast window for a fast database.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        root = Path(tmp)
        template = root / "template"
        # The first start migrates and seeds the template folder; it also warms the disk cache
        # for both variants, so neither pays for a cold cache the other did not.
        _, first_install_ready = time_child("app", template)
        time_child("bare", root / "bare-warmup")
        shown: list[float] = []
        ready: list[float] = []
        bare: list[float] = []
        for run in range(runs):
            data_dir = root / f"run-{run}"
            shutil.copytree(template, data_dir)
            app_shown, app_ready = time_child("app", data_dir)
            shown.append(app_shown)
            ready.append(app_ready if app_ready is not None else float("nan"))
            bare.append(time_child("bare", root / f"bare-{run}")[0])
    app_s = _median(shown)
    bare_s = _median(bare)
    return {
        "app_s": app_s,
        "bare_qt_s": bare_s,
        "ratio": round(app_s / bare_s, 3),
        "runs": runs,
        "baseline": BASELINE,
        "db_precreated": True,
        "app_ready_s": _median(ready),
        "ready_ratio": round(_median(ready) / bare_s, 3),
        "first_install_ready_s": round(first_install_ready or 0.0, 4),
        "app_runs_s": [round(t, 4) for t in shown],
        "bare_runs_s": [round(t, 4) for t in bare],
    }
