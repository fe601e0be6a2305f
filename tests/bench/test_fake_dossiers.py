"""The generated store looks like a real counter's: every rule the app enforces holds in it.

One store with 1,500 generated dossiers (over three years, on the shipped seed data) is
checked the way the app would read it: through the models, the audit chain, the search
index, the working calendar and a real save on top of it.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from collections import Counter as Tally
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.bench.fake_dossiers import GeneratorError, generate_dossiers
from app.bench.fake_people import DraftFactory, returning_applicants
from app.config import AppPaths
from app.domain.clock import to_office_time
from app.domain.dossier_code import DossierCode
from app.domain.idcard import validate_id_number
from app.domain.lifecycle import DossierState, can_transition
from app.domain.reception import ApplicantKind, check_draft
from app.store.applicants import APPLICANT_ENTITY
from app.store.audit import AuditLog
from app.store.calendar import load_working_calendar
from app.store.counter import configure_counter
from app.store.database import Store, open_database
from app.store.dossiers import DOSSIER_ENTITY, DossierRepository
from app.store.models import (
    Applicant,
    CodeBlock,
    Dossier,
    DossierDocument,
    IssuedCode,
    ProcedureVersion,
    RequiredDocument,
    StatusHistory,
)
from app.store.reception import ReceptionService, applicant_snapshot
from app.store.search import index_body
from app.store.seed import seed_from_resources

COUNT = 1500
UNTIL = date(2026, 11, 23)
"""The generated dossiers end the working day before this (a Monday)."""


def _seeded(folder: Path) -> Store:
    store = open_database(AppPaths(folder))
    seed_from_resources(store)
    return store


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = _seeded(tmp_path_factory.mktemp("generated"))
    report = generate_dossiers(store, COUNT, until=UNTIL, check_every=1)
    assert report.dossiers == COUNT
    assert report.last_day is not None and report.last_day < UNTIL
    yield store
    store.close()


def test_the_file_is_a_sound_store_in_wal_mode(generated: Store) -> None:
    with sqlite3.connect(generated.paths.database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with generated.read_session() as session:
        result = AuditLog().verify(session)
    assert result.ok, result.reason
    assert result.entries_checked == COUNT


def test_codes_are_unique_issued_from_past_blocks(generated: Store) -> None:
    with generated.read_session() as session:
        rows = session.execute(
            select(Dossier.code, Dossier.received_at, IssuedCode.sequence, CodeBlock)
            .join(IssuedCode, IssuedCode.dossier_id == Dossier.id)
            .join(CodeBlock, CodeBlock.id == IssuedCode.block_id)
        ).all()
        newest_block = session.scalar(select(CodeBlock.day).order_by(CodeBlock.day.desc()))
    assert len(rows) == COUNT
    assert len({row.code for row in rows}) == COUNT
    for code, received_at, sequence, block in rows:
        parsed = DossierCode.parse(code)
        assert parsed.day == to_office_time(received_at).date() == block.day
        assert parsed.sequence == sequence
        assert block.first <= sequence <= block.last
        assert parsed.agency_code == block.agency_code
    assert newest_block is not None and newest_block < UNTIL


def test_applicants_are_plausible_vietnamese_citizens(generated: Store) -> None:
    with generated.read_session() as session:
        applicants = session.scalars(select(Applicant)).all()
    individuals = [a for a in applicants if a.kind == ApplicantKind.INDIVIDUAL]
    assert len(individuals) > 0.9 * len(applicants)
    for applicant in individuals:
        assert applicant.id_number is not None and applicant.sex in ("male", "female")
        validate_id_number(applicant.id_number, applicant.date_of_birth, applicant.sex)
        assert "Hà Nội" in applicant.address
    families = Tally(a.full_name.split()[0] for a in individuals)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.3 < families["Nguyễn"] / len(individuals) < 0.47
    hanoi_born = sum(a.id_number is not None and a.id_number.startswith("001") for a in applicants)
    assert hanoi_born > 0.6 * len(applicants)
    organisations = [a for a in applicants if a.kind == ApplicantKind.ORGANISATION]
    assert all(o.tax_code and len(o.tax_code) == 10 and o.representative for o in organisations)
    assert len({a.id_number for a in applicants}) == len(applicants)


def test_due_moments_are_the_working_calendars(generated: Store) -> None:
    calendar = load_working_calendar(generated)
    with generated.read_session() as session:
        paused = set(
            session.scalars(
                select(StatusHistory.dossier_id).where(
                    StatusHistory.to_state == DossierState.SUPPLEMENT_REQUESTED.value
                )
            )
        )
        rows = session.execute(
            select(Dossier, ProcedureVersion).join(
                ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id
            )
        ).all()
    checked = 0
    for dossier, version in rows:
        received = to_office_time(dossier.received_at)
        assert calendar.is_working_moment(received)
        if dossier.state == DossierState.REFUSED:
            assert dossier.due_at is None
            continue
        if dossier.id in paused:
            continue  # the pause moved the due moment on
        if version.processing_unit == "same_day":
            expected = calendar.appointment(received, same_day=True)
        elif version.processing_unit == "working_hours":
            expected = calendar.appointment(received, hours=version.processing_value)
        else:
            expected = calendar.appointment(received, days=version.processing_value)
        assert dossier.due_at == expected.astimezone(UTC), dossier.code
        checked += 1
    assert checked > 0.9 * COUNT


def test_histories_follow_the_lifecycle_and_old_dossiers_are_finished(generated: Store) -> None:
    with generated.read_session() as session:
        dossiers = {d.id: d for d in session.scalars(select(Dossier))}
        history = session.scalars(
            select(StatusHistory).order_by(StatusHistory.dossier_id, StatusHistory.id)
        ).all()
    steps: dict[int, list[StatusHistory]] = {}
    for row in history:
        steps.setdefault(row.dossier_id, []).append(row)
    assert set(steps) == set(dossiers)
    for dossier_id, rows in steps.items():
        assert rows[0].from_state is None and rows[0].to_state == DossierState.RECEIVED
        for before, after in itertools.pairwise(rows):
            assert after.from_state == before.to_state
            assert can_transition(DossierState(before.to_state), DossierState(after.to_state))
            assert after.at >= before.at
        assert rows[-1].to_state == dossiers[dossier_id].state
        assert dossiers[dossier_id].version == len(rows) - (rows[-1].to_state == "refused")
    finished = {"returned", "refused", "withdrawn", "stopped", "result_ready"}
    cutoff = datetime(2026, 8, 1, tzinfo=UTC)
    old = [d for d in dossiers.values() if d.received_at < cutoff]
    assert sum(d.state in finished for d in old) > 0.97 * len(old)
    assert sum(d.state == "returned" for d in old) > 0.9 * len(old)
    states = Tally(d.state for d in dossiers.values())
    assert states["returned"] > 0.8 * COUNT and states["refused"] < 0.03 * COUNT


def test_each_dossier_keeps_its_applicant_as_received(generated: Store) -> None:
    with generated.read_session() as session:
        for dossier in session.scalars(select(Dossier)):
            snapshot = json.loads(dossier.applicant_snapshot)
            expected = applicant_snapshot(dossier.applicant, from_card=snapshot["from_card"])
            assert snapshot == expected


def test_documents_are_the_procedures_checklist(generated: Store) -> None:
    with generated.read_session() as session:
        required: dict[int, list[str]] = {}
        for doc in session.scalars(select(RequiredDocument).order_by(RequiredDocument.position)):
            required.setdefault(doc.procedure_version_id, []).append(doc.name)
        received: dict[int, list[str]] = {}
        for doc in session.scalars(select(DossierDocument).order_by(DossierDocument.id)):
            received.setdefault(doc.dossier_id, []).append(doc.name)
        for dossier in session.scalars(select(Dossier)):
            assert received.get(dossier.id, []) == required.get(dossier.procedure_version_id, [])


def test_search_rows_are_what_the_repositories_would_index(generated: Store) -> None:
    with generated.read_session() as session:
        applicants = {a.id: a for a in session.scalars(select(Applicant))}
        owners = {d.id: d.applicant_id for d in session.scalars(select(Dossier))}
        dossier_codes = {d.id: d.code for d in session.scalars(select(Dossier))}
        rows = session.execute(
            text("SELECT entity, entity_id, body FROM search_index WHERE entity != 'procedure'")
        ).all()
        assert len(rows) == len(applicants) + COUNT

        def texts(a: Applicant) -> list[str | None]:
            return [a.full_name, a.id_number, a.old_id_number, a.phone, a.tax_code]

        for entity, entity_id, body in rows:
            if entity == APPLICANT_ENTITY:
                assert body == index_body(texts(applicants[int(entity_id)]))
            else:
                assert entity == DOSSIER_ENTITY
                applicant = applicants[owners[int(entity_id)]]
                assert body == index_body([dossier_codes[int(entity_id)], *texts(applicant)])
        someone = applicants[owners[max(owners)]]
        found = DossierRepository(session).find(f"{someone.full_name} {someone.id_number}")
        assert max(owners) in {summary.id for summary in found}


def test_same_seed_same_store_in_one_process_or_two(tmp_path: Path) -> None:
    def dump(store: Store) -> list[tuple[object, ...]]:
        with store.read_session() as session:
            return [
                tuple(row)
                for row in session.execute(
                    text(
                        "SELECT d.code, d.state, d.due_at, a.full_name, a.id_number, a.phone "
                        "FROM dossiers d JOIN applicants a ON a.id = d.applicant_id ORDER BY d.id"
                    )
                )
            ]

    here = _seeded(tmp_path / "here")
    there = _seeded(tmp_path / "there")
    try:
        generate_dossiers(here, 400, until=UNTIL, chunk=150, parallel=False)
        generate_dossiers(there, 400, until=UNTIL, chunk=150, parallel=True)
        assert dump(here) == dump(there)
        assert len(dump(here)) == 400
    finally:
        here.close()
        there.close()


def test_an_unseeded_store_is_refused_with_the_reason(tmp_path: Path) -> None:
    store = open_database(AppPaths(tmp_path / "bare"))
    try:
        with pytest.raises(GeneratorError, match="seed the store first"):
            generate_dossiers(store, 10, until=UNTIL)
    finally:
        store.close()


def test_drafts_pass_the_checks_and_save_on_top_of_the_generated_store(
    generated: Store, tmp_path: Path
) -> None:
    # A copy, so the other tests see the generated store as it was generated.
    copy = AppPaths(tmp_path / "copy")
    copy.data_dir.mkdir()
    shutil.copyfile(generated.paths.database, copy.database)
    with open_database(copy) as store:
        _save_on_top(store)


def _save_on_top(generated: Store) -> None:
    today = UNTIL
    with generated.session() as session:
        configure_counter(session, "TT", "Q01", "Nguyễn Thị Kiểm Thử", on=today)
    with generated.read_session() as session:
        factory = DraftFactory(session)
        returning = returning_applicants(session, 50)
    assert returning
    drafts = [factory.draft(today, returning) for _ in range(40)]
    for draft in drafts:
        assert check_draft(draft, today) == []
    assert any(draft.applicant in returning for draft in drafts)

    noon = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # 12:00 office time on the Monday
    service = ReceptionService(generated, clock=lambda: noon + timedelta(seconds=1))
    saved = service.receive(drafts[0])
    assert DossierCode.parse(saved.code).day == today
    # Nothing was generated for today: its numbering starts afresh.
    assert DossierCode.parse(saved.code).sequence == 1
    with generated.read_session() as session:
        assert {s.id for s in DossierRepository(session).find(saved.code)} == {saved.dossier_id}
