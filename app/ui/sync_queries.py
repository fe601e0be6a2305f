"""The Sync screen's store queries: what waits, what central refused, the conflicts.

Run on the database thread only (``TaskRunner.run_db``) and return frozen values.
"""

from __future__ import annotations

from app.ui.services import SyncScreenData
from app.ui.store_queries import StoreHolder


class StoreSyncQueries:
    def __init__(self, holder: StoreHolder) -> None:
        self._holder = holder

    def sync_data(self) -> SyncScreenData:
        from app.store.outbox import OutboxRepository
        from app.store.sync_state import SyncStateRepository
        from app.store.sync_views import SyncViews, error_vi

        with self._holder.store.read_session() as session:
            views = SyncViews(session)
            waiting = views.waiting()
            quarantined = views.quarantined()
            conflicts = views.conflicts()
            waiting_count, quarantined_count, conflict_count = views.counts()
            errors: dict[str, str] = {}
            for entry in waiting:
                text = error_vi(entry.last_error)
                if text:
                    errors[entry.id] = text
            for item in quarantined:
                text = error_vi(item.reason)
                if text:
                    errors[item.id] = text
            return SyncScreenData(
                waiting=waiting,
                quarantined=quarantined,
                conflicts=conflicts,
                waiting_count=waiting_count,
                quarantined_count=quarantined_count,
                conflict_count=conflict_count,
                oldest_waiting_age=OutboxRepository(session).oldest_pending_age(),
                last_success_at=SyncStateRepository(session).last_success(),
                errors_vi=errors,
            )
