"""Fixtures of the store tests: a migrated store in a private data folder, seeded on demand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import AppPaths
from app.store.database import Store, open_database
from app.store.models import Applicant, Counter, Dossier, OrgUnit, Procedure, ProcedureVersion
from app.store.seed import seed_from_resources

FIXTURE_RESOURCES = Path(__file__).parent / "fixtures" / "resources"


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    opened = open_database(app_paths)
    yield opened
    opened.close()


@pytest.fixture
def seeded_store(store: Store) -> Store:
    seed_from_resources(store, FIXTURE_RESOURCES)
    return store


def make_dossier(session: Session, applicant: Applicant, code: str) -> Dossier:
    """A dossier on the seeded birth-registration procedure at counter Q01."""
    version_id = session.scalars(
        select(ProcedureVersion.id)
        .join(Procedure)
        .where(Procedure.code == "1.001193", ProcedureVersion.effective_from == date(2025, 7, 1))
    ).one()
    unit = session.scalars(select(OrgUnit).where(OrgUnit.code == "CN-BADINH")).one()
    counter = session.scalars(select(Counter).where(Counter.code == "Q01")).one()
    now = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)
    return Dossier(
        code=code,
        procedure_version_id=version_id,
        applicant_id=applicant.id,
        counter_id=counter.id,
        org_unit_id=unit.id,
        state="received",
        received_at=now,
        counter_clock_at=now,
    )
