"""Opening a digitised document from the Dossiers screen: its signature is checked first.

A signed document opens at once with a green verdict naming the signer; the same file with one
byte changed inside the signed range shows red, and is opened only when the clerk explicitly
asks ("Open anyway").
"""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pikepdf
import pytest
from cryptography.hazmat.primitives import serialization
from pytestqt.qtbot import QtBot

from app.capture.signer_config import TRUST_ROOTS_SETTING
from app.capture.signing import (
    Pkcs12Signer,
    SignatureStatus,
    make_demo_signer_certificate,
    sign_pdf,
)
from app.config import AppPaths
from app.domain.clock import OFFICE_TZ
from app.store.database import Store
from app.store.files import FileStore
from app.store.models import DossierDocument
from app.store.pages import NewDocumentFile, record_document_files
from app.store.settings import SettingsRepository
from app.ui.dialogs.document_viewer import (
    CheckedDocument,
    DigitisedDocumentsPanel,
    StoreDocumentFileQueries,
)
from app.ui.dossier_queries import StoreDossierQueries
from app.ui.i18n import InstalledTranslations
from app.ui.screens.dossiers import DossiersScreen
from app.ui.store_queries import StoreHolder
from app.ui.tasks import TaskRunner
from tests.dossier_seed import DemoDossier, add_dossiers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SIGNER = "Nguyễn Thị Lan"
MARKER = b"(Giay khai sinh so 0042)"
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def _unsigned_pdf() -> bytes:
    """One page whose text sits in an uncompressed stream, so a test can change a letter."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 14 Tf 72 760 Td " + MARKER + b" Tj ET")
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


@dataclass
class Scene:
    screen: DossiersScreen
    panel: DigitisedDocumentsPanel
    opened: list[Path]
    signed: bytes
    stored: Path
    dossier_id: int


@pytest.fixture
def scene(
    qtbot: QtBot,
    store: Store,
    tasks: TaskRunner,
    app_paths: AppPaths,
    language: InstalledTranslations,
    tmp_path: Path,
) -> Scene:
    p12, passphrase = make_demo_signer_certificate(SIGNER, "Trung tâm PVHCC", 30)
    signer = Pkcs12Signer(p12, passphrase)
    signed = sign_pdf(_unsigned_pdf(), signer, reason="Số hoá hồ sơ", location="Hà Nội")
    roots = [c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in signer.chain]
    files = FileStore(app_paths.files_dir)
    sha256 = files.put(signed)

    demo = DemoDossier(
        code="000.00.53.H48-260302-0042",
        name="Lê Văn Tâm",
        received_at=NOW,
        due_at=NOW + timedelta(days=3),
        documents=(
            ("Tờ khai đăng ký khai sinh", "original", 1, True),
            ("Giấy chứng sinh", "original", 1, True),
        ),
    )
    dossier_id = add_dossiers(store, [demo])[demo.code]
    with store.session() as session:
        SettingsRepository(session).set(TRUST_ROOTS_SETTING, roots)
        first = min(d.id for d in session.query(DossierDocument).filter_by(dossier_id=dossier_id))
        record_document_files(
            session,
            dossier_id,
            [NewDocumentFile(first, "searchable", sha256, len(signed), 1, SIGNER, NOW)],
            actor=SIGNER,
        )

    holder = StoreHolder(store)
    opened: list[Path] = []

    def open_file(path: Path) -> bool:
        opened.append(path)
        return True

    panel = DigitisedDocumentsPanel(
        StoreDocumentFileQueries(holder, app_paths.files_dir), tasks, tmp_path / "view", open_file
    )
    screen = DossiersScreen(
        StoreDossierQueries(holder), tasks, clock=lambda: NOW, documents_panel=panel
    )
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        screen.refresh()
    with qtbot.waitSignal(panel.listed, timeout=5000) as listed:
        screen.select_row(0)
    assert listed.args == [1]  # only the first document was digitised
    return Scene(screen, panel, opened, signed, files.path(sha256), dossier_id)


def _open_first(qtbot: QtBot, scene: Scene) -> CheckedDocument:
    assert scene.panel.isVisible()
    assert scene.panel.list.item(0).text().startswith("1. Tờ khai đăng ký khai sinh")
    with qtbot.waitSignal(scene.panel.opener.checked, timeout=10000) as checked:
        scene.panel.open_row(0)
    result = checked.args[0]
    assert isinstance(result, CheckedDocument)
    return result


def test_a_signed_document_shows_valid_and_opens(
    qtbot: QtBot, scene: Scene, tmp_path: Path
) -> None:
    view = tmp_path / "view"
    view.mkdir()
    stale, recent = view / "opened two days ago.pdf", view / "opened an hour ago.pdf"
    for path, age in ((stale, 2 * 86400), (recent, 3600)):
        path.write_bytes(b"%PDF-")
        os.utime(path, (time.time() - age, time.time() - age))

    result = _open_first(qtbot, scene)
    assert result.check.status is SignatureStatus.VALID
    dialog = scene.panel.opener.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.frame.property("verdict") == "valid"
    title = dialog.title_label.text()
    today = datetime.now(UTC).astimezone(OFFICE_TZ).strftime("%d/%m/%Y")
    assert title.startswith(f"Chữ ký số hợp lệ - {SIGNER}, {today} ")
    assert not dialog.open_button.isVisible()
    # What the viewer opens is exactly what was checked, under a readable name.
    assert scene.opened == [result.path]
    assert result.path.suffix == ".pdf"
    assert result.path.name.startswith("000.00.53.H48-260302-0042 - 1. Tờ khai")
    assert result.path.read_bytes() == scene.signed
    # Copies of citizens' papers do not pile up: a day later they are gone.
    assert not stale.exists() and recent.exists()


def test_a_modified_document_shows_red_and_opens_only_when_asked(
    qtbot: QtBot, scene: Scene
) -> None:
    tampered = scene.signed.replace(MARKER, MARKER.replace(b"0042", b"0043"), 1)
    assert tampered != scene.signed and len(tampered) == len(scene.signed)
    scene.stored.write_bytes(tampered)  # someone edited the stored copy on disk

    result = _open_first(qtbot, scene)
    assert result.check.status is SignatureStatus.MODIFIED
    assert result.damaged
    dialog = scene.panel.opener.dialog
    assert dialog is not None
    assert dialog.frame.property("verdict") == "bad"
    assert dialog.title_label.text() == "Tài liệu đã bị sửa sau khi ký"
    assert "Tài liệu đã bị sửa sau khi ký" in dialog.detail_label.text()
    assert scene.opened == []  # not shown as if it were sound
    assert dialog.open_button.isVisible()
    assert dialog.close_button.isDefault()  # Enter closes; opening takes a deliberate click

    with qtbot.waitSignal(scene.panel.opener.opened, timeout=5000):
        dialog.open_button.click()
    assert scene.opened == [result.path]
    assert result.path.read_bytes() == tampered


def test_another_dossier_hides_the_list(qtbot: QtBot, scene: Scene) -> None:
    scene.screen.detail.show_nothing()
    assert not scene.panel.isVisible()
    assert scene.panel.list.count() == 0
