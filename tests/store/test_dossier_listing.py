"""The dossier lists: search, filters, paging, due colours' rules, history and detail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

import app.store.dossiers as dossiers_module
from app.config import AppPaths
from app.domain.calendar import WorkingCalendar
from app.domain.lifecycle import STATE_LABEL_VI, DossierState, Timeliness
from app.store.database import Store, open_database
from app.store.dossier_values import DueStatus, due_soon_limit, due_status
from app.store.dossiers import DossierFilter, DossierRepository, calendar_from_session
from app.store.seed import seed_from_resources
from app.store.settings import SettingsRepository
from tests.dossier_seed import (
    BY_NAME,
    DEMOS,
    NOW,
    D,
    DemoDossier,
    add_dossiers,
    bulk_dossiers,
    office,
)
from tests.store.conftest import FIXTURE_RESOURCES


@pytest.fixture
def listed(seeded_store: Store) -> dict[str, int]:
    return add_dossiers(seeded_store, DEMOS)


def names(store: Store, filters: DossierFilter) -> list[str]:
    with store.read_session() as session:
        return [row.applicant_name for row in DossierRepository(session).list_page(filters)]


def count(store: Store, filters: DossierFilter) -> int:
    with store.read_session() as session:
        return DossierRepository(session).count(filters)


def test_all_dossiers_newest_first(seeded_store: Store, listed: dict[str, int]) -> None:
    expected = [demo.name for demo in sorted(DEMOS, key=lambda d: d.received_at, reverse=True)]
    assert names(seeded_store, DossierFilter(now=NOW)) == expected
    assert count(seeded_store, DossierFilter(now=NOW)) == len(DEMOS)


def test_key_paging_walks_the_whole_list_once(seeded_store: Store, listed: dict[str, int]) -> None:
    filters = DossierFilter(now=NOW)
    with seeded_store.read_session() as session:
        repository = DossierRepository(session)
        whole = [row.id for row in repository.list_page(filters)]
        walked: list[int] = []
        after = None
        while True:
            page = repository.list_page(filters, limit=3, after=after)
            if not page:
                break
            walked += [row.id for row in page]
            after = page[-1].page_key
        by_offset = [
            row.id
            for offset in range(0, len(whole), 3)
            for row in repository.list_page(filters, offset=offset, limit=3)
        ]
    assert walked == whole
    assert by_offset == whole


def test_paging_keeps_its_place_when_two_dossiers_share_a_time(seeded_store: Store) -> None:
    same = office(4, 9)
    demos = [
        DemoDossier(f"999.00.00.H26-260304-{n:04d}", f"Người {n}", same, same + D)
        for n in range(1, 6)
    ]
    ids = add_dossiers(seeded_store, demos)
    with seeded_store.read_session() as session:
        repository = DossierRepository(session)
        first = repository.list_page(DossierFilter(now=NOW), limit=2)
        rest = repository.list_page(DossierFilter(now=NOW), limit=10, after=first[-1].page_key)
    assert [row.id for row in first + rest] == sorted(ids.values(), reverse=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van", {"Nguyễn Văn An", "Nguyễn Văn Bình"}),
        ("NGUYỄN", {"Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Thị Phương"}),
        ("do thi ha", {"Đỗ Thị Hà"}),
        ("0912 345", {"Trần Thị Cúc"}),
        ("345678", {"Trần Thị Cúc"}),
        ("260303", {"Nguyễn Văn Bình", "Đỗ Thị Hà"}),
        ("H26-260220", {"Trần Thị Cúc"}),
        ("0008", {"Đỗ Thị Hà"}),
        ("001099012345", {"Nguyễn Văn An"}),
        ("nguyen cuc", set()),
    ],
)
def test_search_finds_by_name_phone_code_or_id(
    seeded_store: Store, listed: dict[str, int], query: str, expected: set[str]
) -> None:
    filters = DossierFilter(now=NOW, text=query)
    found = names(seeded_store, filters)
    assert set(found) == expected
    assert len(found) == len(expected) == count(seeded_store, filters)


def test_text_without_a_searchable_word_does_not_filter(
    seeded_store: Store, listed: dict[str, int]
) -> None:
    assert len(names(seeded_store, DossierFilter(now=NOW, text=' "- '))) == len(DEMOS)


def test_todays_dossiers_follow_the_office_day(seeded_store: Store, listed: dict[str, int]) -> None:
    today = DossierFilter(now=NOW, received_on=date(2026, 3, 4))
    assert set(names(seeded_store, today)) == {
        "Nguyễn Văn An",
        "Nguyễn Thị Phương",
        "Hoàng Văn Giang",
    }
    yesterday = DossierFilter(now=NOW, received_on=date(2026, 3, 3))
    assert set(names(seeded_store, yesterday)) == {"Nguyễn Văn Bình", "Đỗ Thị Hà"}


def test_state_filter(seeded_store: Store, listed: dict[str, int]) -> None:
    refused = DossierFilter(now=NOW, states=frozenset({"refused"}))
    assert names(seeded_store, refused) == ["Nguyễn Thị Phương"]
    at_agency = DossierFilter(now=NOW, states=frozenset({"transferred", "supplement_requested"}))
    assert set(names(seeded_store, at_agency)) == {"Trần Thị Cúc", "Phạm Thị Én"}


def test_overdue_means_open_with_a_running_clock_and_past_due(
    seeded_store: Store, listed: dict[str, int]
) -> None:
    # Dũng (returned) and Én (clock paused for a supplement) are past their due date too.
    overdue = DossierFilter(now=NOW, due="overdue")
    assert names(seeded_store, overdue) == ["Trần Thị Cúc"]


def test_due_soon_is_before_the_end_of_the_next_working_day(
    seeded_store: Store, listed: dict[str, int]
) -> None:
    assert names(seeded_store, DossierFilter(now=NOW, due="due_soon")) == ["Nguyễn Văn Bình"]
    # On Thursday evening, Friday 09:00 (Giang) is due soon as well; Bình is overdue by then.
    thursday_evening = office(5, 18)
    assert names(seeded_store, DossierFilter(now=thursday_evening, due="due_soon")) == [
        "Hoàng Văn Giang"
    ]


def test_filters_combine(seeded_store: Store, listed: dict[str, int]) -> None:
    assert names(seeded_store, DossierFilter(now=NOW, text="nguyen", due="due_soon")) == [
        "Nguyễn Văn Bình"
    ]
    nguyen_today = DossierFilter(now=NOW, text="nguyen", received_on=date(2026, 3, 4))
    assert set(names(seeded_store, nguyen_today)) == {"Nguyễn Văn An", "Nguyễn Thị Phương"}
    refused_nguyen = DossierFilter(now=NOW, text="nguyen", states=frozenset({"refused"}))
    assert names(seeded_store, refused_nguyen) == ["Nguyễn Thị Phương"]
    # A closed state can never be overdue: nothing to look up at all.
    impossible = DossierFilter(now=NOW, states=frozenset({"returned"}), due="overdue")
    assert names(seeded_store, impossible) == []
    assert count(seeded_store, impossible) == 0


def test_rows_carry_due_status_timeliness_and_finish(
    seeded_store: Store, listed: dict[str, int]
) -> None:
    with seeded_store.read_session() as session:
        rows = {
            row.applicant_name: row
            for row in DossierRepository(session).list_page(DossierFilter(now=NOW))
        }
    assert rows["Nguyễn Văn An"].due_status is DueStatus.WITHIN_TIME
    assert rows["Nguyễn Văn Bình"].due_status is DueStatus.DUE_SOON
    assert rows["Trần Thị Cúc"].due_status is DueStatus.OVERDUE
    assert rows["Phạm Thị Én"].due_status is DueStatus.PAUSED
    assert rows["Nguyễn Thị Phương"].due_status is DueStatus.NONE
    dung = rows["Lê Văn Dũng"]
    assert dung.due_status is DueStatus.NONE
    assert dung.finished_at == BY_NAME["Lê Văn Dũng"].received_at + 8 * D  # result ready
    assert dung.timeliness is Timeliness.EARLY
    assert rows["Trần Thị Cúc"].applicant_phone == "0912345678"
    assert rows["Nguyễn Văn An"].applicant_id_number == "001099012345"
    assert rows["Nguyễn Văn An"].procedure_code == "1.001193"


def test_provisional_only_once_central_is_configured(
    seeded_store: Store, listed: dict[str, int]
) -> None:
    def provisional() -> dict[str, bool]:
        with seeded_store.read_session() as session:
            rows = DossierRepository(session).list_page(DossierFilter(now=NOW))
        return {row.applicant_name: row.provisional for row in rows}

    assert not any(provisional().values())  # standalone: nobody to accept them
    with seeded_store.session() as session:
        SettingsRepository(session).set("sync.central_url", "https://central.example.org")
    flags = provisional()
    assert flags["Lê Văn Dũng"] is False  # central received it
    assert flags["Nguyễn Văn An"] is True


def test_history_with_vietnamese_labels(seeded_store: Store, listed: dict[str, int]) -> None:
    with seeded_store.read_session() as session:
        history = DossierRepository(session).history(listed[BY_NAME["Lê Văn Dũng"].code])
    assert [entry.to_state for entry in history] == [
        "received",
        "awaiting_approval",
        "transferred",
        "result_ready",
        "returned",
    ]
    first, *_, ready, returned = history
    assert first.from_state is None and first.from_label_vi == ""
    assert first.to_label_vi == STATE_LABEL_VI[DossierState.RECEIVED]
    assert first.actor == "Trần Thị Bình"
    assert first.place  # the counter where it was received
    assert ready.note == "Đã ký"
    assert returned.from_label_vi == STATE_LABEL_VI[DossierState.RESULT_READY]
    assert returned.to_label_vi == STATE_LABEL_VI[DossierState.RETURNED]
    assert [entry.at for entry in history] == sorted(entry.at for entry in history)


def test_detail_of_one_dossier(seeded_store: Store, listed: dict[str, int]) -> None:
    with seeded_store.session() as session:
        SettingsRepository(session).set("sync.central_url", "https://central.example.org")
    with seeded_store.read_session() as session:
        repository = DossierRepository(session)
        detail = repository.detail(listed[BY_NAME["Trần Thị Cúc"].code], NOW)
        missing = repository.detail(999_999, NOW)
    assert missing is None
    assert detail is not None
    assert detail.code == "999.00.00.H26-260220-0003"
    assert detail.applicant.full_name == "Trần Thị Cúc"
    assert detail.applicant.phone == "0912345678"
    assert detail.procedure_code == "1.001193"
    assert [(doc.name, doc.form, doc.received) for doc in detail.documents] == [
        ("Tờ khai", "original", True),
        ("Giấy tờ tùy thân", "present", True),
    ]
    assert detail.received_by == "Trần Thị Bình"
    assert detail.counter_name  # the counter's name from the organisation tables
    assert detail.provisional is True
    assert detail.due_status is DueStatus.OVERDUE
    assert [entry.to_state for entry in detail.history] == [
        "received",
        "awaiting_approval",
        "transferred",
    ]


def test_summaries_reread_rows_in_the_asked_order(
    seeded_store: Store, listed: dict[str, int]
) -> None:
    wanted = [listed[BY_NAME["Nguyễn Văn Bình"].code], 999_999, listed[DEMOS[0].code]]
    with seeded_store.read_session() as session:
        rows = DossierRepository(session).summaries(wanted, office(5, 10))
    assert [row.applicant_name for row in rows] == ["Nguyễn Văn Bình", "Nguyễn Văn An"]
    assert rows[0].due_status is DueStatus.OVERDUE  # a day later, Bình's 09:00 has passed


def test_broad_text_is_capped_and_says_so(
    seeded_store: Store, listed: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dossiers_module, "TEXT_MATCH_CAP", 2)
    broad = DossierFilter(now=NOW, text="nguyen")
    narrow = DossierFilter(now=NOW, text="nguyen van an")
    with seeded_store.read_session() as session:
        repository = DossierRepository(session)
        assert repository.text_truncated(broad) is True
        assert repository.count(broad) == 2
        assert len(repository.list_page(broad)) == 2
        assert repository.text_truncated(narrow) is False
        assert repository.text_truncated(DossierFilter(now=NOW)) is False


def test_naive_now_is_refused(seeded_store: Store) -> None:
    with seeded_store.read_session() as session, pytest.raises(ValueError, match="naive"):
        DossierRepository(session).list_page(DossierFilter(now=datetime(2026, 3, 4, 10)))


# --- the due-soon rule on the working calendar ---------------------------------------------


def test_due_soon_limit_skips_weekends_and_announced_days_off(seeded_store: Store) -> None:
    with seeded_store.read_session() as session:
        calendar = calendar_from_session(session)  # holds the fixture's day off on 2 Jan 2026
    # Wednesday: the end of Thursday.
    assert due_soon_limit(NOW, calendar) == office(6, 0)
    # Friday evening: the end of Monday.
    assert due_soon_limit(office(6, 17), calendar) == office(10, 0)
    # 31 Dec 2025: 1 Jan is a holiday, 2 Jan an announced day off, then the weekend.
    new_year_eve = datetime(2025, 12, 31, 3, 0, tzinfo=UTC)
    assert due_soon_limit(new_year_eve, calendar) == datetime(2026, 1, 5, 17, 0, tzinfo=UTC)


def test_due_status_boundaries() -> None:
    limit = due_soon_limit(NOW, WorkingCalendar())
    running = "transferred"
    assert due_status(running, NOW, NOW, limit) is DueStatus.DUE_SOON  # due this very minute
    assert due_status(running, NOW - timedelta(seconds=1), NOW, limit) is DueStatus.OVERDUE
    assert due_status(running, limit - timedelta(seconds=1), NOW, limit) is DueStatus.DUE_SOON
    assert due_status(running, limit, NOW, limit) is DueStatus.WITHIN_TIME
    assert due_status(running, None, NOW, limit) is DueStatus.NONE
    assert due_status("result_ready", NOW - D, NOW, limit) is DueStatus.NONE
    assert due_status("supplement_requested", NOW - D, NOW, limit) is DueStatus.PAUSED


# --- query plans on many rows ---------------------------------------------------------------

_FULL_SCAN = re.compile(r"^SCAN (dossiers|applicants|status_history)$")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store with 20,000 dossiers for all the plan tests (building it takes a while)."""
    store = open_database(AppPaths(data_dir=tmp_path_factory.mktemp("many")))
    try:
        seed_from_resources(store, FIXTURE_RESOURCES)
        bulk_dossiers(store, 20_000, datetime(2025, 12, 1, 1, 0, tzinfo=UTC))
        add_dossiers(store, DEMOS)
        yield store
    finally:
        store.close()


def plan(store: Store, filters: DossierFilter, deep: bool = False) -> list[str]:
    with store.read_session() as session:
        repository = DossierRepository(session)
        after = None
        if deep:
            first = repository.list_page(filters, limit=5000)
            after = first[-1].page_key
        return repository.explain(filters, after=after)


@pytest.mark.parametrize(
    ("filters", "expected_index"),
    [
        (DossierFilter(now=NOW), "ix_dossiers_received_at"),
        (DossierFilter(now=NOW, received_on=date(2026, 1, 5)), "ix_dossiers_received_at"),
        (DossierFilter(now=NOW, states=frozenset({"refused"})), "ix_dossiers_state"),
        (DossierFilter(now=NOW, due="overdue"), "ix_dossiers_state"),
        (DossierFilter(now=NOW, due="due_soon"), "ix_dossiers_state"),
        (DossierFilter(now=NOW, text="nguyen van"), "VIRTUAL TABLE INDEX"),
        (DossierFilter(now=NOW, text="0900001"), "VIRTUAL TABLE INDEX"),
        (
            DossierFilter(now=NOW, text="tran", states=frozenset({"received"}), due="overdue"),
            "VIRTUAL TABLE INDEX",
        ),
    ],
    ids=["all", "one day", "state", "overdue", "due soon", "name", "phone", "combined"],
)
def test_listing_uses_indexes_at_20000_dossiers(
    many: Store, filters: DossierFilter, expected_index: str
) -> None:
    steps = plan(many, filters)
    assert steps, "no plan came back"
    assert not [step for step in steps if _FULL_SCAN.match(step)], steps
    assert any(expected_index in step for step in steps), steps
    with many.read_session() as session:
        rows = DossierRepository(session).list_page(filters)
    assert rows == sorted(rows, key=lambda row: (row.received_at, row.id), reverse=True)


def test_a_deep_page_seeks_instead_of_skipping(many: Store) -> None:
    steps = plan(many, DossierFilter(now=NOW), deep=True)
    assert any(
        step.startswith("SEARCH dossiers USING")
        and "ix_dossiers_received_at (received_at<?)" in step
        for step in steps
    ), steps
