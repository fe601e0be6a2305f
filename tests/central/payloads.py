"""Outbox entries shaped as the counter app writes them (app/store/reception.py ``_payload``,
app/store/pages.py ``dossier.files``), for pushing to the real central in tests."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.domain.dossier_code import DossierCode

TT_AGENCY = "999.00.00.H26"
CN01_AGENCY = "999.01.00.H26"


def code(sequence: int, day: date, agency: str = TT_AGENCY) -> str:
    return str(DossierCode(agency, day, sequence))


def dossier_entry(
    dossier_code: str,
    *,
    state: str = "received",
    unit: str = "TT",
    agency: str = TT_AGENCY,
    counter: str = "Q01",
    granted_by: str = "central",
    applicant: str = "Nguyễn Văn An",
    entry_id: str | None = None,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    payload = {
        "code": dossier_code,
        "state": state,
        "procedure": {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "version_effective_from": "2025-07-01",
        },
        "applicant": {
            "kind": "citizen",
            "full_name": applicant,
            "id_number": "001085012345",
            "from_card": True,
        },
        "documents": [{"name": "Tờ khai", "form": "original", "copies": 1, "received": True}],
        "sets": 1,
        "received_at": now.isoformat(),
        "counter_clock_at": now.isoformat(),
        "due_at": (now + timedelta(days=3)).isoformat(),
        "local_sequence": 1,
        "lease_id": "test-lease",
        "granted_by": granted_by,
        "refusal_reason": "Thiếu giấy tờ" if state == "refused" else None,
        "clerk": "Nguyễn Thị Lan",
        "counter": {"unit_code": unit, "agency_code": agency, "counter_code": counter},
    }
    return {
        "id": entry_id or str(uuid.uuid4()),
        "seq": 1,
        "kind": "dossier.refused" if state == "refused" else "dossier.received",
        "entity": "dossier",
        "entity_id": dossier_code,
        "created_at": now.isoformat(),
        "payload": payload,
    }


def files_entry(dossier_code: str, contents: list[bytes]) -> dict[str, Any]:
    files = [
        {"kind": "searchable", "sha256": sha256(data), "size": len(data), "signed": False}
        for data in contents
    ]
    return {
        "id": str(uuid.uuid4()),
        "seq": 2,
        "kind": "dossier.files",
        "entity": "dossier",
        "entity_id": dossier_code,
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {
            "code": dossier_code,
            "documents": [{"name": "Tờ khai", "files": files, "pages": []}],
        },
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
