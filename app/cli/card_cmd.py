"""``python -m app card``: what the counter would read from a chip-ID card's QR, as JSON."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from typing import Any

from app.domain.idcard import CardQrError, parse_card_qr


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    return value


def run_card(text: str | None) -> int:
    if not text or not text.strip():
        print("error: no QR text given (pass it as an argument or with --stdin)", file=sys.stderr)
        return 1
    try:
        card = parse_card_qr(text)
    except CardQrError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    fields = {
        field.name: _jsonable(getattr(card, field.name)) for field in dataclasses.fields(card)
    }
    print(json.dumps(fields, ensure_ascii=False, indent=2))
    return 0
