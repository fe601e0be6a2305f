"""``python -m app calendar``: non-working days and appointment times, as IT staff see them."""

from __future__ import annotations

from tests.cli.conftest import RunCli


def test_calendar_year_lists_holidays_and_weekends_with_reasons(run_cli: RunCli) -> None:
    result = run_cli("calendar", "2026")
    assert result.returncode == 0, result.stderr
    lines = {line[:10]: line for line in result.stdout.splitlines()}
    assert "2026-09-02" in lines and "Quốc khánh" in lines["2026-09-02"]
    assert "2026-04-30" in lines and "2026-05-01" in lines
    assert "2026-02-17" in lines  # Tết Nguyên đán (mùng 1)
    assert "Chủ Nhật" in lines["2026-01-04"]
    assert "2026-01-05" not in lines  # an ordinary Monday
    assert list(lines) == sorted(lines)
    # 104 weekend days plus the holidays that fall on weekdays.
    assert 110 <= len(lines) <= 130


def test_calendar_due_skips_the_30_april_holidays_and_the_weekend(run_cli: RunCli) -> None:
    result = run_cli("calendar", "due", "--received", "2026-04-29 16:10", "--days", "3")
    assert result.returncode == 0, result.stderr
    # 50 min on Wed 29/4; Thu 30/4 and Fri 1/5 are holidays, then the weekend; 8 h Mon 4/5,
    # 8 h Tue 5/5, and the last 7 h 10 min on Wed 6/5 (lunch 12:00-13:00 does not count).
    assert result.stdout.strip() == "2026-05-06T16:10"


def test_calendar_due_same_day_after_three_pm_moves_to_the_next_working_day(
    run_cli: RunCli,
) -> None:
    before = run_cli("calendar", "due", "--received", "2026-11-20 10:00", "--same-day")
    after = run_cli("calendar", "due", "--received", "2026-11-20 15:30", "--same-day")
    assert before.stdout.strip() == "2026-11-20T17:00"
    assert after.stdout.strip().startswith("2026-11-23T")  # Friday after 15:00 -> Monday


def test_calendar_due_in_hours(run_cli: RunCli) -> None:
    result = run_cli("calendar", "due", "--received", "2026-11-20 11:00", "--hours", "4")
    assert result.stdout.strip() == "2026-11-20T16:00"


def test_calendar_rejects_bad_input_with_a_clear_message(run_cli: RunCli) -> None:
    no_span = run_cli("calendar", "due", "--received", "2026-11-20 11:00")
    bad_time = run_cli("calendar", "due", "--received", "20/11/2026", "--days", "1")
    bad_year = run_cli("calendar", "twenty")
    for result in (no_span, bad_time, bad_year):
        assert result.returncode == 1
        assert result.stderr.startswith("error: ")
    assert "--days" in no_span.stderr
    assert "2026-04-29 16:10" in bad_time.stderr
