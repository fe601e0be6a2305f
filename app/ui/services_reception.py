"""What the reception screen asks of the store, the slips and the card reader.

Like :mod:`app.ui.services` for the catalogue: a small protocol and the frozen values it
returns. The implementation (:mod:`app.ui.reception_queries`) runs each call on the database
thread (or, for image decoding, the I/O pool) through ``TaskRunner``; the screen holds no
session and no ORM object, and tests can hand in the real store or a prepared one alike.
Errors raised by these calls carry ``message_vi`` when the clerk can act on them (a store
error, a rejected draft, a missing procedure, no dossier code left, a printer that failed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.domain.reception import DocumentLine, ReceptionDraft
from app.ui.models.catalogue_model import ProcedureRow

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PAPER_SETTING_KEY = "reception.paper"
"""Which paper size the clerk last chose for the slips (A4 or A5)."""


class Paper(StrEnum):
    A4 = "A4"
    A5 = "A5"


class Slip(StrEnum):
    """The printed forms of Circular 03/2025/TT-VPCP the reception screen produces."""

    RECEIPT = "receipt"
    """Mẫu 01: receipt and appointment."""
    SUPPLEMENT = "supplement"
    """Mẫu 02: request to supplement the dossier."""
    REFUSAL = "refusal"
    """Mẫu 03: refusal to receive."""


@dataclass(frozen=True)
class CounterInfo:
    """Who receives at this machine, as the screen shows it."""

    org_unit_code: str
    org_unit_name: str
    counter_code: str
    counter_name: str
    clerk_name: str


@dataclass(frozen=True)
class CounterOption:
    """One counter IT staff may pick when setting this machine up."""

    unit_code: str
    unit_name: str
    counter_code: str
    counter_name: str


@dataclass(frozen=True)
class AdminUnitOption:
    """A commune or ward of the 2025 map, for the address picker."""

    code: str
    name: str
    province_name: str


@dataclass(frozen=True)
class CodeSupply:
    """How many dossier codes the counter can still issue today."""

    standalone: bool
    """No central server is configured: the counter grants its own blocks."""
    left_today: int
    low: bool


@dataclass(frozen=True)
class ReceptionStart:
    """Everything the screen needs once, when it opens."""

    counter: CounterInfo | None
    """``None``: the machine is not set up as a counter yet."""
    draft: ReceptionDraft | None
    """A dossier left half-typed by a crash or a restart."""
    paper: Paper
    admin_units: tuple[AdminUnitOption, ...]
    code_supply: CodeSupply | None


@dataclass(frozen=True)
class Received:
    """A dossier just saved (received or refused), as the result panel shows it."""

    dossier_id: int
    code: str
    received_at: datetime
    """Aware UTC."""
    due_at: datetime | None
    """Aware UTC; ``None`` for a refusal."""
    codes_left_today: int | None
    """Numbers left in today's leased blocks; ``None`` while the counter runs standalone."""
    codes_low: bool


@dataclass(frozen=True)
class SlipRequest:
    """Which slip to write or print, and from what: a saved dossier or the current draft."""

    slip: Slip
    paper: Paper
    dossier_id: int | None = None
    """Mẫu 01 and a recorded refusal: the saved dossier."""
    draft: ReceptionDraft | None = None
    """Mẫu 02 handed over before saving: the draft as typed."""
    reason: str = ""
    """Mẫu 02: why the dossier must be supplemented."""
    reprint: bool = False
    """A later copy of an issued slip: it says "Bản in lại" with the time of the reprint."""


class ReceptionServices(Protocol):
    def start(self) -> ReceptionStart: ...
    def search_procedures(self, text: str) -> Sequence[ProcedureRow]: ...
    def procedure_documents(self, version_id: int) -> tuple[DocumentLine, ...]:
        """The checklist of a procedure version: its required documents, none received."""
        ...

    def list_counters(self) -> Sequence[CounterOption]: ...
    def configure_counter(
        self, unit_code: str, counter_code: str, clerk_name: str
    ) -> CounterInfo: ...
    def save_draft(self, draft: ReceptionDraft) -> None: ...
    def discard_draft(self) -> None: ...
    def receive(self, draft: ReceptionDraft) -> Received:
        """Save the dossier, issue its code and discard the draft."""
        ...

    def refuse(self, draft: ReceptionDraft, reason: str) -> Received:
        """Record the dossier as refused at reception (Mẫu 03) and discard the draft."""
        ...

    def write_slip(self, request: SlipRequest) -> Path:
        """The slip as a PDF file (the receipt signed when a signing key is available)."""
        ...

    def print_slip(self, request: SlipRequest, printer: QPrinter) -> int:
        """Print the slip on a printer chosen in the print dialog; returns the page count."""
        ...

    def set_paper(self, paper: Paper) -> None: ...
    def decode_qr_image(self, path: Path) -> list[str]:
        """The texts of the QR codes in an image file (run on the I/O pool)."""
        ...
