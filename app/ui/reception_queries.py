"""The reception screen's services over the real store, the slips and the QR reader.

Every method runs on the database thread (``TaskRunner.run_db``), except
:meth:`StoreReceptionServices.decode_qr_image`, which is CPU work for the I/O pool. Each call
opens its own session and returns frozen values. Heavy modules (SQLAlchemy, the slips'
renderer, OpenCV, the keyring) are imported on first use, on the worker threads, so opening
the window does not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.clock import to_office_time
from app.domain.reception import DocumentForm, DocumentLine, ReceptionDraft
from app.ui.models.catalogue_model import ProcedureRow
from app.ui.services_reception import (
    PAPER_SETTING_KEY,
    AdminUnitOption,
    CodeSupply,
    CounterInfo,
    CounterOption,
    Paper,
    Received,
    ReceptionStart,
    Slip,
    SlipRequest,
)
from app.ui.store_queries import StoreHolder

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from sqlalchemy.orm import Session

    from app.documents.slips import FormId, SlipContext
    from app.store.counter import CounterIdentity
    from app.store.reception import ReceptionService

SEARCH_LIMIT = 50
SLIPS_FOLDER = "slips"
"""Under the data folder: the PDFs of printed slips (kept, so a slip can be printed again)."""


def _utcnow() -> datetime:
    from app.store.types import utcnow

    return utcnow()


def _counter_info(identity: CounterIdentity) -> CounterInfo:
    return CounterInfo(
        org_unit_code=identity.org_unit_code,
        org_unit_name=identity.org_unit_name,
        counter_code=identity.counter_code,
        counter_name=identity.counter_name,
        clerk_name=identity.clerk_name,
    )


@dataclass(frozen=True)
class _Rendered:
    form: FormId
    context: SlipContext
    paper: str
    file_name: str


class StoreReceptionServices:
    """:class:`app.ui.services_reception.ReceptionServices` over the opened store."""

    def __init__(
        self,
        holder: StoreHolder,
        *,
        clock: Callable[[], datetime] = _utcnow,
        secrets: Any = None,
    ) -> None:
        """``secrets``: the keyring wrapper holding the counter's signing key (default: the
        OS keyring through ``app.store.secrets.SecretStore``)."""
        self._holder = holder
        self._clock = clock
        self._secrets = secrets
        self._reception: ReceptionService | None = None
        self._keys: Any = None

    # --- start ----------------------------------------------------------------------------

    def start(self) -> ReceptionStart:
        from app.store.counter import load_counter_identity
        from app.store.drafts import DraftRepository
        from app.store.errors import StoreError
        from app.store.settings import SettingsRepository

        store = self._holder.store
        # A write session: an unreadable draft is moved aside (kept for IT staff), not lost.
        with store.session() as session:
            identity = load_counter_identity(session)
            drafts = DraftRepository(session)
            draft = drafts.load()
            if draft is not None and self._already_saved(session, draft):
                # Saved, then the app stopped before the draft was discarded: never offer
                # the same dossier twice.
                drafts.discard()
                draft = None
            paper_value = SettingsRepository(session).get(PAPER_SETTING_KEY)
            units = self._admin_units(session)
        supply: CodeSupply | None = None
        if identity is not None:
            try:
                found = self._service().code_supply()
            except StoreError:
                found = None
            if found is not None:
                supply = CodeSupply(
                    standalone=found.standalone,
                    left_today=found.left_today or 0,
                    low=found.low,
                )
        return ReceptionStart(
            counter=None if identity is None else _counter_info(identity),
            draft=draft,
            paper=Paper(paper_value) if paper_value in (p.value for p in Paper) else Paper.A4,
            admin_units=units,
            code_supply=supply,
        )

    @staticmethod
    def _already_saved(session: Session, draft: ReceptionDraft) -> bool:
        if draft.service_started_at is None:
            return False
        from sqlalchemy import select

        from app.store.models import Dossier

        found = session.scalar(
            select(Dossier.id).where(Dossier.service_started_at == draft.service_started_at)
        )
        return found is not None

    @staticmethod
    def _admin_units(session: Session) -> tuple[AdminUnitOption, ...]:
        from sqlalchemy import select
        from sqlalchemy.orm import aliased

        from app.store.models import AdminUnit

        province = aliased(AdminUnit)
        rows = session.execute(
            select(AdminUnit.code, AdminUnit.name, province.name)
            .outerjoin(
                province,
                (province.code == AdminUnit.parent_code)
                & (province.era == AdminUnit.era)
                & (province.level == "province"),
            )
            .where(AdminUnit.era == "2025", AdminUnit.level == "commune")
            .order_by(AdminUnit.name)
        ).all()
        return tuple(
            AdminUnitOption(code=code, name=name, province_name=province_name or "")
            for code, name, province_name in rows
        )

    # --- catalogue ------------------------------------------------------------------------

    def _today(self) -> Any:
        return to_office_time(self._clock()).date()

    def search_procedures(self, text: str) -> Sequence[ProcedureRow]:
        from app.store.catalogue import CatalogueRepository

        with self._holder.store.read_session() as session:
            return CatalogueRepository(session).search(text, limit=SEARCH_LIMIT, on=self._today())

    def procedure_documents(self, version_id: int) -> tuple[DocumentLine, ...]:
        from app.store.catalogue import CatalogueRepository

        with self._holder.store.read_session() as session:
            version = CatalogueRepository(session).get_version(version_id)
        if version is None:
            return ()
        return tuple(
            DocumentLine(
                name=document.name,
                form=DocumentForm(document.form),
                copies=document.copies,
                received=False,
                mandatory=document.mandatory,
                required_document_id=document.id,
                guidance=document.note,
            )
            for document in version.documents
        )

    # --- counter --------------------------------------------------------------------------

    def list_counters(self) -> Sequence[CounterOption]:
        from app.store.counter import list_counters

        with self._holder.store.read_session() as session:
            choices = list_counters(session, on=self._today())
        return [
            CounterOption(
                unit_code=choice.unit_code,
                unit_name=choice.unit_name,
                counter_code=choice.counter_code,
                counter_name=choice.counter_name,
            )
            for choice in choices
        ]

    def configure_counter(self, unit_code: str, counter_code: str, clerk_name: str) -> CounterInfo:
        from app.store.counter import configure_counter

        with self._holder.store.session() as session:
            identity = configure_counter(
                session, unit_code, counter_code, clerk_name, on=self._today()
            )
        return _counter_info(identity)

    # --- drafts ---------------------------------------------------------------------------

    def save_draft(self, draft: ReceptionDraft) -> None:
        from app.store.drafts import DraftRepository

        with self._holder.store.session() as session:
            DraftRepository(session).save(draft)

    def discard_draft(self) -> None:
        from app.store.drafts import DraftRepository

        with self._holder.store.session() as session:
            DraftRepository(session).discard()

    # --- receive and refuse ---------------------------------------------------------------

    def _service(self) -> ReceptionService:
        if self._reception is None:
            from app.store.reception import ReceptionService

            self._reception = ReceptionService(self._holder.store, self._clock)
        return self._reception

    def receive(self, draft: ReceptionDraft) -> Received:
        saved = self._service().receive(draft)
        self.discard_draft()
        return self._received(saved)

    def refuse(self, draft: ReceptionDraft, reason: str) -> Received:
        saved = self._service().refuse(draft, reason)
        self.discard_draft()
        return self._received(saved)

    @staticmethod
    def _received(saved: Any) -> Received:
        return Received(
            dossier_id=saved.dossier_id,
            code=saved.code,
            received_at=saved.received_at,
            due_at=saved.due_at,
            codes_left_today=saved.codes_left_today,
            codes_low=saved.codes_low,
        )

    # --- slips ----------------------------------------------------------------------------

    def _slips_dir(self) -> Path:
        return self._holder.store.paths.data_dir / SLIPS_FOLDER

    def _signing_key(self, session: Session) -> Any:
        """The counter's Ed25519 key, or ``None`` without a keyring (the QR is then unsigned)."""
        if self._keys is None:
            from app.store.receipt_keys import ReceiptKeys
            from app.store.secrets import SecretStore

            secrets = self._secrets if self._secrets is not None else SecretStore()
            self._keys = ReceiptKeys(secrets, self._clock)
        return self._keys.signing_key(session)

    def write_slip(self, request: SlipRequest) -> Path:
        if request.slip is Slip.RECEIPT:
            from app.documents.receipt_job import write_receipt_pdf

            assert request.dossier_id is not None
            with self._holder.store.session() as session:
                return write_receipt_pdf(
                    session,
                    request.dossier_id,
                    request.paper.value,
                    self._slips_dir(),
                    self._signing_key(session),
                    reprinted_at=self._clock() if request.reprint else None,
                )
        from app.documents.render import render_pdf

        rendered = self._render(request)
        return render_pdf(
            rendered.form,
            rendered.context,
            rendered.paper,  # type: ignore[arg-type]
            self._slips_dir() / rendered.file_name,
        )

    def print_slip(self, request: SlipRequest, printer: QPrinter) -> int:
        from app.documents.render import print_slip

        rendered = self._render(request)
        return print_slip(
            rendered.form,
            rendered.context,
            rendered.paper,  # type: ignore[arg-type]
            printer,
        )

    def _render(self, request: SlipRequest) -> _Rendered:
        """The form and the values of a slip (the receipt's QR signed, when possible)."""
        from app.documents.slips import FormId

        paper = request.paper.value
        if request.slip is Slip.SUPPLEMENT:
            assert request.draft is not None
            context = self._supplement_context(request.draft, request.reason)
            stamp = to_office_time(context.issued_at).strftime("%Y%m%d-%H%M%S")
            return _Rendered(FormId.SUPPLEMENT, context, paper, f"mau02-{stamp}-{paper}.pdf")
        assert request.dossier_id is not None
        from app.documents.receipt_job import receipt_file_name, receipt_qr_text
        from app.store.receipts import load_receipt_record

        with self._holder.store.session() as session:
            record = load_receipt_record(session, request.dossier_id)
            qr_text = receipt_qr_text(record, self._signing_key(session))
        if request.slip is Slip.RECEIPT:
            from app.documents.slips import receipt_slip

            return _Rendered(
                FormId.RECEIPT,
                receipt_slip(
                    record, qr_text, reprinted_at=self._clock() if request.reprint else None
                ),
                paper,
                receipt_file_name(record.code, paper),
            )
        from app.documents.slips import refusal_slip

        context = refusal_slip(record, issued_at=record.received_at, qr_text=qr_text)
        return _Rendered(FormId.REFUSAL, context, paper, f"{record.code}-mau03-{paper}.pdf")

    def _supplement_context(self, draft: ReceptionDraft, reason: str) -> Any:
        from app.documents.slips import issuer_from_counter, supplement_slip_from_draft
        from app.store.counter import load_organisation_profile, require_counter_identity
        from app.store.models import OrgUnit

        with self._holder.store.read_session() as session:
            identity = require_counter_identity(session, self._today())
            profile = load_organisation_profile(session)
            unit = session.get(OrgUnit, identity.org_unit_id)
            address = unit.address if unit is not None else ""
        issuer = issuer_from_counter(
            identity, unit_address=address, hotline=profile.hotline, lookup_url=profile.lookup_url
        )
        return supplement_slip_from_draft(
            draft,
            issuer,
            reason=reason,
            issued_at=self._clock(),
            clerk_name=identity.clerk_name,
        )

    # --- settings and images --------------------------------------------------------------

    def set_paper(self, paper: Paper) -> None:
        from app.store.settings import SettingsRepository

        with self._holder.store.session() as session:
            SettingsRepository(session).set(PAPER_SETTING_KEY, paper.value)

    def decode_qr_image(self, path: Path) -> list[str]:
        from app.capture.qr_image import decode_qr_image

        return decode_qr_image(path)
