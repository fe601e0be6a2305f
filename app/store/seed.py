"""Importing the packaged seed data (catalogue, organisation, administrative units, calendar).

A fresh install must be usable before its first sync, and a demo must work with no central
server at all, so the app ships seed data in ``resources/`` and imports it at start-up. The
import is idempotent (rows are matched on their natural keys and updated in place), runs in
one transaction, and skips files that are not there. Catalogue rows are updated, never
deleted: dossiers keep pointing at the procedure version they were received under.

Administrative-unit files are found by name pattern, so another city's files work as well:
``provinces_2025.csv``, ``provinces_pre2025.csv``, ``<place>_wards_2025.csv``,
``<place>_districts_pre2025.csv`` and ``<place>_wards_pre2025.csv``, where ``<place>`` is the
province's name folded without spaces ("hanoi" for "Thành phố Hà Nội"). Codes are stored in
the statistics office's zero-padded form: 2 digits for provinces, 3 for districts, 5 for
communes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.text import fold, nfc
from app.store.catalogue import index_procedure
from app.store.counter import ORGANISATION_PROFILE_KEY, OrganisationProfile
from app.store.database import Store
from app.store.models import (
    ADMIN_LEVELS,
    CALENDAR_KINDS,
    DOCUMENT_FORMS,
    ORG_UNIT_KINDS,
    PROCESSING_UNITS,
    AdminUnit,
    CalendarOverride,
    Counter,
    OrgUnit,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
)
from app.store.settings import SettingsRepository

SCHEMA_VERSION = 1
REFORM_DAY = date(2025, 7, 1)
LAST_PRE_REFORM_DAY = date(2025, 6, 30)
_CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}


class SeedFormatError(ValueError):
    """A seed file that does not follow its documented format (a packaging bug)."""


@dataclass(frozen=True)
class SeedReport:
    procedures: int = 0
    procedure_versions: int = 0
    org_units: int = 0
    counters: int = 0
    admin_units: int = 0
    calendar_overrides: int = 0
    missing: tuple[str, ...] = ()
    """Seed files that were not found and so not imported."""
    unchanged: bool = False
    """The seed files are byte for byte those imported before, so nothing was done."""


FINGERPRINT_KEY = "seed.fingerprint"
_SEED_FOLDERS = ("catalogue", "organisation", "admin_units", "calendar")


def seed_fingerprint(root: Traversable) -> str:
    """SHA-256 over every seed file's name and bytes: re-importing ~800 rows on each start costs
    a quarter of a second, so the import runs only when the shipped data changed."""
    digest = hashlib.sha256()
    for folder_name in _SEED_FOLDERS:
        folder = root / folder_name
        if not folder.is_dir():
            continue
        for node in sorted(folder.iterdir(), key=lambda node: node.name):
            if node.is_file() and node.name.endswith((".json", ".csv")):
                digest.update(f"{folder_name}/{node.name}\0".encode())
                digest.update(node.read_bytes())
    return digest.hexdigest()


def seed_from_resources(
    store: Store, resources_root: Path | Traversable | None = None, *, force: bool = False
) -> SeedReport:
    """Import whatever seed data exists under ``resources_root`` (the packaged ``resources``
    by default) into ``store``, in one transaction; skipped when the files are those imported
    last time, unless ``force``."""
    root: Traversable = (
        resources_root if resources_root is not None else resources.files("resources")
    )
    missing: list[str] = []
    fingerprint = seed_fingerprint(root)
    with store.read_session() as session:
        if not force and SettingsRepository(session).get(FINGERPRINT_KEY) == fingerprint:
            return SeedReport(unchanged=True)
    with store.session() as session:
        SettingsRepository(session).set(FINGERPRINT_KEY, fingerprint)
        catalogue = _load_json(root, "catalogue/procedures.json", missing)
        procedures, versions = _seed_catalogue(session, catalogue) if catalogue else (0, 0)
        organisation = _load_json(root, "organisation/organisation.json", missing)
        units, counters = _seed_organisation(session, organisation) if organisation else (0, 0)
        if organisation:
            _seed_profile(session, organisation)
        admin_units = _seed_admin_units(session, root / "admin_units", missing)
        calendar = _load_json(root, "calendar/overrides.json", missing)
        overrides = _seed_calendar(session, calendar) if calendar else 0
    return SeedReport(
        procedures=procedures,
        procedure_versions=versions,
        org_units=units,
        counters=counters,
        admin_units=admin_units,
        calendar_overrides=overrides,
        missing=tuple(missing),
    )


# --- reading ------------------------------------------------------------------------------


def _child(root: Traversable, relative: str) -> Traversable:
    node = root
    for part in relative.split("/"):
        node = node / part
    return node


def _load_json(root: Traversable, relative: str, missing: list[str]) -> dict[str, Any] | None:
    node = _child(root, relative)
    if not node.is_file():
        missing.append(relative)
        return None
    data = json.loads(node.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
        raise SeedFormatError(f"{relative}: expected an object with schema {SCHEMA_VERSION}")
    return data


def _read_csv(node: Traversable) -> list[dict[str, str]]:
    text = node.read_text(encoding="utf-8-sig")
    return [
        {key.strip(): (value or "").strip() for key, value in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]


def _day(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise SeedFormatError(f"{where}: {value!r} is not a YYYY-MM-DD date") from error


def _required_day(value: object, where: str) -> date:
    day = _day(value, where)
    if day is None:
        raise SeedFormatError(f"{where}: a date is required")
    return day


def _choice(value: object, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise SeedFormatError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return str(value)


# --- catalogue ----------------------------------------------------------------------------


def _procedure_key(code: str | None, name: str) -> str:
    """Procedures match on their national code, or on their folded name while it is unknown."""
    return f"code:{code}" if code else f"name:{fold(name)}"


def _seed_catalogue(session: Session, data: dict[str, Any]) -> tuple[int, int]:
    existing = {_procedure_key(p.code, p.name): p for p in session.scalars(select(Procedure))}
    version_count = 0
    items = data.get("procedures", [])
    for item in items:
        code = str(item["code"]).strip() if item.get("code") else None
        key = _procedure_key(code, item["name"])
        where = f"procedures.json {code or item['name']}"
        procedure = existing.get(key)
        if procedure is None:
            procedure = Procedure(code=code)
            session.add(procedure)
            existing[key] = procedure
        procedure.name = nfc(item["name"]).strip()
        procedure.field = nfc(item.get("field", "")).strip()
        procedure.level = _choice(item.get("level"), ADMIN_LEVELS, where)
        session.flush()
        for version_data in item.get("versions", []):
            _seed_version(session, procedure, version_data, where)
            version_count += 1
        index_procedure(session, procedure)
    return len(items), version_count


def _seed_version(session: Session, procedure: Procedure, data: dict[str, Any], where: str) -> None:
    effective_from = _required_day(data.get("effective_from"), where)
    version = session.scalar(
        select(ProcedureVersion).where(
            ProcedureVersion.procedure_id == procedure.id,
            ProcedureVersion.effective_from == effective_from,
        )
    )
    if version is None:
        version = ProcedureVersion(procedure_id=procedure.id, effective_from=effective_from)
        session.add(version)
    time = data.get("processing_time") or {}
    fee = data.get("fee") or {}
    legal_basis = data.get("legal_basis") or []
    if isinstance(legal_basis, str):
        legal_basis = [legal_basis]
    version.effective_to = _day(data.get("effective_to"), where)
    version.processing_unit = _choice(time.get("unit"), PROCESSING_UNITS, where)
    version.processing_value = float(time.get("value") or 0)
    version.fee_text = nfc(fee.get("text") or "")
    amount = fee.get("amount_vnd")
    version.fee_amount_vnd = None if amount is None else int(amount)
    version.deciding_agency = nfc(data.get("deciding_agency") or "")
    version.legal_basis = "\n".join(nfc(str(line)) for line in legal_basis)
    version.source_url = str(data.get("source") or "")
    session.flush()
    documents = {
        d.position: d
        for d in session.scalars(
            select(RequiredDocument).where(RequiredDocument.procedure_version_id == version.id)
        )
    }
    listed = data.get("documents", [])
    for position, document_data in enumerate(listed, start=1):
        document = documents.pop(position, None)
        if document is None:
            document = RequiredDocument(procedure_version_id=version.id, position=position)
            session.add(document)
        document.name = nfc(document_data["name"]).strip()
        document.form = _choice(document_data.get("form"), DOCUMENT_FORMS, where)
        document.mandatory = bool(document_data.get("mandatory", True))
        document.copies = int(document_data.get("copies", 1))
        document.note = nfc(document_data.get("note") or "")
    for leftover in documents.values():
        session.delete(leftover)
    session.flush()


# --- organisation -------------------------------------------------------------------------


def _seed_organisation(session: Session, data: dict[str, Any]) -> tuple[int, int]:
    existing = {unit.code: unit for unit in session.scalars(select(OrgUnit))}
    items = data.get("units", [])
    counter_count = 0
    for item in items:
        code = str(item["code"]).strip()
        where = f"organisation.json {code}"
        unit = existing.get(code)
        if unit is None:
            unit = OrgUnit(code=code)
            session.add(unit)
            existing[code] = unit
        unit.name = nfc(item["name"]).strip()
        unit.kind = _choice(item.get("kind"), ORG_UNIT_KINDS, where)
        unit.agency_code = str(item.get("agency_code") or "").strip()
        unit.address = nfc(item.get("address") or "")
        unit.valid_from = _required_day(item.get("valid_from"), where)
        unit.valid_to = _day(item.get("valid_to"), where)
    session.flush()
    for item in items:
        unit = existing[str(item["code"]).strip()]
        parent_code = item.get("parent")
        if parent_code and parent_code not in existing:
            raise SeedFormatError(f"organisation.json {unit.code}: unknown parent {parent_code}")
        unit.parent_id = existing[parent_code].id if parent_code else None
        successor_code = item.get("successor")
        if successor_code in existing:
            unit.successor_id = existing[successor_code].id
        counters = {
            c.code: c
            for c in session.scalars(select(Counter).where(Counter.org_unit_id == unit.id))
        }
        for counter_data in item.get("counters", []):
            counter_code = str(counter_data["code"]).strip()
            counter = counters.get(counter_code)
            if counter is None:
                counter = Counter(org_unit_id=unit.id, code=counter_code, active=True)
                session.add(counter)
            counter.name = nfc(counter_data.get("name") or counter_code)
            counter_count += 1
    session.flush()
    return len(items), counter_count


_PROFILE_FIELDS = ("authority", "place_name", "lookup_url", "hotline")


def _seed_profile(session: Session, data: dict[str, Any]) -> None:
    """The top-level ``authority``, ``place_name``, ``lookup_url`` and ``hotline`` become the
    ``organisation.profile`` setting the printed slips read. A file without them leaves the
    setting alone (central may have set it)."""
    if not any(key in data for key in _PROFILE_FIELDS):
        return
    for key in _PROFILE_FIELDS:
        if not isinstance(data.get(key, ""), str):
            raise SeedFormatError(f"organisation.json: {key} must be a string")
    profile = OrganisationProfile(
        authority=nfc(data.get("authority", "")).strip(),
        place_name=nfc(data.get("place_name", "")).strip(),
        lookup_url=data.get("lookup_url", "").strip(),
        hotline=data.get("hotline", "").strip(),
        demo=data.get("demo") is True,
    )
    SettingsRepository(session).set(ORGANISATION_PROFILE_KEY, profile.to_json())


# --- administrative units -----------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    code: str
    name: str
    division_type: str
    level: str
    parent_code: str | None
    era: str


def _padded(code: str, level: str) -> str:
    return code.strip().zfill(_CODE_WIDTH[level])


def _place_key(name: str) -> str:
    return fold(name).replace(" ", "")


def _province_for(place: str, provinces: list[_Row]) -> str | None:
    for province in provinces:
        if _place_key(province.name).endswith(place):
            return province.code
    return None


def _seed_admin_units(session: Session, folder: Traversable, missing: list[str]) -> int:
    if not folder.is_dir():
        missing.append("admin_units/")
        return 0
    files = {node.name: node for node in folder.iterdir() if node.name.endswith(".csv")}
    rows: list[_Row] = []
    provinces: dict[str, list[_Row]] = {}
    for era in ("2025", "pre2025"):
        node = files.get(f"provinces_{era}.csv")
        if node is None:
            missing.append(f"admin_units/provinces_{era}.csv")
            provinces[era] = []
            continue
        provinces[era] = [
            _Row(
                _padded(r["code"], "province"),
                nfc(r["name"]),
                r["division_type"],
                "province",
                None,
                era,
            )
            for r in _read_csv(node)
        ]
        rows += provinces[era]
    for name, node in sorted(files.items()):
        stem = name.removesuffix(".csv")
        place, _, kind = stem.partition("_")
        if place == "provinces":
            continue
        era = "pre2025" if kind.endswith("pre2025") else "2025"
        province = _province_for(place, provinces[era])
        if kind in ("wards_2025", "districts_pre2025"):
            level = "commune" if kind == "wards_2025" else "district"
            rows += [
                _Row(
                    _padded(r["code"], level),
                    nfc(r["name"]),
                    r["division_type"],
                    level,
                    province,
                    era,
                )
                for r in _read_csv(node)
            ]
        elif kind == "wards_pre2025":
            rows += [
                _Row(
                    _padded(r["code"], "commune"),
                    nfc(r["name"]),
                    r["division_type"],
                    "commune",
                    _padded(r["district_code"], "district") if r.get("district_code") else None,
                    era,
                )
                for r in _read_csv(node)
            ]
    existing = {(u.era, u.level, u.code): u for u in session.scalars(select(AdminUnit))}
    for row in rows:
        unit = existing.get((row.era, row.level, row.code))
        if unit is None:
            unit = AdminUnit(era=row.era, level=row.level, code=row.code)
            session.add(unit)
            existing[(row.era, row.level, row.code)] = unit
        unit.name = row.name
        unit.division_type = row.division_type
        unit.parent_code = row.parent_code
        unit.valid_from = REFORM_DAY if row.era == "2025" else None
        unit.valid_to = LAST_PRE_REFORM_DAY if row.era == "pre2025" else None
    session.flush()
    return len(rows)


# --- calendar -----------------------------------------------------------------------------


def _seed_calendar(session: Session, data: dict[str, Any]) -> int:
    existing = {o.day: o for o in session.scalars(select(CalendarOverride))}
    items = data.get("overrides", [])
    for item in items:
        where = f"overrides.json {item.get('day')}"
        day = _required_day(item.get("day"), where)
        override = existing.get(day)
        if override is None:
            override = CalendarOverride(day=day)
            session.add(override)
            existing[day] = override
        override.kind = _choice(item.get("kind"), CALENDAR_KINDS, where)
        override.reason = nfc(item.get("reason") or "")
        override.source = str(item.get("source") or "")
        override.published_on = _day(item.get("published_on"), where)
        override.effective_from = _day(item.get("effective_from"), where)
    session.flush()
    return len(items)
