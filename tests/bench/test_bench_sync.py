"""``bench sync --quick``: one JSON line with the figures, the baseline and the checks.

A tiny run (50 and 20 queued dossiers, each with its PDF) through the command line against
real central processes on 127.0.0.1: the shape of the line, that the push was verified on
both sides (central holds exactly the dossiers, every outbox entry accepted) and that the
figures agree with each other. Nothing here asserts a duration.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.bench.sync import QUICK_DOSSIERS, QUICK_SMALL, small_pdf
from app.config import DATA_DIR_ENV

TIMEOUT_S = 120


def test_quick_sync_bench_prints_verified_figures(tmp_path: Path) -> None:
    env = dict(os.environ, **{DATA_DIR_ENV: str(tmp_path / "data")})
    done = subprocess.run(
        [sys.executable, "-m", "app", "bench", "sync", "--quick"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout
    result = json.loads(lines[0])

    for figures in (result, result["small"], result["baseline_result"]):
        assert figures["dossiers_per_s"] > 0
        assert figures["seconds"] > 0
        assert figures["peak_rss_mb"] > 0
    assert result["dossiers"] == QUICK_DOSSIERS
    assert result["small"]["dossiers"] == QUICK_SMALL
    assert result["baseline_result"]["dossiers"] == QUICK_SMALL
    assert abs(result["dossiers_per_s"] * result["seconds"] - QUICK_DOSSIERS) < 1
    assert result["memory_ratio"] == round(
        result["peak_rss_mb"] / result["small"]["peak_rss_mb"], 3
    )
    assert "batch_size=1" in result["baseline"]
    assert set(result["targets"]) == {"dossiers_per_s_min", "memory_ratio_max"}

    # Verified on both sides, for every run: nothing missing, nothing twice.
    assert result["verified"] is True
    for name, expected in (
        ("large", QUICK_DOSSIERS),
        ("small", QUICK_SMALL),
        ("baseline", QUICK_SMALL),
    ):
        check = result["checks"][name]
        assert check["ok"], check["failed"]
        assert check["outbox"] == {"accepted": 2 * expected}
        assert check["central_dossiers"] == expected
        assert check["central_entries"] == 2 * expected
        assert check["central_files"] == expected
        assert check["looked_up"] == min(20, expected)
    assert result["engine"]["large"]["files_uploaded"] == QUICK_DOSSIERS
    assert isinstance(result["pass"], bool)


def test_attachments_are_small_distinct_pdfs() -> None:
    first, second = small_pdf(1), small_pdf(2)
    assert first.startswith(b"%PDF-1.4") and first.rstrip().endswith(b"%%EOF")
    assert first != second
    assert 1_000 < len(first) < 10_000
