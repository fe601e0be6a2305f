"""Where the clerk's signer comes from: settings + keyring, never a passphrase on disk."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.pdf import PdfPage, build_searchable_pdf
from app.capture.signer_config import (
    KIND_SETTING,
    PKCS12_PATH_SETTING,
    ensure_demo_signer,
    load_clerk_signer,
    load_trust_roots,
)
from app.capture.signing import (
    Pkcs12Signer,
    SignatureStatus,
    make_demo_signer_certificate,
    sign_pdf,
    signer_name,
    verify_pdf,
)
from app.config import AppPaths
from app.store.database import Store, open_database
from app.store.secrets import SecretStore
from app.store.settings import SettingsRepository
from tests.memory_keyring import MemoryKeyring

CLERK = "Nguyễn Thị Lan"
UNIT = "UBND xã Tân Hòa"


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    opened = open_database(app_paths)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def secrets(keyring_backend: MemoryKeyring) -> SecretStore:
    return SecretStore(keyring_backend)


def test_no_signer_until_one_is_set_up(store: Store, secrets: SecretStore) -> None:
    assert load_clerk_signer(store, secrets) is None
    assert load_trust_roots(store) == []


def test_demo_signer_is_made_once_and_its_passphrase_is_only_in_the_keyring(
    store: Store, secrets: SecretStore, keyring_backend: MemoryKeyring
) -> None:
    made = ensure_demo_signer(store, secrets, CLERK, UNIT)
    assert signer_name(made.certificate) == CLERK
    with store.read_session() as session:
        settings = SettingsRepository(session)
        assert settings.get(KIND_SETTING) == "demo"
        relative = settings.get(PKCS12_PATH_SETTING)
    key_file = store.paths.data_dir / relative
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    (passphrase,) = keyring_backend.secrets.values()
    for file in store.paths.data_dir.rglob("*"):
        if file.is_file():
            assert passphrase.encode() not in file.read_bytes(), file

    again = ensure_demo_signer(store, secrets, CLERK, UNIT)
    assert again.certificate == made.certificate  # reused, not remade
    loaded = load_clerk_signer(store, secrets)
    assert loaded is not None and loaded.certificate == made.certificate

    # signed with it, the app's own trust roots say VALID
    pdf = build_searchable_pdf(
        [PdfPage(np.full((200, 150), 200, np.uint8), 100)],
        title="Hồ sơ",
        archive=True,
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    signed = sign_pdf(pdf, loaded, reason="Số hoá", location=UNIT)
    assert verify_pdf(signed, load_trust_roots(store)).status is SignatureStatus.VALID


def test_another_clerk_gets_a_new_demo_certificate(store: Store, secrets: SecretStore) -> None:
    first = ensure_demo_signer(store, secrets, CLERK, UNIT)
    second = ensure_demo_signer(store, secrets, "Trần Văn Bình", UNIT)
    assert signer_name(second.certificate) == "Trần Văn Bình"
    assert second.certificate != first.certificate
    loaded = load_clerk_signer(store, secrets)
    assert loaded is not None and loaded.certificate == second.certificate


def test_lost_passphrase_or_locked_keyring_says_why(
    store: Store, secrets: SecretStore, keyring_backend: MemoryKeyring
) -> None:
    ensure_demo_signer(store, secrets, CLERK, UNIT)
    keyring_backend.locked = True
    with pytest.raises(CaptureError) as caught:
        load_clerk_signer(store, secrets)
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert "khoá" in caught.value.message_vi
    with pytest.raises(CaptureError):
        ensure_demo_signer(store, secrets, CLERK, UNIT)
    keyring_backend.locked = False
    keyring_backend.secrets.clear()
    with pytest.raises(CaptureError) as caught:
        load_clerk_signer(store, secrets)
    assert "mật khẩu" in caught.value.message_vi


def test_organisation_roots_from_settings_are_trusted(store: Store, tmp_path: Path) -> None:
    data, passphrase = make_demo_signer_certificate("CA test", UNIT, 30)
    root = Pkcs12Signer(data, passphrase).chain[0]
    with store.session() as session:
        SettingsRepository(session).set(
            "signing.trust_roots", [root.public_bytes(Encoding.PEM).decode(), "not a pem"]
        )
    assert load_trust_roots(store) == [root]
