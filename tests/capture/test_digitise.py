"""The Digitiser with the real pipeline, store, file store, Tesseract, PDF and signing.

Pages are small strips of Vietnamese text (a Tesseract call takes well under a second), and
one OCR'd page serves the whole end-to-end test.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import cv2
import numpy as np
import pypdfium2
import pytest
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select

from app.bench.ocr_pages import find_font
from app.capture.digitise import Digitiser, PagesNotReady, decode_page_image, encode_page_image
from app.capture.model import (
    CleanedPage,
    FlagCode,
    OcrResult,
    PageOrigin,
    ProcessedPage,
    QualityFlag,
    SourcePage,
)
from app.capture.signing import (
    Pkcs12Signer,
    SignatureStatus,
    make_demo_signer_certificate,
    verify_pdf,
)
from app.capture.sources import load_bytes
from app.config import AppPaths
from app.store.audit import AuditLog
from app.store.database import Store, open_database
from app.store.dossiers import DossierRepository
from app.store.files import DamagedFileError, FileStore
from app.store.models import OutboxEntry
from app.store.pages import DocumentKey, PageRepository, document_files, referenced_files
from app.store.receipts import bundle_hash, load_receipt_record
from app.store.reception import ReceptionService
from app.store.seed import seed_from_resources
from tests.store.conftest import FIXTURE_RESOURCES
from tests.store.reception_support import CLERK, Clock, draft, set_up_counter

REPO_ROOT = Path(__file__).resolve().parents[2]
DPI = 300
LINES = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Họ và tên: Nguyễn Thị Thuỳ Dương",
    "Nơi sinh: Bệnh viện huyện Quỳnh Lưu",
)


def _png(lines: tuple[str, ...] = LINES, size: tuple[int, int] = (1400, 800)) -> bytes:
    font = ImageFont.truetype(str(find_font("DejaVuSerif.ttf")), round(12 * DPI / 72))
    image = Image.new("L", size, 255)
    drawing = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        drawing.text((100, 100 + index * 90), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


def _fake_processed(page: SourcePage, text_layer: bytes = b"") -> ProcessedPage:
    """A pipeline outcome without running Tesseract (for tests of the storing side)."""
    image = page.image if page.image.ndim == 2 else cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)
    ocr = OcrResult("chữ", 90.0, "vie", 0.1, text_layer_pdf=text_layer) if text_layer else None
    return ProcessedPage(
        source=page,
        cleaned=CleanedPage(image=image, ocr_image=image, dpi=DPI, rotation=0.0),
        ocr=ocr,
        flags=(),
        seconds=0.1,
    )


@pytest.fixture
def counter_store(app_paths: AppPaths) -> Iterator[Store]:
    store = open_database(app_paths)
    seed_from_resources(store, FIXTURE_RESOURCES)
    set_up_counter(store)
    yield store
    store.close()


def test_a_page_goes_from_capture_to_a_signed_searchable_pdf(counter_store: Store) -> None:
    store = counter_store
    files = FileStore(store.paths.files_dir)
    digitiser = Digitiser(store, files)
    line = draft(store).documents[0]
    key = DocumentKey(line.required_document_id, line.name)

    pages = load_bytes(_png(), "to-khai.png", PageOrigin.DROP)
    (page_id,) = digitiser.capture("reception", pages, key)
    processed = digitiser.process(pages[0])
    assert processed.ocr is not None
    assert "Quỳnh" in processed.ocr.text
    info = digitiser.save_result(page_id, processed)
    assert info is not None and info.state == "processed"
    assert info.image_sha256 and files.has(info.image_sha256)
    assert info.thumbnail_sha256 and files.has(info.thumbnail_sha256)
    assert info.text_layer_sha256 and files.read(info.text_layer_sha256).startswith(b"%PDF")
    assert info.origin == "drop"

    saved = ReceptionService(store, Clock()).receive(draft(store))
    with store.read_session() as session:
        record = load_receipt_record(session, saved.dossier_id)
        found = DossierRepository(session).find("Quynh Luu")
    assert record.page_count == 1
    assert record.bundle_hash == bundle_hash([pages[0].file.sha256])
    assert [summary.code for summary in found] == [saved.code]

    data, passphrase = make_demo_signer_certificate(CLERK, "UBND phường Ba Đình", 30)
    signer = Pkcs12Signer(data, passphrase)
    made = digitiser.finalise_dossier(saved.dossier_id, signer)
    assert [(item.kind, item.page_count, item.signed) for item in made] == [
        ("searchable", 1, True),
        ("archive", 1, True),
    ]
    assert made[0].signer_name == CLERK
    for item in made:
        pdf = files.read(item.sha256)
        assert len(pdf) == item.size
        assert verify_pdf(pdf, signer.chain[-1:]).status is SignatureStatus.VALID
        document = pypdfium2.PdfDocument(pdf)
        try:
            text = document[0].get_textpage().get_text_range()
        finally:
            document.close()
        assert "Quỳnh Lưu" in text
    with store.read_session() as session:
        assert document_files(session, saved.dossier_id) == made
        outbox = session.scalars(
            select(OutboxEntry).where(OutboxEntry.kind == "dossier.files")
        ).one()
        payload = json.loads(outbox.payload)
        assert payload["code"] == saved.code
        sent = {entry["sha256"] for entry in payload["documents"][0]["files"]}
        assert sent == {item.sha256 for item in made}
        assert payload["documents"][0]["pages"][0]["original_sha256"] == pages[0].file.sha256
        assert AuditLog().verify(session).ok


def test_finalising_waits_for_pages_still_being_read(counter_store: Store) -> None:
    store = counter_store
    digitiser = Digitiser(store, FileStore(store.paths.files_dir))
    line = draft(store).documents[0]
    digitiser.capture(
        "reception",
        load_bytes(_png(), "a.png"),
        DocumentKey(line.required_document_id, line.name),
    )
    saved = ReceptionService(store, Clock()).receive(draft(store))
    with pytest.raises(PagesNotReady) as caught:
        digitiser.finalise_dossier(saved.dossier_id)
    assert "trang 1 chưa xử lý xong" in caught.value.message_vi
    assert line.name in caught.value.message_vi
    with store.read_session() as session:
        assert document_files(session, saved.dossier_id) == []


def test_rotating_regenerates_the_image_and_drops_the_stale_text_layer(
    app_paths: AppPaths,
) -> None:
    store = open_database(app_paths)
    try:
        files = FileStore(app_paths.files_dir)
        digitiser = Digitiser(store, files)
        pages = load_bytes(_png(), "a.png")
        (page_id,) = digitiser.capture("reception", pages)
        before = digitiser.save_result(page_id, _fake_processed(pages[0], b"%PDF-1.5 layer"))
        assert before is not None and before.text_layer_sha256 is not None
        after = digitiser.rotate(page_id, 1)
        assert after is not None
        assert (after.width, after.height, after.quarter_turns) == (800, 1400, 1)
        assert after.text_layer_sha256 is None
        assert after.ocr_text == "chữ"
        assert after.thumbnail_sha256 != before.thumbnail_sha256
        turned = decode_page_image(files.read(after.image_sha256 or ""))
        original = decode_page_image(files.read(before.image_sha256 or ""))
        assert np.array_equal(turned, np.rot90(original, k=-1))
        back = digitiser.rotate(page_id, -1)
        assert back is not None and back.quarter_turns == 0
        assert back.image_sha256 == before.image_sha256  # same bytes, same file
        # A stored image damaged on disk is refused, not shown or put in a PDF.
        damaged = files.path(back.image_sha256 or "")
        damaged.write_bytes(damaged.read_bytes()[:-1] + b"\x00")
        with pytest.raises(DamagedFileError) as caught:
            digitiser.page_image(page_id)
        assert "bị hỏng" in caught.value.message_vi
    finally:
        store.close()


def test_a_page_whose_ocr_timed_out_is_kept_as_failed_with_its_flag(app_paths: AppPaths) -> None:
    store = open_database(app_paths)
    try:
        digitiser = Digitiser(store, FileStore(app_paths.files_dir))
        pages = load_bytes(_png(), "a.png")
        (page_id,) = digitiser.capture("reception", pages)
        flag = QualityFlag(FlagCode.OCR_TIMEOUT, "OCR took too long", "Đọc chữ quá lâu", 60.0)
        outcome = replace(_fake_processed(pages[0]), flags=(flag,))
        info = digitiser.save_result(page_id, outcome)
        assert info is not None
        assert (info.state, info.ocr_text, info.text_layer_sha256) == ("failed", None, None)
        assert [(f.code, f.message_vi, f.value) for f in info.flags] == [
            ("ocr_timeout", "Đọc chữ quá lâu", 60.0)
        ]
        assert info.image_sha256 is not None  # the clerk still sees the page
    finally:
        store.close()


def test_text_pages_are_kept_as_png_and_photos_as_jpeg() -> None:
    text = decode_page_image(_png())
    data, media_type = encode_page_image(text)
    assert media_type == "image/png"
    assert np.array_equal(decode_page_image(data), text)  # lossless
    rng = np.random.default_rng(4)
    photo = cv2.GaussianBlur(rng.integers(0, 256, (600, 800, 3), dtype=np.uint8), (5, 5), 0)
    data, media_type = encode_page_image(photo)
    assert media_type == "image/jpeg"
    assert data[:2] == b"\xff\xd8"


CRASH_CHILD = """
    import json, os, signal, sys
    from pathlib import Path
    sys.path.insert(0, os.getcwd())
    from app.capture.sources import load_bytes
    from app.config import AppPaths
    from app.store.database import open_database
    from app.store.files import DamagedFileError, FileStore
    from app.capture.digitise import Digitiser
    from tests.capture.test_digitise import _fake_processed, _png

    paths = AppPaths(data_dir=Path(sys.argv[1]))
    store = open_database(paths)
    digitiser = Digitiser(store, FileStore(paths.files_dir))
    first = load_bytes(_png(("Trang một",)), "one.png")
    (page_id,) = digitiser.capture("reception", first)
    digitiser.save_result(page_id, _fake_processed(first[0]))
    second = load_bytes(_png(("Trang hai",)), "two.png")
    digitiser.keep_originals(second)
    newer = digitiser.store_result_files(_fake_processed(load_bytes(_png(("Ba",)), "3.png")[0]))
    print(json.dumps({"orphans": [second[0].file.sha256, newer.image_sha256,
                                  newer.thumbnail_sha256]}), flush=True)
    # Killed between writing the files and writing the rows that would name them.
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_crash_between_files_and_rows_leaves_no_row_pointing_to_a_missing_file(
    app_paths: AppPaths,
) -> None:
    args = [sys.executable, "-c", textwrap.dedent(CRASH_CHILD), str(app_paths.data_dir)]
    result = subprocess.run(
        args, capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=False
    )
    assert result.returncode == -9, result.stderr
    orphans = set(json.loads(result.stdout)["orphans"])
    store = open_database(app_paths)
    try:
        files = FileStore(app_paths.files_dir)
        with store.read_session() as session:
            listed = PageRepository(session).list_draft("reception")
            referenced = referenced_files(session)
        assert [page.original_name for page in listed] == ["one.png"]
        assert listed[0].state == "processed"
        for sha in referenced:
            files.verify(sha)  # every file a row names is there, whole
        assert not orphans & referenced
        deleted = Digitiser(store, files).clean_up_files(older_than=timedelta(0))
        assert set(deleted) == orphans
        assert {sha for sha, _path in files.iter_files()} == referenced
    finally:
        store.close()


FULL_DISK_CHILD = """
    import json, os, sys
    from pathlib import Path
    sys.path.insert(0, os.getcwd())
    from app.capture.model import SourceFile, SourcePage
    from app.capture.sources import load_bytes
    from app.config import AppPaths
    from app.store.database import open_database
    from app.store.errors import StoreError
    from app.store.files import DamagedFileError, FileStore
    from app.store.pages import PageRepository
    from app.capture.digitise import Digitiser
    from tests.capture.test_digitise import _fake_processed, _png

    paths = AppPaths(data_dir=Path(sys.argv[1]))
    store = open_database(paths)
    files = FileStore(paths.files_dir)
    digitiser = Digitiser(store, files)
    first = load_bytes(_png(("Trang một",)), "one.png")
    (page_id,) = digitiser.capture("reception", first)
    digitiser.save_result(page_id, _fake_processed(first[0]))
    # A large scan (incompressible, as a photo is) that does not fit in what is left.
    big = SourceFile("scan.jpg", os.urandom(3 * 1024 * 1024), "image/jpeg")
    page = SourcePage(big, 0, first[0].image, 300)
    try:
        digitiser.capture("reception", [page])
        outcome = {"error": None}
    except StoreError as error:
        outcome = {"error": type(error).__name__, "message_vi": error.message_vi}
    with store.read_session() as session:
        listed = PageRepository(session).list_draft("reception")
    outcome["pages"] = [(p.original_name, p.state) for p in listed]
    outcome["readable"] = files.read(listed[0].image_sha256) is not None
    outcome["leftovers"] = [p.name for p in paths.files_dir.rglob(".tmp-*")]
    print(json.dumps(outcome, ensure_ascii=False))
"""


def test_a_full_disk_gives_the_clear_error_and_keeps_the_draft(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        pytest.skip("needs a private tmpfs (Linux user namespaces)")
    disk = tmp_path / "small-disk"
    disk.mkdir()
    mount = f'mount -t tmpfs -o size=2m tmpfs "{disk}" && exec "$@"'
    prefix = [unshare, "-Urm", "sh", "-c", mount, "sh"]
    if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount a private tmpfs here (user namespaces disabled)")
    args = [*prefix, sys.executable, "-c", textwrap.dedent(FULL_DISK_CHILD), str(disk / "data")]
    result = subprocess.run(
        args, capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["error"] == "DiskFullError"
    assert "đã đầy" in outcome["message_vi"]
    assert outcome["pages"] == [["one.png", "processed"]]
    assert outcome["readable"] is True
    assert outcome["leftovers"] == []
