"""The sync engine against the real central server on 127.0.0.1: offline reception drains
exactly once, department decisions come back, refusals are quarantined without blocking the
rest, repeats are not duplicated, a cut upload resumes."""

from __future__ import annotations

import hashlib
import os

import requests
from sqlalchemy import select, update

from app.store.dossiers import DOSSIER_ENTITY
from app.store.files import FileStore
from app.store.models import Dossier, DossierDocument, OutboxEntry, StatusHistory
from app.store.outbox import OutboxRepository
from app.store.pages import NewDocumentFile, record_document_files
from app.store.receipts import load_receipt_record
from app.sync.errors import SyncErrorKind
from tests.central_fixture import CentralServer

from .sync_support import Counter


def _statuses(counter: Counter) -> dict[str, int]:
    with counter.store.read_session() as session:
        rows = session.execute(select(OutboxEntry.status, OutboxEntry.kind)).all()
    counts: dict[str, int] = {}
    for status, _kind in rows:
        counts[status] = counts.get(status, 0) + 1
    return counts


def _dossier(counter: Counter, code: str) -> Dossier:
    with counter.store.read_session() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        assert dossier is not None
        return dossier


def test_received_offline_reaches_central_once_when_it_returns(
    sync_counter: Counter, central_server: CentralServer
) -> None:
    counter = sync_counter
    codes = counter.receive(2)

    offline = counter.dead_engine().run_cycle()
    assert not offline.online
    assert offline.error is not None and offline.error.kind is SyncErrorKind.OFFLINE
    dead_status = counter.dead_engine().status()
    assert dead_status.waiting == 2 and dead_status.quarantined == 0
    with counter.store.read_session() as session:
        assert load_receipt_record(session, _dossier(counter, codes[0]).id).provisional

    report = counter.engine.run_cycle()
    assert report.error is None, report.error
    assert report.accepted == 2 and report.duplicates == 0
    assert _statuses(counter) == {"accepted": 2}
    for code in codes:
        held = central_server.look_up(code)
        assert held["state"] == "received"
        assert [step["to_state"] for step in held["history"]] == ["received"]
        local = _dossier(counter, code)
        with counter.store.read_session() as session:
            assert not load_receipt_record(session, local.id).provisional
        assert local.central_version == held["version"]
    status = counter.engine.status()
    assert status.online and status.waiting == 0 and status.last_success_at is not None


def test_a_repeated_push_is_not_duplicated(
    sync_counter: Counter, central_server: CentralServer
) -> None:
    """The answer was lost (a crash after sending): the entries go again, central repeats its
    original result and holds the dossier once."""
    counter = sync_counter
    (code,) = counter.receive(1)
    assert counter.engine.run_cycle().accepted == 1
    before = central_server.look_up(code)
    with counter.store.session() as session:
        session.execute(update(OutboxEntry).values(status="sending"))
    again = type(counter.engine)(counter.store, counter.client).run_cycle()
    assert again.accepted == 1 and again.duplicates == 1
    after = central_server.look_up(code)
    assert after["version"] == before["version"]
    assert after["history"] == before["history"]


def test_result_ready_on_central_shows_after_the_next_pull(
    sync_counter: Counter, central_server: CentralServer
) -> None:
    counter = sync_counter
    (code,) = counter.receive(1)
    counter.engine.run_cycle()
    central_server.act(code, "accept_handover")
    central_server.act(code, "result_ready", note="Kết quả đã ký")

    report = counter.engine.run_cycle()
    assert report.error is None, report.error
    assert code in report.applied.dossier_codes
    dossier = _dossier(counter, code)
    assert dossier.state == "result_ready"
    assert dossier.central_version == central_server.look_up(code)["version"]
    with counter.store.read_session() as session:
        steps = session.scalars(
            select(StatusHistory.to_state)
            .where(StatusHistory.dossier_id == dossier.id)
            .order_by(StatusHistory.id)
        ).all()
    assert steps == ["received", "transferred", "result_ready"]

    # Pulling again applies nothing twice.
    counter.engine.run_cycle()
    with counter.store.read_session() as session:
        count = len(
            session.scalars(
                select(StatusHistory.id).where(StatusHistory.dossier_id == dossier.id)
            ).all()
        )
    assert count == 3


def test_refused_entry_is_quarantined_and_the_next_one_still_goes(sync_counter: Counter) -> None:
    counter = sync_counter
    unknown = "999.00.00.H26-200101-0999"
    with counter.store.session() as session:
        outbox = OutboxRepository(session)
        bad = outbox.enqueue(
            "dossier.files", DOSSIER_ENTITY, unknown, {"code": unknown, "documents": []}
        )
        behind = outbox.enqueue(
            "dossier.files", DOSSIER_ENTITY, unknown, {"code": unknown, "documents": []}
        )
    (code,) = counter.receive(1)

    report = counter.engine.run_cycle()
    assert report.quarantined == 1 and report.accepted == 1
    with counter.store.read_session() as session:
        refused = session.get(OutboxEntry, bad)
        held = session.get(OutboxEntry, behind)
        assert refused is not None and held is not None
        assert refused.status == "quarantined"
        assert (
            refused.quarantine_reason and "999.00.00.H26-200101-0999" in refused.quarantine_reason
        )
        # Held behind the quarantined entry of the same dossier, not sent, not lost.
        assert held.status == "pending"
    assert _dossier(counter, code).central_received_at is not None
    status = counter.engine.status()
    assert status.quarantined == 1 and status.held == 1


def test_a_cut_upload_resumes_from_the_offset(
    sync_counter: Counter, central_server: CentralServer
) -> None:
    counter = sync_counter
    (code,) = counter.receive(1)
    data = os.urandom(2 * 1024 * 1024 + 12345)
    files = FileStore(counter.store.paths.files_dir)
    sha = files.put(data)
    with counter.store.session() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        assert dossier is not None
        document = session.scalars(
            select(DossierDocument.id).where(DossierDocument.dossier_id == dossier.id)
        ).first()
        assert document is not None
        record_document_files(
            session,
            dossier.id,
            [NewDocumentFile(document, "searchable", sha, len(data), page_count=1)],
        )
    # An earlier attempt sent the first MiB and then the line dropped.
    first = 1024 * 1024
    cut = requests.patch(
        f"{central_server.api_url}/files/{sha}",
        data=data[:first],
        headers={
            "Authorization": f"Bearer {counter.token}",
            "Content-Type": "application/offset+octet-stream",
            "Upload-Offset": "0",
            "Upload-Length": str(len(data)),
        },
        timeout=30,
    )
    assert cut.status_code == 204, cut.text

    report = counter.engine.run_cycle()
    assert report.error is None, report.error
    assert report.files_uploaded == 1
    assert report.bytes_uploaded == len(data) - first
    assert _statuses(counter) == {"accepted": 2}
    assert central_server.look_up(code)["has_files"] is True
    assert hashlib.sha256(data).hexdigest() == sha
    assert counter.client.upload_offset(sha) is None  # complete on central
