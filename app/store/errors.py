"""Errors of the local store that the clerk or IT staff can fix themselves.

SQLite reports "disk full", "read-only", "locked" and "not a database" as generic driver
exceptions. Left as they are, they reach the UI as a stack trace that looks like our bug. Each
one is translated here into a :class:`StoreError` subclass carrying a precise English message
(``str(error)``, for logs and the doctor command) and a Vietnamese one (``message_vi``) that the
UI shows as is. Anything not recognised stays a plain exception: that one *is* our bug.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exc as sa_exc

from app.domain.errors import DomainError

if TYPE_CHECKING:
    from app.domain.reception import FieldProblem


class StoreError(Exception):
    """Base of every store error a user's environment can fix."""

    def __init__(self, message: str, message_vi: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_vi = message_vi


class DatabaseLockedError(StoreError):
    """Another program (a second copy of the app, a backup tool) holds the database."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The database {path} is locked by another program; close the other copy of "
            "Một Cửa Desk (or the tool that opened the file) and try again",
            f"Cơ sở dữ liệu {path} đang bị chương trình khác sử dụng; hãy đóng cửa sổ "
            "Một Cửa Desk khác (hoặc phần mềm đang mở tệp) rồi thử lại",
        )


class DiskFullError(StoreError):
    """No room left where the database or its backups live."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The disk holding {path} is full; free some space and try again",
            f"Ổ đĩa chứa {path} đã đầy; hãy giải phóng dung lượng rồi thử lại",
        )


class ReadOnlyLocationError(StoreError):
    """The data folder or the database file cannot be written by this user."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Cannot write to {path}; give this user write access to the folder, or set "
            "MOTCUA_DATA_DIR to a writable folder",
            f"Không ghi được vào {path}; hãy cấp quyền ghi thư mục cho người dùng này, hoặc "
            "đặt MOTCUA_DATA_DIR tới một thư mục ghi được",
        )


class NotADatabaseError(StoreError):
    """The file at the database path is not an SQLite database (or is encrypted)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a Một Cửa Desk database (not an SQLite file); restore the latest "
            "copy from the backups folder or move the file away. Nothing was changed",
            f"{path} không phải cơ sở dữ liệu của Một Cửa Desk; hãy khôi phục bản sao mới nhất "
            "trong thư mục sao lưu hoặc chuyển tệp đi nơi khác. Chưa có gì bị thay đổi",
        )


class CorruptDatabaseError(StoreError):
    """SQLite found the file damaged (a power cut during a write on a bad disk, say)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The database {path} is damaged; restore the latest copy from the backups folder",
            f"Cơ sở dữ liệu {path} bị hỏng; hãy khôi phục bản sao mới nhất trong thư mục sao lưu",
        )


class UnknownDatabaseError(StoreError):
    """An SQLite file with tables but no migration record: not ours, so never touched."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is an SQLite database that Một Cửa Desk did not create; move it away "
            "or set MOTCUA_DATA_DIR to another folder. Nothing was changed",
            f"{path} là cơ sở dữ liệu không do Một Cửa Desk tạo; hãy chuyển tệp đi nơi khác "
            "hoặc đặt MOTCUA_DATA_DIR tới thư mục khác. Chưa có gì bị thay đổi",
        )


class DatabaseTooNewError(StoreError):
    """The database was migrated by a newer version of the app than this one."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"The database {path} was upgraded by a newer Một Cửa Desk (schema {revision}); "
            "install the newer version again",
            f"Cơ sở dữ liệu {path} đã được phiên bản Một Cửa Desk mới hơn nâng cấp "
            f"(lược đồ {revision}); hãy cài lại phiên bản mới hơn",
        )
        self.revision = revision


def _message_of(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    return str(original if original is not None else error).lower()


def translate(error: BaseException, path: Path) -> StoreError | None:
    """Return the user-fixable error that ``error`` stands for, or ``None`` for our bugs."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, OSError) and not isinstance(error, sqlite3.Error):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(path)
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyLocationError(path)
        return None
    if not isinstance(error, sqlite3.Error | sa_exc.DBAPIError):
        return None
    text = _message_of(error)
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLockedError(path)
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(path)
    if "readonly" in text or "read-only" in text or "unable to open database" in text:
        return ReadOnlyLocationError(path)
    if "file is not a database" in text or "file is encrypted" in text:
        return NotADatabaseError(path)
    if "malformed" in text or "disk i/o error" in text:
        return CorruptDatabaseError(path)
    return None


# --- counter set-up and reception -------------------------------------------------------------


class CounterSetupError(StoreError):
    """IT staff asked for a counter identity the store cannot honour (unknown unit or counter,
    a unit no longer in service, no clerk name)."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"Cannot set up this counter: {reason}",
            f"Không thiết lập được quầy: {reason_vi}",
        )
        self.reason = reason
        self.reason_vi = reason_vi


class CounterNotConfigured(StoreError):
    """No usable counter identity: dossiers cannot be received (nor codes issued) without one."""

    def __init__(
        self,
        reason: str = "no unit, counter and clerk are set",
        reason_vi: str = "chưa chọn đơn vị, quầy và cán bộ tiếp nhận",
    ) -> None:
        super().__init__(
            f"This counter is not set up ({reason}); IT staff can set it with "
            "'python -m app setup --unit UNIT --counter COUNTER --clerk NAME'",
            f"Máy này chưa được thiết lập quầy tiếp nhận ({reason_vi}). Hãy nhờ cán bộ kỹ thuật "
            "chạy «python -m app setup --unit ĐƠN_VỊ --counter QUẦY --clerk HỌ_TÊN»",
        )
        self.reason = reason


class DossierNotSavedDiskFull(DiskFullError):
    """The disk filled up while a dossier was being saved: nothing of it was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.message = (
            f"{self.message}. The dossier was NOT saved and no dossier code was used; "
            "what was typed is kept"
        )
        self.message_vi = (
            f"{self.message_vi}. Hồ sơ CHƯA được lưu và chưa cấp mã hồ sơ; "
            "thông tin đã nhập vẫn được giữ nguyên"
        )
        self.args = (self.message,)


class DossierNotSavedLocked(DatabaseLockedError):
    """Another program held the database too long while a dossier was being saved."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.message = (
            f"{self.message}. The dossier was NOT saved and no dossier code was used; "
            "what was typed is kept"
        )
        self.message_vi = (
            f"{self.message_vi}. Hồ sơ CHƯA được lưu và chưa cấp mã hồ sơ; "
            "thông tin đã nhập vẫn được giữ nguyên"
        )
        self.args = (self.message,)


class DraftRejected(DomainError):
    """The save re-checked the draft and found problems: the rules hold below the UI too.

    ``problems`` are the same :class:`FieldProblem` values the screen shows next to each field.
    """

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        super().__init__(
            "The dossier cannot be saved: " + "; ".join(p.message for p in self.problems),
            "Chưa lưu được hồ sơ: " + "; ".join(p.message_vi for p in self.problems),
        )


class ProcedureNotInCatalogue(DomainError):
    """The draft's procedure is not in this counter's catalogue, or not in effect that day."""

    def __init__(self, name: str, day: date, reason: str, reason_vi: str) -> None:
        label = name or "?"
        super().__init__(
            f"Procedure {label!r} cannot be received on {day.isoformat()}: {reason}",
            f"Không tiếp nhận được thủ tục «{label}» ngày {day:%d/%m/%Y}: {reason_vi}. "
            "Hãy chọn lại thủ tục trong danh mục",
        )
        self.day = day
        self.reason = reason
