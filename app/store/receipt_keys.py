"""The counter's receipt-signing key (Ed25519) and the public keys it trusts.

The private key lives in the OS keyring only (:class:`SecretStore`), never in the database or
any file: a copied database cannot sign receipts. Its public key goes into the setting
``receipt.public_keys`` (key id -> public key, unit, counter, creation time) and, through the
outbox (``receipt_key.published``), to central, which publishes every counter's public keys
back into the same setting, so any counter verifies any receipt offline.

The keyring is the source of truth for the private key and the setting for public ones; each
call checks they agree and repairs the setting if they do not (a rolled-back transaction, a
database restored from a backup). When the keyring has lost the key, a new one is made: the old
public key stays known, so receipts already printed still verify. With no usable keyring,
:meth:`ReceiptKeys.signing_key` returns ``None`` and :attr:`ReceiptKeys.problem` says why; the
caller prints an unsigned receipt and warns the clerk.
"""

from __future__ import annotations

import base64
import binascii
import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy.orm import Session

from app.domain.receipt_qr import KnownReceiptKeys, key_id_of, raw_public_key
from app.store.outbox import OutboxRepository
from app.store.secrets import SecretStore, SecretStoreUnavailable
from app.store.settings import SettingsRepository
from app.store.types import utcnow

if TYPE_CHECKING:
    from app.store.database import Store

PUBLIC_KEYS_SETTING = "receipt.public_keys"
SIGNING_KEY_SETTING = "receipt.signing_key_id"
SECRET_PREFIX = "receipt-signing-key/"
"""Keyring entry name prefix; the key id follows, so a new key never overwrites an old one."""
PUBLISHED_KIND = "receipt_key.published"

log = logging.getLogger(__name__)


def secret_name(key_id: str) -> str:
    return f"{SECRET_PREFIX}{key_id}"


def _decode_b64(value: object, length: int) -> bytes | None:
    if not isinstance(value, str):
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == length else None


def known_keys_from_setting(value: Any) -> KnownReceiptKeys:
    """Public keys and signer labels from the ``receipt.public_keys`` setting's JSON.

    An entry whose key id is not the id of its public key is skipped: a key filed under
    another counter's id must not vouch for that counter's receipts.
    """
    public_keys: dict[str, bytes] = {}
    signers: dict[str, str] = {}
    if not isinstance(value, Mapping):
        return KnownReceiptKeys(public_keys, signers)
    for key_id, entry in value.items():
        if not isinstance(entry, Mapping):
            continue
        raw = _decode_b64(entry.get("public_key"), 32)
        if raw is None or key_id_of(raw) != key_id:
            log.warning("ignoring receipt public key %r: malformed or under the wrong id", key_id)
            continue
        public_keys[key_id] = raw
        counter = str(entry.get("counter") or "")
        unit = str(entry.get("unit") or "")
        label = " · ".join(part for part in (counter, unit) if part)
        if label:
            signers[key_id] = label
    return KnownReceiptKeys(public_keys, signers)


def read_known_keys(store: Store) -> KnownReceiptKeys:
    """The trusted public keys, from a read session (no keyring needed): for ``verify``."""
    with store.read_session() as session:
        return known_keys_from_setting(SettingsRepository(session).get(PUBLIC_KEYS_SETTING))


def _encode_private(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base64.b64encode(raw).decode("ascii")


class ReceiptKeys:
    """Loads (or makes, once) the counter's signing key; keeps it in memory afterwards.

    Pass a *writing* session (``store.session()``): the first call records the public key
    and queues it for central. Thread-safe.
    """

    def __init__(self, secrets: SecretStore, clock: Callable[[], datetime] = utcnow) -> None:
        self._secrets = secrets
        self._clock = clock
        self._lock = threading.Lock()
        self._key: Ed25519PrivateKey | None = None
        self._key_id: str | None = None
        self._problem: SecretStoreUnavailable | None = None

    @property
    def problem(self) -> SecretStoreUnavailable | None:
        """Why the last :meth:`signing_key` call returned ``None`` (for the clerk's warning)."""
        return self._problem

    def signing_key(self, session: Session) -> Ed25519PrivateKey | None:
        """The counter's private key, or ``None`` when no keyring is usable."""
        with self._lock:
            settings = SettingsRepository(session)
            current_id = settings.get(SIGNING_KEY_SETTING)
            cached = self._key
            if cached is not None and self._key_id == current_id:
                return cached
            try:
                key = self._find_or_make(current_id, cached)
            except SecretStoreUnavailable as error:
                log.warning("receipts will be printed unsigned: %s", error)
                self._problem = error
                return None
            self._record(session, key)
            self._key, self._key_id = key, key_id_of(key)
            self._problem = None
            return key

    def _find_or_make(
        self, current_id: object, cached: Ed25519PrivateKey | None
    ) -> Ed25519PrivateKey:
        problem = self._secrets.problem()
        if problem is not None:
            raise problem
        if isinstance(current_id, str):
            stored = self._load(current_id)
            if stored is not None:
                return stored
            if cached is None:
                log.warning(
                    "the keyring no longer holds receipt signing key %s; making a new one "
                    "(receipts signed with the old key still verify)",
                    current_id,
                )
        if cached is not None:
            # Made earlier in this process, but the transaction that recorded it was rolled
            # back: the keyring has it, so record it again rather than orphan it.
            return cached
        key = Ed25519PrivateKey.generate()
        self._secrets.set(secret_name(key_id_of(key)), _encode_private(key))
        return key

    def _load(self, key_id: str) -> Ed25519PrivateKey | None:
        raw = _decode_b64(self._secrets.get(secret_name(key_id)), 32)
        if raw is None:
            return None
        key = Ed25519PrivateKey.from_private_bytes(raw)
        if key_id_of(key) != key_id:
            log.warning("keyring entry %s holds another key; ignoring it", secret_name(key_id))
            return None
        return key

    def _record(self, session: Session, key: Ed25519PrivateKey) -> None:
        """Make ``key`` the current one in the settings; publish it if it is new."""
        settings = SettingsRepository(session)
        key_id = key_id_of(key)
        known = settings.get(PUBLIC_KEYS_SETTING)
        known = dict(known) if isinstance(known, Mapping) else {}
        if key_id not in known:
            entry = {
                "public_key": base64.b64encode(raw_public_key(key)).decode("ascii"),
                "unit": str(settings.get("counter.unit") or ""),
                "counter": str(settings.get("counter.code") or ""),
                "created_at": self._clock().isoformat(),
            }
            known[key_id] = entry
            settings.set(PUBLIC_KEYS_SETTING, known)
            OutboxRepository(session, self._clock).enqueue(
                PUBLISHED_KIND,
                "receipt_key",
                key_id,
                {"key_id": key_id, "algorithm": "Ed25519", **entry},
            )
        settings.set(SIGNING_KEY_SETTING, key_id)

    def known_keys(self, session: Session) -> KnownReceiptKeys:
        return known_keys_from_setting(SettingsRepository(session).get(PUBLIC_KEYS_SETTING))

    def known_public_keys(self, session: Session) -> dict[str, bytes]:
        """Key id -> raw public key: this counter's keys and those central publishes."""
        return dict(self.known_keys(session).public_keys)
