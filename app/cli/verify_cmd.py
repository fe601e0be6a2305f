"""``python -m app verify``: is this receipt's QR genuine and unaltered? Offline.

The trusted public keys are read straight from the local database's settings, read-only and
without migrating it (:func:`app.store.database.read_setting`), so the command works on any
counter, even one whose app cannot start, and needs neither the keyring nor the network.

Exit status: 0 genuine; 1 read but not genuine (altered, unknown key, unsigned); 2 nothing to
check (not a receipt QR, unreadable image, unreadable database).
"""

from __future__ import annotations

import sys

from app.config import AppPaths
from app.domain.receipt_qr import (
    KnownReceiptKeys,
    ReceiptVerdict,
    VerdictStatus,
    verify_receipt_qr,
)

EXIT_GENUINE = 0
EXIT_NOT_GENUINE = 1
EXIT_BAD_INPUT = 2


def _error(message_vi: str, message: str) -> int:
    print(message_vi, file=sys.stderr)
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def _known_keys(paths: AppPaths) -> KnownReceiptKeys:
    from app.store.database import read_setting
    from app.store.receipt_keys import PUBLIC_KEYS_SETTING, known_keys_from_setting

    return known_keys_from_setting(read_setting(paths, PUBLIC_KEYS_SETTING))


def _texts_from_image(image: str) -> list[str]:
    from app.capture.qr_image import decode_qr_image

    return decode_qr_image(image)


def _print(verdict: ReceiptVerdict) -> None:
    print(verdict.message_vi)
    print(verdict.message)


def run_verify(text: str | None, *, image: str | None = None, paths: AppPaths | None = None) -> int:
    """Verify the QR ``text``, or every receipt QR in the image file ``image``."""
    from app.capture.qr_image import UnreadableImage
    from app.store.errors import StoreError

    if image is not None:
        try:
            texts = _texts_from_image(image)
        except UnreadableImage as error:
            return _error(error.message_vi, error.message)
    else:
        texts = [text or ""]
    try:
        known = _known_keys(paths or AppPaths.default())
    except StoreError as error:
        return _error(error.message_vi, error.message)
    verdicts = [verify_receipt_qr(item, known.public_keys, known.signers) for item in texts]
    receipts = [v for v in verdicts if v.status is not VerdictStatus.NOT_A_RECEIPT]
    if not receipts:
        # Several codes in an image and none a receipt: the first one's reason is enough.
        return _error(verdicts[0].message_vi, verdicts[0].message)
    for verdict in receipts:
        _print(verdict)
    return EXIT_GENUINE if all(v.genuine for v in receipts) else EXIT_NOT_GENUINE
