"""Who is signed in: online against central, offline against a local verifier, and locking.

Online first. A sign-in central answers gives a token pair; the tokens go to the OS keyring
through :class:`~app.store.secrets.SecretStore` and nowhere else (not the database, the settings,
the logs, nor any exception's text). Beside them, an *offline verifier* is written to the local
store (setting ``auth.offline_users``): an scrypt hash of the password (n=2**14, r=8, p=1, a
fresh 16-byte salt; the parameters are stored with it so they can be raised later) with the
user's roles, unit and name, and when the user last signed in online. When central cannot be
reached, the same password is checked against that verifier, for ``auth.offline_days`` (default
7) after the last online sign-in: counters keep receiving when the line drops, but an account
disabled on central stops working within a bounded time. A password central *refuses* never
falls back to the verifier (a refusal is an answer, not an outage), and a verifier that still
matches a refused password is dropped: the password was changed on central.

Keyring policy. On a machine without a secure keyring (headless Linux, a bare container) the
only backends left keep secrets in plain files, or fail. There, sign-in still works for the
session (tokens held in memory only) but *nothing* is persisted, neither tokens nor the
verifier (which is password-derived and would let anyone holding the database file guess the
password offline), and the outcome carries a plain Vietnamese message saying so. An
administrator who accepts plain files sets ``auth.allow_file_keyring`` to true; then
``keyrings.alt``'s file backend is used (:func:`make_secret_store`) and, if that package is
not installed, the message says that too. Refusing by default and relenting only by a
visible, deliberate setting is the choice of maestral's ``keyring.py``.

Thread safety: the sign-in dialog calls :meth:`AuthService.sign_in` on a worker thread and the
sync engine calls :meth:`AuthService.access_token` on its own; one lock guards the state and
refreshes are serialised (central spends a refresh token on first use, so two concurrent
refreshes would sign the user out).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib.util
import json
import logging
import secrets as pysecrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from keyring.backend import KeyringBackend

from app.domain.clock import to_office_time
from app.domain.text import nfc
from app.store.audit import AuditLog
from app.store.counter import COUNTER_CODE_KEY
from app.store.database import Store
from app.store.secrets import SecretStore, SecretStoreUnavailable
from app.store.settings import SettingsRepository
from app.store.types import utcnow
from app.sync.errors import SyncError, SyncErrorKind

log = logging.getLogger(__name__)

OFFLINE_USERS_KEY = "auth.offline_users"
OFFLINE_DAYS_KEY = "auth.offline_days"
LOCK_AFTER_MINUTES_KEY = "auth.lock_after_minutes"
ALLOW_FILE_KEYRING_KEY = "auth.allow_file_keyring"

ACCESS_SECRET = "auth.access_token"
REFRESH_SECRET = "auth.refresh_token"

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32

REFRESH_MARGIN = timedelta(seconds=30)
"""Refresh this long before the access token expires, so a call never leaves with a token
that expires on the way."""

CLOCK_TOLERANCE = timedelta(minutes=10)
"""How far behind the last online sign-in the local clock may be before an offline sign-in is
refused: a clock turned back must not stretch the offline window."""

FALLBACK_KINDS = frozenset({SyncErrorKind.OFFLINE, SyncErrorKind.SERVER_ERROR, SyncErrorKind.TLS})
"""Sync error kinds meaning central did not answer about the credentials: offline sign-in is
then safe (it trusts nothing from the network). ``auth``, ``forbidden`` and ``refused`` are
answers and never fall back."""

Clock = Callable[[], datetime]


class AuthError(Exception):
    """A sign-in the user (or IT staff) can do something about; ``code`` is stable."""

    def __init__(self, code: str, message: str, message_vi: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_vi = message_vi


def _bad_credentials() -> AuthError:
    return AuthError(
        "bad_credentials",
        "Wrong username or password",
        "Sai tên đăng nhập hoặc mật khẩu.",
    )


# --- What the central client gives (app/sync/client.py fits structurally) -------------------


class RemoteUser(Protocol):
    @property
    def username(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def roles(self) -> Sequence[str]: ...
    @property
    def unit_code(self) -> str | None: ...
    @property
    def counter_code(self) -> str | None: ...


class TokenGrant(Protocol):
    @property
    def access_token(self) -> str: ...
    @property
    def refresh_token(self) -> str: ...
    @property
    def expires_in(self) -> int: ...
    @property
    def user(self) -> RemoteUser: ...


class AuthApi(Protocol):
    """The three calls of central's ``/auth`` this service needs."""

    def sign_in(self, username: str, password: str, counter_code: str | None) -> TokenGrant: ...
    def refresh(self, refresh_token: str) -> TokenGrant: ...
    def sign_out(self) -> None: ...


ApiFactory = Callable[[Callable[[], str | None]], AuthApi]
"""Builds a client whose calls authenticate with the token the given callable returns (the
service passes its *current* access token, without refreshing, so sign-out revokes exactly the
pair this session holds)."""


# --- Policy ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthPolicy:
    offline_days: int = 7
    lock_after_minutes: int = 10
    allow_file_keyring: bool = False

    @classmethod
    def from_store(cls, store: Store) -> AuthPolicy:
        """Read the ``auth.*`` settings; a missing or malformed one keeps its default."""
        with store.read_session() as session:
            settings = SettingsRepository(session)
            days = settings.get(OFFLINE_DAYS_KEY)
            minutes = settings.get(LOCK_AFTER_MINUTES_KEY)
            allow = settings.get(ALLOW_FILE_KEYRING_KEY)
        default = cls()
        return cls(
            offline_days=days if _positive_int(days) else default.offline_days,
            lock_after_minutes=minutes if _positive_int(minutes) else default.lock_after_minutes,
            allow_file_keyring=allow is True,
        )


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def file_keyring_installed() -> bool:
    """Whether ``keyrings.alt`` (its file backend) can be imported."""
    try:
        return importlib.util.find_spec("keyrings.alt") is not None
    except ModuleNotFoundError:  # the parent package ``keyrings`` is absent too
        return False


def make_secret_store(policy: AuthPolicy, backend: KeyringBackend | None = None) -> SecretStore:
    """The secret store sign-in should use under ``policy``.

    Without ``allow_file_keyring`` this is the plain :class:`SecretStore` (plain-file backends
    count as unavailable). With it, plain files are accepted, and when keyring found nothing
    usable but ``keyrings.alt`` is installed, its file backend is chosen explicitly.
    """
    if not policy.allow_file_keyring:
        return SecretStore(backend)
    store = SecretStore(backend, allow_insecure=True)
    if store.problem() is not None and backend is None and file_keyring_installed():
        from keyrings.alt.file import PlaintextKeyring  # type: ignore[import-not-found]

        return SecretStore(PlaintextKeyring(), allow_insecure=True)
    return store


# --- What the service reports ----------------------------------------------------------------


@dataclass(frozen=True)
class CurrentUser:
    username: str
    full_name: str
    roles: tuple[str, ...]
    unit_code: str | None
    counter_code: str | None
    online: bool
    """Whether central confirmed this user in this session (sign-in or refresh)."""
    signed_in_at: datetime


@dataclass(frozen=True)
class SignInOutcome:
    user: CurrentUser
    offline_valid_until: datetime | None = None
    """For an offline sign-in: until when (UTC) offline sign-in stays possible."""
    offline_reason_vi: str | None = None
    """For an offline sign-in: why central was not reached, in Vietnamese."""
    notice: str | None = None
    notice_vi: str | None = None
    """Set when nothing of this sign-in could be kept (no secure keyring): say it plainly."""

    @property
    def offline(self) -> bool:
        return not self.user.online


# --- The offline verifier --------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # NFC: the same Vietnamese password typed through two input methods must match.
    return hashlib.scrypt(
        nfc(password).encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=length,
        maxmem=256 * n * r + 2**20,
    )


@dataclass(frozen=True)
class Verifier:
    """A slow-KDF hash of a password and what the user may do, as kept in the settings."""

    username: str
    full_name: str
    roles: tuple[str, ...]
    unit_code: str | None
    counter_code: str | None
    last_online_at: datetime
    salt: bytes
    digest: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def create(cls, password: str, user: RemoteUser, now: datetime) -> Verifier:
        salt = pysecrets.token_bytes(SALT_BYTES)
        return cls(
            username=user.username,
            full_name=user.full_name,
            roles=tuple(user.roles),
            unit_code=user.unit_code,
            counter_code=user.counter_code,
            last_online_at=now,
            salt=salt,
            digest=_derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES),
        )

    def matches(self, password: str) -> bool:
        candidate = _derive(password, self.salt, self.n, self.r, self.p, len(self.digest))
        return hmac.compare_digest(candidate, self.digest)

    def to_json(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "roles": list(self.roles),
            "unit_code": self.unit_code,
            "counter_code": self.counter_code,
            "last_online_at": self.last_online_at.isoformat(),
            "kdf": {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p},
            "salt": _b64(self.salt),
            "hash": _b64(self.digest),
        }

    @classmethod
    def from_json(cls, value: object) -> Verifier | None:
        """``None`` for anything malformed: a damaged record only disables offline sign-in."""
        try:
            assert isinstance(value, dict)
            kdf = value["kdf"]
            assert kdf["name"] == "scrypt"
            moment = datetime.fromisoformat(value["last_online_at"])
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            unit = value.get("unit_code")
            counter = value.get("counter_code")
            return cls(
                username=str(value["username"]),
                full_name=str(value["full_name"]),
                roles=tuple(str(role) for role in value["roles"]),
                unit_code=None if unit is None else str(unit),
                counter_code=None if counter is None else str(counter),
                last_online_at=moment,
                salt=base64.b64decode(value["salt"], validate=True),
                digest=base64.b64decode(value["hash"], validate=True),
                n=int(kdf["n"]),
                r=int(kdf["r"]),
                p=int(kdf["p"]),
            )
        except (AssertionError, KeyError, TypeError, ValueError):
            return None


def _user_key(username: str) -> str:
    return nfc(username).strip().casefold()


# --- Tokens ------------------------------------------------------------------------------------


@dataclass
class _Tokens:
    username: str
    access_token: str
    refresh_token: str
    expires_at: datetime

    def access_json(self) -> str:
        return json.dumps(
            {
                "username": self.username,
                "token": self.access_token,
                "expires_at": self.expires_at.isoformat(),
            }
        )

    def refresh_json(self) -> str:
        return json.dumps({"username": self.username, "token": self.refresh_token})

    @classmethod
    def parse(cls, access: str | None, refresh: str | None) -> _Tokens | None:
        if access is None or refresh is None:
            return None
        try:
            a = json.loads(access)
            r = json.loads(refresh)
            if a["username"] != r["username"]:
                return None
            return cls(
                username=str(a["username"]),
                access_token=str(a["token"]),
                refresh_token=str(r["token"]),
                expires_at=datetime.fromisoformat(a["expires_at"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


@dataclass
class _Session:
    user: CurrentUser
    verifier: Verifier
    """Kept in memory for :meth:`AuthService.unlock`, also when it could not be persisted."""
    tokens: _Tokens | None
    locked: bool = False
    needs_online_sign_in: bool = False
    persisted: bool = field(default=True)


# --- The service -------------------------------------------------------------------------------


class AuthService:
    """Sign-in, the current user, tokens for the sync engine, lock and unlock."""

    def __init__(
        self,
        database: Store,
        secrets: SecretStore,
        api_factory: ApiFactory,
        clock: Clock = utcnow,
        policy: AuthPolicy | None = None,
    ) -> None:
        self._store = database
        self._secrets = secrets
        self._api_factory = api_factory
        self._clock = clock
        self._policy = policy if policy is not None else AuthPolicy.from_store(database)
        self._lock = threading.RLock()
        self._refresh_lock = threading.Lock()
        self._session: _Session | None = None

    @property
    def policy(self) -> AuthPolicy:
        return self._policy

    # -- keyring --

    def keyring_problem(self) -> SecretStoreUnavailable | None:
        """Why tokens cannot be kept on this machine, ``None`` when they can."""
        problem = self._secrets.problem()
        if problem is None or not self._policy.allow_file_keyring or file_keyring_installed():
            return problem
        return SecretStoreUnavailable(
            f"{problem.reason}; the administrator allowed a file-based keyring, but the "
            "keyrings.alt package is not installed (pip install keyrings.alt)",
            f"{problem.reason_vi}; quản trị viên đã cho phép lưu bí mật trong tệp nhưng máy "
            "chưa cài gói keyrings.alt (pip install keyrings.alt)",
        )

    def _not_persisted_notice(self, problem: SecretStoreUnavailable) -> tuple[str, str]:
        return (
            f"Signed in for this session only: {problem.message}. Nothing of this sign-in is "
            "kept (no tokens, no offline sign-in); ask IT staff to set up the keyring.",
            f"Chỉ đăng nhập cho phiên làm việc này: {problem.message_vi}. Máy sẽ không lưu gì "
            "về lần đăng nhập này (không lưu mã truy cập, không đăng nhập được khi mất mạng); "
            "hãy nhờ bộ phận CNTT cài đặt kho bí mật.",
        )

    def _save_tokens(self, tokens: _Tokens) -> None:
        self._secrets.set(ACCESS_SECRET, tokens.access_json())
        self._secrets.set(REFRESH_SECRET, tokens.refresh_json())

    def _load_tokens(self, username: str) -> _Tokens | None:
        if self._secrets.problem() is not None:
            return None
        try:
            tokens = _Tokens.parse(
                self._secrets.get(ACCESS_SECRET), self._secrets.get(REFRESH_SECRET)
            )
        except SecretStoreUnavailable as error:
            log.warning("tokens not read from the keyring: %s", error.reason)
            return None
        if tokens is None or _user_key(tokens.username) != _user_key(username):
            return None
        return tokens

    def _forget_tokens(self) -> None:
        if self._secrets.problem() is not None:
            return
        try:
            self._secrets.delete(ACCESS_SECRET)
            self._secrets.delete(REFRESH_SECRET)
        except SecretStoreUnavailable as error:
            log.warning("tokens not removed from the keyring: %s", error.reason)

    # -- verifiers --

    def _verifiers(self) -> dict[str, Any]:
        with self._store.read_session() as session:
            value = SettingsRepository(session).get(OFFLINE_USERS_KEY, {})
        return value if isinstance(value, dict) else {}

    def _verifier(self, username: str) -> Verifier | None:
        return Verifier.from_json(self._verifiers().get(_user_key(username)))

    def _write_verifier(self, key: str, verifier: Verifier | None) -> None:
        with self._store.session() as session:
            settings = SettingsRepository(session)
            users = settings.get(OFFLINE_USERS_KEY, {})
            if not isinstance(users, dict):
                users = {}
            if verifier is None:
                if key not in users:
                    return
                users.pop(key)
            else:
                users[key] = verifier.to_json()
            settings.set(OFFLINE_USERS_KEY, users)

    def _audit(self, username: str, action: str, details: dict[str, Any]) -> None:
        now = self._clock()
        with self._store.session() as session:
            AuditLog(clock=lambda: now).append(session, username, action, "user", username, details)

    def _counter_code(self) -> str | None:
        with self._store.read_session() as session:
            value = SettingsRepository(session).get(COUNTER_CODE_KEY)
        return value if isinstance(value, str) and value else None

    # -- sign-in --

    def sign_in(self, username: str, password: str) -> SignInOutcome:
        """Online against central; offline against the verifier only when central is out of
        reach. Raises :class:`AuthError` (Vietnamese message) when refused."""
        username = nfc(username).strip()
        if not username or not password:
            raise AuthError(
                "missing_fields",
                "Enter the username and the password",
                "Hãy nhập tên đăng nhập và mật khẩu.",
            )
        api = self._api_factory(self._current_access_token)
        try:
            grant = api.sign_in(username, password, self._counter_code())
        except SyncError as error:
            if error.kind is SyncErrorKind.AUTH:
                self._drop_stale_verifier(username, password)
                raise _bad_credentials() from None
            if error.kind is SyncErrorKind.FORBIDDEN:
                raise self._forbidden(username, error) from None
            if error.kind not in FALLBACK_KINDS:
                raise
            return self._sign_in_offline(username, password, error)
        return self._signed_in_online(password, grant)

    def _forbidden(self, username: str, error: SyncError) -> AuthError:
        if error.code != "account_disabled":
            return AuthError("forbidden", error.message, error.message_vi)
        # Disabled on central: offline sign-in must stop now, not when the window closes.
        self._write_verifier(_user_key(username), None)
        return AuthError(
            "account_disabled",
            "This account is disabled on the central system",
            "Tài khoản này đã bị khoá trên hệ thống trung tâm; hãy liên hệ quản trị viên.",
        )

    def _signed_in_online(self, password: str, grant: TokenGrant) -> SignInOutcome:
        now = self._clock()
        remote = grant.user
        tokens = _Tokens(
            username=remote.username,
            access_token=grant.access_token,
            refresh_token=grant.refresh_token,
            expires_at=now + timedelta(seconds=grant.expires_in),
        )
        verifier = Verifier.create(password, remote, now)
        user = CurrentUser(
            username=remote.username,
            full_name=remote.full_name,
            roles=tuple(remote.roles),
            unit_code=remote.unit_code,
            counter_code=remote.counter_code,
            online=True,
            signed_in_at=now,
        )
        problem = self.keyring_problem()
        if problem is None:
            try:
                self._save_tokens(tokens)
            except SecretStoreUnavailable as error:
                problem = error
        notice: tuple[str, str] | None = None
        if problem is None:
            self._write_verifier(_user_key(remote.username), verifier)
        else:
            # Nothing kept: no verifier either, so nothing password-derived stays on disk.
            self._write_verifier(_user_key(remote.username), None)
            notice = self._not_persisted_notice(problem)
            log.warning("sign-in kept in memory only: %s", problem.reason)
        with self._lock:
            self._session = _Session(
                user=user, verifier=verifier, tokens=tokens, persisted=problem is None
            )
        self._audit(user.username, "auth.signed_in", {"mode": "online"})
        log.info("signed in online as %s", user.username)
        return SignInOutcome(
            user=user,
            notice=notice[0] if notice else None,
            notice_vi=notice[1] if notice else None,
        )

    def _drop_stale_verifier(self, username: str, password: str) -> None:
        """Central refused a password the verifier accepts: it was changed on central."""
        verifier = self._verifier(username)
        if verifier is not None and verifier.matches(password):
            self._write_verifier(_user_key(username), None)
            log.info("offline verifier of %s dropped: central refused its password", username)

    def _sign_in_offline(self, username: str, password: str, cause: SyncError) -> SignInOutcome:
        reason_vi = cause.message_vi
        verifier = self._verifier(username)
        if verifier is None:
            raise AuthError(
                "offline_unknown_user",
                "The central system cannot be reached and this account has never signed in "
                "online on this computer",
                "Không kết nối được hệ thống trung tâm và tài khoản này chưa từng đăng nhập "
                "trực tuyến trên máy này; hãy kết nối mạng để đăng nhập.",
            ) from None
        now = self._clock()
        days = self._policy.offline_days
        valid_until = verifier.last_online_at + timedelta(days=days)
        if now > valid_until:
            raise AuthError(
                "offline_expired",
                f"More than {days} days since the last online sign-in; connect to the network "
                "to sign in",
                f"Đã quá {days} ngày kể từ lần đăng nhập trực tuyến gần nhất; hãy kết nối mạng "
                "để đăng nhập.",
            ) from None
        if now < verifier.last_online_at - CLOCK_TOLERANCE:
            raise AuthError(
                "clock_behind",
                "This computer's clock is behind the last online sign-in; correct the clock "
                "or connect to the network",
                "Đồng hồ của máy đang chậm hơn lần đăng nhập trực tuyến gần nhất; hãy chỉnh lại "
                "đồng hồ hoặc kết nối mạng để đăng nhập.",
            ) from None
        if not verifier.matches(password):
            self._audit(verifier.username, "auth.sign_in_failed", {"mode": "offline"})
            raise _bad_credentials() from None
        user = CurrentUser(
            username=verifier.username,
            full_name=verifier.full_name,
            roles=verifier.roles,
            unit_code=verifier.unit_code,
            counter_code=verifier.counter_code,
            online=False,
            signed_in_at=now,
        )
        with self._lock:
            self._session = _Session(
                user=user, verifier=verifier, tokens=self._load_tokens(verifier.username)
            )
        self._audit(user.username, "auth.signed_in", {"mode": "offline"})
        log.info("signed in offline as %s (central: %s)", user.username, cause.kind)
        return SignInOutcome(
            user=user, offline_valid_until=valid_until, offline_reason_vi=reason_vi
        )

    # -- the session --

    @property
    def current_user(self) -> CurrentUser | None:
        with self._lock:
            return None if self._session is None else self._session.user

    def has_role(self, role: str) -> bool:
        user = self.current_user
        return user is not None and role in user.roles

    @property
    def needs_online_sign_in(self) -> bool:
        """Central refused the refresh: sync waits until the user signs in online again."""
        with self._lock:
            return self._session is not None and self._session.needs_online_sign_in

    def has_tokens(self) -> bool:
        """Whether sync can talk to central for the signed-in user (no network: an offline
        sign-in has none until the user signs in online)."""
        with self._lock:
            return self._session is not None and self._session.tokens is not None

    def _current_access_token(self) -> str | None:
        with self._lock:
            if self._session is None or self._session.tokens is None:
                return None
            return self._session.tokens.access_token

    def access_token(self) -> str:
        """A valid access token for a call to central, refreshed first when it is expiring.

        Raises :class:`AuthError` ``sign_in_required`` when there is none (or central refused
        the refresh: the user keeps working offline and must sign in online again), and the
        client's :class:`SyncError` when central cannot be reached for the refresh.
        """
        return self._token(force=False)

    def token_or_none(self) -> str | None:
        """:meth:`access_token` for ``CentralClient(token_provider=...)``: ``None`` instead of
        raising when there is no usable token (the client then fails the call with ``auth``)."""
        try:
            return self._token(force=False)
        except AuthError:
            return None

    def refresh_now(self) -> bool:
        """Refresh even though the token looks valid (central answered 401 to it: revoked, or
        the clocks disagree); for ``CentralClient(on_unauthorized=...)``. ``True`` when a new
        token was obtained."""
        try:
            self._token(force=True)
        except (AuthError, SyncError):
            return False
        return True

    def _token(self, force: bool) -> str:
        with self._refresh_lock:
            with self._lock:
                session = self._session
                if session is None or session.tokens is None or session.needs_online_sign_in:
                    raise self._sign_in_required()
                tokens = session.tokens
            if not force and self._clock() < tokens.expires_at - REFRESH_MARGIN:
                return tokens.access_token
            api = self._api_factory(self._current_access_token)
            try:
                grant = api.refresh(tokens.refresh_token)
            except SyncError as error:
                if error.kind not in {SyncErrorKind.AUTH, SyncErrorKind.FORBIDDEN}:
                    raise
                with self._lock:
                    if self._session is session:
                        session.tokens = None
                        session.needs_online_sign_in = True
                        session.user = _replace_online(session.user, False)
                self._forget_tokens()
                log.info("refresh refused by central; %s must sign in online", tokens.username)
                raise self._sign_in_required() from None
            fresh = _Tokens(
                username=tokens.username,
                access_token=grant.access_token,
                refresh_token=grant.refresh_token,
                expires_at=self._clock() + timedelta(seconds=grant.expires_in),
            )
            with self._lock:
                if self._session is not session:
                    raise self._sign_in_required()
                session.tokens = fresh
                session.user = _replace_online(session.user, True)
                persisted = session.persisted
            if persisted and self.keyring_problem() is None:
                try:
                    self._save_tokens(fresh)
                except SecretStoreUnavailable as error:
                    log.warning("refreshed tokens kept in memory only: %s", error.reason)
            return fresh.access_token

    @staticmethod
    def _sign_in_required() -> AuthError:
        return AuthError(
            "sign_in_required",
            "Sign in online again to sync with the central system",
            "Hãy đăng nhập trực tuyến lại để đồng bộ với hệ thống trung tâm; công việc trên "
            "máy vẫn tiếp tục bình thường.",
        )

    def sign_out(self) -> None:
        """Revoke the tokens on central when it can be reached, and forget them here.

        The verifier stays, so the user can still sign in offline on this computer.
        """
        with self._lock:
            session = self._session
        if session is None:
            return
        if session.tokens is not None:
            try:
                self._api_factory(self._current_access_token).sign_out()
            except SyncError as error:
                log.info("sign-out not confirmed by central (%s); tokens forgotten", error.kind)
        self._forget_tokens()
        with self._lock:
            self._session = None
        self._audit(session.user.username, "auth.signed_out", {})

    # -- lock --

    @property
    def locked(self) -> bool:
        with self._lock:
            return self._session is not None and self._session.locked

    def lock(self) -> None:
        with self._lock:
            if self._session is not None:
                self._session.locked = True

    def unlock(self, password: str) -> bool:
        """Check ``password`` against the signed-in user's verifier (no network needed)."""
        with self._lock:
            session = self._session
        if session is None:
            return False
        if not session.verifier.matches(password):
            return False
        with self._lock:
            session.locked = False
        return True

    def offline_valid_until(self) -> datetime | None:
        """Until when the signed-in user could sign in offline, in office time."""
        with self._lock:
            session = self._session
        if session is None or not session.persisted:
            return None
        last = session.verifier.last_online_at
        return to_office_time(last + timedelta(days=self._policy.offline_days))


def _replace_online(user: CurrentUser, online: bool) -> CurrentUser:
    return replace(user, online=online)
