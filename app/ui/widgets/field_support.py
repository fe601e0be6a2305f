"""Small pieces every data-entry field of the reception screen shares.

* :class:`ProblemLabel` and :func:`show_problem`: the Vietnamese message right under the field
  and the field marked, so the clerk sees what is wrong where it is wrong;
* :class:`EnterAdvances`: Enter moves to the next field, as on the paper-form terminals
  clerks are used to (multi-line notes keep Enter for new lines);
* :func:`parse_day`: a date typed as ``dd/mm/yyyy`` (or ``ddmmyyyy``, ``d-m-yyyy``), not a
  spin-box maze.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

PROBLEM_STYLE = """
*[problem="true"] { border: 2px solid #b3261e; border-radius: 3px; }
QLabel#fieldProblem { color: #b3261e; }
"""
"""Stylesheet the screen applies once, so marked fields look the same everywhere."""

_SEPARATED = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")


class InvalidDay(ValueError):
    """The text is not a day written as day/month/year."""


def parse_day(text: str) -> date | None:
    """``None`` for an empty field; raises :class:`InvalidDay` for text that is not a date."""
    stripped = text.strip()
    if not stripped:
        return None
    match = _SEPARATED.fullmatch(stripped) or _COMPACT.fullmatch(stripped)
    if match is None:
        raise InvalidDay(stripped)
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDay(stripped) from None


def format_day(value: date | None) -> str:
    return "" if value is None else f"{value:%d/%m/%Y}"


class ProblemLabel(QLabel):
    """The message under a field; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldProblem")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()


def show_problem(field: QWidget, label: ProblemLabel, message: str) -> None:
    """Mark ``field`` and show ``message`` under it; an empty message clears both."""
    marked = bool(message)
    if bool(field.property("problem")) != marked:
        field.setProperty("problem", marked)
        field.style().unpolish(field)
        field.style().polish(field)
    field.setToolTip(message)
    field.setAccessibleDescription(message)
    label.setText(message)
    label.setVisible(marked)


class EnterAdvances(QObject):
    """Install on a field: Enter (without modifiers) moves the focus to the next field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        watched.focusNextPrevChild(True)
        return True
