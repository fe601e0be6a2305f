"""What the screens ask of the store: small protocols and the frozen values they return.

Implementations (``app.ui.store_queries``) run on the database thread (through
``TaskRunner.run_db``) and return plain frozen values, never ORM objects, so nothing
lazy-loads on the GUI thread after the session has closed. Screens depend on these small
protocols, not on the store, which keeps widgets free of queries and lets tests hand in the
real store or a prepared one alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from app.ui.models.catalogue_model import ProcedureRow

if TYPE_CHECKING:
    from app.store.sync_views import CodeRunway, ConflictRow, QuarantinedEntry, WaitingEntry

CENTRAL_URL_KEY = "sync.central_url"
COUNTER_CODE_KEY = "counter.code"


@dataclass(frozen=True)
class RequiredDocument:
    """One line of a procedure's document list, as the detail pane shows it."""

    name: str
    form: str = "original"
    """One of the store's document forms: original, certified_copy, copy, present."""
    copies: int = 1
    mandatory: bool = True
    note: str = ""


@dataclass(frozen=True)
class StatusSnapshot:
    """What the status bar shows; read together so the figures are consistent."""

    central_url: str | None
    pending_changes: int
    counter_code: str | None
    quarantined: int = 0
    last_success_at: datetime | None = None
    """Aware UTC: the last sync cycle that completed without an error."""
    runway: CodeRunway | None = None
    """Leased numbers left for today and tomorrow; ``None`` while standalone."""


@dataclass(frozen=True)
class ConnectionState:
    """Where the app stands with central, as the sync controller knows it (the engine's own
    figures come separately, as its ``SyncStatus``)."""

    mode: str
    """``standalone`` (no central), ``starting`` (the demo central or the sign-in is on its
    way), ``signed_out`` (a central, nobody signed in: "chưa kết nối"), ``running`` (the
    engine runs: online/offline is in its status) or ``unavailable`` (the demo central could
    not start: standalone, and ``problem`` says why)."""
    url: str | None = None
    embedded: bool = False
    """The central is the demo one this app started."""
    problem: str | None = None
    problem_vi: str | None = None
    user_name: str | None = None
    """The signed-in user's full name."""


@dataclass(frozen=True)
class SyncScreenData:
    """What the Sync screen lists, read together on the database thread."""

    waiting: Sequence[WaitingEntry] = ()
    quarantined: Sequence[QuarantinedEntry] = ()
    conflicts: Sequence[ConflictRow] = ()
    waiting_count: int = 0
    quarantined_count: int = 0
    conflict_count: int = 0
    oldest_waiting_age: timedelta | None = None
    last_success_at: datetime | None = None
    errors_vi: dict[str, str] = field(default_factory=dict)
    """Entry id -> the Vietnamese of its last error (waiting) or reason (quarantined)."""


class SyncQueries(Protocol):
    def sync_data(self) -> SyncScreenData: ...


class CatalogueQueries(Protocol):
    def search(self, text: str) -> Sequence[ProcedureRow]: ...
    def documents(self, version_id: Any) -> Sequence[RequiredDocument]: ...


class StatusQueries(Protocol):
    def snapshot(self) -> StatusSnapshot: ...
