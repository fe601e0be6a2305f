"""The adapter to central's API: the ONLY module that knows URLs and JSON field names.

The wire format is ``docs/sync-api.md``; a deployment talking to a city's own system replaces
this module and nothing else. Everything else in ``app/sync`` sees typed dataclasses.

Every call has a timeout; transient failures (connection refused or dropped, 429, 502, 503, 504,
and for idempotent calls any 5xx, timeout or cut-off body) are retried with exponential backoff
and full jitter, honouring ``Retry-After``. TLS is always verified (an extra CA bundle can be
given, never ``verify=False``). Every body is checked before it is used: garbage from a proxy or
a half-written answer becomes :class:`SyncError` ``server_error``, never a crash deeper in.
"""

from __future__ import annotations

import base64
import email.utils
import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import requests
from requests.adapters import HTTPAdapter

from app.store.types import utcnow
from app.sync.errors import (
    SyncError,
    SyncErrorKind,
    auth_error,
    forbidden,
    offline,
    refused,
    server_error,
    tls_error,
)

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT: tuple[float, float] = (3.05, 30.0)
"""(connect, read) seconds: a dead address fails fast, a slow large answer still arrives."""
UPLOAD_CHUNK = 1024 * 1024
BUNDLE_MAX_FILES = 100
BUNDLE_MAX_FILE_BYTES = 256 * 1024
BUNDLE_MAX_BYTES = 4 * 1024 * 1024
"""What one ``POST /files/bundle`` carries at most (central's limits; the total is ours)."""
MAX_PUSH = 200
MAX_MISSING_QUERY = 1000
RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
"""A Retry-After longer than this is not waited for inside a call; the engine's own backoff
(minutes) takes over."""

TokenProvider = Callable[[], str | None]
FileOpener = Callable[[], BinaryIO]


# --- typed answers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Health:
    status: str
    server_time: datetime
    api_version: int


@dataclass(frozen=True)
class CentralUser:
    username: str
    full_name: str
    roles: tuple[str, ...]
    unit_code: str | None
    counter_code: str | None


@dataclass(frozen=True)
class SignInResult:
    access_token: str
    refresh_token: str
    expires_in: int
    user: CentralUser


@dataclass(frozen=True)
class PushEntry:
    """One outbox entry as sent; ``payload`` is the stored JSON text (parsed before sending)."""

    id: str
    seq: int
    kind: str
    entity: str
    entity_id: str
    created_at: datetime
    payload: str


@dataclass(frozen=True)
class PushResult:
    """Central's verdict on one entry. ``status`` is ``accepted``, ``missing_files``,
    ``conflict`` or ``refused`` (see the wire format for what each implies)."""

    id: str
    status: str
    duplicate: bool = False
    received_at: datetime | None = None
    version: int | None = None
    missing: tuple[str, ...] = ()
    current: dict[str, Any] | None = None
    reason: str = ""
    reason_vi: str = ""
    code: str | None = None


PUSH_STATUSES = frozenset({"accepted", "missing_files", "conflict", "refused"})


@dataclass(frozen=True)
class Change:
    cursor: int
    kind: str
    entity: str
    entity_id: str
    version: int | None
    at: datetime | None
    data: dict[str, Any]


@dataclass(frozen=True)
class ChangePage:
    changes: tuple[Change, ...]
    next_cursor: int
    has_more: bool


@dataclass(frozen=True)
class LeasedBlock:
    lease_id: str
    agency_code: str
    day: date
    first: int
    last: int
    counter_code: str | None = None


@dataclass(frozen=True)
class DossierRecord:
    """A dossier as central holds it (the city-wide look-up)."""

    code: str
    state: str
    version: int
    procedure: Any
    applicant_name: str
    received_at: datetime | None
    due_at: datetime | None
    unit_code: str | None
    history: tuple[dict[str, Any], ...] = field(default=())


# --- body checks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleAnswer:
    stored: tuple[str, ...]
    """Held complete on central now."""
    rejected: dict[str, str]
    """sha256 -> code (``hash_mismatch``, ``too_large``, ``invalid_base64``)."""


class _BadBody(Exception):
    """A body that does not have the documented shape (turned into ``server_error``)."""


def _get(obj: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    if name not in obj:
        raise _BadBody(f"{name!r} is missing")
    value = obj[name]
    if isinstance(value, bool) and kind in (int, (int,)):
        raise _BadBody(f"{name!r} is not {kind}")
    if not isinstance(value, kind):
        raise _BadBody(f"{name!r} is {type(value).__name__}, not {kind}")
    return value


def _opt(obj: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = obj.get(name)
    if value is None:
        return None
    return _get(obj, name, kind)


def _int(obj: Mapping[str, Any], name: str) -> int:
    return int(_get(obj, name, int))


def _instant(value: object, name: str) -> datetime:
    if not isinstance(value, str):
        raise _BadBody(f"{name!r} is not a time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise _BadBody(f"{name!r} is not an ISO 8601 time") from error
    if moment.tzinfo is None:
        raise _BadBody(f"{name!r} has no UTC offset")
    return moment.astimezone(UTC)


def _opt_instant(obj: Mapping[str, Any], name: str) -> datetime | None:
    value = obj.get(name)
    return None if value is None else _instant(value, name)


def _objects(value: object, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _BadBody(f"{name!r} is not a list of objects")
    return value


def _strings(value: object, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _BadBody(f"{name!r} is not a list of strings")
    return tuple(value)


def _user(obj: dict[str, Any]) -> CentralUser:
    return CentralUser(
        username=_get(obj, "username", str),
        full_name=_opt(obj, "full_name", str) or "",
        roles=_strings(obj.get("roles", []), "roles"),
        unit_code=_opt(obj, "unit_code", str),
        counter_code=_opt(obj, "counter_code", str),
    )


def _sign_in(body: dict[str, Any]) -> SignInResult:
    return SignInResult(
        access_token=_get(body, "access_token", str),
        refresh_token=_get(body, "refresh_token", str),
        expires_in=_int(body, "expires_in"),
        user=_user(_get(body, "user", dict)),
    )


def _push_result(item: dict[str, Any]) -> PushResult:
    status = _get(item, "status", str)
    if status not in PUSH_STATUSES:
        raise _BadBody(f"unknown push status {status!r}")
    current = _opt(item, "current", dict)
    return PushResult(
        id=_get(item, "id", str),
        status=status,
        duplicate=bool(_opt(item, "duplicate", bool)),
        received_at=_opt_instant(item, "received_at"),
        version=_opt(item, "version", int),
        missing=_strings(item.get("missing") or [], "missing"),
        current=current,
        reason=_opt(item, "reason", str) or "",
        reason_vi=_opt(item, "reason_vi", str) or "",
        code=_opt(item, "code", str),
    )


def _change(item: dict[str, Any]) -> Change:
    data = item.get("data")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _BadBody("'data' is not an object")
    return Change(
        cursor=_int(item, "cursor"),
        kind=_get(item, "kind", str),
        entity=_opt(item, "entity", str) or "",
        entity_id=str(_opt(item, "entity_id", (str, int)) or ""),
        version=_opt(item, "version", int),
        at=_opt_instant(item, "at"),
        data=data,
    )


def _block(item: dict[str, Any]) -> LeasedBlock:
    try:
        day = date.fromisoformat(_get(item, "day", str))
    except ValueError as error:
        raise _BadBody("'day' is not a date") from error
    first, last = _int(item, "first"), _int(item, "last")
    if not 1 <= first <= last:
        raise _BadBody(f"block {first}..{last} is empty")
    return LeasedBlock(
        lease_id=_get(item, "lease_id", str),
        agency_code=_get(item, "agency_code", str),
        day=day,
        first=first,
        last=last,
        counter_code=_opt(item, "counter_code", str),
    )


def _record(body: dict[str, Any]) -> DossierRecord:
    history = body.get("history") or []
    return DossierRecord(
        code=_get(body, "code", str),
        state=_get(body, "state", str),
        version=_int(body, "version"),
        procedure=body.get("procedure"),
        applicant_name=_opt(body, "applicant_name", str) or "",
        received_at=_opt_instant(body, "received_at"),
        due_at=_opt_instant(body, "due_at"),
        unit_code=_opt(body, "unit_code", str),
        history=tuple(_objects(history, "history")),
    )


# --- the client -----------------------------------------------------------------------------


class CentralClient:
    """Central's API over one pooled ``requests.Session`` (thread-safe for the engine's one
    thread plus the UI's occasional look-up; ``reset_session`` drops pooled connections).

    ``token_provider`` returns the current access token (``None`` when signed out: calls that
    need one fail with ``auth``). ``on_unauthorized``, if given, is called once when central
    answers 401 to an authenticated call; when it returns ``True`` (it got a new token) the
    call is repeated once.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token_provider: TokenProvider,
        ca_bundle: str | Path | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        session: requests.Session | None = None,
        on_unauthorized: Callable[[], bool] | None = None,
        max_attempts: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.base_url = base_url.rstrip("/")
        self._api = (
            self.base_url if self.base_url.endswith(API_PREFIX) else self.base_url + API_PREFIX
        )
        self._token_provider = token_provider
        self._verify: str | bool = str(ca_bundle) if ca_bundle else True
        self._timeout = timeout
        self._own_session = session is None
        self._bundles = True
        """Whether central takes ``POST /files/bundle``; off after its first 404."""
        self._session = session if session is not None else self._new_session()
        self._on_unauthorized = on_unauthorized
        self._max_attempts = max_attempts
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self.last_server_time: datetime | None = None
        self.clock_drift_s: float | None = None
        """Central's clock minus ours at the last answer (seconds; latency makes it rough)."""

    @staticmethod
    def _new_session() -> requests.Session:
        session = requests.Session()
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=4, max_retries=0)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.headers["User-Agent"] = "motcua-desk-sync/1"
        return session

    def reset_session(self) -> None:
        """Drop every pooled connection (the watchdog's cure for a wedged socket)."""
        with self._lock:
            old = self._session
            self._session = self._new_session()
        if self._own_session:
            old.close()
        self._own_session = True

    def close(self) -> None:
        if self._own_session:
            self._session.close()

    # --- calls ------------------------------------------------------------------------------

    def health(self) -> Health:
        body = self._json("GET", "/health", idempotent=True, auth=False)
        return self._parse(
            body,
            lambda b: Health(
                status=_get(b, "status", str),
                server_time=_instant(b.get("server_time"), "server_time"),
                api_version=_int(b, "api_version"),
            ),
        )

    def sign_in(
        self, username: str, password: str, counter_code: str | None = None
    ) -> SignInResult:
        payload: dict[str, Any] = {"username": username, "password": password}
        if counter_code:
            payload["counter_code"] = counter_code
        body = self._json("POST", "/auth/sign-in", json_body=payload, idempotent=False, auth=False)
        return self._parse(body, _sign_in)

    def refresh(self, refresh_token: str) -> SignInResult:
        body = self._json(
            "POST",
            "/auth/refresh",
            json_body={"refresh_token": refresh_token},
            idempotent=False,
            auth=False,
        )
        return self._parse(body, _sign_in)

    def sign_out(self) -> None:
        self._call("POST", "/auth/sign-out", idempotent=True, refresh_on_401=False)

    def push(self, entries: Sequence[PushEntry]) -> list[PushResult]:
        """Send up to 200 entries; one result per entry, in order. Safe to repeat: central
        deduplicates on the entry id."""
        if len(entries) > MAX_PUSH:
            raise ValueError(f"at most {MAX_PUSH} entries a push")
        if not entries:
            return []
        body = self._json(
            "POST",
            "/outbox",
            json_body={"entries": [self._entry(entry) for entry in entries]},
            idempotent=True,
        )

        def parse(b: dict[str, Any]) -> list[PushResult]:
            results = [_push_result(item) for item in _objects(b.get("results"), "results")]
            if [r.id for r in results] != [e.id for e in entries]:
                raise _BadBody("the results do not match the entries sent")
            return results

        return self._parse(body, parse)

    @staticmethod
    def _entry(entry: PushEntry) -> dict[str, Any]:
        return {
            "id": entry.id,
            "seq": entry.seq,
            "kind": entry.kind,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "created_at": entry.created_at.isoformat(),
            "payload": json.loads(entry.payload),
        }

    def missing_files(self, hashes: Iterable[str]) -> list[str]:
        """Which of ``hashes`` central does not hold yet (asked 1,000 at a time)."""
        wanted = list(dict.fromkeys(hashes))
        missing: list[str] = []
        for start in range(0, len(wanted), MAX_MISSING_QUERY):
            chunk = wanted[start : start + MAX_MISSING_QUERY]
            body = self._json(
                "POST", "/files/missing", json_body={"sha256": chunk}, idempotent=True
            )
            answer = self._parse(body, lambda b: _strings(b.get("missing"), "missing"))
            asked = set(chunk)
            missing.extend(sha for sha in answer if sha in asked)
        return missing

    def upload_bundle(self, files: Sequence[tuple[str, bytes]]) -> BundleAnswer | None:
        """Send small whole files in one call (``POST /files/bundle``, at most
        :data:`BUNDLE_MAX_FILES`, each at most :data:`BUNDLE_MAX_FILE_BYTES`). ``None`` when
        central has no such endpoint (an older or another city's system): send them one by
        one with :meth:`upload_file` instead. A whole file needs no resume: a cut call is
        simply sent again."""
        if not self._bundles:
            return None
        response = self._call(
            "POST",
            "/files/bundle",
            json_body={
                "files": [
                    {"sha256": sha, "data": base64.b64encode(data).decode("ascii")}
                    for sha, data in files
                ]
            },
            idempotent=True,
            accept=(200, 404, 405),
        )
        if response.status_code != 200:
            self._bundles = False
            return None

        def parse(b: dict[str, Any]) -> BundleAnswer:
            rejected = {
                str(item["sha256"]): str(item.get("code") or "rejected")
                for item in _objects(b.get("rejected"), "rejected")
            }
            return BundleAnswer(tuple(_strings(b.get("stored"), "stored")), rejected)

        answer: BundleAnswer = self._parse(self._body(response), parse)
        return answer

    def upload_offset(self, sha256: str) -> int | None:
        """Bytes central holds of a file: ``None`` when it holds all of it (complete)."""
        response = self._call("HEAD", f"/files/{sha256}", idempotent=True, accept=(200, 404))
        if response.status_code == 404:
            return 0
        if response.headers.get("Upload-Complete", "").lower() == "true":
            return None
        header = response.headers.get("Upload-Offset")
        if header is None:
            # A cut or proxied answer head: "complete" would skip a file central lacks.
            raise server_error(self.base_url, "HEAD /files answered without Upload-Offset")
        return self._offset_header(response, header)

    def upload_file(
        self,
        sha256: str,
        source: Path | FileOpener,
        size: int,
        *,
        chunk_size: int = UPLOAD_CHUNK,
        assume_offset: int | None = None,
    ) -> int:
        """Send a file from where central's copy stops; returns the bytes sent.

        A cut upload resumes from the offset ``HEAD`` reports; an offset disagreement (our
        PATCH landed but its answer was lost) continues from central's offset. A caller
        that just heard central lacks the file passes ``assume_offset=0`` to save the
        ``HEAD`` round trip per file: should central hold part of it after all, it answers
        ``409`` with its offset and the upload continues from there.
        """
        offset = self.upload_offset(sha256) if assume_offset is None else assume_offset
        if offset is None:
            return 0
        sent = 0
        mismatches = 0
        opener: FileOpener = (lambda: source.open("rb")) if isinstance(source, Path) else source
        with opener() as handle:
            while True:
                handle.seek(offset)
                chunk = handle.read(min(chunk_size, max(size - offset, 0)))
                if not chunk and offset < size:
                    raise SyncError(
                        SyncErrorKind.REFUSED,
                        f"The local file {sha256} is shorter than recorded ({size} bytes)",
                        f"Tệp {sha256} trên máy này ngắn hơn kích thước đã ghi ({size} byte)",
                        code="short_file",
                    )
                response = self._call(
                    "PATCH",
                    f"/files/{sha256}",
                    data=chunk,
                    headers={
                        "Content-Type": "application/offset+octet-stream",
                        "Upload-Offset": str(offset),
                        "Upload-Length": str(size),
                    },
                    idempotent=True,
                    accept=(200, 204, 409),
                )
                header = response.headers.get("Upload-Offset")
                if response.status_code == 409:
                    mismatches += 1
                    if header is None or mismatches > 3:
                        raise server_error(
                            self.base_url, "upload offsets keep disagreeing", status=409
                        )
                    offset = self._offset_header(response, header)
                    continue
                sent += len(chunk)
                offset = (
                    offset + len(chunk) if header is None else self._offset_header(response, header)
                )
                if offset >= size:
                    return sent

    def changes(self, cursor: int, limit: int = 500) -> ChangePage:
        body = self._json(
            "GET", "/changes", params={"cursor": cursor, "limit": limit}, idempotent=True
        )

        def parse(b: dict[str, Any]) -> ChangePage:
            changes = tuple(_change(item) for item in _objects(b.get("changes"), "changes"))
            next_cursor = _int(b, "next_cursor")
            if next_cursor < cursor:
                raise _BadBody(f"the cursor went back from {cursor} to {next_cursor}")
            return ChangePage(changes, next_cursor, bool(_opt(b, "has_more", bool)))

        return self._parse(body, parse)

    def lease_blocks(self, agency_code: str, days: Sequence[date], size: int) -> list[LeasedBlock]:
        body = self._json(
            "POST",
            "/code-blocks/lease",
            json_body={
                "agency_code": agency_code,
                "days": [day.isoformat() for day in days],
                "size": size,
            },
            idempotent=False,
        )
        return self._parse(body, lambda b: [_block(i) for i in _objects(b.get("blocks"), "blocks")])

    def lookup(self, code: str) -> DossierRecord | None:
        """Central's copy of a dossier, any unit's; ``None`` when central does not know it."""
        response = self._call(
            "GET",
            f"/dossiers/{requests.utils.quote(code, safe='')}",
            idempotent=True,
            accept=(200, 404),
        )
        if response.status_code == 404:
            return None
        return self._parse(self._body(response), _record)

    def dossier_action(
        self, code: str, action: str, expected_version: int, note: str | None = None
    ) -> DossierRecord:
        """A department's action on a dossier (officers; used by tests and the demo)."""
        payload: dict[str, Any] = {"action": action, "expected_version": expected_version}
        if note:
            payload["note"] = note
        body = self._json(
            "POST",
            f"/dossiers/{requests.utils.quote(code, safe='')}/actions",
            json_body=payload,
            idempotent=False,
        )
        return self._parse(body, _record)

    # --- plumbing ---------------------------------------------------------------------------

    def _parse(self, body: dict[str, Any], parse: Callable[[dict[str, Any]], Any]) -> Any:
        try:
            return parse(body)
        except (_BadBody, KeyError, TypeError, ValueError) as error:
            raise server_error(self.base_url, f"unexpected answer: {error}") from error

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return self._body(self._call(method, path, **kwargs))

    def _body(self, response: requests.Response) -> dict[str, Any]:
        try:
            body = json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as error:
            raise server_error(
                self.base_url, f"the answer is not JSON ({len(response.content)} bytes)"
            ) from error
        if not isinstance(body, dict):
            raise server_error(self.base_url, "the answer is not a JSON object")
        return body

    def _offset_header(self, response: requests.Response, header: str) -> int:
        try:
            value = int(header)
        except ValueError as error:
            raise server_error(self.base_url, f"bad Upload-Offset {header!r}") from error
        if value < 0:
            raise server_error(self.base_url, f"bad Upload-Offset {header!r}")
        return value

    def _call(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool,
        auth: bool = True,
        refresh_on_401: bool = True,
        accept: tuple[int, ...] = (200, 201, 204),
        json_body: Any = None,
        data: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One call with retries. Returns a response whose status is in ``accept``; anything
        else becomes a :class:`SyncError`."""
        url = self._api + path
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            request_headers = dict(headers or {})
            if auth:
                token = self._token_provider()
                if not token:
                    raise auth_error("not_signed_in", "Not signed in to central; sign in first")
                request_headers["Authorization"] = f"Bearer {token}"
            retry_after: float | None = None
            try:
                response = self._session.request(
                    method,
                    url,
                    json=json_body,
                    data=data,
                    params=params,
                    headers=request_headers,
                    timeout=self._timeout,
                    verify=self._verify,
                    allow_redirects=False,
                )
            except requests.exceptions.SSLError as error:
                raise tls_error(self.base_url, _short(error)) from error
            except (
                requests.exceptions.ConnectTimeout,
                requests.exceptions.ConnectionError,
            ) as error:
                # Not sent at all (refused, DNS, connect timeout) or the line dropped: a connect
                # failure is always safe to repeat, a dropped answer only for idempotent calls.
                failure = offline(self.base_url, _short(error))
                sent = not isinstance(
                    error, requests.exceptions.ConnectTimeout
                ) and not _refused_connect(error)
                if (sent and not idempotent) or attempt >= self._max_attempts:
                    raise failure from error
                self._backoff(attempt, None)
                continue
            except (
                requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
            ) as error:
                failure = (
                    offline(self.base_url, _short(error))
                    if isinstance(error, requests.exceptions.Timeout)
                    else server_error(self.base_url, f"the answer was cut off ({_short(error)})")
                )
                if not idempotent or attempt >= self._max_attempts:
                    raise failure from error
                self._backoff(attempt, None)
                continue
            except requests.exceptions.RequestException as error:
                raise server_error(self.base_url, _short(error)) from error
            self._note_server_time(response)
            status = response.status_code
            if status in accept:
                return response
            if status in RETRY_STATUSES or (status >= 500 and idempotent):
                retry_after = _retry_after(response.headers.get("Retry-After"), self._clock())
                if attempt < self._max_attempts and (
                    retry_after is None or retry_after <= MAX_RETRY_AFTER
                ):
                    self._backoff(attempt, retry_after)
                    continue
                error = server_error(self.base_url, f"HTTP {status}", status=status)
                error.retry_after = retry_after
                raise error
            code, message, message_vi = self._error_fields(response)
            if status == 401:
                if auth and refresh_on_401 and not refreshed and self._on_unauthorized is not None:
                    refreshed = True
                    if self._on_unauthorized():
                        attempt -= 1
                        continue
                raise auth_error(code, message)
            if status == 403:
                raise forbidden(code, message)
            if status >= 500:
                raise server_error(self.base_url, f"HTTP {status}", status=status)
            raise refused(status, code, message or f"HTTP {status}", message_vi)

    @staticmethod
    def _error_fields(response: requests.Response) -> tuple[str | None, str | None, str | None]:
        """``{"error": {"code", "message", "message_vi"}}``, or nothing if the body is not it."""
        try:
            body = json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            return None, None, None
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict):
            return None, None, None

        def text(name: str) -> str | None:
            value = error.get(name)
            return value if isinstance(value, str) else None

        return text("code"), text("message"), text("message_vi")

    def _backoff(self, attempt: int, retry_after: float | None) -> None:
        """Full jitter: a random wait up to base * 2^attempt, so counters that lost the line
        together do not all come back in the same second."""
        ceiling = min(self._backoff_cap, self._backoff_base * (2 ** (attempt - 1)))
        wait = self._rng.uniform(0, ceiling)
        if retry_after is not None:
            wait = max(wait, retry_after)
        self._sleep(wait)

    def _note_server_time(self, response: requests.Response) -> None:
        header = response.headers.get("X-Server-Time")
        if not header:
            return
        try:
            server = _instant(header, "X-Server-Time")
        except _BadBody:
            return
        self.last_server_time = server
        self.clock_drift_s = (server - self._clock()).total_seconds()


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _refused_connect(error: BaseException) -> bool:
    """Whether the connection never opened (refused, no route, DNS): nothing was sent."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return True
        name = type(current).__name__
        if name in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError"):
            return True
        nested = (
            current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        )
        current = (
            getattr(current, "reason", None) or nested or current.__cause__ or current.__context__
        )
    return False


def _retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())
