"""The reuse offer: earlier digitised documents of the same citizen, taken with one key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.reception import DocumentLine
from app.ui.dialogs.reuse_dialog import Column, ReuseChoice, ReuseDialog, offer_reuse
from app.ui.services_capture import ReuseOffer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LINES = (
    DocumentLine("Tờ khai đăng ký khai sinh", required_document_id=11),
    DocumentLine("Giấy chứng sinh", required_document_id=12),
    DocumentLine("Căn cước công dân của người đi đăng ký"),
)
CARD_NEW = ReuseOffer(1, "Căn cước công dân của người đi đăng ký", "000.00.53.H48-260302-0015", 2)
CARD_OLD = ReuseOffer(2, "CĂN CƯỚC CÔNG DÂN của người đi đăng ký", "000.00.53.H48-250101-0003", 2)
HOUSEHOLD = ReuseOffer(3, "Sổ hộ khẩu", "000.00.53.H48-250101-0003", 4)


def _dialog(qtbot: QtBot, offers: list[ReuseOffer]) -> ReuseDialog:
    dialog = ReuseDialog(offers, LINES)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_matching_document_is_ticked_and_enter_reuses_it(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, [CARD_NEW, HOUSEHOLD])
    table = dialog.table
    assert table.item(0, Column.DOSSIER).text() == "000.00.53.H48-260302-0015"
    assert table.item(0, Column.PAGES).text() == "2"
    # Matched by name, accents and case aside; a document the checklist lacks goes nowhere.
    assert dialog.is_ticked(0)
    assert table.item(0, Column.TARGET).text() == "3. Căn cước công dân của người đi đăng ký"
    assert not dialog.is_ticked(1)
    assert dialog.target_of(1) is None

    with qtbot.waitSignal(dialog.reuse_chosen) as chosen:
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert chosen.args == [[ReuseChoice(CARD_NEW, 2, LINES[2])]]
    assert dialog.result() == ReuseDialog.DialogCode.Accepted


def test_space_toggles_and_arrows_choose_the_line(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, [CARD_NEW, HOUSEHOLD])
    table = dialog.table
    QTest.keyClick(table, Qt.Key.Key_Space)  # untick the card
    assert not dialog.is_ticked(0)
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Space)  # tick the household book: first free line
    assert dialog.is_ticked(1)
    assert dialog.target_of(1) == 0
    QTest.keyClick(table, Qt.Key.Key_Right)  # -> line 2
    assert table.item(1, Column.TARGET).text() == "2. Giấy chứng sinh"
    assert dialog.target_combo.currentData() == 1
    QTest.keyClick(table, Qt.Key.Key_Left)
    QTest.keyClick(table, Qt.Key.Key_Left)  # past line 1: nowhere, which unticks
    assert dialog.target_of(1) is None
    assert not dialog.is_ticked(1)
    assert dialog.choices() == []
    QTest.keyClick(table, Qt.Key.Key_Left)  # wraps round to the last line
    assert dialog.target_of(1) == 2
    assert dialog.choices() == [ReuseChoice(HOUSEHOLD, 2, LINES[2])]


def test_only_the_newest_copy_of_a_document_starts_ticked(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, [CARD_NEW, CARD_OLD])
    assert dialog.is_ticked(0)
    assert not dialog.is_ticked(1)
    assert dialog.target_of(1) == 2  # one Space away if the clerk prefers the older one
    assert dialog.choices() == [ReuseChoice(CARD_NEW, 2, LINES[2])]


def test_escape_skips_and_reuses_nothing(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    answers: list[list[ReuseChoice]] = []
    dialog = offer_reuse(parent, [CARD_NEW], LINES, answers.append)
    qtbot.waitExposed(dialog)
    assert dialog.is_ticked(0)
    QTest.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: answers == [[]])


@dataclass(frozen=True)
class DatedOffer(ReuseOffer):
    """An offer that also says when and for which catalogue document it was received."""

    received_at: datetime | None = None
    required_document_id: int | None = None


def test_the_catalogue_document_matches_and_the_date_is_office_time(qtbot: QtBot) -> None:
    # Renamed in the catalogue since, but the same required document: it still matches.
    offer = DatedOffer(
        4,
        "Giấy chứng sinh (bản chính)",
        "000.00.53.H48-251231-0001",
        1,
        received_at=datetime(2025, 12, 31, 18, 30, tzinfo=UTC),  # 01:30 on 1 Jan in Hà Nội
        required_document_id=12,
    )
    dialog = _dialog(qtbot, [offer])
    assert dialog.table.item(0, Column.DATE).text() == "01/01/2026"
    assert dialog.choices() == [ReuseChoice(offer, 1, LINES[1])]
