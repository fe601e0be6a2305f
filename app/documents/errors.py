"""Errors of the printed slips that the clerk or IT staff can act on.

Like the store's errors, each carries an English message (``str(error)``, for logs) and a
Vietnamese one (``message_vi``) that the UI shows as is. A template that cannot be rendered is
an installation problem (someone edited ``resources/forms`` badly), not a clerk's mistake, but it
still gets a precise message so IT staff know which file to fix.
"""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path


class DocumentError(Exception):
    """Base of every slip error the UI may show."""

    def __init__(self, message: str, message_vi: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_vi = message_vi


class OutputNotWritable(DocumentError):
    """The PDF could not be written where it was asked (no folder, no permission, disk full)."""

    def __init__(self, path: Path, error: OSError) -> None:
        code = error.errno
        if code == errno.ENOSPC:
            why, why_vi = "the disk is full", "ổ đĩa đã đầy, hãy giải phóng dung lượng"
        elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
            why, why_vi = (
                "this user may not write there",
                "người dùng này không có quyền ghi vào thư mục đó",
            )
        elif code in (errno.ENOENT, errno.ENOTDIR):
            why, why_vi = "the folder does not exist", "thư mục không tồn tại"
        else:
            why, why_vi = str(error.strerror or error), str(error.strerror or error)
        super().__init__(
            f"Cannot write the slip to {path}: {why}",
            f"Không ghi được phiếu ra tệp {path}: {why_vi}. Phiếu chưa được lưu; "
            "hãy chọn thư mục khác hoặc khắc phục rồi in lại.",
        )
        self.path = path
        self.errno = code


class PrintFailed(DocumentError):
    """The printer could not be opened (offline, removed, driver error)."""

    def __init__(self, printer_name: str) -> None:
        name = printer_name or "(không tên)"
        super().__init__(
            f"The printer {printer_name!r} could not be started; check that it is on, "
            "connected and has paper, or choose another printer",
            f"Không in được: máy in «{name}» không sẵn sàng. Hãy kiểm tra máy in đã bật, "
            "đã kết nối và còn giấy, hoặc chọn máy in khác. Phiếu vẫn có thể lưu ra PDF.",
        )
        self.printer_name = printer_name


class FormNotAvailable(DocumentError):
    """No template of this form is installed for the document's date or paper size."""

    def __init__(self, form: str, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"The printed form {form} cannot be used: {reason}",
            f"Không dùng được mẫu phiếu {form}: {reason_vi}. "
            "Hãy báo bộ phận kỹ thuật kiểm tra thư mục mẫu in.",
        )
        self.form = form


class TemplateProblem(DocumentError):
    """A template file in ``resources/forms`` is malformed (bad JSON, HTML or placeholder)."""

    def __init__(self, path: Path, reason: str, reason_vi: str | None = None) -> None:
        super().__init__(
            f"The form template {path} is not usable: {reason}",
            f"Tệp mẫu in {path} bị lỗi: {reason_vi or reason}. "
            "Hãy báo bộ phận kỹ thuật sửa tệp mẫu.",
        )
        self.path = path


def form_not_in_force(form: str, on: date) -> FormNotAvailable:
    """The error for a document dated after every installed version has expired."""
    return FormNotAvailable(
        form,
        f"no version is in force on {on.isoformat()}",
        f"không có phiên bản mẫu nào có hiệu lực vào ngày {on:%d/%m/%Y}",
    )
