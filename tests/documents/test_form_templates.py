"""The forms are data: editable without code, versioned by date, and checked when broken."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.documents.errors import FormNotAvailable, TemplateProblem
from app.documents.forms import FormLibrary, default_library, shipped_forms_root
from app.documents.render import render_pdf
from app.documents.samples import demo_refusal
from app.documents.slips import FormId, receipt_slip

from .support import flat, pdf_text, record, signed_qr_text

VERSION = "2025-07-01"


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """A private copy of the shipped forms folder, free to edit."""
    copy = tmp_path / "forms"
    shutil.copytree(shipped_forms_root(), copy)
    return copy


def _text(library: FormLibrary, out: Path, **changes: object) -> str:
    slip = receipt_slip(record(**changes), signed_qr_text())
    return flat(pdf_text(render_pdf(FormId.RECEIPT, slip, "A4", out, library=library)))


def test_a_word_changed_in_the_template_changes_the_printed_slip(
    forms: Path, tmp_path: Path
) -> None:
    template = forms / "mau01" / VERSION / "template.html"
    source = template.read_text(encoding="utf-8")
    assert "2. Số lượng hồ sơ:" in source
    template.write_text(source.replace("2. Số lượng hồ sơ:", "2. Số bộ hồ sơ đã nộp:"), "utf-8")

    edited = _text(FormLibrary(forms), tmp_path / "edited.pdf")
    shipped = _text(default_library(), tmp_path / "shipped.pdf")
    assert "2. Số bộ hồ sơ đã nộp: 01 (bộ)" in edited
    assert "Số lượng hồ sơ" not in edited
    assert "2. Số lượng hồ sơ: 01 (bộ)" in shipped


def test_the_version_in_force_on_the_day_received_is_used(forms: Path, tmp_path: Path) -> None:
    """A new circular is a new folder; dossiers received before it keep the old wording."""
    newer = forms / "mau01" / "2026-01-01"
    shutil.copytree(forms / "mau01" / VERSION, newer)
    meta = json.loads((newer / "form.json").read_text(encoding="utf-8"))
    meta["effective_from"] = "2026-01-01"
    (newer / "form.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    template = newer / "template.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "GIẤY BIÊN NHẬN HỒ SƠ (MẪU MỚI)"
        ),
        encoding="utf-8",
    )
    library = FormLibrary(forms)
    # 31 Dec 2025 23:30 and 1 Jan 2026 00:30 at the office, both still 31 Dec in UTC.
    before = _text(
        library, tmp_path / "a.pdf", received_at=datetime(2025, 12, 31, 16, 30, tzinfo=UTC)
    )
    after = _text(
        library, tmp_path / "b.pdf", received_at=datetime(2025, 12, 31, 17, 30, tzinfo=UTC)
    )
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in before
    assert "GIẤY BIÊN NHẬN HỒ SƠ (MẪU MỚI)" in after
    # A dossier older than every version still prints, with the oldest one.
    older = _text(library, tmp_path / "c.pdf", received_at=datetime(2024, 5, 2, 3, 0, tzinfo=UTC))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in older


def test_a_version_that_has_expired_is_not_used(forms: Path, tmp_path: Path) -> None:
    path = forms / "mau01" / VERSION / "form.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["effective_to"] = "2025-12-31"
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    slip = receipt_slip(
        record(received_at=datetime(2026, 2, 3, 3, 0, tzinfo=UTC)), signed_qr_text()
    )
    with pytest.raises(FormNotAvailable) as raised:
        render_pdf(FormId.RECEIPT, slip, "A4", tmp_path / "x.pdf", library=FormLibrary(forms))
    assert "03/02/2026" in raised.value.message_vi
    assert not (tmp_path / "x.pdf").exists()


def test_a_paper_size_the_form_does_not_allow_is_refused(forms: Path, tmp_path: Path) -> None:
    path = forms / "mau03" / VERSION / "form.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    del meta["papers"]["A5"]
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormNotAvailable) as raised:
        render_pdf(
            FormId.REFUSAL, demo_refusal(), "A5", tmp_path / "x.pdf", library=FormLibrary(forms)
        )
    assert "khổ giấy A5 không được phép" in raised.value.message_vi


@pytest.mark.parametrize(
    ("file_name", "edit", "expected"),
    [
        ("form.json", lambda text: text.replace('"papers"', '"paper"'), "KeyError"),
        ("form.json", lambda text: text[:-5], "JSONDecodeError"),
        ("form.json", lambda text: text.replace('"2025-07-01"', '"2025-07-02"'), "folder"),
        ("template.html", lambda text: text.replace("{% endif %}", "", 1), "TemplateSyntaxError"),
        ("template.html", lambda text: text.replace("slip.code", "slip.kode", 1), "kode"),
    ],
)
def test_a_broken_form_folder_is_reported_with_the_file_to_fix(
    forms: Path, tmp_path: Path, file_name: str, edit: object, expected: str
) -> None:
    path = forms / "mau01" / VERSION / file_name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(TemplateProblem) as raised:
        _text(FormLibrary(forms), tmp_path / "x.pdf")
    assert expected in raised.value.message
    assert str(path.parent) in raised.value.message_vi
    assert "bộ phận kỹ thuật" in raised.value.message_vi


def test_a_template_that_lost_its_qr_placeholder_is_refused(forms: Path, tmp_path: Path) -> None:
    """Circular 01/2023 wants the QR on every slip: an edit must not drop it silently."""
    path = forms / "mau01" / VERSION / "template.html"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{{ qr_code }}", "", 2), encoding="utf-8"
    )
    with pytest.raises(TemplateProblem) as raised:
        _text(FormLibrary(forms), tmp_path / "x.pdf")
    assert "mã QR" in raised.value.message_vi


def test_a_form_with_no_folder_at_all_is_reported(tmp_path: Path) -> None:
    slip = receipt_slip(record(), signed_qr_text())
    with pytest.raises(FormNotAvailable) as raised:
        render_pdf(FormId.RECEIPT, slip, "A4", tmp_path / "x.pdf", library=FormLibrary(tmp_path))
    assert "chưa cài mẫu in" in raised.value.message_vi
