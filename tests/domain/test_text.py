"""fold() is the search key of every name and address: accents, đ and case must not matter."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from app.domain.text import fold, nfc


def test_fold_removes_diacritics_and_stroked_d() -> None:
    assert fold("Đặng Thị Đào") == "dang thi dao"
    assert fold("HUỲNH HIẾU THUẬN") == "huynh hieu thuan"
    assert fold("  Nguyễn   Văn\tA ") == "nguyen van a"


def test_fold_is_the_same_for_nfd_and_nfc_input() -> None:
    name = "Trần Thị Ngọc Ánh"
    assert fold(unicodedata.normalize("NFD", name)) == fold(name) == "tran thi ngoc anh"


def test_nfc_composes_decomposed_vietnamese() -> None:
    assert nfc("Nguye\u0302\u0303n") == "Nguyễn"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
