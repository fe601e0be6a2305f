"""The counter's signing key: keyring only, public key recorded and published, offline verify."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime

import keyring.errors
import pytest
from keyring.backends import fail

from app.config import AppPaths
from app.domain.receipt_qr import (
    ReceiptClaims,
    VerdictStatus,
    key_id_of,
    raw_public_key,
    sign_receipt,
    verify_receipt_qr,
)
from app.store.database import Store
from app.store.outbox import OutboxRepository
from app.store.receipt_keys import (
    PUBLIC_KEYS_SETTING,
    PUBLISHED_KIND,
    SIGNING_KEY_SETTING,
    ReceiptKeys,
    read_known_keys,
    secret_name,
)
from app.store.secrets import SERVICE, SecretStore, SecretStoreUnavailable
from app.store.settings import SettingsRepository
from tests.memory_keyring import MemoryKeyring, installed_keyring

LOOKUP = "https://tra-cuu.example.org/ho-so"
CLAIMS = ReceiptClaims("000.00.53.H48-260302-0001", "1.001193", "001199012345", 3, "ab" * 8)
NOW = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def counter_store(store: Store) -> Store:
    with store.session() as session:
        settings = SettingsRepository(session)
        settings.set("counter.unit", "TT")
        settings.set("counter.code", "Q01")
    return store


def _keys() -> ReceiptKeys:
    return ReceiptKeys(SecretStore(), clock=lambda: NOW)


def _files_containing(paths: AppPaths, needle: bytes) -> list[str]:
    return [
        str(path)
        for path in paths.data_dir.rglob("*")
        if path.is_file() and needle in path.read_bytes()
    ]


def test_first_use_makes_a_key_kept_in_the_keyring_only(
    counter_store: Store, memory_keyring: MemoryKeyring, app_paths: AppPaths
) -> None:
    keys = _keys()
    with counter_store.session() as session:
        key = keys.signing_key(session)
    assert key is not None
    key_id = key_id_of(key)
    stored = memory_keyring.secrets[(SERVICE, secret_name(key_id))]
    private = base64.b64decode(stored)
    assert len(private) == 32
    counter_store.close()  # flush the WAL into the file before looking at the bytes
    for needle in (private, stored.encode()):
        assert _files_containing(app_paths, needle) == []


def test_the_public_key_is_recorded_and_queued_for_central(
    counter_store: Store, memory_keyring: MemoryKeyring
) -> None:
    with counter_store.session() as session:
        key = _keys().signing_key(session)
    assert key is not None
    key_id = key_id_of(key)
    with counter_store.read_session() as session:
        settings = SettingsRepository(session)
        entry = settings.get(PUBLIC_KEYS_SETTING)[key_id]
        assert settings.get(SIGNING_KEY_SETTING) == key_id
        outbox = OutboxRepository(session).next_batch()
    assert base64.b64decode(entry["public_key"]) == raw_public_key(key)
    assert (entry["unit"], entry["counter"]) == ("TT", "Q01")
    assert entry["created_at"] == NOW.isoformat()
    published = [item for item in outbox if item.kind == PUBLISHED_KIND]
    assert len(published) == 1 and published[0].entity_id == key_id
    payload = json.loads(published[0].payload)
    assert payload["public_key"] == entry["public_key"]
    assert payload["algorithm"] == "Ed25519"
    assert "private" not in published[0].payload


def test_a_receipt_signed_at_the_counter_verifies_offline_from_the_store(
    counter_store: Store, memory_keyring: MemoryKeyring
) -> None:
    keys = _keys()
    with counter_store.session() as session:
        key = keys.signing_key(session)
    text = sign_receipt(CLAIMS, LOOKUP, key)
    known = read_known_keys(counter_store)
    verdict = verify_receipt_qr(text, known.public_keys, known.signers)
    assert verdict.status is VerdictStatus.GENUINE
    assert verdict.message_vi.endswith("ký bởi quầy Q01 · TT")
    altered = text.replace("&n=3&", "&n=4&")
    assert verify_receipt_qr(altered, known.public_keys).status is VerdictStatus.ALTERED


def test_the_key_is_cached_and_reloaded_after_a_restart(
    counter_store: Store, memory_keyring: MemoryKeyring
) -> None:
    keys = _keys()
    with counter_store.session() as session:
        first = keys.signing_key(session)
    reads = memory_keyring.reads
    with counter_store.session() as session:
        again = keys.signing_key(session)
    assert again is first
    assert memory_keyring.reads == reads  # no keyring round trip on the hot path
    with counter_store.session() as session:
        after_restart = _keys().signing_key(session)
    assert after_restart is not None and first is not None
    assert key_id_of(after_restart) == key_id_of(first)
    with counter_store.read_session() as session:
        kinds = [item.kind for item in OutboxRepository(session).next_batch()]
    assert kinds.count(PUBLISHED_KIND) == 1


def test_a_key_lost_from_the_keyring_is_replaced_and_old_receipts_still_verify(
    counter_store: Store, memory_keyring: MemoryKeyring
) -> None:
    with counter_store.session() as session:
        old_key = _keys().signing_key(session)
    assert old_key is not None
    old_receipt = sign_receipt(CLAIMS, LOOKUP, old_key)
    memory_keyring.secrets.clear()  # a reinstalled OS profile, a wiped keyring
    with counter_store.session() as session:
        new_key = _keys().signing_key(session)
    assert new_key is not None and key_id_of(new_key) != key_id_of(old_key)
    known = read_known_keys(counter_store)
    assert set(known.public_keys) == {key_id_of(old_key), key_id_of(new_key)}
    assert verify_receipt_qr(old_receipt, known.public_keys).genuine
    assert verify_receipt_qr(sign_receipt(CLAIMS, LOOKUP, new_key), known.public_keys).genuine
    with counter_store.read_session() as session:
        assert SettingsRepository(session).get(SIGNING_KEY_SETTING) == key_id_of(new_key)


def test_a_key_made_in_a_rolled_back_transaction_is_recorded_on_the_next_call(
    counter_store: Store, memory_keyring: MemoryKeyring
) -> None:
    keys = _keys()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), counter_store.session() as session:
        made = keys.signing_key(session)
        raise Abort
    assert made is not None
    receipt = sign_receipt(CLAIMS, LOOKUP, made)  # e.g. printed before the rollback
    with counter_store.session() as session:
        again = keys.signing_key(session)
    assert again is not None and key_id_of(again) == key_id_of(made)
    known = read_known_keys(counter_store)
    assert verify_receipt_qr(receipt, known.public_keys).genuine
    assert len(memory_keyring.secrets) == 1  # no orphan second key


def test_without_a_keyring_no_key_is_made_and_the_reason_is_given(counter_store: Store) -> None:
    with installed_keyring(fail.Keyring()):
        keys = _keys()
        with counter_store.session() as session:
            assert keys.signing_key(session) is None
    assert keys.problem is not None
    assert "gnome-keyring" in keys.problem.message_vi
    with counter_store.read_session() as session:
        assert SettingsRepository(session).get(PUBLIC_KEYS_SETTING) is None
        assert OutboxRepository(session).pending_count() == 0
    text = sign_receipt(CLAIMS, LOOKUP, None)
    assert verify_receipt_qr(text, {}).status is VerdictStatus.UNSIGNED


def test_a_locked_keyring_gives_an_unsigned_receipt_then_recovers(
    counter_store: Store, memory_keyring: MemoryKeyring
) -> None:
    keys = _keys()
    memory_keyring.locked = True
    with counter_store.session() as session:
        assert keys.signing_key(session) is None
    assert keys.problem is not None and "bị khoá" in keys.problem.message_vi
    memory_keyring.locked = False
    with counter_store.session() as session:
        assert keys.signing_key(session) is not None
    assert keys.problem is None


def test_central_published_keys_are_trusted_and_mislabelled_ones_are_not(
    counter_store: Store,
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate()
    impostor = Ed25519PrivateKey.generate()
    other_id = key_id_of(other)

    def entry(key: Ed25519PrivateKey, counter: str) -> dict[str, str]:
        public = base64.b64encode(raw_public_key(key)).decode()
        return {"public_key": public, "unit": "CN-BADINH", "counter": counter, "created_at": ""}

    with counter_store.session() as session:
        SettingsRepository(session).set(
            PUBLIC_KEYS_SETTING,
            {
                other_id: entry(other, "Q07"),
                "0000beef": entry(impostor, "Q99"),
                "broken": {"public_key": "not base64!"},
            },
        )
    with counter_store.read_session() as session:
        public_keys = ReceiptKeys(SecretStore()).known_public_keys(session)
    assert public_keys == {other_id: raw_public_key(other)}
    known = read_known_keys(counter_store)
    verdict = verify_receipt_qr(
        sign_receipt(CLAIMS, LOOKUP, other), known.public_keys, known.signers
    )
    assert verdict.genuine and verdict.signer == "Q07 · CN-BADINH"
    forged = sign_receipt(CLAIMS, LOOKUP, impostor).replace(key_id_of(impostor), "0000beef")
    assert not verify_receipt_qr(forged, known.public_keys).genuine


# --- the secret store itself ----------------------------------------------------------------


def test_secret_store_round_trip(memory_keyring: MemoryKeyring) -> None:
    secrets = SecretStore()
    assert secrets.available() and secrets.problem() is None
    assert secrets.get("token") is None
    secrets.set("token", "s3cret")
    assert memory_keyring.secrets[("motcua-desk", "token")] == "s3cret"
    assert secrets.get("token") == "s3cret"
    assert secrets.delete("token") is True
    assert secrets.delete("token") is False
    assert secrets.get("token") is None


def test_secret_store_without_a_backend_says_what_to_install() -> None:
    secrets = SecretStore(fail.Keyring())
    assert not secrets.available()
    with pytest.raises(SecretStoreUnavailable) as caught:
        secrets.get("token")
    assert "gnome-keyring" in caught.value.message_vi
    with pytest.raises(SecretStoreUnavailable):
        secrets.set("token", "x")


def test_secret_store_refuses_a_plain_file_backend_unless_allowed() -> None:
    class PlaintextKeyring(MemoryKeyring):
        """Stands for keyrings.alt's file backend."""

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    plain = PlaintextKeyring()
    refused = SecretStore(plain)
    assert not refused.available()
    problem = refused.problem()
    assert problem is not None and "không mã hoá" in problem.message_vi
    allowed = SecretStore(plain, allow_insecure=True)
    allowed.set("token", "x")
    assert allowed.get("token") == "x"


def test_secret_store_translates_keyring_errors() -> None:
    class Broken(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.InitError("dbus went away")

    with pytest.raises(SecretStoreUnavailable) as caught:
        SecretStore(Broken()).get("token")
    assert "InitError" in caught.value.message_vi
    assert isinstance(caught.value.__cause__, keyring.errors.InitError)
