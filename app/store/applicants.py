"""Applicants (citizens and organisations) and their search entries.

Names are stored in NFC (scanners and old software send NFD), and every identifying field a
clerk might type is indexed: name, new and old ID numbers, phone, tax code.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.text import nfc
from app.store.models import Applicant
from app.store.search import SearchIndex

APPLICANT_ENTITY = "applicant"


def _normalise(applicant: Applicant) -> None:
    applicant.full_name = nfc(applicant.full_name).strip()
    applicant.address = nfc(applicant.address or "")
    if applicant.representative:
        applicant.representative = nfc(applicant.representative)


class ApplicantRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._index = SearchIndex()

    def add(self, applicant: Applicant) -> Applicant:
        """Insert ``applicant`` and index it, in the caller's transaction."""
        _normalise(applicant)
        self._session.add(applicant)
        self._session.flush()
        self.reindex(applicant)
        return applicant

    def reindex(self, applicant: Applicant) -> None:
        self._index.put(
            self._session,
            APPLICANT_ENTITY,
            applicant.id,
            applicant.full_name,
            applicant.id_number,
            applicant.old_id_number,
            applicant.phone,
            applicant.tax_code,
        )

    def get(self, applicant_id: int) -> Applicant | None:
        return self._session.get(Applicant, applicant_id)

    def by_id_number(self, id_number: str) -> Applicant | None:
        """The applicant with this (new or old) ID number, for the chip-card scan."""
        return self._session.scalars(
            select(Applicant)
            .where((Applicant.id_number == id_number) | (Applicant.old_id_number == id_number))
            .order_by(Applicant.updated_at.desc())
            .limit(1)
        ).first()

    def find(self, text: str, limit: int = 20) -> list[Applicant]:
        hits = self._index.search(self._session, text, entity=APPLICANT_ENTITY, limit=limit)
        ids = [int(hit.entity_id) for hit in hits]
        found = {
            applicant.id: applicant
            for applicant in self._session.scalars(select(Applicant).where(Applicant.id.in_(ids)))
        }
        return [found[applicant_id] for applicant_id in ids if applicant_id in found]
