"""Counter identity: set up from the organisation list, refused when it cannot be right, and
the organisation profile the printed slips read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store.counter import (
    CounterIdentity,
    OrganisationProfile,
    configure_counter,
    list_counters,
    load_counter_identity,
    load_organisation_profile,
    require_counter_identity,
)
from app.store.database import Store
from app.store.errors import CounterNotConfigured, CounterSetupError
from app.store.models import Counter, OrgUnit
from app.store.seed import seed_from_resources
from app.store.settings import SettingsRepository

from .conftest import FIXTURE_RESOURCES

DAY = date(2026, 3, 2)


def test_configure_counter_stores_the_identity(seeded_store: Store) -> None:
    with seeded_store.session() as session:
        assert load_counter_identity(session) is None
        identity = configure_counter(session, " cn-badinh ", "q02", "  Nguyễn   Thị Lan ", on=DAY)
    assert identity == CounterIdentity(
        org_unit_id=identity.org_unit_id,
        org_unit_code="CN-BADINH",
        org_unit_name="Chi nhánh Ba Đình",
        agency_code="000.01.01.H99",
        counter_id=identity.counter_id,
        counter_code="Q02",
        counter_name="Quầy 2",
        clerk_name="Nguyễn Thị Lan",
        authority_name="UBND THÀNH PHỐ THỬ",
        province_name="Phố Thử",
    )
    with seeded_store.read_session() as session:
        assert load_counter_identity(session) == identity
        settings = SettingsRepository(session)
        assert settings.get("counter.unit") == "CN-BADINH"
        assert settings.get("counter.code") == "Q02"
        assert settings.get("clerk.name") == "Nguyễn Thị Lan"


@pytest.mark.parametrize(
    ("unit", "counter", "clerk", "vietnamese"),
    [
        ("CN-BADINH", "Q01", "   ", "chưa nhập họ tên cán bộ"),
        ("CN-XYZ", "Q01", "Lan", "không có đơn vị mã «CN-XYZ»"),
        ("CN-BADINH", "Q09", "Lan", "không có quầy «Q09»"),
        ("TTPVHCC", "Q01", "Lan", "các quầy: không có"),
        ("CN-BADINH", "Q01", "L" * 256, "dài quá 255"),
    ],
)
def test_configure_counter_refuses_what_cannot_be_right(
    seeded_store: Store, unit: str, counter: str, clerk: str, vietnamese: str
) -> None:
    with seeded_store.session() as session:
        with pytest.raises(CounterSetupError) as raised:
            configure_counter(session, unit, counter, clerk, on=DAY)
        assert load_counter_identity(session) is None
    assert vietnamese in raised.value.message_vi
    assert raised.value.message_vi.startswith("Không thiết lập được quầy")
    assert raised.value.message.startswith("Cannot set up this counter")


def test_a_unit_out_of_service_or_without_agency_code_is_refused(seeded_store: Store) -> None:
    with seeded_store.session() as session:
        unit = session.scalars(select(OrgUnit).where(OrgUnit.code == "CN-BADINH")).one()
        with pytest.raises(CounterSetupError) as early:
            configure_counter(session, "CN-BADINH", "Q01", "Lan", on=date(2025, 6, 30))
        assert "01/07/2025" in early.value.message_vi
        unit.agency_code = "H26"
        with pytest.raises(CounterSetupError) as shapeless:
            configure_counter(session, "CN-BADINH", "Q01", "Lan", on=DAY)
        assert "mã định danh điện tử" in shapeless.value.message_vi


def test_list_counters_offers_active_counters_of_units_in_service(seeded_store: Store) -> None:
    with seeded_store.session() as session:
        choices = list_counters(session, on=DAY)
        assert [(c.unit_code, c.counter_code, c.counter_name) for c in choices] == [
            ("CN-BADINH", "Q01", "Quầy 1"),
            ("CN-BADINH", "Q02", "Quầy 2"),
        ]
        assert choices[0].agency_code == "000.01.01.H99"
        session.scalars(select(Counter).where(Counter.code == "Q02")).one().active = False
        assert [c.counter_code for c in list_counters(session, on=DAY)] == ["Q01"]
        assert list_counters(session, on=date(2025, 1, 1)) == []


def test_identity_disappears_when_its_counter_is_deactivated(seeded_store: Store) -> None:
    with seeded_store.session() as session:
        configure_counter(session, "CN-BADINH", "Q01", "Lan", on=DAY)
        session.scalars(select(Counter).where(Counter.code == "Q01")).one().active = False
        session.flush()
        assert load_counter_identity(session) is None
        with pytest.raises(CounterNotConfigured) as raised:
            require_counter_identity(session, DAY)
        assert "đã ngừng hoạt động" in raised.value.message_vi


def test_require_counter_identity_refuses_a_unit_closed_since(seeded_store: Store) -> None:
    with seeded_store.session() as session:
        configure_counter(session, "CN-BADINH", "Q01", "Lan", on=DAY)
        unit = session.scalars(select(OrgUnit).where(OrgUnit.code == "CN-BADINH")).one()
        unit.valid_to = date(2026, 2, 28)
        session.flush()
        with pytest.raises(CounterNotConfigured) as raised:
            require_counter_identity(session, DAY)
        assert "không hoạt động vào ngày 02/03/2026" in raised.value.message_vi


def test_the_shipped_profile_is_seeded_and_marked_demo(store: Store) -> None:
    seed_from_resources(store)
    with store.read_session() as session:
        profile = load_organisation_profile(session)
    assert profile.authority == "UBND THÀNH PHỐ HÀ NỘI"
    assert profile.place_name == "Hà Nội"
    assert profile.lookup_url.startswith("https://")
    assert profile.hotline
    assert profile.demo is True


def test_a_seed_without_profile_fields_keeps_the_profile(store: Store, tmp_path: Path) -> None:
    seed_from_resources(store, FIXTURE_RESOURCES)
    organisation = json.loads(
        (FIXTURE_RESOURCES / "organisation" / "organisation.json").read_text("utf-8")
    )
    for key in ("authority", "place_name", "lookup_url", "hotline"):
        organisation.pop(key)
    target = tmp_path / "organisation" / "organisation.json"
    target.parent.mkdir()
    target.write_text(json.dumps(organisation, ensure_ascii=False), encoding="utf-8")
    seed_from_resources(store, tmp_path)
    with store.read_session() as session:
        assert load_organisation_profile(session).authority == "UBND THÀNH PHỐ THỬ"


def test_a_malformed_profile_reads_as_empty(seeded_store: Store) -> None:
    with seeded_store.session() as session:
        SettingsRepository(session).set("organisation.profile", ["not", "an", "object"])
        assert load_organisation_profile(session) == OrganisationProfile()
        configure_counter(session, "CN-BADINH", "Q01", "Lan", on=DAY)
        identity = load_counter_identity(session)
        assert identity is not None
        assert identity.authority_name == ""
