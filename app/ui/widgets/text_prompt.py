"""A short multi-line text the clerk must give (a refusal reason, what to supplement)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class TextPromptDialog(QDialog):
    """OK (Ctrl+Enter) stays disabled while the text is empty; Esc cancels."""

    def __init__(
        self, title: str, prompt: str, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("textPrompt")
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.edit = QPlainTextEdit(text)
        self.edit.setTabChangesFocus(True)
        label.setBuddy(self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._update)
        self._update()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(520, 240)

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the text accepts (plain Enter is a new line)."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                if self.text():
                    self.accept()
                return True
        return super().eventFilter(watched, event)
