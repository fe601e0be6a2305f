"""The "verify a receipt" dialog: is the paper a citizen shows genuine and unaltered?

The clerk scans the receipt's QR code (a USB scanner types it into the field and presses
Enter), pastes its text, or opens a scan or photo of it. The answer needs no network: the
signature is checked against the public keys in the local store. The trusted keys are read
on the database thread and an image is decoded on the I/O pool, never on the GUI thread; each
request carries a generation number so a slow answer never overwrites a newer one.

Domain messages come in English and Vietnamese; the dialog shows the one of the interface
language. Its own strings go through ``tr()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.capture.qr_image import decode_qr_image
from app.domain.receipt_qr import (
    KnownReceiptKeys,
    ReceiptVerdict,
    VerdictStatus,
    verify_receipt_qr,
)
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

KeysProvider = Callable[[], KnownReceiptKeys]
"""Reads the trusted public keys; called on the database thread (e.g. ``lambda:
read_known_keys(store)`` from :mod:`app.store.receipt_keys`)."""
ImageDecoder = Callable[[str], Sequence[str]]

_STYLES: dict[VerdictStatus | None, str] = {
    VerdictStatus.GENUINE: "background: #e6f4ea; color: #0d5223; border: 2px solid #1e8e3e;",
    VerdictStatus.ALTERED: "background: #fce8e6; color: #8c1d18; border: 2px solid #d93025;",
    VerdictStatus.UNKNOWN_KEY: "background: #fef7e0; color: #7a4b00; border: 2px solid #f9ab00;",
    VerdictStatus.UNSIGNED: "background: #fef7e0; color: #7a4b00; border: 2px solid #f9ab00;",
    VerdictStatus.NOT_A_RECEIPT: "background: palette(base); border: 2px solid palette(mid);",
    None: "background: palette(base); border: 1px solid palette(mid);",
}


def _vietnamese() -> bool:
    return QLocale().language() == QLocale.Language.Vietnamese


class VerifyReceiptDialog(QDialog):
    """Checks a receipt's QR code offline and shows the verdict and what the code claims."""

    verdict_shown = Signal(object)
    """Emitted with the :class:`ReceiptVerdict` once it is on screen (tests wait on it)."""
    problem_shown = Signal(str)
    """Emitted with the message shown when nothing could be checked (unreadable image...)."""

    def __init__(
        self,
        keys_provider: KeysProvider,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        decode_image: ImageDecoder = decode_qr_image,
    ) -> None:
        super().__init__(parent)
        self._keys_provider = keys_provider
        self._tasks = tasks
        self._decode_image = decode_image
        self._generation = 0
        self.verdict: ReceiptVerdict | None = None
        self.setWindowTitle(self.tr("Verify a receipt"))
        self.setObjectName("verifyReceiptDialog")
        self.resize(640, 460)

        intro = QLabel(
            self.tr(
                "Scan the QR code at the top left of the receipt, paste its text, or open a "
                "scan or photo of it. No network is needed."
            )
        )
        intro.setWordWrap(True)

        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("receiptQrText")
        self.text_edit.setPlaceholderText(self.tr("QR code text (scan, or paste and press Enter)"))
        self.text_edit.setClearButtonEnabled(True)
        self.check_button = QPushButton(self.tr("&Check"))
        self.image_button = QPushButton(self.tr("Open &image…"))
        entry = QHBoxLayout()
        entry.addWidget(self.text_edit, 1)
        entry.addWidget(self.check_button)
        entry.addWidget(self.image_button)

        self.verdict_frame = QFrame()
        self.verdict_frame.setObjectName("verdictFrame")
        self.title_label = QLabel()
        self.title_label.setObjectName("verdictTitle")
        title_font = self.title_label.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.title_label.setFont(title_font)
        self.message_label = QLabel()
        self.message_label.setObjectName("verdictMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        verdict_layout = QVBoxLayout(self.verdict_frame)
        verdict_layout.addWidget(self.title_label)
        verdict_layout.addWidget(self.message_label)

        self.claims_heading = QLabel()
        heading_font = self.claims_heading.font()
        heading_font.setBold(True)
        self.claims_heading.setFont(heading_font)
        self.claims_box = QWidget()
        claims_form = QFormLayout(self.claims_box)
        claims_form.setContentsMargins(0, 0, 0, 0)
        self.claim_labels: dict[str, QLabel] = {}
        for name, caption in (
            ("dossier_code", self.tr("Dossier code")),
            ("procedure_code", self.tr("Procedure code")),
            ("id_number", self.tr("Applicant's ID number")),
            ("pages", self.tr("Pages received")),
            ("bundle_hash", self.tr("Digitised bundle (short hash)")),
            ("signed_by", self.tr("Signed by")),
        ):
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"claim_{name}")
            claims_form.addRow(caption, value)
            self.claim_labels[name] = value

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(entry)
        layout.addWidget(self.verdict_frame)
        layout.addWidget(self.claims_heading)
        layout.addWidget(self.claims_box)
        layout.addStretch(1)
        layout.addWidget(buttons)

        # Enter in the field checks; it must not also press a default button (Close!).
        for button in (self.check_button, self.image_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.text_edit.returnPressed.connect(self.check_text)
        self.check_button.clicked.connect(self.check_text)
        self.image_button.clicked.connect(self.choose_image)
        self._show_idle()
        self.text_edit.setFocus()

    # --- entry points ---------------------------------------------------------------------

    def check_text(self) -> None:
        """Verify what is in the field (a scanner burst ends here through Enter)."""
        self._verify([self.text_edit.text()])

    def accept_scan(self, text: str) -> None:
        """A scan caught by the window's scanner-burst filter while this dialog is open."""
        self.text_edit.setText(text.strip())
        self.check_text()

    def choose_image(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a scan or photo of the receipt"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)"),
        )
        if path:
            self.open_image(path)

    def open_image(self, path: str | Path) -> None:
        """Read the QR code(s) in an image file on the I/O pool, then verify them."""
        generation = self._next_generation()
        self._show_busy(self.tr("Reading the QR code in %1…").replace("%1", Path(path).name))
        decode = self._decode_image
        self._tasks.run_io(
            lambda: list(decode(str(path))),
            on_done=lambda texts: self._image_read(generation, texts),
            on_error=lambda error: self._failed(generation, error),
        )

    # --- flow -----------------------------------------------------------------------------

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _image_read(self, generation: int, texts: list[str]) -> None:
        if generation != self._generation:
            return
        if texts:
            self.text_edit.setText(texts[0])
        self._verify(texts, generation)

    def _verify(self, texts: Sequence[str], generation: int | None = None) -> None:
        generation = self._next_generation() if generation is None else generation
        self._show_busy(self.tr("Checking…"))
        self._tasks.run_db(
            self._keys_provider,
            on_done=lambda keys: self._keys_read(generation, texts, keys),
            on_error=lambda error: self._failed(generation, error),
        )

    def _keys_read(self, generation: int, texts: Sequence[str], keys: KnownReceiptKeys) -> None:
        if generation != self._generation:
            return
        verdicts = [verify_receipt_qr(text, keys.public_keys, keys.signers) for text in texts]
        receipts = [v for v in verdicts if v.status is not VerdictStatus.NOT_A_RECEIPT]
        if receipts:
            # Of several receipt codes in one image, the worst one is what the clerk must see.
            verdict = next((v for v in receipts if not v.genuine), receipts[0])
            if len(texts) > 1:
                self.text_edit.setText(texts[verdicts.index(verdict)])
        else:
            verdict = verdicts[0]
        self._show_verdict(verdict)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        message = getattr(error, "message_vi" if _vietnamese() else "message", None)
        if not message:
            log.error("verifying a receipt failed", exc_info=error)
            message = self.tr(
                "An unexpected error stopped the check. Please report it to IT staff: %1"
            ).replace("%1", f"{type(error).__name__}: {error}")
        self.verdict = None
        self._set_style(VerdictStatus.NOT_A_RECEIPT)
        self.title_label.setText(self.tr("Nothing could be checked"))
        self.message_label.setText(str(message))
        self._show_claims(None)
        self.problem_shown.emit(str(message))

    # --- display --------------------------------------------------------------------------

    def _set_style(self, status: VerdictStatus | None) -> None:
        self.verdict_frame.setProperty("status", status.value if status else "")
        self.verdict_frame.setStyleSheet(f"QFrame#verdictFrame {{ {_STYLES[status]} }}")

    def _show_idle(self) -> None:
        self._set_style(None)
        self.title_label.setText(self.tr("Waiting for a QR code"))
        self.message_label.clear()
        self._show_claims(None)

    def _show_busy(self, text: str) -> None:
        self._set_style(None)
        self.title_label.setText(text)
        self.message_label.clear()
        self._show_claims(None)

    def _title_for(self, status: VerdictStatus) -> str:
        if status is VerdictStatus.GENUINE:
            return self.tr("✔ Genuine and unaltered")
        if status is VerdictStatus.ALTERED:
            return self.tr("✖ Altered or forged")
        if status is VerdictStatus.UNKNOWN_KEY:
            return self.tr("⚠ Cannot be verified on this computer")
        if status is VerdictStatus.UNSIGNED:
            return self.tr("⚠ Unsigned receipt")
        return self.tr("Not a receipt QR code")

    def _show_verdict(self, verdict: ReceiptVerdict) -> None:
        self.verdict = verdict
        self._set_style(verdict.status)
        self.title_label.setText(self._title_for(verdict.status))
        self.message_label.setText(verdict.message_vi if _vietnamese() else verdict.message)
        self._show_claims(verdict)
        self.verdict_shown.emit(verdict)

    def _show_claims(self, verdict: ReceiptVerdict | None) -> None:
        claims = verdict.claims if verdict is not None else None
        visible = verdict is not None and claims is not None
        self.claims_heading.setVisible(visible)
        self.claims_box.setVisible(visible)
        if verdict is None or claims is None:
            for label in self.claim_labels.values():
                label.clear()
            return
        self.claims_heading.setText(
            self.tr("Receipt details")
            if verdict.genuine
            else self.tr("What the QR code claims (not verified)")
        )
        self.claim_labels["dossier_code"].setText(claims.dossier_code)
        self.claim_labels["procedure_code"].setText(claims.procedure_code or "—")
        self.claim_labels["id_number"].setText(claims.id_number or "—")
        self.claim_labels["pages"].setText(str(claims.pages))
        self.claim_labels["bundle_hash"].setText(claims.bundle_hash)
        if verdict.key_id is None:
            signed_by = self.tr("not signed")
        elif verdict.signer:
            signed_by = f"{verdict.signer} ({verdict.key_id})"
        else:
            signed_by = self.tr("key %1").replace("%1", verdict.key_id)
        self.claim_labels["signed_by"].setText(signed_by)
