"""The store-backed :class:`~app.ui.services_dossiers.DossierQueries`, run on the database thread.

Each call opens its own read-only session and returns frozen values, never ORM objects. The
working calendar (what "due soon" means) is read once and kept: it changes only when central
publishes a new one, and :meth:`StoreDossierQueries.reload_calendar` picks that up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from app.ui.store_queries import StoreHolder

if TYPE_CHECKING:
    # Imported when first used: the window is built before the Dossiers screen is needed.
    from app.domain.calendar import WorkingCalendar
    from app.ui.services_dossiers import (
        DossierCount,
        DossierDetail,
        DossierFilter,
        DossierPage,
        DossierSummary,
        PageKey,
    )


class StoreDossierQueries:
    def __init__(self, holder: StoreHolder) -> None:
        self._holder = holder
        self._calendar: WorkingCalendar | None = None

    def reload_calendar(self) -> None:
        """Forget the cached calendar (call after central sent new calendar overrides)."""
        self._calendar = None

    def _working_calendar(self) -> WorkingCalendar:
        if self._calendar is None:
            from app.store.calendar import load_working_calendar

            self._calendar = load_working_calendar(self._holder.store)
        return self._calendar

    def page(self, filters: DossierFilter, after: PageKey | None, limit: int) -> DossierPage:
        from app.store.dossiers import DossierRepository

        calendar = self._working_calendar()
        with self._holder.store.read_session() as session:
            # One row more than asked tells whether another page follows, without a count.
            rows = DossierRepository(session, calendar).list_page(
                filters, after=after, limit=limit + 1
            )
        from app.ui.services_dossiers import DossierPage

        return DossierPage(rows=tuple(rows[:limit]), complete=len(rows) <= limit)

    def count(self, filters: DossierFilter) -> DossierCount:
        from app.store.dossiers import DossierRepository

        calendar = self._working_calendar()
        with self._holder.store.read_session() as session:
            repository = DossierRepository(session, calendar)
            from app.ui.services_dossiers import DossierCount

            return DossierCount(
                total=repository.count(filters), truncated=repository.text_truncated(filters)
            )

    def summaries(self, dossier_ids: Sequence[int], now: datetime) -> Sequence[DossierSummary]:
        from app.store.dossiers import DossierRepository

        calendar = self._working_calendar()
        with self._holder.store.read_session() as session:
            return DossierRepository(session, calendar).summaries(dossier_ids, now)

    def detail(self, dossier_id: int, now: datetime) -> DossierDetail | None:
        from app.store.dossiers import DossierRepository

        calendar = self._working_calendar()
        with self._holder.store.read_session() as session:
            return DossierRepository(session, calendar).detail(dossier_id, now)
