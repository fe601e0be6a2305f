"""The process the start-up benchmark spawns: ``python -m app.bench.startup_child app|bare``.

``app`` goes through the real start-up path (:func:`app.ui.app.launch`); ``bare`` shows an
empty QMainWindow, the floor any PySide6 application pays. Both print :data:`MARKER` from
the first event-loop turn after ``show()``, so the parent times the same milestone. ``app``
then waits for the store to be open and the first queries submitted (:data:`READY_MARKER`)
before quitting, so the benchmark also reports when the window becomes usable.
"""

from __future__ import annotations

import sys

MARKER = "MOTCUA-BENCH-SHOWN"
READY_MARKER = "MOTCUA-BENCH-READY"


def _announce_and_quit() -> None:
    from PySide6.QtWidgets import QApplication

    print(MARKER, flush=True)
    QApplication.quit()


def _announce(marker: str) -> None:
    print(marker, flush=True)


def run_bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1280, 720)
    window.show()
    QTimer.singleShot(0, _announce_and_quit)
    return app.exec()


def run_app() -> int:
    from PySide6.QtCore import QTimer

    from app.config import AppPaths
    from app.ui.app import launch

    started = launch(AppPaths.default())
    if isinstance(started, int):
        return started
    QTimer.singleShot(0, lambda: _announce(MARKER))

    def ready() -> None:
        # Queued after the shown marker: the catalogue query was just submitted, let it run.
        QTimer.singleShot(0, lambda: (_announce(READY_MARKER), started.app.quit()))

    started.ready.connect(ready)
    try:
        code = started.app.exec()
    finally:
        started.close()
    return started.exit_code or code


def main(argv: list[str]) -> int:
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "bare":
        return run_bare()
    if mode == "app":
        return run_app()
    print("usage: python -m app.bench.startup_child app|bare", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
