"""Screenshot of the real main window, in Vietnamese, for docs/main-window.png.

Run under a virtual X display so real fonts and the real platform plugin are used:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py \
        --screen reception --out docs/reception.png
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py \
        --screen page-editor --out docs/page-editor.png

It opens the app on a fresh, seeded data folder. For the catalogue it types a search and
selects the first result so its required documents show; for reception it sets the counter
up and fills the form with a demo citizen (as if her chip ID card had been scanned) and the
birth registration procedure; for the page editor it does the same, then imports two real
scanned pages of a land form (the second at too low a resolution, so the quality gate flags
it), reads them for real (clean-up, Tesseract) and assigns the first to the checklist's first
document. Then it waits for the background work to settle and saves the
window.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "main-window.png")
    parser.add_argument("--search", default="khai sinh")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    parser.add_argument(
        "--screen",
        choices=["catalogue", "reception", "page-editor", "sync"],
        default="catalogue",
    )
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.config import AppPaths
    from app.ui.app import launch

    with tempfile.TemporaryDirectory(prefix="motcua-shot-") as tmp:
        paths = AppPaths(data_dir=Path(tmp))
        if args.screen in ("reception", "page-editor"):
            _set_up_counter(paths)
        started = launch(paths, lang=args.lang, embedded_central=args.screen == "sync")
        if isinstance(started, int):
            return started
        window = started.window
        window.resize(1366, 740)
        screen = window.catalogue_screen

        def wait_for(signal: object, timeout_ms: int = 5000) -> None:
            loop = QEventLoop()
            signal.connect(loop.quit)  # type: ignore[attr-defined]
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            signal.disconnect(loop.quit)  # type: ignore[attr-defined]

        wait_for(started.ready, 30000)
        window = started.window
        screen = window.catalogue_screen
        wait_for(window.status.refreshed)
        if args.screen == "reception":
            _fill_reception(window, paths)
        elif args.screen == "page-editor":
            _fill_reception(window, paths)
            _digitise(window, Path(tmp))
        elif args.screen == "sync":
            # The embedded demo central: signed in, numbers leased, a first sync done.
            sync = started.sync
            for _ in range(30):
                status = sync.status if sync is not None else None
                if status is not None and status.online and status.last_success_at:
                    break
                wait_for(sync.status_changed, 2000)  # type: ignore[union-attr]
            window.show_screen("sync")
            wait_for(window.sync_screen.shown_data)
            wait_for(window.status.refreshed)
        else:
            window.show_screen("catalogue")
            screen.search_edit.setText(args.search)
            wait_for(screen.results_shown)
            if screen.model.rowCount() > 0:
                screen.table.selectRow(0)
                wait_for(screen.detail.documents_loaded)
            screen.search_edit.setFocus()
        for _ in range(20):
            QApplication.processEvents()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(args.out))
        started.close()
    print(args.out.relative_to(REPO_ROOT) if args.out.is_relative_to(REPO_ROOT) else args.out)
    return 0 if ok else 1


def _set_up_counter(paths: object) -> None:
    from app.store.counter import configure_counter
    from app.store.database import open_database
    from app.store.seed import seed_from_resources

    with open_database(paths) as store:  # type: ignore[arg-type]
        seed_from_resources(store)
        with store.session() as session:
            configure_counter(session, "TT", "Q01", "Nguyễn Thị Lan")


def _fill_reception(window: object, paths: object) -> None:
    from dataclasses import replace
    from datetime import date

    from sqlalchemy import select

    from app.domain.reception import (
        ApplicantData,
        DocumentLine,
        ReceptionDraft,
    )
    from app.store.database import open_database
    from app.store.models import Procedure, ProcedureVersion

    with open_database(paths) as store, store.read_session() as session:  # type: ignore[arg-type]
        version = session.scalars(
            select(ProcedureVersion)
            .join(Procedure)
            .where(Procedure.code == "1.001193")
            .order_by(ProcedureVersion.effective_from.desc())
        ).first()
        assert version is not None
        lines = tuple(
            DocumentLine(
                name=document.name,
                form=document.form,  # type: ignore[arg-type]
                copies=document.copies,
                mandatory=document.mandatory,
                required_document_id=document.id,
                received=position in (0, 3),
            )
            for position, document in enumerate(version.documents)
        )
        draft = ReceptionDraft(
            applicant=ApplicantData(
                full_name="Đặng Thị Đào",
                id_number="001199012345",
                date_of_birth=date(1999, 3, 2),
                sex="female",
                address="Số 12 phố Huế, Phường Hai Bà Trưng, Hà Nội",
                phone="0912 345 678",
                email="dao.dang@example.vn",
                from_card=True,
            ),
            procedure_version_id=version.id,
            procedure_code=version.procedure.code or "",
            procedure_name=version.procedure.name,
            documents=lines,
            queue_ticket="A015",
            notes="Người nộp hẹn mang bản chính Giấy chứng sinh vào chiều nay.",
        )
    from PySide6.QtWidgets import QApplication

    screen = window.reception_screen  # type: ignore[attr-defined]
    while not screen._loaded:  # the screen's own start-up answer would reset the form
        QApplication.processEvents()
    screen.form.set_draft(replace(draft))


def _digitise(window: object, tmp: Path) -> None:
    """Import and read two pages of the land form in the page editor, as a clerk would."""
    import time

    import cv2
    from PySide6.QtWidgets import QApplication

    reference = REPO_ROOT.parent / "shared" / "reference" / "ocr_pages" / "land_form"
    first = reference / "mau01_r200-1.png"
    # The second page as a 150-dpi scan: readable, but below the 200 dpi of Circular 01/2023.
    second = tmp / "mau01-trang2-150dpi.png"
    image = cv2.imread(str(reference / "mau01_r200-2.png"), cv2.IMREAD_GRAYSCALE)
    small = cv2.resize(image, None, fx=0.75, fy=0.75, interpolation=cv2.INTER_AREA)
    _write_png_dpi(second, small, 150)
    screen = window.reception_screen  # type: ignore[attr-defined]
    editor = screen.page_editor
    screen.toggle_digitisation()
    editor.import_paths([first])
    deadline = time.monotonic() + 120
    while editor.model.rowCount() < 1 or editor.busy():
        QApplication.processEvents()
        time.sleep(0.01)
    editor.import_paths([second])
    while (editor.model.rowCount() < 2 or editor.busy()) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    editor.select_row(0)
    editor.assign_selected(1)
    editor.select_row(1)
    settle = time.monotonic() + 2
    while time.monotonic() < settle:
        QApplication.processEvents()
        time.sleep(0.01)


def _write_png_dpi(path: Path, image: object, dpi: int) -> None:
    from PIL import Image

    Image.fromarray(image).save(path, dpi=(dpi, dpi))  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main())
