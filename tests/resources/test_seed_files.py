"""Checks of the seed data shipped under ``resources/``: formats, counts and the official lists."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOGUE = RESOURCES / "catalogue" / "procedures.json"
ORGANISATION = RESOURCES / "organisation" / "organisation.json"
OVERRIDES = RESOURCES / "calendar" / "overrides.json"
ADMIN = RESOURCES / "admin_units"

PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")
AGENCY_CODE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.H\d{2}$")
TIME_UNITS = {"same_day", "working_days", "working_hours"}
DOC_FORMS = {"original", "certified_copy", "copy", "present"}
LEVELS = {"commune", "province"}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def parse_day(text: str) -> dt.date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text), text
    return dt.date.fromisoformat(text)


def strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.mark.parametrize("path", [CATALOGUE, ORGANISATION, OVERRIDES], ids=lambda p: p.name)
def test_json_is_nfc_utf8(path: Path) -> None:
    data = load(path)
    assert data["schema"] == 1
    for text in strings(data):
        assert unicodedata.normalize("NFC", text) == text, text


# --- catalogue -------------------------------------------------------------------------


def test_catalogue_format() -> None:
    data = load(CATALOGUE)
    assert set(data) == {"schema", "procedures"}
    procedures = data["procedures"]
    assert len(procedures) >= 25
    codes = [p["code"] for p in procedures if p["code"] is not None]
    assert len(codes) == len(set(codes)), "duplicate national codes"
    names = [p["name"] for p in procedures]
    assert len(names) == len(set(names)), "duplicate names"
    for proc in procedures:
        assert set(proc) == {"code", "name", "field", "level", "versions"}, proc["name"]
        assert proc["code"] is None or PROCEDURE_CODE.match(proc["code"]), proc["code"]
        assert isinstance(proc["name"], str) and proc["name"].strip()
        assert isinstance(proc["field"], str) and proc["field"].strip()
        assert proc["level"] in LEVELS
        assert proc["versions"], proc["name"]
        for version in proc["versions"]:
            check_version(proc["name"], version)


def check_version(name: str, version: dict[str, Any]) -> None:
    assert set(version) == {
        "effective_from",
        "effective_to",
        "processing_time",
        "fee",
        "deciding_agency",
        "legal_basis",
        "source",
        "verified",
        "unconfirmed",
        "documents",
    }, name
    start = parse_day(version["effective_from"])
    if version["effective_to"] is not None:
        assert parse_day(version["effective_to"]) >= start, name
    time = version["processing_time"]
    assert set(time) == {"unit", "value"} and time["unit"] in TIME_UNITS, name
    assert isinstance(time["value"], int) and not isinstance(time["value"], bool), name
    assert time["value"] >= 0
    if time["unit"] == "same_day":
        assert time["value"] == 0, name
    else:
        assert time["value"] > 0, name
    fee = version["fee"]
    assert set(fee) == {"text", "amount_vnd"} and fee["text"].strip(), name
    amount = fee["amount_vnd"]
    assert amount is None or (isinstance(amount, int) and amount >= 0), name
    assert isinstance(version["deciding_agency"], str) and version["deciding_agency"].strip()
    assert version["legal_basis"] and all(isinstance(x, str) and x for x in version["legal_basis"])
    assert isinstance(version["source"], str) and version["source"].strip(), name
    assert isinstance(version["verified"], bool), name
    assert isinstance(version["unconfirmed"], str), name
    if not version["verified"]:
        assert version["unconfirmed"].strip(), f"{name}: unverified without saying what"
    documents = version["documents"]
    assert any(d["mandatory"] for d in documents), f"{name}: no mandatory document"
    for document in documents:
        assert set(document) == {"name", "form", "mandatory", "copies", "note"}, name
        assert document["name"].strip() and document["form"] in DOC_FORMS
        assert isinstance(document["mandatory"], bool)
        assert isinstance(document["copies"], int) and document["copies"] >= 1
        assert isinstance(document["note"], str)


def test_catalogue_versions_do_not_overlap() -> None:
    for proc in load(CATALOGUE)["procedures"]:
        spans = sorted(
            (
                parse_day(v["effective_from"]),
                parse_day(v["effective_to"]) if v["effective_to"] else dt.date.max,
            )
            for v in proc["versions"]
        )
        for (_, end), (next_start, _) in itertools.pairwise(spans):
            assert next_start > end, f"{proc['name']}: overlapping versions"
        assert spans[-1][1] == dt.date.max, f"{proc['name']}: no open-ended current version"


def test_catalogue_has_a_version_in_force_after_the_reform() -> None:
    reform = dt.date(2025, 7, 1)
    for proc in load(CATALOGUE)["procedures"]:
        assert any(
            parse_day(v["effective_from"]) <= reform
            and (v["effective_to"] is None or parse_day(v["effective_to"]) >= reform)
            for v in proc["versions"]
        ), proc["name"]


# --- organisation ----------------------------------------------------------------------


def test_organisation_format() -> None:
    data = load(ORGANISATION)
    assert data["demo"] is True and data["note"].strip()
    units = data["units"]
    codes = [u["code"] for u in units]
    assert len(codes) == len(set(codes))
    kinds = {u["code"]: u["kind"] for u in units}
    assert sum(1 for k in kinds.values() if k == "center") == 1
    expected_parent = {"center": None, "branch": "center", "point": "branch"}
    for unit in units:
        assert set(unit) == {
            "code",
            "name",
            "kind",
            "parent",
            "agency_code",
            "address",
            "valid_from",
            "valid_to",
            "counters",
        }
        assert unit["kind"] in expected_parent
        if unit["parent"] is None:
            assert unit["kind"] == "center"
        else:
            assert kinds[unit["parent"]] == expected_parent[unit["kind"]]
        assert AGENCY_CODE.match(unit["agency_code"]), unit["agency_code"]
        start = parse_day(unit["valid_from"])
        if unit["valid_to"] is not None:
            assert parse_day(unit["valid_to"]) >= start
        counter_codes = [c["code"] for c in unit["counters"]]
        assert counter_codes and len(counter_codes) == len(set(counter_codes))
        assert all(set(c) == {"code", "name"} and c["name"].strip() for c in unit["counters"])
    agency_codes = [u["agency_code"] for u in units]
    assert len(agency_codes) == len(set(agency_codes))


# --- calendar --------------------------------------------------------------------------


def test_calendar_overrides_format() -> None:
    data = load(OVERRIDES)
    days = []
    for item in data["overrides"]:
        assert set(item) == {"day", "kind", "reason", "source", "published_on", "verified"}
        day = parse_day(item["day"])
        days.append(day)
        assert day.year in (2025, 2026)
        assert item["kind"] in {"day_off", "working_day"}
        assert item["reason"].strip() and item["source"].strip()
        assert item["published_on"] is None or parse_day(item["published_on"]) <= day
        assert isinstance(item["verified"], bool)
    assert len(days) == len(set(days))


def test_calendar_overrides_complement_holidays_package() -> None:
    holidays = pytest.importorskip("holidays")
    for item in load(OVERRIDES)["overrides"]:
        day = parse_day(item["day"])
        known = day in holidays.country_holidays("VN", years=day.year)
        if item["kind"] == "day_off":
            assert not known and day.weekday() < 5, f"{day}: already a holiday or a weekend"
        elif not known:
            assert day.weekday() >= 5, f"{day}: a working weekday needs no override"


# --- administrative units --------------------------------------------------------------

CSV_COLUMNS = {
    "provinces_2025.csv": ["code", "name", "division_type", "phone_code", "n_wards"],
    "hanoi_wards_2025.csv": ["code", "name", "division_type", "codename"],
    "provinces_pre2025.csv": ["code", "name", "division_type", "codename", "phone_code"],
    "hanoi_districts_pre2025.csv": ["code", "name", "division_type", "codename"],
    "hanoi_wards_pre2025.csv": ["code", "name", "division_type", "district_code"],
}
CSV_ROWS = {
    "provinces_2025.csv": 34,
    "hanoi_wards_2025.csv": 126,
    "provinces_pre2025.csv": 63,
    "hanoi_districts_pre2025.csv": 30,
    "hanoi_wards_pre2025.csv": 526,
}


@pytest.mark.parametrize("name", sorted(CSV_COLUMNS))
def test_admin_unit_csv(name: str) -> None:
    columns, rows = read_csv(ADMIN / name)
    assert columns == CSV_COLUMNS[name]
    assert len(rows) == CSV_ROWS[name]
    codes = [int(r["code"]) for r in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        assert row["name"] and unicodedata.normalize("NFC", row["name"]) == row["name"]


def test_hanoi_2025_split_and_provinces() -> None:
    _, wards = read_csv(ADMIN / "hanoi_wards_2025.csv")
    kinds = [r["division_type"] for r in wards]
    assert kinds.count("phường") == 51 and kinds.count("xã") == 75
    _, provinces = read_csv(ADMIN / "provinces_2025.csv")
    hanoi = next(p for p in provinces if int(p["code"]) == 1)
    assert hanoi["name"] == "Thành phố Hà Nội" and int(hanoi["n_wards"]) == 126
    assert sum(int(p["n_wards"]) for p in provinces) == 3321


def test_hanoi_pre2025_wards_belong_to_districts() -> None:
    _, districts = read_csv(ADMIN / "hanoi_districts_pre2025.csv")
    _, wards = read_csv(ADMIN / "hanoi_wards_pre2025.csv")
    district_codes = {int(d["code"]) for d in districts}
    assert {int(w["district_code"]) for w in wards} == district_codes


def test_hanoi_2025_matches_reference(reference_dir: Path) -> None:
    """Compares (does not ship) the official list kept in the reference folder."""
    reference = reference_dir / "vn_admin_units" / "hanoi_wards_2025.csv"
    if not reference.is_file():
        pytest.skip("reference list not available")
    _, ours = read_csv(ADMIN / "hanoi_wards_2025.csv")
    _, theirs = read_csv(reference)
    assert {(int(r["code"]), r["name"]) for r in ours} == {
        (int(r["code"]), unicodedata.normalize("NFC", r["name"].strip())) for r in theirs
    }
