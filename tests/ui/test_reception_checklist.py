"""The document checklist model: a well-behaved Qt model whose edits become DocumentLines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.reception import DocumentForm, DocumentLine, ReceptionDraft, missing_mandatory
from app.ui.models.document_checklist_model import Column, DocumentChecklistModel, Role

LINES = (
    DocumentLine("Tờ khai đăng ký khai sinh", required_document_id=1),
    DocumentLine("Giấy chứng sinh", form=DocumentForm.COPY, required_document_id=2),
    DocumentLine("Giấy tờ tùy thân", form=DocumentForm.PRESENT, mandatory=False),
)


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = DocumentChecklistModel()
    model.set_lines(LINES)
    qtmodeltester.check(model, force_py=True)
    model.toggle_received(0)
    model.add_line("Giấy ủy quyền")
    qtmodeltester.check(model, force_py=True)


def test_edits_become_lines_and_signal(qtbot: QtBot) -> None:
    model = DocumentChecklistModel()
    model.set_lines(LINES)
    with qtbot.waitSignal(model.lines_changed, timeout=1000):
        model.setData(
            model.index(0, Column.RECEIVED), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )
    assert model.setData(model.index(1, Column.FORM), "certified_copy")
    assert model.setData(model.index(1, Column.COPIES), 2)
    assert not model.setData(model.index(1, Column.COPIES), 0)  # refused, line unchanged
    assert not model.setData(model.index(1, Column.FORM), "photocopy")
    lines = model.lines()
    assert lines[0].received and not lines[1].received
    assert lines[1].form is DocumentForm.CERTIFIED_COPY and lines[1].copies == 2
    assert model.index(1, Column.FORM).data(Role.FORM) == DocumentForm.CERTIFIED_COPY.value
    draft = ReceptionDraft(documents=lines)
    assert [line.name for line in missing_mandatory(draft)] == ["Giấy chứng sinh"]


def test_mandatory_marker_and_check_state_are_shown() -> None:
    model = DocumentChecklistModel()
    model.set_lines(LINES)
    assert model.index(0, Column.MANDATORY).data() == "Mandatory"
    assert model.index(2, Column.MANDATORY).data() == "If applicable"
    assert model.index(0, Column.RECEIVED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    model.set_all_received()
    assert all(line.received for line in model.lines())
    assert model.index(0, Column.RECEIVED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
