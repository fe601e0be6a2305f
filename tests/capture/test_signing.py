"""The clerk's PAdES signature: made with pyHanko, checked offline, tampering detected."""

from __future__ import annotations

import io
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.pdf import PdfPage, build_searchable_pdf
from app.capture.signing import (
    Pkcs11Signer,
    Pkcs12Signer,
    SignatureStatus,
    make_demo_signer_certificate,
    sign_pdf,
    verify_pdf,
)

CLERK = "Nguyễn Thị Lan"
UNIT = "UBND xã Tân Hòa"


@pytest.fixture(scope="module")
def demo() -> tuple[bytes, str]:
    return make_demo_signer_certificate(CLERK, UNIT, 365)


@pytest.fixture(scope="module")
def signer(demo: tuple[bytes, str]) -> Pkcs12Signer:
    return Pkcs12Signer(*demo)


@pytest.fixture(scope="module")
def archive() -> bytes:
    page = np.tile(np.linspace(60, 250, 400, dtype=np.uint8), (300, 1))  # grey: a JPEG page
    return build_searchable_pdf(
        [PdfPage(page, 100)],
        title="Hồ sơ số hoá",
        author=CLERK,
        archive=True,
        created_at=datetime(2025, 3, 1, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def signed(archive: bytes, signer: Pkcs12Signer) -> bytes:
    return sign_pdf(archive, signer, reason="Số hoá hồ sơ", location=UNIT)


def test_signed_pdf_is_valid_with_the_demo_root_and_untrusted_without(
    signed: bytes, archive: bytes, signer: Pkcs12Signer
) -> None:
    assert signed.startswith(archive)  # an incremental update: the signed bytes are kept
    (root,) = signer.chain
    check = verify_pdf(signed, [root])
    assert check.status is SignatureStatus.VALID
    assert check.signer == CLERK
    assert check.message_vi.startswith(f"Chữ ký số hợp lệ - ký bởi {CLERK} lúc ")
    assert check.signed_at is not None
    assert abs(check.signed_at - datetime.now(UTC)) < timedelta(minutes=5)
    untrusted = verify_pdf(signed)
    assert untrusted.status is SignatureStatus.UNTRUSTED
    assert CLERK in untrusted.message_vi
    other_root = Pkcs12Signer(*make_demo_signer_certificate("Trần Văn B", UNIT, 30)).chain[0]
    assert verify_pdf(signed, [other_root]).status is SignatureStatus.UNTRUSTED


def test_unsigned_and_malformed(archive: bytes) -> None:
    unsigned = verify_pdf(archive)
    assert unsigned.status is SignatureStatus.UNSIGNED
    assert unsigned.message_vi == "Tài liệu chưa được ký số"
    assert verify_pdf(b"%PDF-1.7\nnot really").status is SignatureStatus.INVALID


def test_a_flipped_byte_inside_the_signed_range_is_detected(
    signed: bytes, signer: Pkcs12Signer
) -> None:
    start = signed.index(b"\xff\xd8\xff")  # the page image, well inside the first range
    ranges = [int(n) for n in re.search(rb"/ByteRange\s*\[\s*([\d\s]+)\]", signed)[1].split()]
    assert start + 500 < ranges[1]
    tampered = bytearray(signed)
    tampered[start + 500] ^= 0x01
    check = verify_pdf(bytes(tampered), signer.chain)
    assert check.status is SignatureStatus.MODIFIED
    assert check.message_vi.startswith("Tài liệu đã bị sửa sau khi ký")


def test_page_content_added_after_signing_is_detected(signed: bytes, signer: Pkcs12Signer) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stamp = writer.add_object(generic.StreamObject(stream_data=b"0 0 0 rg 10 10 80 40 re f"))
    writer.add_stream_to_page(0, stamp)
    out = io.BytesIO()
    writer.write(out)
    assert verify_pdf(out.getvalue(), signer.chain).status is SignatureStatus.MODIFIED


def test_signed_archive_copy_is_still_pdfa(signed: bytes) -> None:
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert re.search(r'pdfaid:part(="|>)2', xmp)
        assert re.search(r'pdfaid:conformance(="|>)B', xmp)
        assert "/OutputIntents" in pdf.Root
        # Info and XMP agree after pyHanko's update (PDF/A requires it)
        producer = str(pdf.docinfo.Producer)
        assert f'pdf:Producer="{producer}"' in xmp or f"<pdf:Producer>{producer}<" in xmp
        mod = str(pdf.docinfo.ModDate)  # D:YYYYMMDDHHmmSS...
        stamp = f"{mod[2:6]}-{mod[6:8]}-{mod[8:10]}T{mod[10:12]}:{mod[12:14]}:{mod[14:16]}"
        assert stamp in xmp
        (widget,) = pdf.pages[0].Annots
        assert int(widget.F) & 4  # printable
        assert [float(v) for v in widget.Rect] == [0, 0, 0, 0]  # invisible: no appearance
        assert not pdf.is_encrypted


def test_wrong_passphrase_is_refused_in_vietnamese(demo: tuple[bytes, str]) -> None:
    with pytest.raises(CaptureError) as caught:
        Pkcs12Signer(demo[0], "sai-mat-khau")
    assert caught.value.problem is CaptureProblem.SIGNING_FAILED
    assert "sai mật khẩu" in caught.value.message_vi


def test_expired_certificate_is_refused(archive: bytes) -> None:
    data, passphrase = make_demo_signer_certificate(
        CLERK, UNIT, 30, not_before=datetime.now(UTC) - timedelta(days=400)
    )
    with pytest.raises(CaptureError) as caught:
        sign_pdf(archive, Pkcs12Signer(data, passphrase), reason="x", location="y")
    assert caught.value.problem is CaptureProblem.SIGNING_FAILED
    assert "đã hết hạn" in caught.value.message_vi


def test_missing_key_file_is_signer_unavailable(tmp_path: Path) -> None:
    with pytest.raises(CaptureError) as caught:
        Pkcs12Signer.from_file(tmp_path / "khoa.p12", "x")
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert "khoa.p12" in caught.value.message_vi


def test_usb_token_without_its_driver_package_is_signer_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pkcs11", None)  # an install without python-pkcs11
    with pytest.raises(CaptureError) as caught:
        Pkcs11Signer(str(tmp_path / "libtoken.so"), "token", "key", "1234")
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert "python-pkcs11" in caught.value.message_vi
