"""Reception drafts kept in the store, so nothing typed is lost to a crash or a restart.

A draft lives in the settings table under ``draft.<slot>`` (one slot per screen that edits a
dossier; the reception screen uses ``reception``). Restoring must never stop a clerk from
working: a stored draft that cannot be read (a disk error, an older app version's format) is
moved aside under ``draft.<slot>.unreadable.<UTC time>`` for IT staff to look at, and the
screen starts empty. Call :meth:`DraftRepository.load` in a write session so that the move is
kept; in a read session it is simply skipped over.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.reception import ReceptionDraft
from app.store.models import Setting
from app.store.types import utcnow

DRAFT_PREFIX = "draft."
DEFAULT_SLOT = "reception"
UNREADABLE_INFIX = ".unreadable."


def draft_key(slot: str) -> str:
    if not slot or "." in slot:
        raise ValueError(f"a draft slot is a non-empty name without dots, not {slot!r}")
    return DRAFT_PREFIX + slot


class DraftRepository:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utcnow) -> None:
        self._session = session
        self._clock = clock

    def save(self, draft: ReceptionDraft, slot: str = DEFAULT_SLOT) -> None:
        """Keep ``draft`` in ``slot``, replacing what was there. An empty draft (nothing worth
        keeping was typed) discards the slot instead."""
        key = draft_key(slot)
        if draft.is_empty():
            self.discard(slot)
            return
        # Stored as the draft's own JSON object (a JSON string would be escaped twice).
        value = draft.to_json()
        row = self._session.get(Setting, key)
        if row is None:
            self._session.add(Setting(key=key, value=value))
        else:
            row.value = value
        self._session.flush()

    def load(self, slot: str = DEFAULT_SLOT) -> ReceptionDraft | None:
        """The draft in ``slot``, or ``None`` if there is none or it cannot be read (it is then
        moved aside, never deleted)."""
        key = draft_key(slot)
        row = self._session.get(Setting, key)
        if row is None:
            return None
        try:
            return ReceptionDraft.from_json(row.value)
        except (ValueError, TypeError):
            # json.JSONDecodeError and the enum/date errors are ValueErrors.
            self._set_aside(row)
            return None

    def discard(self, slot: str = DEFAULT_SLOT) -> None:
        row = self._session.get(Setting, draft_key(slot))
        if row is not None:
            self._session.delete(row)
            self._session.flush()

    def unreadable(self, slot: str = DEFAULT_SLOT) -> list[str]:
        """Keys of the drafts of ``slot`` that were set aside, oldest first."""
        prefix = draft_key(slot) + UNREADABLE_INFIX
        return list(
            self._session.scalars(
                select(Setting.key).where(Setting.key.startswith(prefix)).order_by(Setting.key)
            )
        )

    def _set_aside(self, row: Setting) -> None:
        stamp = self._clock().strftime("%Y%m%dT%H%M%S%fZ")
        aside = f"{row.key}{UNREADABLE_INFIX}{stamp}"
        try:
            with self._session.begin_nested():
                # Settings hold JSON values: the unreadable text is kept as a JSON string.
                self._session.add(
                    Setting(key=aside, value=json.dumps(row.value, ensure_ascii=False))
                )
                self._session.delete(row)
        except OperationalError:
            # Locked or full: restoring must not fail for that; it is set aside next time.
            return
