"""Blocks of dossier-code numbers leased to this counter, and the numbers issued from them.

Codes must stay unique city-wide even while the counter is offline, so a counter only issues
numbers from blocks central leased to it (DESIGN "Dossier code"). The UNIQUE constraints on
``issued_codes`` make a double issue impossible even if two windows race; the repository turns
that race into :class:`CodeAlreadyIssuedError` so the caller can simply take the next number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store.models import CodeBlock, IssuedCode
from app.store.types import utcnow


class CodeAlreadyIssuedError(Exception):
    """The number (or the code) was taken by someone else first: take the next one."""


class CodeOutsideBlocksError(Exception):
    """A number outside every leased block: issuing it could collide with another counter."""


@dataclass(frozen=True)
class BlockInfo:
    id: int
    agency_code: str
    day: date
    first: int
    last: int
    lease_id: str
    counter_code: str
    granted_by: str


def _info(block: CodeBlock) -> BlockInfo:
    return BlockInfo(
        block.id,
        block.agency_code,
        block.day,
        block.first,
        block.last,
        block.lease_id,
        block.counter_code,
        block.granted_by,
    )


class CodeBlockRepository:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utcnow) -> None:
        self._session = session
        self._clock = clock

    def add_block(
        self,
        agency_code: str,
        day: date,
        first: int,
        last: int,
        lease_id: str,
        counter_code: str,
        granted_by: str = "central",
    ) -> BlockInfo:
        """Store a lease; the same ``lease_id`` again (a repeated pull) is a no-op."""
        existing = self._session.scalar(select(CodeBlock).where(CodeBlock.lease_id == lease_id))
        if existing is not None:
            return _info(existing)
        block = CodeBlock(
            agency_code=agency_code,
            day=day,
            first=first,
            last=last,
            lease_id=lease_id,
            counter_code=counter_code,
            granted_by=granted_by,
            leased_at=self._clock(),
        )
        self._session.add(block)
        self._session.flush()
        return _info(block)

    def blocks_for(self, agency_code: str, day: date) -> list[BlockInfo]:
        blocks = self._session.scalars(
            select(CodeBlock)
            .where(CodeBlock.agency_code == agency_code, CodeBlock.day == day)
            .order_by(CodeBlock.first)
        ).all()
        return [_info(block) for block in blocks]

    def used_sequences(self, agency_code: str, day: date) -> set[int]:
        return set(
            self._session.scalars(
                select(IssuedCode.sequence)
                .join(CodeBlock, IssuedCode.block_id == CodeBlock.id)
                .where(CodeBlock.agency_code == agency_code, CodeBlock.day == day)
            )
        )

    def next_free(self, agency_code: str, day: date) -> int | None:
        """The lowest unused number of the day's blocks; ``None`` when the blocks are used up."""
        used = self.used_sequences(agency_code, day)
        for block in self.blocks_for(agency_code, day):
            for sequence in range(block.first, block.last + 1):
                if sequence not in used:
                    return sequence
        return None

    def mark_used(
        self, agency_code: str, day: date, sequence: int, code: str, dossier_id: int | None = None
    ) -> int:
        """Record ``sequence`` (formatted by the caller as ``code``) as issued; returns the row id.

        Runs in a savepoint so a lost race leaves the caller's transaction usable.
        """
        block = self._session.scalar(
            select(CodeBlock).where(
                CodeBlock.agency_code == agency_code,
                CodeBlock.day == day,
                CodeBlock.first <= sequence,
                CodeBlock.last >= sequence,
            )
        )
        if block is None:
            raise CodeOutsideBlocksError(
                f"{agency_code} {day.isoformat()} #{sequence} is in no leased block"
            )
        issued = IssuedCode(
            block_id=block.id,
            sequence=sequence,
            code=code,
            dossier_id=dossier_id,
            issued_at=self._clock(),
        )
        try:
            with self._session.begin_nested():
                self._session.add(issued)
        except IntegrityError as error:
            raise CodeAlreadyIssuedError(f"{code} (#{sequence}) is already issued") from error
        return issued.id

    def attach_dossier(self, code: str, dossier_id: int) -> None:
        issued = self._session.scalar(select(IssuedCode).where(IssuedCode.code == code))
        if issued is None:
            raise KeyError(code)
        issued.dossier_id = dossier_id
        self._session.flush()
