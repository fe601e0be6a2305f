"""Where the app keeps its files, resolved once at start-up and passed in (never a global)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "motcua-desk"
DATA_DIR_ENV = "MOTCUA_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The data folder and what lives in it.

    ``MOTCUA_DATA_DIR`` overrides the platform's user data folder, so tests, demos and a
    second counter on one machine never touch a clerk's real database.
    """

    data_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        override = os.environ.get(DATA_DIR_ENV)
        base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
        return cls(data_dir=base)

    @property
    def database(self) -> Path:
        return self.data_dir / "motcua.sqlite3"

    @property
    def files_dir(self) -> Path:
        """Page images and PDFs, named by their SHA-256."""
        return self.data_dir / "files"

    @property
    def opened_dir(self) -> Path:
        """Checked copies of digitised documents handed to the desktop's PDF viewer."""
        return self.data_dir / "opened"

    @property
    def backups_dir(self) -> Path:
        """Copies of the database taken before each migration."""
        return self.data_dir / "backups"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"
