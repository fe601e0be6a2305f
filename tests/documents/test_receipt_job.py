"""Save → receipt PDF over a real store: the slip the citizen takes home, and its signed QR."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.config import AppPaths
from app.documents.receipt_job import ReceiptQrUnavailable, write_receipt_pdf
from app.domain.receipt_qr import VerdictStatus, key_id_of, raw_public_key, verify_receipt_qr
from app.store.database import Store, open_database
from app.store.reception import ReceptionService
from app.store.seed import seed_from_resources
from app.store.settings import SettingsRepository
from tests.store.conftest import FIXTURE_RESOURCES
from tests.store.reception_support import AGENCY, CLERK, Clock, draft, set_up_counter

from .support import decode_pdf_qr, flat, page_count, pdf_text


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_database(AppPaths(tmp_path / "data"))
    seed_from_resources(opened, FIXTURE_RESOURCES)
    set_up_counter(opened)
    yield opened
    opened.close()


def _receive(store: Store) -> int:
    return ReceptionService(store, Clock()).receive(draft(store)).dossier_id


def test_a_saved_dossier_prints_a_receipt_whose_qr_verifies_offline(
    store: Store, tmp_path: Path
) -> None:
    dossier_id = _receive(store)
    key = Ed25519PrivateKey.generate()
    with store.session() as session:
        pdf = write_receipt_pdf(session, dossier_id, "A4", tmp_path / "slips", key)
    code = f"{AGENCY}-260302-0001"
    assert pdf == tmp_path / "slips" / f"{code}-mau01-A4.pdf"
    text = flat(pdf_text(pdf))
    assert f"Mã hồ sơ: {code}" in text
    assert "Tiếp nhận hồ sơ của: Đặng Thị Đào; số định danh cá nhân: 001199012345" in text
    for name in ("Tờ khai đăng ký khai sinh", "Giấy chứng sinh", "Giấy tờ tùy thân"):
        assert name in text
    assert "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 02 tháng 3 năm 2026" in text
    assert (
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 02 tháng 3 năm 2026"
        in (text)
    )
    assert "3. Thời gian giải quyết hồ sơ theo quy định là: Trong ngày" in text
    assert "UBND THÀNH PHỐ THỬ" in text and CLERK in text
    assert "TẠM THỜI" not in text  # a standalone counter has nobody to confirm it
    assert page_count(pdf) == 1

    qr_text = decode_pdf_qr(pdf, 200, tmp_path)
    verdict = verify_receipt_qr(qr_text, {key_id_of(key): raw_public_key(key)})
    assert verdict.status is VerdictStatus.GENUINE
    assert verdict.claims is not None
    assert (verdict.claims.dossier_code, verdict.claims.procedure_code) == (code, "1.001193")
    assert verdict.claims.id_number == "001199012345"
    assert verdict.lookup_url == "https://tra-cuu.example.org/thu"


def test_without_a_signing_key_the_receipt_qr_is_unsigned_not_genuine(
    store: Store, tmp_path: Path
) -> None:
    dossier_id = _receive(store)
    with store.session() as session:
        pdf = write_receipt_pdf(session, dossier_id, "A5", tmp_path, None)
    verdict = verify_receipt_qr(decode_pdf_qr(pdf, 300, tmp_path), {})
    assert verdict.status is VerdictStatus.UNSIGNED


def test_a_reprint_of_a_provisional_dossier_says_both(store: Store, tmp_path: Path) -> None:
    dossier_id = _receive(store)
    with store.session() as session:
        SettingsRepository(session).set("sync.central_url", "https://central.example.org")
    with store.session() as session:
        pdf = write_receipt_pdf(
            session,
            dossier_id,
            "A4",
            tmp_path,
            Ed25519PrivateKey.generate(),
            reprinted_at=datetime(2026, 3, 3, 1, 15, tzinfo=UTC),
        )
    text = flat(pdf_text(pdf))
    assert "TẠM THỜI – hồ sơ chưa được hệ thống trung tâm xác nhận" in text
    assert "Bản in lại lúc 08 giờ 15 phút, ngày 03 tháng 3 năm 2026" in text


def test_a_misconfigured_lookup_address_is_reported_in_vietnamese(
    store: Store, tmp_path: Path
) -> None:
    dossier_id = _receive(store)
    with store.session() as session:
        settings = SettingsRepository(session)
        profile = dict(settings.get("organisation.profile"))
        profile["lookup_url"] = "tra cứu tại bộ phận một cửa"
        settings.set("organisation.profile", profile)
    with store.session() as session, pytest.raises(ReceiptQrUnavailable) as raised:
        write_receipt_pdf(session, dossier_id, "A4", tmp_path, None)
    assert "địa chỉ tra cứu" in raised.value.message_vi
    assert list(tmp_path.glob("*.pdf")) == []
