"""``python -m app ocr``: the scanner check IT staff run, as a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from tests.capture.ocr_helpers import small_page
from tests.cli.conftest import RunCli


def _two_page_tiff(path: Path) -> Path:
    first = Image.fromarray(small_page(("Đăng ký thường trú", "hộ khẩu thường trú")))
    second = Image.fromarray(small_page(("Chứng thực bản sao",)))
    first.save(path, save_all=True, append_images=[second], dpi=(300, 300), compression="tiff_lzw")
    return path


def test_one_json_line_per_page_of_a_two_page_tiff(run_cli: RunCli, tmp_path: Path) -> None:
    tiff = _two_page_tiff(tmp_path / "hồ sơ.tif")
    run = run_cli("ocr", str(tiff))
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["page"] for line in lines] == [1, 2]
    assert all(line["file"] == str(tiff) for line in lines)
    assert "Đăng ký thường trú" in lines[0]["text"] and "hộ khẩu" in lines[0]["text"]
    assert "Chứng thực bản sao" in lines[1]["text"]
    for line in lines:
        assert {"file", "page", "text", "confidence", "seconds", "flags"} <= set(line)
        assert line["flags"] == [] and line["confidence"] > 80 and line["seconds"] > 0


def test_a_zero_byte_file_exits_1_naming_it_and_the_rest_still_runs(
    run_cli: RunCli, tmp_path: Path
) -> None:
    empty = tmp_path / "trống.jpg"
    empty.write_bytes(b"")
    good = tmp_path / "good.png"
    Image.fromarray(small_page(("Bộ phận một cửa",))).save(good, dpi=(300, 300))
    run = run_cli("ocr", str(empty), str(good))
    assert run.returncode == 1
    assert str(empty) in run.stderr and "empty" in run.stderr
    assert "trống.jpg" in run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(good)]
    assert "Bộ phận một cửa" in lines[0]["text"]


def test_a_missing_language_exits_1_with_the_package(run_cli: RunCli, tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    Image.fromarray(small_page(("Bộ phận một cửa",))).save(good, dpi=(300, 300))
    run = run_cli("ocr", "--language", "xyz", str(good))
    assert run.returncode == 1
    assert "tesseract-ocr-xyz" in run.stderr
    assert run.stdout == ""
