"""The store-backed implementations of the screens' query protocols, and the store's opening.

These run on the database thread only (``TaskRunner.run_db``); each call opens its own
read-only session, so a long sync write never blocks a search, and returns frozen values.

The store is opened on that same thread (:meth:`StoreHolder.open`), after the window is
already on screen: importing SQLAlchemy and Alembic, checking migrations and the catalogue
seed take several times longer than showing a Qt window. Because the database thread is
serial, every query submitted after the opening simply runs once the store is there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.config import AppPaths
from app.ui.i18n import SETTING_KEY
from app.ui.models.catalogue_model import ProcedureRow
from app.ui.services import (
    CENTRAL_URL_KEY,
    COUNTER_CODE_KEY,
    RequiredDocument,
    StatusSnapshot,
)

if TYPE_CHECKING:
    from app.store.database import Store

SEARCH_LIMIT = 500
"""Enough for the whole catalogue of a service center; the model shows it in batches."""


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class StoreHolder:
    """The store once it is open; queries reach it through here, on the database thread."""

    def __init__(self, store: Store | None = None) -> None:
        self._store = store

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the database is not open")
        return self._store

    def open(self, paths: AppPaths) -> str | None:
        """Open, migrate and seed the store; return the stored interface language, if any."""
        from app.store.database import open_database
        from app.store.seed import seed_from_resources
        from app.store.settings import SettingsRepository

        store = open_database(paths)
        try:
            seed_from_resources(store)
            with store.read_session() as session:
                language = SettingsRepository(session).get(SETTING_KEY)
        except BaseException:
            store.close()
            raise
        self._store = store
        return _text_or_none(language)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class StoreCatalogueQueries:
    def __init__(self, holder: StoreHolder, limit: int = SEARCH_LIMIT) -> None:
        self._holder = holder
        self._limit = limit

    def search(self, text: str) -> Sequence[ProcedureRow]:
        from app.store.catalogue import CatalogueRepository

        with self._holder.store.read_session() as session:
            return CatalogueRepository(session).search(text, limit=self._limit)

    def documents(self, version_id: Any) -> Sequence[RequiredDocument]:
        from app.store.catalogue import CatalogueRepository

        with self._holder.store.read_session() as session:
            version = CatalogueRepository(session).get_version(version_id)
            if version is None:
                return []
            return [
                RequiredDocument(
                    name=document.name,
                    form=document.form,
                    copies=document.copies,
                    mandatory=document.mandatory,
                    note=document.note or "",
                )
                for document in version.documents
            ]


class StoreStatusQueries:
    def __init__(self, holder: StoreHolder) -> None:
        self._holder = holder

    def snapshot(self) -> StatusSnapshot:
        from app.store.counter import load_counter_identity, office_today
        from app.store.settings import SettingsRepository
        from app.store.sync_state import SyncStateRepository
        from app.store.sync_views import SyncViews

        with self._holder.store.read_session() as session:
            settings = SettingsRepository(session)
            central_url = _text_or_none(settings.get(CENTRAL_URL_KEY))
            views = SyncViews(session)
            waiting, quarantined, _conflicts = views.counts()
            runway = None
            if central_url is not None:
                identity = load_counter_identity(session)
                if identity is not None:
                    runway = views.code_runway(
                        identity.agency_code, identity.counter_code, office_today()
                    )
            return StatusSnapshot(
                central_url=central_url,
                pending_changes=waiting,
                counter_code=_text_or_none(settings.get(COUNTER_CODE_KEY)),
                quarantined=quarantined,
                last_success_at=SyncStateRepository(session).last_success(),
                runway=runway,
            )
