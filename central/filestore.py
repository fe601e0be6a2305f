"""Content-addressed files on disk: ``files/ab/<sha256>`` once complete, ``partial/<sha256>``
while an upload is under way. The bytes on disk are the upload offset, so a cut upload resumes
exactly where the last byte landed; completion checks the hash, then renames atomically."""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PUT_THREADS = 8
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


class FileStore:
    def __init__(self, data_dir: Path) -> None:
        self.files_dir = data_dir / "files"
        self.partial_dir = data_dir / "partial"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def lock(self, sha256: str) -> asyncio.Lock:
        """One upload of a hash at a time (the server runs one event loop)."""
        return self._locks[sha256]

    def final_path(self, sha256: str) -> Path:
        return self.files_dir / sha256[:2] / sha256

    def relative(self, sha256: str) -> str:
        return f"{sha256[:2]}/{sha256}"

    def partial_path(self, sha256: str) -> Path:
        return self.partial_dir / sha256

    def partial_size(self, sha256: str) -> int | None:
        try:
            return self.partial_path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def drop_partial(self, sha256: str) -> None:
        self.partial_path(sha256).unlink(missing_ok=True)

    def finish(self, sha256: str) -> bool:
        """Check the partial file's hash; move it in place when it matches, drop it if not."""
        partial = self.partial_path(sha256)
        digest = hashlib.sha256()
        with partial.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            return False
        final = self.final_path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)
        _fsync_dir(final.parent)
        return True

    def put_complete(self, files: dict[str, bytes]) -> None:
        """Store whole files whose hashes the caller checked: each written to a temporary
        name, fsynced and renamed into place; then each folder fsynced once for the lot (a
        bundle of small files pays for its renames together, not file by file). Plain
        string paths and ``os`` calls: for a few KB per file, ``Path`` objects and a mkdir
        per file cost more than the bytes."""
        root = os.fspath(self.files_dir)
        folders = {os.path.join(root, sha256[:2]) for sha256 in files}
        for folder in folders:
            os.makedirs(folder, exist_ok=True)
        suffix = f".{os.getpid()}.{threading.get_ident()}.tmp"

        def write(item: tuple[str, bytes]) -> None:
            sha256, data = item
            final = os.path.join(root, sha256[:2], sha256)
            temporary = os.path.join(root, sha256[:2], f".{sha256}{suffix}")
            descriptor = os.open(temporary, _WRITE_FLAGS, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(descriptor, view) :]
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            os.replace(temporary, final)

        # The fsyncs wait on the disk, not the CPU: a few at once let the file system
        # commit them together.
        with ThreadPoolExecutor(max_workers=PUT_THREADS) as pool:
            for _ in pool.map(write, files.items()):
                pass
            # Only then the folders (a file is durable once its rename is); these fsyncs
            # wait on the disk too.
            for _ in pool.map(_fsync_dir, folders):
                pass


def _fsync_dir(folder: str | Path) -> None:
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
