"""An honest notice for a screen that a later issue builds.

Clerks and testers see exactly what the screen will do and which piece of work brings it,
instead of mock data that could be mistaken for real dossiers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class UpcomingScreenNotice(QWidget):
    """A heading, what the screen will do, and which issue brings it."""

    def __init__(
        self, title: str, purpose: str, arrives_with: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("screenHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)

        self.purpose_label = QLabel(purpose)
        self.purpose_label.setWordWrap(True)
        self.purpose_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        notice = QLabel(self.tr("Not available yet. %1").replace("%1", arrives_with))
        notice.setObjectName("notYetNotice")
        notice.setWordWrap(True)
        notice.setStyleSheet("font-style: italic;")
        self.notice_label = notice

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.purpose_label)
        layout.addWidget(notice)
        layout.addStretch(1)
        self.heading_label = heading
