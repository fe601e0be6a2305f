"""Vietnamese text folding for accent-insensitive search.

FTS5's ``remove_diacritics 2`` leaves "đ"/"Đ" alone (it is a separate letter, not a
d with a combining mark), so every search key and every query goes through
:func:`fold` before it reaches the index.
"""

from __future__ import annotations

import re
import unicodedata

_STROKED_D = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return ``text`` without diacritics, with "đ" as "d", case-folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKED_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def nfc(text: str) -> str:
    """Normalise to NFC, the form every Vietnamese string is stored in.

    Input from scanners, clipboards and old Windows software arrives in NFD or in
    mixed forms; comparing or hashing it without normalising gives false mismatches.
    """
    return unicodedata.normalize("NFC", text)
