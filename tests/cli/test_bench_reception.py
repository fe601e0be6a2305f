"""``bench reception``: one JSON line with both stores' figures, the ratio and the counts.

A small run (20 saves, 2,000 generated dossiers) through the command line, in a private data
folder: the shape and the consistency of the figures, and the cache of the generated store.
Nothing here asserts a duration (benchmarks are not timed tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from app.bench.reception import DEFAULT_DOSSIERS, DEFAULT_EXISTING
from app.cli.bench_cmd import RECEPTION_DOSSIERS, RECEPTION_EXISTING
from app.config import DATA_DIR_ENV, AppPaths

TIMEOUT_S = 300


def _bench(app_paths: AppPaths, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m app bench reception ...`` in a subprocess with a private data folder."""
    env = dict(os.environ, **{DATA_DIR_ENV: str(app_paths.data_dir)})
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run(
        [sys.executable, "-m", "app", "bench", "reception", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env,
        check=False,
    )


def _one_json_line(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    value = json.loads(lines[0])
    assert isinstance(value, dict)
    return value


def _check_summary(summary: dict[str, float]) -> None:
    assert set(summary) == {"median", "p95"}
    assert 0 < summary["median"] <= summary["p95"]


def test_prints_both_stores_figures_the_ratio_and_the_counts(app_paths: AppPaths) -> None:
    result = _one_json_line(_bench(app_paths, "--dossiers", "20", "--existing", "2000"))

    _check_summary(result["save_to_pdf_ms"])
    _check_summary(result["save_to_pdf_ms_at_500k"])
    expected_ratio = result["save_to_pdf_ms_at_500k"]["p95"] / result["save_to_pdf_ms"]["p95"]
    assert abs(result["ratio_p95_500k_vs_empty"] - expected_ratio) < 0.001
    assert result["dossiers"] == 20
    assert result["existing"] == 2000
    assert result["target_p95_ms"] == 150
    assert result["pass"] is (
        result["save_to_pdf_ms"]["p95"] < 150 and result["save_to_pdf_ms_at_500k"]["p95"] < 150
    )
    assert result["generate_s"] > 0
    assert result["db_mb"] > 0
    assert result["cache_hit"] is False
    assert "empty" in result["baseline"]
    generated = result["generated"]
    assert generated["dossiers"] == 2000
    assert generated["audit_entries"] == 2000
    assert generated["documents"] > 2000
    assert generated["search_rows"] > generated["dossiers"]
    for size in ("empty", "at_500k"):
        parts = result["parts_median_ms"][size]
        assert parts["save"] > 0 and parts["pdf"] > 0

    # The generated store was cached under the data folder and a second run reuses it.
    cached = sorted((app_paths.data_dir / "bench-cache").glob("reception-2000-*.sqlite3"))
    assert len(cached) == 1
    again = _one_json_line(_bench(app_paths, "--dossiers", "1", "--existing", "2000"))
    assert again["cache_hit"] is True
    assert again["generate_s"] == result["generate_s"]
    assert again["dossiers"] == 1
    assert sorted((app_paths.data_dir / "bench-cache").glob("reception-2000-*.sqlite3")) == cached


def test_no_cache_neither_reads_nor_writes_the_cache(app_paths: AppPaths) -> None:
    result = _one_json_line(_bench(app_paths, "--dossiers", "1", "--existing", "300", "--no-cache"))
    assert result["cache_hit"] is False
    assert result["existing"] == 300
    cache = app_paths.data_dir / "bench-cache"
    assert not cache.exists() or not any(cache.iterdir())


def test_refuses_zero_dossiers_with_the_reason(app_paths: AppPaths) -> None:
    result = _bench(app_paths, "--dossiers", "0")
    assert result.returncode == 2
    assert "--dossiers" in result.stderr and "at least 1" in result.stderr
    assert result.stdout == ""
    assert not Path(app_paths.data_dir / "bench-cache").exists()


def test_the_command_lines_defaults_are_the_benchmarks() -> None:
    assert (RECEPTION_DOSSIERS, RECEPTION_EXISTING) == (DEFAULT_DOSSIERS, DEFAULT_EXISTING)
    assert (DEFAULT_DOSSIERS, DEFAULT_EXISTING) == (200, 500_000)
