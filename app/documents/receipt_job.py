"""Save → receipt PDF: load a dossier's receipt record, sign its QR, render Mẫu 01.

The reception screen and the benchmark both call :func:`write_receipt_pdf` right after saving,
on the database thread, with the counter's signing key (``None`` when the OS keyring is not
usable: the QR is then printed unsigned, and ``verify`` says so rather than calling it genuine).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from app.documents.errors import DocumentError
from app.documents.forms import FormLibrary, Paper
from app.documents.render import render_pdf
from app.documents.slips import FormId, receipt_slip
from app.domain.receipt_qr import ReceiptClaims, short_bundle_hash, sign_receipt
from app.domain.reception import ApplicantKind
from app.store.receipts import ReceiptRecord, load_receipt_record


class ReceiptQrUnavailable(DocumentError):
    """The receipt's QR cannot be made from the configuration (e.g. no look-up address)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(
            f"Cannot make the QR code of receipt {code}: {reason}",
            f"Không tạo được mã QR cho giấy tiếp nhận hồ sơ {code}: địa chỉ tra cứu hồ sơ "
            "(organisation.profile → lookup_url) chưa được cấu hình đúng. Hồ sơ đã được lưu; "
            "hãy báo bộ phận kỹ thuật rồi in lại giấy tiếp nhận.",
        )
        self.code = code


def receipt_claims(record: ReceiptRecord) -> ReceiptClaims:
    """What the receipt's QR asserts: code, procedure, the applicant's ID number (an
    organisation's tax code when it has no representative's ID), pages and bundle hash."""
    applicant = record.applicant
    identifier = applicant.id_number.strip()
    if not identifier and applicant.kind is ApplicantKind.ORGANISATION:
        identifier = applicant.tax_code.strip()
    return ReceiptClaims(
        dossier_code=record.code,
        procedure_code=record.procedure_code or "",
        id_number=identifier,
        pages=record.page_count,
        bundle_hash=short_bundle_hash(record.bundle_hash),
    )


def receipt_qr_text(record: ReceiptRecord, signer: Ed25519PrivateKey | None) -> str:
    """The (signed, when ``signer`` is given) QR text of a dossier's receipt."""
    claims = receipt_claims(record)
    try:
        return sign_receipt(claims, record.lookup_url, signer)
    except ValueError as error:
        raise ReceiptQrUnavailable(record.code, str(error)) from error


def receipt_file_name(code: str, paper: str) -> str:
    return f"{code}-mau01-{paper}.pdf"


def write_receipt_pdf(
    session: Session,
    dossier_id: int,
    paper: Paper,
    out_dir: Path,
    signer: Ed25519PrivateKey | None,
    *,
    reprinted_at: datetime | None = None,
    library: FormLibrary | None = None,
) -> Path:
    """Render the receipt (Mẫu 01) of ``dossier_id`` to ``out_dir/<code>-mau01-<paper>.pdf``.

    The file is written atomically; a reprint (``reprinted_at`` set) replaces it and says
    "Bản in lại" with that time. Raises ``KeyError`` for an unknown dossier,
    :class:`ReceiptQrUnavailable` or another :class:`DocumentError` (with ``message_vi``).
    """
    record = load_receipt_record(session, dossier_id)
    slip = receipt_slip(record, receipt_qr_text(record, signer), reprinted_at=reprinted_at)
    return render_pdf(
        FormId.RECEIPT,
        slip,
        paper,
        out_dir / receipt_file_name(record.code, paper),
        library=library,
    )
