"""Errors raised by the domain rules.

Every error carries a precise English message (``str(error)``, for logs and bug reports) and a
Vietnamese one (``message_vi``) that the UI shows to clerks as is. Errors here are "the input is
wrong" errors, never "our bug": programming mistakes raise ``ValueError``/``TypeError``.
"""

from __future__ import annotations

from datetime import date


class DomainError(Exception):
    """Base of every rule violation the UI may show to a clerk."""

    def __init__(self, message: str, message_vi: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_vi = message_vi


class IllegalTransition(DomainError):
    """A dossier was asked to move to a state its current state does not lead to."""

    def __init__(self, current: str, target: str, current_vi: str, target_vi: str) -> None:
        super().__init__(
            f"A dossier in state '{current}' cannot move to state '{target}'",
            f"Hồ sơ đang ở trạng thái «{current_vi}» không thể chuyển sang «{target_vi}»",
        )
        self.current = current
        self.target = target


class InvalidDossierCode(DomainError):
    """A dossier code that does not follow ``<agency code>-<yymmdd>-<NNNN>``."""

    def __init__(self, text: str, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"Invalid dossier code {text!r}: {reason}",
            f"Mã hồ sơ «{text}» không hợp lệ: {reason_vi}",
        )
        self.text = text
        self.reason = reason


class InvalidCodeBlock(DomainError):
    """A block of dossier numbers from the central system that cannot be right."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"Invalid block of dossier numbers: {reason}",
            f"Dải số hồ sơ được cấp không hợp lệ: {reason_vi}",
        )
        self.reason = reason


class NoCodeAvailable(DomainError):
    """Every leased number for the day is used; the counter must not invent one."""

    def __init__(self, agency_code: str, day: date) -> None:
        super().__init__(
            f"No leased dossier number left for agency {agency_code} on {day.isoformat()}; "
            "connect to the central system to lease a new block",
            f"Quầy đã dùng hết số hồ sơ được cấp cho ngày {day:%d/%m/%Y} "
            f"(đơn vị {agency_code}). Hãy kết nối với hệ thống trung tâm để nhận thêm số.",
        )
        self.agency_code = agency_code
        self.day = day


class InvalidCalendar(DomainError):
    """Office hours or calendar data that cannot be used to count working time."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"Invalid working calendar: {reason}",
            f"Lịch làm việc không hợp lệ: {reason_vi}",
        )
        self.reason = reason


class InvalidIdNumber(DomainError):
    """A 12-digit personal ID number that is malformed or contradicts the card's other data."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"Invalid ID number: {reason}",
            f"Số định danh cá nhân không hợp lệ: {reason_vi}",
        )
        self.reason = reason
        self.reason_vi = reason_vi


class CardQrError(DomainError):
    """The QR text of a chip ID card cannot be trusted; the clerk must rescan or type it."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"Unreadable ID card QR code: {reason}",
            f"Không đọc được mã QR trên thẻ căn cước: {reason_vi}",
        )
        self.reason = reason
        self.reason_vi = reason_vi
