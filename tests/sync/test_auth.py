"""Sign-in against the real central server: tokens in the keyring only, offline sign-in within
its window, refresh, sign-out, locking, and a machine without a secure keyring."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from keyring.backends import fail

from app.config import AppPaths
from app.store.database import Store, open_database
from app.store.models import AuditEntry
from app.store.secrets import SecretStore
from app.store.settings import SettingsRepository
from app.sync.auth import (
    ACCESS_SECRET,
    OFFLINE_DAYS_KEY,
    OFFLINE_USERS_KEY,
    REFRESH_SECRET,
    AuthError,
    AuthPolicy,
    AuthService,
    file_keyring_installed,
)
from app.sync.client import CentralClient
from app.sync.errors import SyncError, SyncErrorKind
from tests.central_fixture import CentralServer
from tests.memory_keyring import MemoryKeyring
from tests.sync.auth_support import (
    CLERK,
    CLERK_PASSWORD,
    Central,
    ManualClock,
    make_auth,
)


@pytest.fixture
def central(central_server_module: CentralServer) -> Central:
    """The app's view of central; ``stop()`` makes it unreachable for this test only."""
    return Central(central_server_module.url)


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    opened = open_database(app_paths)
    yield opened
    opened.close()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def auth(
    store: Store, keyring_backend: MemoryKeyring, central: Central, clock: ManualClock
) -> AuthService:
    return make_auth(store, SecretStore(keyring_backend), central, clock)


def _database_bytes(store: Store) -> bytes:
    """The database file and its write-ahead log, as a thief copying the folder gets them."""
    database = store.paths.database
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _offline_users(store: Store) -> dict[str, object]:
    with store.read_session() as session:
        value = SettingsRepository(session).get(OFFLINE_USERS_KEY, {})
    assert isinstance(value, dict)
    return value


def _stored_token(keyring_backend: MemoryKeyring, name: str) -> str:
    return json.loads(keyring_backend.secrets[("motcua-desk", name)])["token"]


def test_online_sign_in_keeps_the_tokens_in_the_keyring_and_nowhere_else(
    auth: AuthService,
    store: Store,
    keyring_backend: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    outcome = auth.sign_in(CLERK, CLERK_PASSWORD)

    assert outcome.user.online and not outcome.offline
    assert outcome.user.username == CLERK
    assert auth.has_role("clerk") and not auth.has_role("admin")
    assert outcome.notice_vi is None
    access = _stored_token(keyring_backend, ACCESS_SECRET)
    refresh = _stored_token(keyring_backend, REFRESH_SECRET)
    assert auth.access_token() == access

    on_disk = _database_bytes(store)
    for secret in (access, refresh, CLERK_PASSWORD):
        assert secret.encode() not in on_disk
        assert secret not in caplog.text
    # The offline verifier is there, with the roles and the KDF's parameters.
    verifier = _offline_users(store)[CLERK]
    assert isinstance(verifier, dict)
    assert verifier["kdf"] == {"name": "scrypt", "n": 2**14, "r": 8, "p": 1}
    assert "clerk" in verifier["roles"]
    with store.read_session() as session:
        actions = [entry.action for entry in session.query(AuditEntry).all()]
    assert "auth.signed_in" in actions


def test_offline_sign_in_works_within_the_window_and_is_refused_after_it(
    auth: AuthService, central: Central, clock: ManualClock, keyring_backend: MemoryKeyring
) -> None:
    online = auth.sign_in(CLERK, CLERK_PASSWORD)
    central.stop()
    clock.advance(days=6, hours=23)

    offline = auth.sign_in(CLERK, CLERK_PASSWORD)

    assert offline.offline and not offline.user.online
    assert offline.user.roles == online.user.roles
    assert offline.offline_valid_until == online.user.signed_in_at + timedelta(days=7)
    # The stored refresh token came back with the offline sign-in: once central answers
    # again, sync gets a token without the clerk signing in again.
    with pytest.raises(SyncError) as down:
        auth.access_token()
    assert down.value.kind is SyncErrorKind.OFFLINE
    central.start()
    assert auth.access_token() == _stored_token(keyring_backend, ACCESS_SECRET)
    user = auth.current_user
    assert user is not None and user.online
    central.stop()

    with pytest.raises(AuthError) as wrong:
        auth.sign_in(CLERK, "not-the-password")
    assert wrong.value.code == "bad_credentials"

    clock.advance(hours=2)
    with pytest.raises(AuthError) as expired:
        auth.sign_in(CLERK, CLERK_PASSWORD)
    assert expired.value.code == "offline_expired"
    assert expired.value.message_vi == (
        "Đã quá 7 ngày kể từ lần đăng nhập trực tuyến gần nhất; hãy kết nối mạng để đăng nhập."
    )

    # Back online, the window starts again.
    central.start()
    assert auth.sign_in(CLERK, CLERK_PASSWORD).user.online


def test_the_offline_window_is_a_setting(
    store: Store, keyring_backend: MemoryKeyring, central: Central, clock: ManualClock
) -> None:
    with store.session() as session:
        SettingsRepository(session).set(OFFLINE_DAYS_KEY, 2)
    auth = make_auth(store, SecretStore(keyring_backend), central, clock)
    assert auth.policy.offline_days == 2
    auth.sign_in(CLERK, CLERK_PASSWORD)
    central.stop()
    clock.advance(days=2, minutes=1)
    with pytest.raises(AuthError) as expired:
        auth.sign_in(CLERK, CLERK_PASSWORD)
    assert expired.value.message_vi.startswith("Đã quá 2 ngày")


def test_a_wrong_password_online_is_refused_and_not_cached(
    auth: AuthService, store: Store, keyring_backend: MemoryKeyring, central: Central
) -> None:
    with pytest.raises(AuthError) as refused:
        auth.sign_in(CLERK, "guessing")
    assert refused.value.code == "bad_credentials"
    assert refused.value.message_vi == "Sai tên đăng nhập hoặc mật khẩu."
    assert auth.current_user is None
    assert keyring_backend.secrets == {}
    assert _offline_users(store) == {}

    # Once a verifier exists, a refused password still never falls back to it.
    auth.sign_in(CLERK, CLERK_PASSWORD)
    auth.sign_out()
    with pytest.raises(AuthError) as again:
        auth.sign_in(CLERK, "guessing")
    assert again.value.code == "bad_credentials"
    assert auth.current_user is None

    # Nothing of the wrong password was kept: offline, it is refused too.
    central.stop()
    with pytest.raises(AuthError) as offline:
        auth.sign_in(CLERK, "guessing")
    assert offline.value.code == "bad_credentials"


def test_a_user_never_signed_in_here_cannot_sign_in_offline(
    auth: AuthService, central: Central
) -> None:
    central.stop()
    with pytest.raises(AuthError) as unknown:
        auth.sign_in(CLERK, CLERK_PASSWORD)
    assert unknown.value.code == "offline_unknown_user"
    assert "chưa từng đăng nhập trực tuyến" in unknown.value.message_vi


def test_an_expired_access_token_is_refreshed_and_the_old_refresh_token_is_spent(
    auth: AuthService, central: Central, clock: ManualClock, keyring_backend: MemoryKeyring
) -> None:
    auth.sign_in(CLERK, CLERK_PASSWORD)
    first_access = auth.access_token()
    first_refresh = _stored_token(keyring_backend, REFRESH_SECRET)
    assert auth.access_token() == first_access  # still valid: no refresh

    clock.advance(days=1)
    fresh = auth.access_token()

    assert fresh != first_access
    assert _stored_token(keyring_backend, ACCESS_SECRET) == fresh
    assert _stored_token(keyring_backend, REFRESH_SECRET) != first_refresh
    with pytest.raises(SyncError) as spent:
        CentralClient(central.url, token_provider=lambda: None, max_attempts=1).refresh(
            first_refresh
        )
    assert spent.value.kind is SyncErrorKind.AUTH


def test_a_refused_refresh_asks_for_an_online_sign_in_but_keeps_the_user(
    auth: AuthService, central: Central, clock: ManualClock, keyring_backend: MemoryKeyring
) -> None:
    auth.sign_in(CLERK, CLERK_PASSWORD)
    token = auth.access_token()
    # The pair is revoked behind the app's back (an administrator, another copy of the app).
    CentralClient(central.url, token_provider=lambda: token, max_attempts=1).sign_out()
    clock.advance(days=1)

    with pytest.raises(AuthError) as required:
        auth.access_token()

    assert required.value.code == "sign_in_required"
    assert auth.needs_online_sign_in
    user = auth.current_user
    assert user is not None and user.username == CLERK and not user.online
    assert keyring_backend.secrets == {}
    assert auth.token_or_none() is None
    # Signing in online again clears it.
    auth.sign_in(CLERK, CLERK_PASSWORD)
    assert not auth.needs_online_sign_in
    assert auth.token_or_none() is not None


def test_a_refresh_while_central_is_down_is_an_offline_error_not_a_sign_out(
    auth: AuthService, central: Central, clock: ManualClock
) -> None:
    auth.sign_in(CLERK, CLERK_PASSWORD)
    central.stop()
    clock.advance(days=1)
    with pytest.raises(SyncError) as down:
        auth.access_token()
    assert down.value.kind is SyncErrorKind.OFFLINE
    assert not auth.needs_online_sign_in
    central.start()
    assert auth.access_token()


def test_sign_out_revokes_on_central_and_forgets_the_tokens(
    auth: AuthService, store: Store, keyring_backend: MemoryKeyring, central: Central
) -> None:
    auth.sign_in(CLERK, CLERK_PASSWORD)
    refresh = _stored_token(keyring_backend, REFRESH_SECRET)

    auth.sign_out()

    assert auth.current_user is None
    assert keyring_backend.secrets == {}
    assert CLERK in _offline_users(store)  # offline sign-in stays possible
    with pytest.raises(SyncError) as revoked:
        CentralClient(central.url, token_provider=lambda: None, max_attempts=1).refresh(refresh)
    assert revoked.value.kind is SyncErrorKind.AUTH


def test_lock_and_unlock_with_the_password_even_offline(
    auth: AuthService, central: Central
) -> None:
    auth.sign_in(CLERK, CLERK_PASSWORD)
    central.stop()
    auth.lock()
    assert auth.locked
    assert not auth.unlock("not-the-password")
    assert auth.locked
    assert auth.unlock(CLERK_PASSWORD)
    assert not auth.locked


def test_without_a_secure_keyring_sign_in_works_but_nothing_is_kept(
    store: Store, central: Central, clock: ManualClock
) -> None:
    auth = make_auth(store, SecretStore(fail.Keyring()), central, clock)

    outcome = auth.sign_in(CLERK, CLERK_PASSWORD)

    assert outcome.user.online
    assert outcome.notice_vi is not None
    assert "Chỉ đăng nhập cho phiên làm việc này" in outcome.notice_vi
    assert "kho bí mật" in outcome.notice_vi
    token = auth.access_token()  # held in memory for this session
    assert token.encode() not in _database_bytes(store)
    assert _offline_users(store) == {}
    assert auth.offline_valid_until() is None
    # So offline, this user cannot sign in: nothing password-derived was kept.
    central.stop()
    with pytest.raises(AuthError) as unknown:
        make_auth(store, SecretStore(fail.Keyring()), central, clock).sign_in(CLERK, CLERK_PASSWORD)
    assert unknown.value.code == "offline_unknown_user"


@pytest.mark.skipif(file_keyring_installed(), reason="keyrings.alt is installed here")
def test_an_allowed_file_keyring_that_is_not_installed_is_named(
    store: Store, central: Central, clock: ManualClock
) -> None:
    policy = AuthPolicy(allow_file_keyring=True)
    auth = make_auth(
        store, SecretStore(fail.Keyring(), allow_insecure=True), central, clock, policy
    )
    outcome = auth.sign_in(CLERK, CLERK_PASSWORD)
    assert outcome.notice_vi is not None and "keyrings.alt" in outcome.notice_vi
    assert _offline_users(store) == {}
