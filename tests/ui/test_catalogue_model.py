"""The catalogue table model alone: qtmodeltester, columns, roles, Vietnamese times."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.ui.i18n import InstalledTranslations, install_translations
from app.ui.models.catalogue_model import CatalogueModel, Column, Role, processing_time_text


@dataclass(frozen=True)
class Row:
    procedure_id: int
    version_id: int
    code: str
    name: str
    field: str
    processing_unit: str
    processing_value: float
    fee_text: str
    deciding_agency: str
    documents: int = 2


ROWS = [
    Row(1, 11, "1.001193", "Đăng ký khai sinh", "Hộ tịch", "same_day", 0, "Miễn phí", "UBND xã"),
    Row(2, 12, "1.000894", "Đăng ký kết hôn", "Hộ tịch", "working_days", 5, "", "UBND xã"),
    Row(3, 13, "2.000815", "Chứng thực bản sao", "Chứng thực", "working_hours", 8, "2.000 đ", ""),
]


@pytest.fixture
def vietnamese(qapp: object) -> Iterator[InstalledTranslations]:
    installed = install_translations("vi")
    yield installed
    installed.remove()


@pytest.fixture
def english(qapp: object) -> Iterator[InstalledTranslations]:
    installed = install_translations("en")
    yield installed
    installed.remove()


def test_qtmodeltester(qtmodeltester: object) -> None:
    model = CatalogueModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_qtmodeltester_with_lazy_batches(qtmodeltester: object) -> None:
    model = CatalogueModel()
    model.BATCH = 2
    model.set_rows(ROWS)
    assert model.rowCount() == 2
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 3
    assert model.total_rows() == 3


def test_columns_and_roles(qapp: object) -> None:
    model = CatalogueModel()
    model.set_rows(ROWS)
    index = model.index(1, Column.NAME)
    assert index.data() == "Đăng ký kết hôn"
    assert model.index(1, Column.CODE).data() == "1.000894"
    assert index.data(Role.CODE) == "1.000894"
    assert index.data(Role.VERSION_ID) == 12
    assert index.data(Role.PROCEDURE_ID) == 2
    assert index.data(Role.PROCEDURE) is ROWS[1]
    assert model.index(2, Column.FEE).data() == "2.000 đ"
    assert model.index(2, Column.AGENCY).data() == ""


def test_english_headers_and_times(english: InstalledTranslations) -> None:
    model = CatalogueModel()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert titles == ["Code", "Procedure", "Field", "Processing time", "Fee", "Deciding agency"]
    assert processing_time_text("same_day", 0) == "Same day"
    assert processing_time_text("working_days", 3) == "3 working days"
    assert processing_time_text("working_days", 1) == "1 working day"


def test_vietnamese_processing_times(vietnamese: InstalledTranslations) -> None:
    assert processing_time_text("same_day", 0) == "Trong ngày"
    assert processing_time_text("working_days", 3) == "3 ngày làm việc"
    assert processing_time_text("working_hours", 8) == "8 giờ làm việc"
    assert processing_time_text("working_days", 2.5) == "2,5 ngày làm việc"
    model = CatalogueModel()
    model.set_rows(ROWS)
    assert model.index(0, Column.PROCESSING).data() == "Trong ngày"
    assert model.headerData(Column.AGENCY, Qt.Orientation.Horizontal) == "Cơ quan giải quyết"
