"""One JSON spelling for everything the store hashes or compares.

The audit chain hashes JSON: the same data must always give the same bytes, whatever the
order in which a dict was built. Vietnamese text is kept as is (not ``\\u`` escaped) so the
stored JSON stays readable in a database browser.
"""

from __future__ import annotations

import json
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
