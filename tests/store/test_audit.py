"""The audit log is append-only and its hash chain reveals tampering."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy.exc import IntegrityError

from app.store.audit import GENESIS_HASH, AuditLog
from app.store.database import Store, open_database
from app.store.models import AuditEntry


def _append_three(store: Store) -> None:
    log = AuditLog()
    with store.session() as session:
        log.append(session, "clerk.an", "dossier.received", "dossier", 1, {"code": "X-1"})
        log.append(session, "clerk.an", "dossier.printed", "dossier", 1, {"form": "01"})
    with store.session() as session:
        log.append(session, "deputy.binh", "batch.approved", "handover_batch", 7, {"n": 3})


def test_chain_verifies(store: Store) -> None:
    _append_three(store)
    with store.read_session() as session:
        result = AuditLog().verify(session)
        first = session.get(AuditEntry, 1)
    assert result.ok
    assert result.entries_checked == 3
    assert first is not None and first.prev_hash == GENESIS_HASH


def test_empty_log_verifies(store: Store) -> None:
    with store.read_session() as session:
        assert AuditLog().verify(session).ok


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"])
def test_update_and_delete_are_refused(store: Store, statement: str) -> None:
    _append_three(store)
    with (
        closing(sqlite3.connect(store.paths.database)) as connection,
        pytest.raises(sqlite3.IntegrityError, match="append-only"),
    ):
        connection.execute(statement)
    with pytest.raises(IntegrityError), store.session() as session:
        entry = session.get(AuditEntry, 2)
        assert entry is not None
        entry.actor = "someone else"


def _tamper(store: Store, statement: str) -> None:
    store.close()
    with closing(sqlite3.connect(store.paths.database)) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute(statement)
        connection.commit()


def test_edited_entry_is_reported(store: Store) -> None:
    _append_three(store)
    _tamper(store, """UPDATE audit_log SET details = '{"form":"03"}' WHERE id = 2""")
    reopened = open_database(store.paths)
    try:
        with reopened.read_session() as session:
            result = AuditLog().verify(session)
    finally:
        reopened.close()
    assert not result.ok
    assert result.first_broken_id == 2
    assert result.entries_checked == 1
    assert result.reason == "content does not match its hash"


def test_deleted_entry_is_reported(store: Store) -> None:
    _append_three(store)
    _tamper(store, "DELETE FROM audit_log WHERE id = 2")
    reopened = open_database(store.paths)
    try:
        with reopened.read_session() as session:
            result = AuditLog().verify(session)
    finally:
        reopened.close()
    assert not result.ok
    assert result.first_broken_id == 3
