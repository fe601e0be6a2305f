"""Dossier-code numbers come only from leased blocks and are never issued twice."""

from __future__ import annotations

from datetime import date

import pytest

from app.store.code_blocks import (
    CodeAlreadyIssuedError,
    CodeBlockRepository,
    CodeOutsideBlocksError,
)
from app.store.database import Store

AGENCY = "000.00.53.H48"
DAY = date(2026, 3, 2)


def test_numbers_come_from_blocks_once(store: Store) -> None:
    with store.session() as session:
        blocks = CodeBlockRepository(session)
        blocks.add_block(AGENCY, DAY, 1, 2, "lease-1", "Q01")
        blocks.add_block(AGENCY, DAY, 1, 2, "lease-1", "Q01")  # a repeated pull
        blocks.add_block(AGENCY, DAY, 10, 11, "lease-2", "Q01")
        assert [b.lease_id for b in blocks.blocks_for(AGENCY, DAY)] == ["lease-1", "lease-2"]
        assert blocks.next_free(AGENCY, DAY) == 1
        blocks.mark_used(AGENCY, DAY, 1, f"{AGENCY}-260302-0001")
        with pytest.raises(CodeAlreadyIssuedError):
            blocks.mark_used(AGENCY, DAY, 1, f"{AGENCY}-260302-0001")
        blocks.mark_used(AGENCY, DAY, 2, f"{AGENCY}-260302-0002")
        assert blocks.next_free(AGENCY, DAY) == 10
        with pytest.raises(CodeOutsideBlocksError):
            blocks.mark_used(AGENCY, DAY, 5, f"{AGENCY}-260302-0005")
    with store.read_session() as session:
        assert CodeBlockRepository(session).used_sequences(AGENCY, DAY) == {1, 2}
