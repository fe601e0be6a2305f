"""The scanner's drop folder: a file is offered once it is complete, and imported exactly once."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.inbox import ERRORS_DIR, RECEIVED_DIR, WatchedFolder, is_ignored_name
from app.capture.sources import load_file


class Clock:
    """A clock the test moves by hand: settling is about time, not about sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "Máy quét"
    folder.mkdir()
    return folder


def settled(watched: WatchedFolder, clock: Clock) -> list[Path]:
    """What a poll offers once every file present has been still for longer than settling."""
    watched.poll()
    clock.advance(watched.settle_seconds + 0.1)
    return watched.poll()


def test_a_file_written_in_pieces_is_offered_only_once_it_settles(
    inbox: Path, clock: Clock
) -> None:
    watched = WatchedFolder(inbox, settle_seconds=2.0, clock=clock)
    path = inbox / "scan0001.pdf"
    with path.open("wb") as stream:
        stream.write(b"%PDF-1.7\n" + b"x" * 1000)
        stream.flush()
        assert watched.poll() == [], "never ready on the poll that first sees it"
        clock.advance(1.5)
        stream.write(b"y" * 5000)  # the scanner is still sending
        stream.flush()
        assert watched.poll() == []
        clock.advance(1.5)
        assert watched.poll() == [], "1.5 s after the last change is not yet 2 s"
    clock.advance(0.6)
    assert watched.poll() == [path]


def test_temporary_and_hidden_names_are_never_offered(inbox: Path, clock: Clock) -> None:
    for name in (".~tmp", "scan.pdf.part", "scan.TMP", "~$đơn.docx", ".DS_Store", "Thumbs.db"):
        (inbox / name).write_bytes(b"data")
    (inbox / "sub folder").mkdir()
    (inbox / "real.jpg").write_bytes(b"data")
    watched = WatchedFolder(inbox, clock=clock)
    assert settled(watched, clock) == [inbox / "real.jpg"]
    assert is_ignored_name("scan.crdownload") and not is_ignored_name("scan.pdf")


def test_an_empty_file_waits_longer(inbox: Path, clock: Clock) -> None:
    """Some scanners create the file at the start of a batch and fill it at the end."""
    path = inbox / "batch.pdf"
    path.write_bytes(b"")
    watched = WatchedFolder(inbox, settle_seconds=1.0, empty_settle_seconds=20.0, clock=clock)
    assert settled(watched, clock) == []
    clock.advance(20.0)
    assert watched.poll() == [path]


def test_claim_moves_the_file_and_it_is_offered_no_more(inbox: Path, clock: Clock) -> None:
    path = inbox / "scan0001.pdf"
    path.write_bytes(b"%PDF-1.7 content")
    watched = WatchedFolder(inbox, clock=clock)
    assert settled(watched, clock) == [path]
    claimed = watched.claim(path)
    assert claimed == inbox / RECEIVED_DIR / "scan0001.pdf"
    assert claimed.read_bytes() == b"%PDF-1.7 content"
    assert not path.exists()
    clock.advance(5)
    assert watched.poll() == []


def test_a_restart_does_not_import_again(inbox: Path, clock: Clock) -> None:
    (inbox / "a.png").write_bytes(b"one")
    (inbox / "b.png").write_bytes(b"two")
    first = WatchedFolder(inbox, clock=clock)
    ready = settled(first, clock)
    assert [path.name for path in ready] == ["a.png", "b.png"]
    first.claim(ready[0])  # the app stops before claiming b.png
    restarted = WatchedFolder(inbox, clock=clock)
    assert settled(restarted, clock) == [inbox / "b.png"]


def test_a_second_app_watching_the_same_share_loses_cleanly(inbox: Path, clock: Clock) -> None:
    path = inbox / "scan.jpg"
    path.write_bytes(b"jpeg bytes")
    mine, theirs = WatchedFolder(inbox, clock=clock), WatchedFolder(inbox, clock=clock)
    assert settled(mine, clock) == settled(theirs, clock) == [path]
    assert mine.claim(path) == inbox / RECEIVED_DIR / "scan.jpg"
    assert theirs.claim(path) is None
    assert [p.name for p in (inbox / RECEIVED_DIR).iterdir()] == ["scan.jpg"]


def test_racing_claimers_take_each_file_exactly_once(inbox: Path, clock: Clock) -> None:
    names = [f"scan{number:04d}.jpg" for number in range(60)]
    for name in names:
        (inbox / name).write_bytes(name.encode())
    watchers = [WatchedFolder(inbox, clock=clock) for _ in range(3)]
    offered = [settled(watched, clock) for watched in watchers]
    won: list[list[Path]] = [[] for _ in watchers]
    start = threading.Barrier(len(watchers))

    def claim_all(index: int) -> None:
        start.wait()
        for path in offered[index]:
            claimed = watchers[index].claim(path)
            if claimed is not None:
                won[index].append(claimed)

    threads = [threading.Thread(target=claim_all, args=(i,)) for i in range(len(watchers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    claimed = [path for paths in won for path in paths]
    assert sorted(path.name for path in claimed) == names, "each file once, none twice"
    received = sorted(path.name for path in (inbox / RECEIVED_DIR).iterdir())
    assert received == names
    assert all(path.read_bytes() == path.name.encode() for path in claimed)


def test_a_reused_scanner_file_name_does_not_overwrite_the_earlier_one(
    inbox: Path, clock: Clock
) -> None:
    watched = WatchedFolder(inbox, clock=clock)
    for content in (b"first dossier", b"second dossier", b"third"):
        path = inbox / "scan0001.pdf"
        path.write_bytes(content)
        assert settled(watched, clock) == [path]
        watched.claim(path)
    received = inbox / RECEIVED_DIR
    assert (received / "scan0001.pdf").read_bytes() == b"first dossier"
    assert (received / "scan0001 (2).pdf").read_bytes() == b"second dossier"
    assert (received / "scan0001 (3).pdf").read_bytes() == b"third"


def test_a_bad_file_is_rejected_with_the_reason_in_vietnamese(inbox: Path, clock: Clock) -> None:
    path = inbox / "hỏng.jpg"
    path.write_bytes(b"")
    watched = WatchedFolder(inbox, clock=clock, empty_settle_seconds=1.0)
    (ready,) = settled(watched, clock)
    claimed = watched.claim(ready)
    assert claimed is not None
    with pytest.raises(CaptureError) as caught:
        load_file(claimed)
    rejected = watched.reject(claimed, caught.value)
    assert rejected == inbox / ERRORS_DIR / "hỏng.jpg"
    assert rejected.exists() and not claimed.exists()
    reason = (inbox / ERRORS_DIR / "hỏng.jpg.txt").read_text(encoding="utf-8-sig")
    assert "tệp rỗng (0 byte)" in reason and "«hỏng.jpg»" in reason
    assert caught.value.problem.value in reason
    clock.advance(5)
    assert watched.poll() == [], "neither the bad file nor its note is offered"


def test_a_folder_that_disappears_raises_and_recovers(inbox: Path, clock: Clock) -> None:
    path = inbox / "scan.png"
    path.write_bytes(b"png")
    watched = WatchedFolder(inbox, clock=clock)
    watched.poll()
    shutil.rmtree(inbox)  # the share went away
    with pytest.raises(CaptureError) as caught:
        watched.poll()
    assert caught.value.problem is CaptureProblem.MISSING_FILE
    assert "Máy quét" in caught.value.message_vi
    assert "thư mục mạng" in caught.value.message_vi
    inbox.mkdir()
    path.write_bytes(b"png")
    assert settled(watched, clock) == [path]
