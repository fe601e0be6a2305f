"""Demo data for a local central: the demo organisation, one user per role, the routing of
dossiers to a demo department, and the packaged calendar and catalogue as publications.

Only ``python -m central seed`` calls this; the server's own code path never creates users.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db import Database, migrate
from central.demo import DEMO_PASSWORD, DEMO_USERS, DEPARTMENT
from central.models import Publication, Route, Unit, User
from central.routers.admin import publish
from central.security import hash_password


def _resource_json(package: str, name: str) -> dict[str, Any] | None:
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    data: dict[str, Any] = json.loads(text)
    return data


def seed(database: Database, password: str = DEMO_PASSWORD) -> dict[str, int]:
    """Idempotent: rows already there are left as they are (passwords are not reset)."""
    migrate(database.engine)
    now = datetime.now(UTC)
    counts = {"units": 0, "users": 0, "publications": 0}
    with database.transaction() as session:
        counts["units"] = _units(session)
        hashed = hash_password(password)
        for demo in DEMO_USERS:
            if session.scalar(select(User.id).where(User.username == demo.username)) is None:
                session.add(
                    User(
                        username=demo.username,
                        full_name=demo.full_name,
                        password_hash=hashed,
                        roles=list(demo.roles),
                        unit_code=demo.unit_code,
                        active=True,
                    )
                )
                counts["users"] += 1
        if session.get(Route, "*") is None:
            session.add(Route(procedure_code="*", unit_code=DEPARTMENT))
        session.flush()
        counts["publications"] = _publications(session, now)
    return counts


def _units(session: Session) -> int:
    organisation = _resource_json("resources.organisation", "organisation.json") or {"units": []}
    units = [
        (unit["code"], unit["name"], unit["kind"], unit.get("parent"), unit.get("agency_code"))
        for unit in organisation["units"]
    ]
    if not any(code == "TT" for code, *_ in units):
        units.insert(0, ("TT", "Trung tâm (demo)", "center", None, "999.00.00.H26"))
    if not any(code == "CN01" for code, *_ in units):
        units.append(("CN01", "Chi nhánh số 1 (demo)", "branch", "TT", "999.01.00.H26"))
    units.append((DEPARTMENT, "Phòng Tư pháp (demo)", "department", None, "999.90.00.H26"))
    added = 0
    for code, name, kind, parent, agency_code in units:
        if session.get(Unit, code) is None:
            session.add(
                Unit(code=code, name=name, kind=kind, parent_code=parent, agency_code=agency_code)
            )
            session.flush()
            added += 1
    return added


def _publications(session: Session, now: datetime) -> int:
    added = 0
    calendar = _resource_json("resources.calendar", "overrides.json")
    if calendar is not None:
        years: dict[int, list[dict[str, Any]]] = {}
        for override in calendar.get("overrides", []):
            day = override["day"]
            years.setdefault(int(day[:4]), []).append(
                {
                    "date": day,
                    "working": override["kind"] == "working_day",
                    "note": override.get("reason", ""),
                }
            )
        for year, days in sorted(years.items()):
            if not _published(session, "calendar", str(year)):
                publish(session, "calendar", str(year), {"year": year, "days": days}, "seed", now)
                added += 1
    catalogue = _resource_json("resources.catalogue", "procedures.json")
    if catalogue is not None and not _published(session, "catalogue", "demo-1"):
        data = {"version": "demo-1", "procedures": catalogue.get("procedures", [])}
        publish(session, "catalogue", "demo-1", data, "seed", now)
        added += 1
    return added


def _published(session: Session, kind: str, key: str) -> bool:
    return (
        session.scalar(
            select(Publication.id).where(Publication.kind == kind, Publication.key == key)
        )
        is not None
    )
