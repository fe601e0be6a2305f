"""The content-addressed file store: atomic, deduplicated, damage detected, real disk errors."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest

from app.store.files import (
    DamagedFileError,
    DiskFullError,
    FileStore,
    FileTooLargeError,
    MissingFileError,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_put_names_the_file_by_its_hash_and_reads_it_back(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "files")
    data = "Giấy khai sinh".encode() * 100
    sha = files.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert files.path(sha) == tmp_path / "files" / sha[:2] / sha[2:4] / sha
    assert files.has(sha)
    assert files.read(sha) == data
    assert [name for name, _path in files.iter_files()] == [sha]
    # Nothing but the file itself is left in its folder (no temporary file).
    assert sorted(p.name for p in files.path(sha).parent.iterdir()) == [sha]


def test_same_bytes_are_stored_once_and_not_rewritten(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "files")
    sha = files.put(b"page one")
    before = files.path(sha).stat()
    _age(files.path(sha), 3600)
    aged = files.path(sha).stat().st_mtime
    assert files.put(b"page one") == sha
    after = files.path(sha).stat()
    assert (after.st_ino, after.st_mtime) == (before.st_ino, aged)
    assert len(list(files.iter_files())) == 1


def test_a_truncated_stored_file_is_written_again(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "files")
    sha = files.put(b"0123456789" * 50)
    files.path(sha).write_bytes(b"0123")
    assert files.put(b"0123456789" * 50) == sha
    assert files.read(sha) == b"0123456789" * 50


def test_put_file_streams_a_copy(tmp_path: Path) -> None:
    source = tmp_path / "scan.tif"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    files = FileStore(tmp_path / "files")
    sha = files.put_file(source)
    assert sha == hashlib.sha256(source.read_bytes()).hexdigest()
    assert files.read(sha) == source.read_bytes()
    assert files.put_file(source) == sha


def test_a_damaged_file_is_detected_on_read(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "files")
    sha = files.put(b"%PDF-1.7 original content")
    path = files.path(sha)
    damaged = bytearray(path.read_bytes())
    damaged[3] ^= 0x01
    path.write_bytes(bytes(damaged))
    with pytest.raises(DamagedFileError) as caught:
        files.read(sha)
    assert caught.value.sha256 == sha
    assert "damaged" in str(caught.value)
    assert "bị hỏng" in caught.value.message_vi
    with pytest.raises(DamagedFileError):
        files.verify(sha)
    assert files.read(sha, verify=False) == bytes(damaged)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "files")
    sha = hashlib.sha256(b"never stored").hexdigest()
    with pytest.raises(MissingFileError) as caught:
        files.read(sha)
    assert "Không tìm thấy tệp" in caught.value.message_vi
    with pytest.raises(ValueError, match="SHA-256"):
        files.path("../../etc/passwd")


def test_cleanup_deletes_only_old_unreferenced_files(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "files")
    kept = files.put(b"referenced")
    orphan = files.put(b"left by a crash")
    young = files.put(b"a save still in progress")
    for sha in (kept, orphan):
        _age(files.path(sha), 7200)
    stale_temp = files.path(kept).parent / ".tmp-deadbeef"
    stale_temp.write_bytes(b"half written")
    _age(stale_temp, 7200)
    deleted = files.delete_unreferenced({kept}, older_than=timedelta(hours=1))
    assert deleted == [orphan]
    assert files.has(kept)
    assert files.has(young)
    assert not files.has(orphan)
    assert not stale_temp.exists()


def _run(code: str, *prefix: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )


def _tmpfs_prefix(mount_point: Path, size: str) -> list[str] | None:
    """A command prefix that runs a child with a tiny tmpfs at ``mount_point`` (a private
    mount namespace), or ``None`` where this system does not allow it."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    mount_point.mkdir(parents=True, exist_ok=True)
    prefix = [
        unshare,
        "-Urm",
        "sh",
        "-c",
        f'mount -t tmpfs -o size={size} tmpfs "{mount_point}" && exec "$@"',
        "sh",
    ]
    probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=30, check=False)
    return prefix if probe.returncode == 0 else None


REPORT_PUT = """
    import json, sys
    from pathlib import Path
    from app.store.files import FileStore
    files = FileStore(Path(sys.argv[1]))
    small = files.put(b"s" * 1000)
    try:
        files.put(bytes(range(256)) * 4096)
        outcome = {"error": None}
    except Exception as error:
        outcome = {"error": type(error).__name__, "message": str(error),
                   "message_vi": getattr(error, "message_vi", "")}
    leftovers = sorted(p.name for p in Path(sys.argv[1]).rglob("*") if p.is_file())
    outcome.update(small_ok=files.read(small) == b"s" * 1000, leftovers=leftovers, small=small)
    print(json.dumps(outcome))
"""


def test_a_full_disk_gives_the_clear_error_and_leaves_nothing_half_written(
    tmp_path: Path,
) -> None:
    mount = tmp_path / "small-disk"
    prefix = _tmpfs_prefix(mount, "256k")
    if prefix is None:
        pytest.skip("cannot mount a private tmpfs here (no user namespaces)")
    code = REPORT_PUT.replace("sys.argv[1]", repr(str(mount / "files")))
    result = _run(code, *prefix)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["error"] == "DiskFullError"
    assert "is full" in outcome["message"]
    assert "đã đầy" in outcome["message_vi"]
    assert outcome["small_ok"] is True
    assert outcome["leftovers"] == [outcome["small"]]


def test_a_file_size_limit_gives_its_own_clear_error(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes write() fail with EFBIG (SIGXFSZ ignored, as the app's process would
    see it on a FAT32 disk past 4 GB)."""
    root = tmp_path / "files"
    code = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))\n"
        + textwrap.dedent(REPORT_PUT).replace("sys.argv[1]", repr(str(root)))
    )
    if not hasattr(__import__("signal"), "SIGXFSZ"):
        pytest.skip("no RLIMIT_FSIZE on this platform")
    result = _run(code)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["error"] == "FileTooLargeError"
    assert issubclass(FileTooLargeError, DiskFullError)
    assert "refuses a file this large" in outcome["message"]
    assert "không cho ghi tệp lớn" in outcome["message_vi"]
    assert outcome["leftovers"] == [outcome["small"]]
