"""``python -m app setup``: IT staff list the counters, set one, and get a clear refusal."""

from __future__ import annotations

from pathlib import Path

from app.config import AppPaths
from app.store.counter import load_counter_identity
from app.store.database import open_database
from tests.cli.conftest import RunCli


def test_list_shows_the_shipped_counters(run_cli: RunCli) -> None:
    result = run_cli("setup", "--list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split()[:3] == ["TT", "Q01", "Quầy"] for line in lines)
    assert any(line.startswith("CN01") and "999.01.00.H26" in line for line in lines)


def test_setting_the_counter_prints_it_and_keeps_it(run_cli: RunCli, app_paths: AppPaths) -> None:
    result = run_cli("setup", "--unit", "TT", "--counter", "Q01", "--clerk", "Nguyễn Thị Lan")
    assert result.returncode == 0, result.stderr
    assert "TT — Trung tâm Phục vụ hành chính công thành phố Hà Nội" in result.stdout
    assert "999.00.00.H26" in result.stdout
    assert "Q01 — Quầy 01" in result.stdout
    assert "clerk:       Nguyễn Thị Lan" in result.stdout

    shown = run_cli("setup")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == result.stdout
    store = open_database(app_paths)
    try:
        with store.read_session() as session:
            identity = load_counter_identity(session)
    finally:
        store.close()
    assert identity is not None
    assert (identity.org_unit_code, identity.counter_code, identity.clerk_name) == (
        "TT",
        "Q01",
        "Nguyễn Thị Lan",
    )


def test_an_unknown_counter_is_refused_in_both_languages(run_cli: RunCli) -> None:
    result = run_cli("setup", "--unit", "TT", "--counter", "Q99", "--clerk", "Lan")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "lỗi: Không thiết lập được quầy: đơn vị TT không có quầy «Q99»" in result.stderr
    assert "error: Cannot set up this counter: unit TT has no active counter 'Q99'" in (
        result.stderr
    )
    assert "Q01, Q02, Q03, Q04" in result.stderr


def test_bad_input_exits_2_and_sets_nothing(run_cli: RunCli) -> None:
    unknown_unit = run_cli("setup", "--unit", "XX", "--counter", "Q01", "--clerk", "Lan")
    assert unknown_unit.returncode == 2
    assert "không có đơn vị mã «XX»" in unknown_unit.stderr
    no_clerk = run_cli("setup", "--unit", "TT", "--counter", "Q01", "--clerk", "  ")
    assert no_clerk.returncode == 2
    assert "chưa nhập họ tên cán bộ" in no_clerk.stderr
    partial = run_cli("setup", "--unit", "TT")
    assert partial.returncode == 2
    assert "--unit, --counter" in partial.stderr
    assert "cần nhập đủ" in partial.stderr
    nothing_set = run_cli("setup")
    assert nothing_set.returncode == 1
    assert "chưa được thiết lập quầy" in nothing_set.stderr


def test_the_scanner_folder_and_the_central_address_are_set_and_cleared(
    run_cli: RunCli, app_paths: AppPaths, tmp_path: Path
) -> None:
    inbox = tmp_path / "May quet"
    inbox.mkdir()
    run_cli("setup", "--unit", "TT", "--counter", "Q01", "--clerk", "Nguyễn Thị Lan")
    result = run_cli(
        "setup", "--scanner-folder", str(inbox), "--central-url", "https://tthc.example.vn/api/"
    )
    assert result.returncode == 0, result.stderr
    assert f"scanner:     {inbox.resolve()}" in result.stdout
    assert "central:     https://tthc.example.vn/api" in result.stdout
    assert "clerk:       Nguyễn Thị Lan" in result.stdout  # the identity is untouched

    cleared = run_cli("setup", "--no-scanner-folder", "--standalone")
    assert cleared.returncode == 0, cleared.stderr
    assert "scanner:     (none)" in cleared.stdout
    assert "central:     (standalone)" in cleared.stdout  # not even the demo server

    demo = run_cli("setup", "--demo-central")
    assert demo.returncode == 0, demo.stderr
    assert "central:     (demo server started with the app)" in demo.stdout


def test_a_bad_scanner_folder_or_central_address_is_refused_and_nothing_changes(
    run_cli: RunCli, app_paths: AppPaths, tmp_path: Path
) -> None:
    run_cli("setup", "--unit", "TT", "--counter", "Q01", "--clerk", "Nguyễn Thị Lan")
    missing = run_cli("setup", "--scanner-folder", str(tmp_path / "khong-co"))
    assert missing.returncode == 2
    assert "không tồn tại" in missing.stderr
    clear_text = run_cli("setup", "--central-url", "http://tthc.example.vn")
    assert clear_text.returncode == 2
    assert "phải dùng https" in clear_text.stderr
    garbage = run_cli("setup", "--central-url", "tthc.example.vn")
    assert garbage.returncode == 2
    assert "không hợp lệ" in garbage.stderr
    local = run_cli("setup", "--central-url", "http://127.0.0.1:8765")
    assert local.returncode == 0, local.stderr  # the local reference server may be plain http

    shown = run_cli("setup")
    assert "scanner:     (none)" in shown.stdout
    assert "central:     http://127.0.0.1:8765" in shown.stdout


def test_a_new_install_uses_the_demo_central(run_cli: RunCli, app_paths: AppPaths) -> None:
    result = run_cli("setup", "--unit", "TT", "--counter", "Q01", "--clerk", "Nguyễn Thị Lan")
    assert "central:     (demo server started with the app)" in result.stdout
