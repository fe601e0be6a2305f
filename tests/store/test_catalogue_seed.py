"""Seed import and the catalogue as the reception screen queries it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.store.catalogue import CatalogueRepository
from app.store.database import Store
from app.store.models import AdminUnit, CalendarOverride, Counter, OrgUnit, Procedure
from app.store.seed import SeedFormatError, seed_from_resources

from .conftest import FIXTURE_RESOURCES


def _count(store: Store, model: type) -> int:
    with store.read_session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_seed_is_idempotent(store: Store) -> None:
    first = seed_from_resources(store, FIXTURE_RESOURCES)
    counts = [_count(store, m) for m in (Procedure, OrgUnit, Counter, AdminUnit, CalendarOverride)]
    second = seed_from_resources(store, FIXTURE_RESOURCES, force=True)
    assert first == second
    assert first.missing == ()
    assert counts == [3, 2, 2, 8, 2]
    assert [
        _count(store, m) for m in (Procedure, OrgUnit, Counter, AdminUnit, CalendarOverride)
    ] == counts


def test_unchanged_seed_files_are_not_imported_again(store: Store, tmp_path: Path) -> None:
    procedures = tmp_path / "catalogue" / "procedures.json"
    procedures.parent.mkdir()
    source = json.loads((FIXTURE_RESOURCES / "catalogue" / "procedures.json").read_text("utf-8"))
    procedures.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    assert seed_from_resources(store, tmp_path).procedures == 3
    assert seed_from_resources(store, tmp_path).unchanged
    source["procedures"] = source["procedures"][:1]
    source["procedures"][0]["name"] = "Thủ tục đã đổi tên"
    procedures.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    changed = seed_from_resources(store, tmp_path)
    assert not changed.unchanged
    with store.read_session() as session:
        assert CatalogueRepository(session).search("da doi ten")[0].name == "Thủ tục đã đổi tên"


def test_admin_units_are_zero_padded_and_linked(seeded_store: Store) -> None:
    with seeded_store.read_session() as session:
        ward = session.scalars(
            select(AdminUnit).where(AdminUnit.era == "2025", AdminUnit.code == "00004")
        ).one()
        old_ward = session.scalars(
            select(AdminUnit).where(AdminUnit.era == "pre2025", AdminUnit.code == "00004")
        ).one()
        branch = session.scalars(select(OrgUnit).where(OrgUnit.code == "CN-BADINH")).one()
        center = session.get(OrgUnit, branch.parent_id)
    assert (ward.name, ward.level, ward.parent_code) == ("Phường Ba Đình", "commune", "01")
    assert (old_ward.name, old_ward.parent_code) == ("Phường Trúc Bạch", "001")
    assert old_ward.valid_to == date(2025, 6, 30)
    assert center is not None and center.code == "TTPVHCC"


def test_missing_files_are_skipped(store: Store, tmp_path: Path) -> None:
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "procedures.json").write_text(
        json.dumps({"schema": 1, "procedures": []}), encoding="utf-8"
    )
    report = seed_from_resources(store, tmp_path)
    assert "organisation/organisation.json" in report.missing
    assert "admin_units/" in report.missing


def test_bad_seed_is_reported_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "overrides.json").write_text(
        json.dumps({"schema": 1, "overrides": [{"day": "2026-01-02", "kind": "holiday"}]}),
        encoding="utf-8",
    )
    with pytest.raises(SeedFormatError, match="holiday"):
        seed_from_resources(store, tmp_path)
    assert _count(store, CalendarOverride) == 0


@pytest.mark.parametrize("query", ["khai sinh", "KHAI SINH", "đăng ký khai", "ho tich", "1.0011"])
def test_search_is_accent_insensitive(seeded_store: Store, query: str) -> None:
    with seeded_store.read_session() as session:
        found = CatalogueRepository(session).search(query, on=date(2026, 1, 5))
    assert [p.code for p in found] == ["1.001193"]
    assert found[0].documents == 3
    assert found[0].deciding_agency == "UBND cấp xã"


def test_version_in_effect_on_the_day(seeded_store: Store) -> None:
    with seeded_store.read_session() as session:
        catalogue = CatalogueRepository(session)
        (old,) = catalogue.search("khai sinh", on=date(2025, 6, 30))
        (new,) = catalogue.search("khai sinh", on=date(2025, 7, 1))
        assert catalogue.search("chung thuc", on=date(2025, 6, 30)) == []
        detail = catalogue.get_version(new.version_id)
    assert (old.documents, old.deciding_agency) == (1, "UBND cấp xã (cũ)")
    assert new.version_id != old.version_id
    assert detail is not None
    assert [d.form for d in detail.documents] == ["original", "original", "present"]
    assert detail.legal_basis == ("Luật Hộ tịch 2014", "Nghị định 118/2025/NĐ-CP")


def test_empty_text_lists_all_by_field_then_name(seeded_store: Store) -> None:
    with seeded_store.read_session() as session:
        catalogue = CatalogueRepository(session)
        listed = catalogue.search("", on=date(2026, 1, 5))
        assert catalogue.count() == 3
    assert [p.field for p in listed] == ["Chứng thực", "Hộ tịch", "Xây dựng"]
    assert listed[2].code is None
    assert (listed[2].processing_unit, listed[2].processing_value) == ("working_days", 15.0)


def test_packaged_resources_seed_cleanly(store: Store) -> None:
    first = seed_from_resources(store)
    assert first.missing == ()
    assert first.procedures >= 25
    assert seed_from_resources(store, force=True) == first


def test_working_calendar_uses_the_stored_overrides(seeded_store: Store) -> None:
    from app.store.calendar import load_working_calendar

    calendar = load_working_calendar(seeded_store)
    assert not calendar.is_working_day(date(2026, 1, 2))  # a Friday given as a day off
    assert calendar.is_working_day(date(2026, 1, 10))  # a Saturday worked in exchange
