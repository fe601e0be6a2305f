"""The central client against a scripted server on 127.0.0.1: what a broken line or a broken
proxy does (garbage, cut-off bodies, 503, dropped connections, a closed port) must come out as
a typed SyncError after bounded retries, never as a crash or a hang."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.sync.client import CentralClient
from app.sync.errors import SyncError, SyncErrorKind

from .http_stub import Answer, StubServer, free_port

HEALTH = json.dumps(
    {"status": "ok", "server_time": "2026-03-02T09:30:00+07:00", "api_version": 1}
).encode()


@pytest.fixture
def stub() -> Iterator[StubServer]:
    server = StubServer()
    with server.running():
        yield server


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client_for(
    url: str, sleeps: Sleeps, token: str | None = "T1", **kwargs: object
) -> CentralClient:
    return CentralClient(url, token_provider=lambda: token, sleep=sleeps, timeout=(2, 5), **kwargs)  # type: ignore[arg-type]


def test_garbage_body_is_a_server_error_after_bounded_retries(stub: StubServer) -> None:
    stub.on("GET", "/health", Answer(200, b"<html>proxy login</html>"))
    sleeps = Sleeps()
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, sleeps).health()
    assert raised.value.kind is SyncErrorKind.SERVER_ERROR
    assert raised.value.message_vi.startswith("Máy chủ trung tâm")
    # 200 with garbage is not retried (a retry would get the same garbage); one call only.
    assert len(stub.requests_to("GET", "/health")) == 1


def test_wrong_shape_is_a_server_error(stub: StubServer) -> None:
    stub.on("GET", "/health", Answer(200, b'{"status": "ok", "server_time": 5}'))
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, Sleeps()).health()
    assert raised.value.kind is SyncErrorKind.SERVER_ERROR
    assert "server_time" in str(raised.value)


def test_cut_off_body_is_retried_and_then_succeeds(stub: StubServer) -> None:
    stub.on("GET", "/health", Answer(200, HEALTH, cut_after=20), Answer(200, HEALTH))
    sleeps = Sleeps()
    health = client_for(stub.url, sleeps).health()
    assert health.api_version == 1
    assert len(stub.requests_to("GET", "/health")) == 2
    assert len(sleeps) == 1


def test_cut_off_body_every_time_ends_as_server_error(stub: StubServer) -> None:
    stub.on("GET", "/health", Answer(200, HEALTH, cut_after=20))
    sleeps = Sleeps()
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, sleeps, max_attempts=3).health()
    assert raised.value.kind is SyncErrorKind.SERVER_ERROR
    assert len(stub.requests_to("GET", "/health")) == 3
    assert len(sleeps) == 2


def test_503_retry_after_is_honoured(stub: StubServer) -> None:
    stub.on("GET", "/health", Answer(503, b"busy", {"Retry-After": "2"}), Answer(200, HEALTH))
    sleeps = Sleeps()
    client_for(stub.url, sleeps).health()
    assert sleeps and sleeps[0] >= 2


def test_backoff_grows_with_full_jitter(stub: StubServer) -> None:
    stub.on("GET", "/health", Answer(502, b"bad gateway"))
    sleeps = Sleeps()
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, sleeps, max_attempts=5, backoff_base=1.0).health()
    assert raised.value.kind is SyncErrorKind.SERVER_ERROR
    assert raised.value.status == 502
    assert len(sleeps) == 4
    assert all(0 <= wait <= 2**i for i, wait in enumerate(sleeps))


def test_closed_port_is_offline_and_retried(stub: StubServer) -> None:
    sleeps = Sleeps()
    with pytest.raises(SyncError) as raised:
        client_for(f"http://127.0.0.1:{free_port()}", sleeps, max_attempts=3).health()
    assert raised.value.kind is SyncErrorKind.OFFLINE
    assert raised.value.transient
    assert "Không kết nối được" in raised.value.message_vi
    assert len(sleeps) == 2


def test_dropped_connection_is_not_retried_for_a_sign_in(stub: StubServer) -> None:
    stub.on("POST", "/auth/sign-in", Answer(drop=True))
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, Sleeps()).sign_in("canbo1", "secret", "Q01")
    assert raised.value.kind is SyncErrorKind.OFFLINE
    assert len(stub.requests_to("POST", "/auth/sign-in")) == 1


def test_tls_is_verified_never_downgraded(stub: StubServer) -> None:
    """An https URL on a server without TLS fails as ``tls``; the client never falls back."""
    sleeps = Sleeps()
    with pytest.raises(SyncError) as raised:
        client_for(stub.url.replace("http://", "https://"), sleeps).health()
    assert raised.value.kind is SyncErrorKind.TLS
    assert sleeps == []
    assert stub.requests_to("GET", "/health") == []


def test_401_refreshes_once_and_repeats_the_call(stub: StubServer) -> None:
    tokens = ["old"]
    refreshed: list[bool] = []

    def refresh() -> bool:
        refreshed.append(True)
        tokens.append("new")
        return True

    unauthenticated = json.dumps({"error": {"code": "unauthenticated", "message": "expired"}})
    stub.on(
        "POST",
        "/files/missing",
        Answer(401, unauthenticated.encode()),
        Answer(200, b'{"missing": []}'),
    )
    client = CentralClient(
        stub.url, token_provider=lambda: tokens[-1], on_unauthorized=refresh, sleep=Sleeps()
    )
    assert client.missing_files(["a" * 64]) == []
    sent = stub.requests_to("POST", "/files/missing")
    assert [s.headers["Authorization"] for s in sent] == ["Bearer old", "Bearer new"]
    assert refreshed == [True]


def test_401_without_refresh_is_auth(stub: StubServer) -> None:
    stub.on("GET", "/changes", Answer(401, b'{"error": {"code": "unauthenticated"}}'))
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, Sleeps()).changes(0)
    assert raised.value.kind is SyncErrorKind.AUTH
    assert raised.value.code == "unauthenticated"


def test_not_signed_in_sends_nothing(stub: StubServer) -> None:
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, Sleeps(), token=None).changes(0)
    assert raised.value.kind is SyncErrorKind.AUTH
    assert stub.seen == []


def test_4xx_is_refused_with_centrals_messages(stub: StubServer) -> None:
    body = {
        "error": {
            "code": "invalid_transition",
            "message": "cannot go from received to returned",
            "message_vi": "Không thể chuyển trạng thái",
        }
    }
    stub.on("POST", "/dossiers/X-1/actions", Answer(422, json.dumps(body).encode()))
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, Sleeps()).dossier_action("X-1", "result_ready", 1)
    assert raised.value.kind is SyncErrorKind.REFUSED
    assert raised.value.code == "invalid_transition"
    assert raised.value.message_vi == "Không thể chuyển trạng thái"


def test_push_results_must_match_the_entries(stub: StubServer) -> None:
    from datetime import UTC, datetime

    from app.sync.client import PushEntry

    entry = PushEntry("id-1", 1, "dossier.received", "dossier", "C-1", datetime.now(UTC), "{}")
    stub.on(
        "POST",
        "/outbox",
        Answer(200, b'{"results": [{"id": "other", "status": "accepted"}], "server_time": "x"}'),
    )
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, Sleeps()).push([entry])
    assert raised.value.kind is SyncErrorKind.SERVER_ERROR


def test_server_time_gives_the_clock_drift(stub: StubServer) -> None:
    from datetime import UTC, datetime

    stub.on("GET", "/health", Answer(200, HEALTH, {"X-Server-Time": "2026-03-02T02:40:00+00:00"}))
    client = client_for(stub.url, Sleeps(), clock=lambda: datetime(2026, 3, 2, 2, 30, tzinfo=UTC))
    client.health()
    assert client.clock_drift_s == 600.0


def test_upload_continues_from_centrals_offset_after_a_mismatch(
    stub: StubServer, tmp_path: object
) -> None:
    from pathlib import Path

    data = bytes(range(256)) * 10
    path = Path(str(tmp_path)) / "blob"
    path.write_bytes(data)
    sha = "b" * 64
    stub.on("HEAD", f"/files/{sha}", Answer(200, b"", {"Upload-Offset": "1000"}))
    stub.on(
        "PATCH",
        f"/files/{sha}",
        Answer(409, b'{"error": {"code": "offset_mismatch"}}', {"Upload-Offset": "2000"}),
        Answer(204, b"", {"Upload-Offset": "2560"}),
    )
    sent = client_for(stub.url, Sleeps()).upload_file(sha, path, len(data), chunk_size=4096)
    patches = stub.requests_to("PATCH", f"/files/{sha}")
    assert [p.headers["Upload-Offset"] for p in patches] == ["1000", "2000"]
    assert patches[1].body == data[2000:]
    assert sent == 560


def test_a_file_head_without_an_offset_is_not_taken_as_complete(stub: StubServer) -> None:
    """A cut or rewritten answer head must not make the counter skip a file central lacks."""
    sha = "ab" * 32
    stub.on("HEAD", f"/files/{sha}", Answer(200))
    with pytest.raises(SyncError) as raised:
        client_for(stub.url, Sleeps()).upload_offset(sha)
    assert raised.value.kind is SyncErrorKind.SERVER_ERROR
    stub.on("HEAD", f"/files/{sha}", Answer(200, headers={"Upload-Complete": "true"}))
    assert client_for(stub.url, Sleeps()).upload_offset(sha) is None
    stub.on(
        "HEAD",
        f"/files/{sha}",
        Answer(200, headers={"Upload-Offset": "4096", "Upload-Complete": "false"}),
    )
    assert client_for(stub.url, Sleeps()).upload_offset(sha) == 4096
