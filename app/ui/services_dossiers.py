"""What the Dossiers screen asks of the store: one small protocol and the frozen values it returns.

The values are the store's own pure dataclasses (:mod:`app.store.dossier_values`, which
imports neither SQLAlchemy nor Qt, so the screen can be built before the store is open) plus
the few the screen needs around them. Implementations run on the database thread only
(``TaskRunner.run_db``); see :mod:`app.ui.dossier_queries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.store.dossier_values import (
    DossierDetail,
    DossierDocumentRow,
    DossierFilter,
    DossierSummary,
    DueFilter,
    DueStatus,
    HistoryEntry,
    PageKey,
)

__all__ = [
    "DossierCount",
    "DossierDetail",
    "DossierDocumentRow",
    "DossierFilter",
    "DossierPage",
    "DossierQueries",
    "DossierSummary",
    "DueFilter",
    "DueStatus",
    "HistoryEntry",
    "PageKey",
]


@dataclass(frozen=True)
class DossierPage:
    """One page of a listing; ``complete`` when no row follows it."""

    rows: tuple[DossierSummary, ...]
    complete: bool

    @property
    def next_key(self) -> PageKey | None:
        return None if self.complete or not self.rows else self.rows[-1].page_key


@dataclass(frozen=True)
class DossierCount:
    """How many dossiers a listing holds; ``truncated`` when the search text matched more
    dossiers than a listing takes (the clerk should type more)."""

    total: int
    truncated: bool = False


class DossierQueries(Protocol):
    def page(self, filters: DossierFilter, after: PageKey | None, limit: int) -> DossierPage: ...
    def count(self, filters: DossierFilter) -> DossierCount: ...
    def summaries(self, dossier_ids: Sequence[int], now: datetime) -> Sequence[DossierSummary]: ...
    def detail(self, dossier_id: int, now: datetime) -> DossierDetail | None: ...
