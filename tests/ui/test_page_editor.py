"""The page editor over the real store, file store, pipeline and Tesseract.

Each test drives it as a clerk does, from the keyboard or by dropping files, and checks what
the clerk sees and what the store keeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.capture.model import PageOrigin
from app.capture.sources import SUPPORTED_SUFFIXES
from app.domain.reception import ApplicantData, DocumentLine, ReceptionDraft
from app.store.database import Store
from app.store.models import DocumentFile, Dossier, DossierDocument, Procedure, ProcedureVersion
from app.store.pages import PageRepository
from app.store.secrets import SecretStore
from app.ui.capture_queries import StoreCaptureServices
from app.ui.models.page_list_model import Role
from app.ui.services_capture import RECEPTION_SLOT, PageState
from app.ui.store_queries import StoreHolder
from app.ui.tasks import TaskRunner
from app.ui.watched_folder import write_watch_folder
from app.ui.widgets.page_editor import PageEditor
from tests.memory_keyring import MemoryKeyring, installed_keyring
from tests.ui.capture_support import (
    LINES,
    make_editor,
    render,
    wait_read,
    write_blank,
    write_png,
    write_tiff,
)

from .reception_support import Clock, build_screen, configure


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


CTRL = Qt.KeyboardModifier.ControlModifier

pytestmark = [
    pytest.mark.qt_log_ignore(
        "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
    ),
    pytest.mark.usefixtures("language"),  # Vietnamese, as at the counter
]

CHECKLIST = (
    DocumentLine(name="Tờ khai đăng ký khai sinh", required_document_id=11),
    DocumentLine(name="Giấy chứng sinh", required_document_id=12),
)


def _stored(store: Store) -> list[tuple[int, str, int | None, int]]:
    """(id, name, required document, quarter turns) of the draft's pages, in order."""
    with store.read_session() as session:
        pages = PageRepository(session).list_draft(RECEPTION_SLOT)
    return [
        (
            page.id,
            f"{page.original_name}#{page.original_page_index}",
            page.document_key.required_document_id,
            page.quarter_turns,
        )
        for page in pages
    ]


def _ids(editor: object) -> list[int]:
    return [page.page_id for page in editor.model.pages()]  # type: ignore[attr-defined]


def _key(editor: object, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    QTest.keyClick(editor.list, key, modifiers)  # type: ignore[attr-defined]


def _close_dialogs(editor: object) -> bool:
    """Close the import dialog, after checking it offers every supported kind of file."""
    dialogs = editor.findChildren(QFileDialog)  # type: ignore[attr-defined]
    for dialog in dialogs:
        (name_filter,) = dialog.nameFilters()
        assert all(f"*{suffix}" in name_filter for suffix in SUPPORTED_SUFFIXES)
        assert name_filter.startswith("Bản quét và ảnh chụp (")
        dialog.reject()
    return bool(dialogs)


def test_import_arrange_assign_and_delete_from_the_keyboard(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    editor, _services = make_editor(qtbot, store, tasks)
    editor.set_checklist(CHECKLIST)
    tiff = write_tiff(tmp_path / "to-khai.tif", [LINES, ("Giấy chứng sinh số 123",)])
    png = write_png(tmp_path / "chung-sinh.png", ("Giấy chứng sinh", "Bệnh viện Phụ sản"))

    editor.import_paths([tiff])
    wait_read(qtbot, editor, 2)
    editor.import_paths([png])
    wait_read(qtbot, editor, 3)

    stored = _stored(store)
    assert [name for _id, name, _doc, _turns in stored] == [
        "to-khai.tif#0",
        "to-khai.tif#1",
        "chung-sinh.png#0",
    ]
    assert editor.counts()[PageState.DONE] == 3
    assert editor.status_label.text() == "✔ 3 trang đạt"
    first = editor.model.page_at(0)
    assert first is not None and "HẠNH PHÚC" in first.text.upper()
    # The preview and the text of the selected (newest) page.
    qtbot.waitUntil(
        lambda: editor.preview.pixmap() is not None and not editor.preview.pixmap().isNull()
    )
    assert "Bệnh viện" in editor.text_view.toPlainText() or "Giấy" in editor.text_view.toPlainText()

    # Reorder: the PNG (selected, last) moves one place earlier with Alt+Left.
    editor.list.setFocus()
    editor.select_row(2)
    png_id = _ids(editor)[2]
    _key(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert _ids(editor)[1] == png_id
    qtbot.waitUntil(lambda: _stored(store)[1][0] == png_id)

    # Assign it to the second checklist line with Alt+2; the first page to the first line.
    _key(editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    editor.select_row(0)
    _key(editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: [doc for _i, _n, doc, _t in _stored(store)][:2] == [11, 12])
    assert editor.model.index(1).data().endswith("Giấy chứng sinh")
    assert editor.document_combo.currentData() == "required:11"

    # Rotate the first page to the right: kept in the store, and read again.
    _key(
        editor,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: editor.busy(), timeout=5000)
    wait_read(qtbot, editor, 3)
    assert editor.counts()[PageState.DONE] + editor.counts()[PageState.FLAGGED] == 3
    with store.read_session() as session:
        turned = PageRepository(session).get(_ids(editor)[0])
    assert turned is not None and turned.state != "pending"
    assert turned.width < turned.height  # the landscape strip now stands upright

    # Delete the last page; Ctrl+Z brings it back; deleted again, it leaves the store.
    editor.select_row(2)
    last_id = _ids(editor)[2]
    _key(editor, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert last_id not in _ids(editor)
    assert "Ctrl+Z" in editor.notice.text()
    _key(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _ids(editor)[2] == last_id
    _key(editor, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    editor.flush()
    qtbot.waitUntil(lambda: len(_stored(store)) == 2)
    assert last_id not in [page_id for page_id, *_rest in _stored(store)]


def test_a_bad_file_shows_its_message_and_the_pages_stay(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    editor, _services = make_editor(qtbot, store, tasks)
    good = write_png(tmp_path / "to-khai.png")
    empty = tmp_path / "trong.jpg"
    empty.write_bytes(b"")
    broken = tmp_path / "hong.png"
    broken.write_bytes(good.read_bytes()[:300])

    editor.import_paths([good])
    wait_read(qtbot, editor, 1)
    with qtbot.waitSignal(editor.message_shown, timeout=10000) as shown:
        editor.import_paths([empty])
    assert "«trong.jpg»" in shown.args[0]
    editor.import_paths([broken])
    qtbot.waitUntil(lambda: "hong.png" in editor.messages.text(), timeout=10000)

    text = editor.messages.text()
    assert editor.messages.isVisible()
    assert "trống" in text.lower() or "rỗng" in text.lower() or "0 byte" in text
    assert editor.model.rowCount() == 1
    assert len(_stored(store)) == 1
    editor.clear_messages_button.click()
    assert not editor.messages.isVisible()


def test_files_dropped_on_the_editor_are_imported(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    editor, _services = make_editor(qtbot, store, tasks)
    png = write_png(tmp_path / "tha.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    # What a file manager's drag delivers over the preview: enter, then drop.
    position = editor.preview.mapTo(editor, QPoint(10, 10))
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(position, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(editor, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(position), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(editor, drop)
    assert drop.isAccepted()
    wait_read(qtbot, editor, 1)
    with store.read_session() as session:
        (page,) = PageRepository(session).list_draft(RECEPTION_SLOT)
    assert page.origin == PageOrigin.DROP.value
    assert page.original_name == "tha.png"


def test_rescan_replaces_a_flagged_page_at_its_place(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    editor, _services = make_editor(qtbot, store, tasks)
    editor.set_checklist(CHECKLIST)
    first = write_png(tmp_path / "trang-1.png")
    blank = write_blank(tmp_path / "trang-2.png")
    third = write_png(tmp_path / "trang-3.png", ("Giấy chứng sinh",))
    editor.import_paths([first])
    wait_read(qtbot, editor, 1)
    editor.import_paths([blank])
    wait_read(qtbot, editor, 2)
    editor.import_paths([third])
    wait_read(qtbot, editor, 3)
    assert editor.counts()[PageState.FLAGGED] == 1
    assert "⚠ 1 trang cần quét lại" in editor.status_label.text()
    assert editor.model.index(1).data(Role.STATE) == PageState.FLAGGED
    flagged = editor.model.page_at(1)
    assert flagged is not None
    editor.select_row(1)
    editor.document_combo.setCurrentIndex(2)
    editor.document_combo.activated.emit(2)  # assigned to "Giấy chứng sinh"
    assert flagged.flags[0].message_vi in editor.flags_label.text()
    assert flagged.flags[0].message_vi in editor.model.index(1).data(Qt.ItemDataRole.ToolTipRole)

    editor.list.setFocus()
    _key(editor, Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier)
    assert editor.rescan_target == flagged.page_id
    assert _close_dialogs(editor)  # the import dialog opened
    editor.list.setFocus()
    _key(editor, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)  # changed her mind
    assert editor.rescan_target is None
    _key(editor, Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier)
    assert editor.rescan_target == flagged.page_id
    assert "Quét lại trang 2" in editor.notice.text()
    assert _close_dialogs(editor)  # the new scan comes by another way: the scanner folder
    rescanned = write_png(tmp_path / "trang-2-lai.png", ("Giấy chứng sinh số 2",))
    editor.import_paths([rescanned], PageOrigin.WATCHED_FOLDER)
    qtbot.waitUntil(lambda: editor.rescan_target is None and not editor.busy(), timeout=30000)
    wait_read(qtbot, editor, 3)

    stored = _stored(store)
    assert not editor.messages.isVisible(), editor.messages.text()
    assert [name for _i, name, _d, _t in stored] == [
        "trang-1.png#0",
        "trang-2-lai.png#0",
        "trang-3.png#0",
    ]
    assert stored[1][2] == 12  # the new page took the old one's document too
    assert flagged.page_id not in _ids(editor)
    assert editor.counts()[PageState.FLAGGED] == 0


def test_pages_digitised_at_reception_go_with_the_saved_dossier(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Ctrl+D opens the editor beside the form; Save does not wait for OCR; the dossier gets
    the pages, their text, and its searchable PDF once the last page is read."""
    screen, editor = _reception_with_editor(qtbot, store, tasks, memory_keyring)
    draft = _birth_registration_draft(store)
    lines = draft.documents
    screen.form.set_draft(draft)
    screen.form.applicant.name_edit.setFocus()
    QTest.keyClick(screen.form.applicant.name_edit, Qt.Key.Key_D, CTRL)
    assert screen.form.tabs is not None and screen.form.tabs.currentWidget() is editor
    assert editor.document_combo.count() == len(lines) + 1

    editor.import_paths([write_png(tmp_path / "to-khai.png")])
    wait_read(qtbot, editor, 1)
    editor.list.setFocus()
    _key(editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    editor.import_paths([write_png(tmp_path / "chung-sinh.png", ("Giấy chứng sinh",))])
    qtbot.waitUntil(lambda: editor.model.rowCount() == 2 and editor.busy(), timeout=10000)
    with qtbot.waitSignal(screen.slip_ready, timeout=30000):
        screen.save()  # the second page is still being read: saving does not wait for it
    assert editor.model.rowCount() == 0  # the next dossier starts with no page

    def finalised() -> None:
        with store.read_session() as session:
            dossier = session.scalars(select(Dossier)).one()
            pages = [page for document in dossier.documents for page in document.pages]
            assert len(pages) == 2
            assert all(page.ocr_text for page in pages)
            files = session.scalars(select(DocumentFile)).all()
            # The document with the pages gets its searchable PDF and its PDF/A (unsigned:
            # this counter has no signing key set up).
            assert sorted(file.kind for file in files) == ["archive", "searchable"]
            assert not any(file.signed for file in files)

    qtbot.waitUntil(finalised, timeout=60000)
    with store.read_session() as session:
        first = session.scalars(
            select(DossierDocument).where(DossierDocument.name == lines[0].name)
        ).one()
        # The second page joined the document of the page selected when it came.
        assert len(first.pages) == 2
        assert "HẠNH PHÚC" in (first.pages[0].ocr_text or "").upper()

    # The same citizen comes back for a new dossier: her digitised document is offered for
    # reuse when the clerk opens the editor, and Enter takes it without a new scan.
    screen.new_dossier()
    screen.form.set_draft(draft)
    screen.toggle_digitisation()  # back to the form
    screen.toggle_digitisation()
    qtbot.waitUntil(
        lambda: editor.reuse_dialog is not None and editor.reuse_dialog.isVisible(),
        timeout=10000,
    )
    dialog = editor.reuse_dialog
    assert dialog is not None
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.model.rowCount() == 2, timeout=10000)
    assert editor.counts()[PageState.DONE] == 2
    assert all(
        page.document_key == f"required:{lines[0].required_document_id}"
        for page in editor.model.pages()
    )


def _reception_with_editor(
    qtbot: QtBot, store: Store, tasks: TaskRunner, keyring_backend: MemoryKeyring
) -> tuple[Any, Any]:
    configure(store)
    services = StoreCaptureServices(StoreHolder(store), secrets=SecretStore(keyring_backend))
    screen = build_screen(qtbot, store, tasks, Clock(), capture=services)
    assert screen.page_editor is not None
    return screen, screen.page_editor


def _birth_registration_draft(store: Store) -> ReceptionDraft:
    """A complete draft for the demo catalogue's birth registration (1.001193)."""
    with store.read_session() as session:
        version = session.scalars(
            select(ProcedureVersion).join(Procedure).where(Procedure.code == "1.001193")
        ).first()
        assert version is not None
        lines = tuple(
            DocumentLine(
                name=document.name,
                required_document_id=document.id,
                received=True,
                mandatory=document.mandatory,
            )
            for document in version.documents
        )
        return ReceptionDraft(
            applicant=ApplicantData(
                full_name="Đặng Thị Đào",
                id_number="001199012345",
                date_of_birth=date(1999, 3, 2),
                sex="female",
                address="Số 12 phố Huế, Hà Nội",
                phone="0912345678",
            ),
            procedure_version_id=version.id,
            procedure_code="1.001193",
            procedure_name=version.procedure.name,
            documents=lines,
        )


def test_saving_with_a_flagged_page_asks_to_rescan_first(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A blank scan is caught before the citizen leaves: Save asks, and the default answer
    goes back to the flagged page; only "Save anyway" saves."""
    screen, editor = _reception_with_editor(qtbot, store, tasks, memory_keyring)
    screen.form.set_draft(_birth_registration_draft(store))
    editor.import_paths([write_png(tmp_path / "to-khai.png")])
    wait_read(qtbot, editor, 1)
    editor.import_paths([write_blank(tmp_path / "trang-trang.png")])
    wait_read(qtbot, editor, 2)
    assert editor.counts()[PageState.FLAGGED] == 1
    tabs = screen.form.tabs
    assert tabs is not None
    tabs.setCurrentIndex(0)

    def asked() -> QMessageBox:
        box = screen.findChild(QMessageBox, "confirmFlaggedPages")
        assert box is not None and box.isVisible()
        return box

    screen.save()
    qtbot.waitUntil(lambda: asked() is not None, timeout=5000)
    box = asked()
    assert "1 trang" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Escape)  # the default answer: go to the page
    qtbot.waitUntil(lambda: screen.findChild(QMessageBox, "confirmFlaggedPages") is None)
    assert tabs.currentWidget() is editor
    assert editor.selected_pages()[0].page_id == editor.model.page_at(1).page_id
    with store.read_session() as session:
        assert session.scalars(select(Dossier)).first() is None  # nothing saved

    tabs.setCurrentIndex(0)
    screen.save()
    qtbot.waitUntil(lambda: asked() is not None, timeout=5000)
    save_anyway = next(
        button for button in asked().buttons() if "Vẫn lưu" in button.text().replace("&", "")
    )
    with qtbot.waitSignal(screen.slip_ready, timeout=30000):
        save_anyway.click()
    with store.read_session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert sum(len(document.pages) for document in dossier.documents) == 2


def test_pages_left_unread_by_a_restart_are_shown_and_read(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    """The app stopped while a page was waiting for OCR: the restored draft reads it."""
    services = StoreCaptureServices(StoreHolder(store))
    pages = services.load_file(write_png(tmp_path / "truoc-khi-tat.png"), PageOrigin.IMPORT)
    (waiting,) = services.add_pages(RECEPTION_SLOT, pages, "required:11")
    assert waiting.state is PageState.WAITING

    editor, _services = make_editor(qtbot, store, tasks)
    editor.set_checklist(CHECKLIST)
    editor.refresh()
    wait_read(qtbot, editor, 1)
    (page,) = editor.model.pages()
    assert page.page_id == waiting.page_id
    assert page.state is PageState.DONE
    assert editor.model.index(0).data().endswith("Tờ khai đăng ký khai sinh")
    # Its thumbnail shows (the landscape strip, not the blank placeholder sheet).
    decoration = Qt.ItemDataRole.DecorationRole
    qtbot.waitUntil(lambda: editor.model.index(0).data(decoration).width() == 128)


def test_a_page_that_cannot_be_read_is_flagged_with_the_reason_and_can_be_rescanned(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    """The language pack is missing: every read fails. The page is not left "waiting" for
    ever: it is flagged with the reason, and R lets the clerk replace it."""
    from app.capture.pipeline import PipelineOptions

    services = StoreCaptureServices(
        StoreHolder(store), pipeline_options=PipelineOptions(language="khong-co")
    )
    editor = PageEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    qtbot.waitExposed(editor)

    editor.import_paths([write_png(tmp_path / "to-khai.png")])
    wait_read(qtbot, editor, 1)
    (page,) = editor.model.pages()
    assert editor.model.state_of(page) is PageState.FLAGGED
    assert "khong-co" in editor.messages.text()
    tooltip = editor.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "khong-co" in tooltip
    assert "cần quét lại" in editor.status_label.text()
    assert len(_stored(store)) == 1  # the page and its original are kept

    editor.select_row(0)
    editor.list.setFocus()
    _key(editor, Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier)
    assert editor.rescan_target == page.page_id
    assert _close_dialogs(editor)  # the import dialog opened for the new scan


def test_files_the_scanner_drops_in_its_folder_become_pages(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    configure(store)
    folder = tmp_path / "may-quet"
    folder.mkdir()
    write_watch_folder(store, folder)
    services = StoreCaptureServices(StoreHolder(store), secrets=SecretStore(memory_keyring))
    screen = build_screen(qtbot, store, tasks, Clock(), capture=services)
    editor = screen.page_editor
    assert editor is not None
    screen.toggle_digitisation()

    write_png(folder / "scan0001.png")
    (folder / "scan0002.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    wait_read(qtbot, editor, 1, timeout=30000)
    qtbot.waitUntil(lambda: "scan0002.jpg" in editor.messages.text(), timeout=30000)
    with store.read_session() as session:
        (page,) = PageRepository(session).list_draft(RECEPTION_SLOT)
    assert page.origin == PageOrigin.WATCHED_FOLDER.value
    assert page.original_name == "scan0001.png"
    assert page.state != "pending"


def test_pages_captured_with_the_camera_join_the_draft(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    """A video file stands in for the document camera (OpenCV opens both the same way)."""
    from app.ui.dialogs.camera_dialog import CameraDialog

    page = np.asarray(render().convert("RGB"))[:, :, ::-1]
    height, width = page.shape[:2]
    video = tmp_path / "camera.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (width, height))
    for _ in range(60):
        writer.write(np.ascontiguousarray(page))
    writer.release()

    editor, _services = make_editor(qtbot, store, tasks)
    camera = CameraDialog(tasks, editor, sources=[str(video)])
    assert editor.open_camera(camera) is camera
    qtbot.waitUntil(lambda: camera.frames_shown >= 1, timeout=10000)
    with qtbot.waitSignal(camera.page_captured, timeout=10000):
        QTest.keyClick(camera, Qt.Key.Key_Space)
    QTest.keyClick(camera, Qt.Key.Key_Escape)
    assert camera.wait_stopped(3.0)
    wait_read(qtbot, editor, 1)
    with store.read_session() as session:
        (stored,) = PageRepository(session).list_draft(RECEPTION_SLOT)
    assert stored.origin == PageOrigin.CAMERA.value
    assert "HẠNH PHÚC" in (stored.ocr_text or "").upper()
