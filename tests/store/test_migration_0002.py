"""Revision 0002 gives dossiers received before it valid reception details."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from app.config import AppPaths
from app.store.database import open_database
from app.store.engine import make_engine
from app.store.migration import upgrade
from app.store.models import Dossier


def test_dossiers_from_before_0002_get_the_defaults(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(parents=True)
    engine = make_engine(app_paths.database)
    upgrade(engine, "0001")
    engine.dispose()
    with closing(sqlite3.connect(app_paths.database)) as connection:
        connection.executescript(
            """
            INSERT INTO org_units (id, code, name, kind, agency_code, address, valid_from)
                VALUES (1, 'TT', 'Trung tâm', 'center', '000.00.01.H99', '', '2025-07-01');
            INSERT INTO procedures (id, code, name, field, level)
                VALUES (1, '1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 'commune');
            INSERT INTO procedure_versions (id, procedure_id, effective_from, processing_unit,
                processing_value, fee_text, deciding_agency, legal_basis, source_url)
                VALUES (1, 1, '2025-07-01', 'same_day', 0, '', 'UBND', '', '');
            INSERT INTO applicants (id, kind, full_name, address, created_at, updated_at)
                VALUES (1, 'individual', 'Đặng Thị Đào', '', '2026-01-05 02:00:00',
                        '2026-01-05 02:00:00');
            INSERT INTO dossiers (id, code, procedure_version_id, applicant_id, org_unit_id,
                state, received_at, counter_clock_at, delivery_method, notes, version,
                created_at, updated_at)
                VALUES (1, '000.00.01.H99-260105-0001', 1, 1, 1, 'received',
                        '2026-01-05 02:00:00', '2026-01-05 02:00:00', 'at_counter', '', 1,
                        '2026-01-05 02:00:00', '2026-01-05 02:00:00');
            """
        )
        connection.commit()

    store = open_database(app_paths)
    try:
        assert store.backup is not None
        with store.read_session() as session:
            dossier = session.get(Dossier, 1)
            assert dossier is not None
            assert dossier.code == "000.00.01.H99-260105-0001"
            assert (dossier.received_by, dossier.sets) == ("", 1)
            assert (dossier.missing_reason, dossier.delivery_address, dossier.refusal_reason) == (
                "",
                "",
                "",
            )
    finally:
        store.close()


def test_search_entries_from_before_0002_are_replaced_not_duplicated(
    app_paths: AppPaths,
) -> None:
    from app.store.search import SearchIndex

    app_paths.data_dir.mkdir(parents=True)
    engine = make_engine(app_paths.database)
    upgrade(engine, "0001")
    engine.dispose()
    with closing(sqlite3.connect(app_paths.database)) as connection:
        connection.executescript(
            """
            INSERT INTO search_index (entity, entity_id, body) VALUES ('applicant', '7', 'dao');
            INSERT INTO search_index (entity, entity_id, body) VALUES ('dossier', '7', 'cu');
            """
        )
        connection.commit()

    store = open_database(app_paths)
    try:
        with store.session() as session:
            SearchIndex().put(session, "applicant", 7, "Đặng Thị Đào", "0912345678")
        with store.read_session() as session:
            applicant_hits = SearchIndex().search(session, "dang thi dao", entity="applicant")
            assert [hit.entity_id for hit in applicant_hits] == ["7"]
            assert SearchIndex().search(session, "dao", entity="applicant")[0].entity_id == "7"
            assert len(SearchIndex().search(session, "dao", entity="applicant")) == 1
            # The dossier with the same number is a different entry and is still there.
            assert [hit.entity_id for hit in SearchIndex().search(session, "cu")] == ["7"]
    finally:
        store.close()
