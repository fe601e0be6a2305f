"""The folder a network scanner drops files into, watched by polling.

Why polling and not file-system notifications: the folder is usually an SMB share, where change
notifications are unreliable or absent, and a scanner writes a file in pieces for seconds, so a
"created" event says nothing about when it is complete. A file is ready once its size and
modification time have stayed the same for ``settle_seconds``.

A ready file is *claimed* by renaming it into the ``received`` sub-folder. A rename within one
folder tree is atomic, also on a share, so exactly one claimer wins when two copies of the app
watch the same folder, and a claimed file is never offered again, also after a restart. A file
that cannot be imported is moved to ``errors`` with a text file beside it saying why, in
Vietnamese, for whoever opens the folder.

The sub-folders have ASCII names (``received``, ``errors``) on purpose: a name with diacritics
("đã nhận") is stored in NFC by Windows and in NFD by macOS and some NAS firmwares, and old
scanner firmwares write share paths in a code page; the same folder could then appear twice, or
not at all, depending on who looks.

Plain Python, no Qt: the UI calls :meth:`WatchedFolder.poll` on a background thread from a timer.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.capture.errors import CaptureError, CaptureProblem

RECEIVED_DIR = "received"
ERRORS_DIR = "errors"
REASON_SUFFIX = ".txt"
"""The explanation beside a rejected file is named ``<file name>.txt``."""

_TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".filepart")
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_FILE_ATTRIBUTE_HIDDEN = 0x2


def is_ignored_name(name: str) -> bool:
    """Hidden files and the names writers use while a file is incomplete."""
    lowered = name.lower()
    return (
        name.startswith((".", "~$"))
        or name.endswith("~")
        or lowered.endswith(_TEMP_SUFFIXES)
        or lowered in _IGNORED_NAMES
    )


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float
    """When this size and mtime were first observed (by the injected clock)."""


class WatchedFolder:
    """Finds complete files in ``folder`` and hands each one out once.

    Use from one thread: ``for path in inbox.poll(): claimed = inbox.claim(path)``.
    """

    def __init__(
        self,
        folder: Path,
        *,
        settle_seconds: float = 1.0,
        empty_settle_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``empty_settle_seconds``: a zero-byte file waits longer before being offered,
        because some scanners create the file first and write it when the whole batch is
        scanned."""
        self.folder = Path(folder)
        self.settle_seconds = settle_seconds
        self.empty_settle_seconds = max(empty_settle_seconds, settle_seconds)
        self._clock = clock
        self._seen: dict[str, _Seen] = {}

    @property
    def received_dir(self) -> Path:
        return self.folder / RECEIVED_DIR

    @property
    def errors_dir(self) -> Path:
        return self.folder / ERRORS_DIR

    def poll(self) -> list[Path]:
        """Files whose size and mtime have not changed for ``settle_seconds``, oldest first.

        A file is never ready on the poll that first sees it. Raises :class:`CaptureError` when
        the folder cannot be listed (network share down); a later poll works again once it is
        back.
        """
        now = self._clock()
        try:
            entries = self._list()
        except OSError as error:
            self._seen.clear()  # whatever was half-written may have changed meanwhile
            raise self._unreachable(error) from error
        ready: list[tuple[int, str, Path]] = []
        current: dict[str, _Seen] = {}
        for name, size, mtime_ns in entries:
            seen = self._seen.get(name)
            if seen is None or seen.size != size or seen.mtime_ns != mtime_ns:
                seen = _Seen(size, mtime_ns, now)
            current[name] = seen
            wait = self.settle_seconds if size else self.empty_settle_seconds
            if now - seen.since >= wait:
                ready.append((mtime_ns, name, self.folder / name))
        self._seen = current
        return [path for _mtime, _name, path in sorted(ready)]

    def _list(self) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        with os.scandir(self.folder) as iterator:
            for entry in iterator:
                if is_ignored_name(entry.name):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue  # claimed or deleted while we were listing
                if not stat.S_ISREG(info.st_mode):
                    continue  # sub-folders (ours included), symlinks, devices
                if getattr(info, "st_file_attributes", 0) & _FILE_ATTRIBUTE_HIDDEN:
                    continue
                found.append((entry.name, info.st_size, info.st_mtime_ns))
        return found

    def claim(self, path: Path) -> Path | None:
        """Move ``path`` into ``received`` and return its new path, or ``None`` if it is gone.

        ``None`` means another claimer (a second copy of the app on the same share) took it
        first, or it was deleted: skip it. A file still locked by its writer (Windows) is also
        ``None`` for now and is offered again by a later poll. The file keeps its name; a
        number is added when ``received`` already holds one of that name (scanners restart
        their counters).
        """
        path = Path(path)
        self._seen.pop(path.name, None)
        target_dir = self.received_dir
        try:
            target_dir.mkdir(exist_ok=True)
        except OSError as error:
            raise self._cannot_move(path, target_dir, error) from error
        return self._move(path, target_dir)

    def reject(self, path: Path, problem: CaptureError | str) -> Path | None:
        """Move a file that cannot be imported to ``errors``, with ``<name>.txt`` saying why.

        ``problem`` is the error that refused the file (its Vietnamese message is written) or a
        Vietnamese reason. Returns the new path, or ``None`` if the file is already gone.
        """
        path = Path(path)
        self._seen.pop(path.name, None)
        target_dir = self.errors_dir
        try:
            target_dir.mkdir(exist_ok=True)
        except OSError as error:
            raise self._cannot_move(path, target_dir, error) from error
        moved = self._move(path, target_dir)
        if moved is None:
            return None
        reason_file = moved.with_name(moved.name + REASON_SUFFIX)
        temporary = reason_file.with_name("." + reason_file.name + ".tmp")
        try:
            temporary.write_text(_reason_text(path.name, problem), encoding="utf-8-sig")
            os.replace(temporary, reason_file)
        except OSError as error:
            raise self._cannot_move(path, target_dir, error) from error
        return moved

    def _move(self, path: Path, target_dir: Path) -> Path | None:
        """Exactly one of several racing claimers gets the file; the others get ``None``.

        POSIX ``rename`` would silently replace a file already at the target, so the file is
        hard-linked to the target (which refuses an existing name) and then unlinked from the
        inbox: only one unlink can succeed. A target that already is this very file means
        another claimer is half-way through: it wins. Windows ``rename`` refuses an existing
        target by itself.
        """
        for attempt in range(1, 1000):
            target = target_dir / _numbered(path.name, attempt)
            try:
                if os.name == "nt":
                    os.rename(path, target)
                    return target
                os.link(path, target)
            except FileExistsError:
                if _same_file(path, target):
                    return None
                continue  # an earlier file of that name: try "name (2)"
            except FileNotFoundError:
                return None
            except OSError as error:
                if os.name == "nt" and isinstance(error, PermissionError) and path.exists():
                    return None  # still open in the scanner's writer: retried on a later poll
                if os.name != "nt" and error.errno in _NO_LINK_ERRNOS:
                    return self._rename_without_link(path, target_dir)
                raise self._cannot_move(path, target_dir, error) from error
            try:
                os.unlink(path)
            except FileNotFoundError:
                _remove_quietly(target)  # another claimer unlinked first: it won
                return None
            except OSError as error:
                _remove_quietly(target)
                raise self._cannot_move(path, target_dir, error) from error
            return target
        raise self._cannot_move(path, target_dir, FileExistsError("too many files of that name"))

    def _rename_without_link(self, path: Path, target_dir: Path) -> Path | None:
        """Shares that refuse hard links (many SMB mounts): a plain rename to a free name,
        whose losers see the source gone."""
        for attempt in range(1, 1000):
            target = target_dir / _numbered(path.name, attempt)
            if target.exists():
                continue
            try:
                os.rename(path, target)
            except FileNotFoundError:
                return None
            except OSError as error:
                raise self._cannot_move(path, target_dir, error) from error
            return target
        raise self._cannot_move(path, target_dir, FileExistsError("too many files of that name"))

    def _unreachable(self, error: OSError) -> CaptureError:
        folder = str(self.folder)
        if isinstance(error, FileNotFoundError | NotADirectoryError):
            return CaptureError(
                CaptureProblem.MISSING_FILE,
                f"The scan folder {folder} is not reachable (network share down, or the folder "
                "was moved); retrying",
                f"Không truy cập được thư mục nhận bản quét «{folder}» (mất kết nối thư mục mạng "
                "hoặc thư mục đã bị chuyển); đang thử lại",
                self.folder,
            )
        return CaptureError(
            CaptureProblem.UNREADABLE_FILE,
            f"The scan folder {folder} cannot be read ({error.strerror or error}); check the "
            "share and its permissions",
            f"Không đọc được thư mục nhận bản quét «{folder}» (không có quyền hoặc thư mục mạng "
            "lỗi); hãy nhờ cán bộ CNTT kiểm tra",
            self.folder,
        )

    def _cannot_move(self, path: Path, target_dir: Path, error: OSError) -> CaptureError:
        return CaptureError(
            CaptureProblem.WRITE_FAILED,
            f"Cannot move {path.name} into {target_dir} ({error.strerror or error}); the scan "
            "folder must be writable",
            f"Không chuyển được tệp «{path.name}» vào thư mục «{target_dir.name}»; thư mục nhận "
            "bản quét cần có quyền ghi, hãy nhờ cán bộ CNTT kiểm tra",
            path,
        )


_NO_LINK_ERRNOS = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}
)
"""What link() says on file systems without hard links (SMB and FAT mounts)."""


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return True  # ``path`` is gone: whoever holds ``other`` claimed it


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _numbered(name: str, attempt: int) -> str:
    if attempt == 1:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({attempt})"
    return f"{stem} ({attempt}).{suffix}"


def _reason_text(name: str, problem: CaptureError | str) -> str:
    """What a person opening the errors folder reads (Windows line ends, a BOM for Notepad)."""
    stamp = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M:%S")
    lines = [f"Tệp: {name}", f"Thời điểm: {stamp}"]
    if isinstance(problem, CaptureError):
        lines += [f"Lý do: {problem.message_vi}", "", f"({problem.problem}) {problem.message}"]
    else:
        lines.append(f"Lý do: {problem}")
    lines += ["", "Hãy quét lại hoặc kiểm tra tệp, rồi đặt lại vào thư mục nhận bản quét."]
    return "\r\n".join(lines) + "\r\n"
