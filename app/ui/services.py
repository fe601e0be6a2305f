"""What the screens ask of the store: small protocols and the frozen values they return.

Implementations (``app.ui.store_queries``) run on the database thread (through
``TaskRunner.run_db``) and return plain frozen values, never ORM objects, so nothing
lazy-loads on the GUI thread after the session has closed. Screens depend on these small
protocols, not on the store, which keeps widgets free of queries and lets tests hand in the
real store or a prepared one alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from app.ui.models.catalogue_model import ProcedureRow

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


class CatalogueQueries(Protocol):
    def search(self, text: str) -> Sequence[ProcedureRow]: ...
    def documents(self, version_id: Any) -> Sequence[RequiredDocument]: ...


class StatusQueries(Protocol):
    def snapshot(self) -> StatusSnapshot: ...
