"""The reception screen's small dialogs, all opened without blocking.

Every dialog here is shown with ``open()`` (window-modal, no nested event loop): the database
thread's answers keep arriving while it is up, and tests drive it with keys like a clerk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

Role = QMessageBox.ButtonRole


def open_with_desktop(path: Path) -> bool:
    """Open a PDF with the desktop's viewer; ``False`` when no program is set up for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_dialog(parent: QWidget, chosen: Callable[[QPrinter], None]) -> None:
    """The system print dialog; ``chosen`` runs with the configured printer on OK."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.accepted.connect(lambda: chosen(printer))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def message_box(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    name: str,
    buttons: list[tuple[str, Role]],
    informative: str = "",
) -> tuple[QMessageBox, list[QAbstractButton]]:
    """A message box with the given buttons (first is the default; a reject-role button, if
    any, answers Esc); not opened yet."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setObjectName(name)
    if informative:
        box.setInformativeText(informative)
    added: list[QAbstractButton] = [box.addButton(label, role) for label, role in buttons]
    if added:
        box.setDefaultButton(added[0])  # type: ignore[arg-type]
    for button, (_label, role) in zip(added, buttons, strict=True):
        if role == Role.RejectRole:
            box.setEscapeButton(button)
    return box, added
