"""Settings as JSON values under dotted keys (``sync.central_url``, ``ui.font_scale``).

JSON keeps types (numbers, booleans, lists) without one column per setting, and the doctor
command can read a value without opening the store (:func:`app.store.database.read_setting`).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.store.jsonutil import canonical_json
from app.store.models import Setting


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str, default: Any = None) -> Any:
        row = self._session.get(Setting, key)
        return default if row is None else json.loads(row.value)

    def set(self, key: str, value: Any) -> None:
        encoded = canonical_json(value)
        row = self._session.get(Setting, key)
        if row is None:
            self._session.add(Setting(key=key, value=encoded))
        else:
            row.value = encoded
        self._session.flush()

    def delete(self, key: str) -> None:
        row = self._session.get(Setting, key)
        if row is not None:
            self._session.delete(row)
            self._session.flush()
