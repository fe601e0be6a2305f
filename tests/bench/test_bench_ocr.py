"""``bench ocr``: the metric counts what it claims, and a quick run prints sane JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

from app.bench.ocr import aligned_distance, cer_counts, normalise, truth_segments


def test_each_misread_character_counts_once() -> None:
    assert aligned_distance("Tập trung", "Tập trung") == 0
    assert aligned_distance("Tập trung", "Tập ưung") == 2  # the known vie confusion
    assert aligned_distance("Tập trung", "xx Tập trung yy") == 0  # text around is free
    assert aligned_distance("Tập trung", "") == len("Tập trung")


def test_reading_order_and_columns_do_not_count_but_misreads_do() -> None:
    truth = "CỘNG HOÀ XÃ HỘI          Mẫu số 01\nĐăng ký thường trú"
    assert truth_segments(truth) == ["CỘNG HOÀ XÃ HỘI", "Mẫu số 01", "Đăng ký thường trú"]
    assert cer_counts(truth, "Đăng ký thường trú\nMẫu số 01 CỘNG HOÀ XÃ HỘI")[0] == 0
    edits, chars = cer_counts(truth, "CỘNG HÒA XÃ HỘI Mẫu số 01 Đăng ký thường tru")
    # "HÒA" for "HOÀ" is two characters wrong (the accent on another letter), "tru" one.
    assert (edits, chars) == (3, len("CỘNG HOÀ XÃ HỘI") + len("Mẫu số 01") + 18)


def test_leaders_unicode_forms_and_spaces_are_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Đăng ký")
    assert decomposed != "Đăng ký"
    assert normalise("Ngày…... / ...… tháng   năm") == "Ngày / tháng năm"
    assert normalise("Đa\u0306ng") == "Đăng"
    assert normalise(decomposed) == "Đăng ký"


def test_quick_run_prints_one_sane_json_line() -> None:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    run = subprocess.run(
        [sys.executable, "-m", "app", "bench", "ocr", "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert {"ours_cer", "tesseract_cer"} <= set(result["degraded"])
    assert {"ours_cer", "tesseract_cer", "time_ratio"} <= set(result["clean"])
    assert set(result["degraded"]["by_source"]) == {"rendered"}  # the land form: full run only
    assert "tesseract IMAGE stdout -l vie" in result["baseline"]
    for section in ("degraded", "clean"):
        assert 0 <= result[section]["ours_cer"] <= 1
        assert 0 <= result[section]["tesseract_cer"] <= 1
        assert result[section]["ours_s_per_page"] > 0
    # On rendered text our pipeline must read the degraded pages almost perfectly.
    assert result["degraded"]["ours_cer"] <= 0.05
    assert result["degraded"]["tesseract_cer"] >= result["degraded"]["ours_cer"]
    assert 0.3 < result["clean"]["time_ratio"] < 5
    assert 0.3 < result["parallel_speedup"] < 8
    assert set(result["languages"]) == {"vie", "Vietnamese", "vie+eng"}
    assert set(result["checks"]) == {
        "degraded_ours_cer",
        "degraded_tesseract_far_worse",
        "clean_time_ratio",
        "clean_cer_no_worse",
        "parallel_speedup",
    }
    assert isinstance(result["pass"], bool)
