"""The content-addressed file store: page originals, page images, thumbnails, text layers, PDFs.

A file is named by the SHA-256 of its bytes (``files/ab/cd/abcd…``), so:

* the same bytes are stored once, however many pages or dossiers use them (reuse copies rows,
  never files);
* a file is never changed in place: nothing can point to a half-rewritten file;
* a damaged file is detected on read (its hash no longer matches its name).

Writes are atomic and durable: a temporary file in the target folder, ``fsync``, ``os.replace``
to the final name, then ``fsync`` of the folder. Callers write files FIRST and the database row
that names them AFTER, so a crash in between leaves an unreferenced file (removed later by
:meth:`FileStore.delete_unreferenced`), never a row pointing to a missing file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator, Set
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from app.store.errors import DiskFullError, ReadOnlyLocationError, StoreError

__all__ = [
    "DamagedFileError",
    "DiskFullError",
    "FileStore",
    "FileTooLargeError",
    "MissingFileError",
    "is_sha256",
]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TEMP_PREFIX = ".tmp-"
_CHUNK = 1024 * 1024


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


class DamagedFileError(StoreError):
    """A stored file's content no longer matches its hash: the disk damaged it, or someone
    edited it. It is never silently used."""

    def __init__(self, sha256: str, path: Path) -> None:
        super().__init__(
            f"The stored file {path} is damaged (its content no longer matches its SHA-256 "
            f"{sha256}); restore the data folder from a backup or capture the page again",
            f"Tệp lưu trữ {path} bị hỏng (nội dung không còn khớp mã băm SHA-256 {sha256}); "
            "hãy khôi phục thư mục dữ liệu từ bản sao lưu hoặc số hoá lại trang này",
        )
        self.sha256 = sha256
        self.path = path


class MissingFileError(StoreError):
    """A file the database names is not in the file store (deleted by hand, or a restore of
    the database without its files folder)."""

    def __init__(self, sha256: str, path: Path) -> None:
        super().__init__(
            f"The stored file {path} (SHA-256 {sha256}) is missing; restore the data folder's "
            "'files' folder from a backup or capture the page again",
            f"Không tìm thấy tệp lưu trữ {path} (SHA-256 {sha256}); hãy khôi phục thư mục "
            "'files' của thư mục dữ liệu từ bản sao lưu hoặc số hoá lại trang này",
        )
        self.sha256 = sha256
        self.path = path


class FileTooLargeError(DiskFullError):
    """The system refused a file this large (EFBIG: a file-size limit of the account or of the
    file system, e.g. 4 GB on FAT32)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.message = (
            f"The file system holding {path} refuses a file this large (a size limit of the "
            "disk's format or of this user account); move the data folder to an NTFS or ext4 "
            "disk, or ask IT staff to lift the limit"
        )
        self.message_vi = (
            f"Ổ đĩa chứa {path} không cho ghi tệp lớn như vậy (giới hạn dung lượng tệp của "
            "định dạng ổ đĩa hoặc của tài khoản); hãy chuyển thư mục dữ liệu sang ổ NTFS hoặc "
            "ext4, hoặc nhờ cán bộ kỹ thuật nới giới hạn"
        )
        self.args = (self.message,)


def _write_error(error: OSError, path: Path) -> StoreError | None:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path)
    if error.errno == errno.EFBIG:
        return FileTooLargeError(path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyLocationError(path)
    return None


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened: Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


class FileStore:
    """Files under ``root`` (``AppPaths.files_dir``) named by their SHA-256 (lower-case hex).

    Thread-safe without locks: two writers of the same bytes each write their own temporary
    file and the second rename replaces identical content.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    # --- names ------------------------------------------------------------------------------

    def path(self, sha256: str) -> Path:
        """Where the file named ``sha256`` lives (whether or not it exists)."""
        if not is_sha256(sha256):
            raise ValueError(f"{sha256!r} is not a lower-case SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    # --- writing ----------------------------------------------------------------------------

    def _present(self, sha256: str, size: int) -> bool:
        """Whether the file is already stored whole. Same name and size is trusted (reading it
        back would double the cost of every capture); a file of the wrong size (truncated by a
        bad disk) is written again."""
        try:
            return self.path(sha256).stat().st_size == size
        except FileNotFoundError:
            return False

    def put(self, data: bytes) -> str:
        """Store ``data``; returns its SHA-256. An existing file is not rewritten."""
        sha256 = hashlib.sha256(data).hexdigest()
        if self._present(sha256, len(data)):
            return sha256
        self._write(sha256, lambda handle: handle.write(data))
        return sha256

    def put_file(self, source: Path) -> str:
        """Store a copy of the file at ``source`` without holding it in memory."""
        digest = hashlib.sha256()
        size = 0
        with source.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
        sha256 = digest.hexdigest()
        if self._present(sha256, size):
            return sha256

        def copy(target: BinaryIO) -> None:
            check = hashlib.sha256()
            with source.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    check.update(chunk)
                    target.write(chunk)
            if check.hexdigest() != sha256:
                raise OSError(errno.EAGAIN, f"{source} changed while it was being stored")

        self._write(sha256, copy)
        return sha256

    def _write(self, sha256: str, fill: Callable[[BinaryIO], object]) -> None:
        final = self.path(sha256)
        temp = final.with_name(f"{_TEMP_PREFIX}{secrets.token_hex(8)}")
        try:
            created = [
                folder for folder in (final.parent.parent, final.parent) if not folder.is_dir()
            ]
            final.parent.mkdir(parents=True, exist_ok=True)
            with temp.open("xb") as handle:
                fill(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, final)
            _fsync_dir(final.parent)
            # New fan-out folders must be durable too, or the file could vanish with them.
            for folder in reversed(created):
                _fsync_dir(folder.parent)
        except OSError as error:
            temp.unlink(missing_ok=True)
            known = _write_error(error, self.root)
            if known is None:
                raise
            raise known from error

    # --- reading ----------------------------------------------------------------------------

    def read(self, sha256: str, verify: bool = True) -> bytes:
        """The bytes of file ``sha256``; :class:`DamagedFileError` if they no longer match
        (with ``verify``), :class:`MissingFileError` if there is no such file."""
        path = self.path(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise MissingFileError(sha256, path) from error
        if verify and hashlib.sha256(data).hexdigest() != sha256:
            raise DamagedFileError(sha256, path)
        return data

    def verify(self, sha256: str) -> None:
        """Check one stored file without keeping it in memory."""
        path = self.path(sha256)
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        except FileNotFoundError as error:
            raise MissingFileError(sha256, path) from error
        if digest.hexdigest() != sha256:
            raise DamagedFileError(sha256, path)

    # --- cleaning up ------------------------------------------------------------------------

    def iter_files(self) -> Iterator[tuple[str, Path]]:
        """Every stored file as (sha256, path); temporary files are left out."""
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if not first.is_dir():
                continue
            for second in sorted(first.iterdir()):
                if not second.is_dir():
                    continue
                for path in sorted(second.iterdir()):
                    if is_sha256(path.name):
                        yield path.name, path

    def delete_unreferenced(
        self, referenced: Set[str], older_than: timedelta = timedelta(hours=1)
    ) -> list[str]:
        """Delete files no row names (left by a crash between the file write and the row
        write, or by a cancelled draft) and stale temporary files, if older than
        ``older_than`` (a younger file may belong to a save still in progress). Returns the
        hashes deleted."""
        limit = time.time() - older_than.total_seconds()
        deleted: list[str] = []
        if not self.root.is_dir():
            return deleted
        for folder, _dirs, names in os.walk(self.root):
            for name in names:
                path = Path(folder) / name
                stale_temp = name.startswith(_TEMP_PREFIX)
                orphan = is_sha256(name) and name not in referenced
                if not (stale_temp or orphan):
                    continue
                try:
                    if path.stat().st_mtime > limit:
                        continue
                    path.unlink()
                except FileNotFoundError:
                    continue
                if orphan:
                    deleted.append(name)
        return deleted
