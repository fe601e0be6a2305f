"""``python -m app doctor`` as IT staff run it: one line per check, failures with their fix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.config import DATA_DIR_ENV
from tests.cli.conftest import RunCli

CHECK_NAMES = [
    "python packages",
    "tesseract",
    "qt",
    "data folder",
    "database",
    "keyring",
    "central server",
]


def _lines_by_check(output: str) -> dict[str, str]:
    lines: dict[str, str] = {}
    for line in output.splitlines():
        for name in CHECK_NAMES:
            if line.split(" ", 1)[-1].lstrip().startswith(f"{name}:"):
                lines[name] = line
    return lines


def test_doctor_prints_one_line_per_check_and_passes_on_this_machine(run_cli: RunCli) -> None:
    result = run_cli("doctor")
    lines = _lines_by_check(result.stdout)
    assert list(lines) == CHECK_NAMES, result.stdout
    assert result.returncode == 0, result.stdout
    assert lines["tesseract"].startswith("OK"), lines["tesseract"]
    assert "vie" in lines["tesseract"]
    assert lines["python packages"].startswith("OK")
    assert "standalone" in lines["central server"]
    assert result.stdout.rstrip().endswith("0 failed")


def test_doctor_reports_the_database_at_the_latest_migration_after_first_start(
    run_cli: RunCli,
) -> None:
    assert run_cli("calendar", "2026").returncode == 0  # opens (creates, migrates) the store
    lines = _lines_by_check(run_cli("doctor").stdout)
    assert lines["database"].startswith("OK")
    assert "latest migration" in lines["database"]


def test_doctor_fails_without_tesseract_and_says_how_to_fix_it(
    run_cli: RunCli, tmp_path: Path, monkeypatch
) -> None:
    bin_dir = tmp_path / "bin-without-tesseract"
    bin_dir.mkdir()
    for tool in ("ldd",):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    monkeypatch.setenv("PATH", str(bin_dir))
    result = run_cli("doctor")
    line = _lines_by_check(result.stdout)["tesseract"]
    assert line.startswith("FAIL")
    assert "apt-get install tesseract-ocr" in line
    assert result.returncode == 1


def test_doctor_fails_on_a_data_folder_it_cannot_write(
    run_cli: RunCli, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(DATA_DIR_ENV, str(blocker / "data"))
    env_before = os.environ[DATA_DIR_ENV]
    result = run_cli("doctor", env_data_dir=env_before)
    line = _lines_by_check(result.stdout)["data folder"]
    assert line.startswith("FAIL")
    assert "MOTCUA_DATA_DIR" in line
    assert result.returncode == 1
