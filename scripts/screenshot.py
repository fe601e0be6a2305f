"""Screenshot of the real main window, in Vietnamese, for docs/main-window.png.

Run under a virtual X display so real fonts and the real platform plugin are used:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py

It opens the app on a fresh, seeded data folder, types a search in the catalogue, selects
the first result so its required documents show, waits for the background work to settle,
and saves the window.
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
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.config import AppPaths
    from app.ui.app import launch

    with tempfile.TemporaryDirectory(prefix="motcua-shot-") as tmp:
        started = launch(AppPaths(data_dir=Path(tmp)), lang=args.lang)
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


if __name__ == "__main__":
    raise SystemExit(main())
