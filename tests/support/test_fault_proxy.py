"""The fault proxy breaks requests the way it says it does, and passes the rest untouched.

A tiny real HTTP/1.1 server (http.server on 127.0.0.1, keep-alive on) stands in for central,
and a real ``requests`` session is the client, so each fault is seen exactly as the sync
client will see it.
"""

from __future__ import annotations

import hashlib
import json
import random
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from tests.support.fault_proxy import Fault, FaultPolicy, FaultProxy

TIMEOUT = (2.0, 2.0)
"""Connect and read timeouts of the client: long enough for every delay of these tests."""


@dataclass
class Seen:
    """What the upstream server handled: a request counts once its body was read whole."""

    requests: list[tuple[str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, method: str, path: str, body: bytes) -> None:
        with self.lock:
            self.requests.append((method, path, hashlib.sha256(body).hexdigest()))

    def count(self) -> int:
        with self.lock:
            return len(self.requests)


def blob(size: int) -> bytes:
    """The same pseudo-random bytes for the same size, on both sides."""
    return random.Random(size).randbytes(size)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # head and body are two writes: no 40 ms stall between
    server: Upstream

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if len(body) != length:
            raise ConnectionError("short request body")
        return body

    def _send(self, status: int, body: bytes, content_type: str = "application/octet-stream"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.seen.add("GET", self.path, b"")
        if self.path.startswith("/blob/"):
            self._send(200, blob(int(self.path.removeprefix("/blob/"))))
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"first part;", b"", b"second"):
                if part:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/until-close":
            # An HTTP/1.0-style answer: no length, the end of the body is the close.
            self.close_connection = True
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(blob(50_000))
        else:
            self._send(200, json.dumps({"path": self.path}).encode(), "application/json")

    def do_POST(self) -> None:
        body = self._body()
        self.server.seen.add("POST", self.path, body)
        self.send_response(200)
        self.send_header("X-Body-Sha256", hashlib.sha256(body).hexdigest())
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the faults make the server's log noisy on purpose."""


class Upstream(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.seen = Seen()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A request cut by a reset is expected here, not an error of the test."""

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.socket.getsockname()[:2]
        return host, port


def proxy_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("fault-proxy")]


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    server = Upstream()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def proxy(upstream: Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(upstream=upstream.address, seed=5) as made:
        yield made
    assert proxy_threads() == []


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as made:
        yield made


def test_pass_through_is_byte_exact_both_ways_for_5_mb(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    data = blob(5 * 1024 * 1024)
    sent = session.post(f"{proxy.url}/upload", data=data, timeout=TIMEOUT)
    assert sent.status_code == 200
    assert sent.headers["X-Body-Sha256"] == hashlib.sha256(data).hexdigest()
    assert sent.content == data
    fetched = session.get(f"{proxy.url}/blob/{len(data)}", timeout=TIMEOUT)
    assert fetched.content == data
    assert upstream.seen.requests[0] == ("POST", "/upload", hashlib.sha256(data).hexdigest())
    assert proxy.stats.passed == 2
    assert proxy.stats.faults == 0


def test_chunked_bodies_pass_through_whole(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    parts = [b"alpha", b"", b"beta" * 1000, b"gamma"]
    sent = session.post(f"{proxy.url}/stream", data=iter(parts), timeout=TIMEOUT)
    assert sent.content == b"".join(parts)
    assert session.get(f"{proxy.url}/chunked", timeout=TIMEOUT).content == b"first part;second"
    assert proxy.stats.connections == 1
    assert upstream.seen.count() == 2


def test_a_kept_alive_connection_carries_many_requests(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    for n in range(20):
        answer = session.get(f"{proxy.url}/item/{n}", timeout=TIMEOUT)
        assert answer.json() == {"path": f"/item/{n}"}
    assert proxy.stats.connections == 1
    assert proxy.stats.requests == 20
    assert [event.request for event in proxy.events] == list(range(1, 21))
    assert upstream.seen.count() == 20


def test_a_dropped_connection_is_a_connection_error_and_reaches_nobody(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.set_policy(FaultPolicy(drop=1.0))
    with pytest.raises(requests.ConnectionError):
        session.get(f"{proxy.url}/first", timeout=TIMEOUT)
    assert proxy.stats.dropped == 1
    assert proxy.stats.requests == 0
    # On a kept-alive connection, the drop comes at the boundary of the next request.
    proxy.pass_through()
    assert session.get(f"{proxy.url}/second", timeout=TIMEOUT).ok
    proxy.set_policy(FaultPolicy(drop=1.0))
    with pytest.raises(requests.ConnectionError):
        session.get(f"{proxy.url}/third", timeout=TIMEOUT)
    assert proxy.stats.connections == 2
    assert proxy.stats.dropped == 2
    assert [path for _, path, _ in upstream.seen.requests] == ["/second"]


def test_resets_break_the_request_or_the_response(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.set_policy(FaultPolicy(reset=1.0))
    for n in range(12):
        with pytest.raises((requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
            session.post(f"{proxy.url}/reset/{n}", data=blob(20_000 + n), timeout=TIMEOUT)
    stats = proxy.stats
    assert stats.reset_request > 0
    assert stats.reset_response > 0
    assert stats.reset_request + stats.reset_response == 12
    # A request reset on its way never reached the server's handler; one reset on its way
    # back had been handled: the client cannot tell the two apart.
    assert upstream.seen.count() == stats.reset_response


def _raw_exchange(port: int, request: bytes) -> tuple[bytes, OSError | None]:
    """What a bare socket receives, and how the stream ended (None: an orderly close)."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        try:
            while data := sock.recv(65536):
                received += data
        except OSError as error:
            return received, error
    return received, None


def test_a_reset_is_a_tcp_reset_and_a_truncation_an_orderly_close(proxy: FaultProxy) -> None:
    request = b"GET /blob/200000 HTTP/1.1\r\nHost: central\r\n\r\n"
    proxy.set_policy(FaultPolicy(reset=1.0))
    endings = [_raw_exchange(proxy.port, request)[1] for _ in range(6)]
    assert all(isinstance(ending, ConnectionResetError) for ending in endings), endings
    proxy.set_policy(FaultPolicy(truncate=1.0))
    received, ending = _raw_exchange(proxy.port, request)
    assert ending is None
    assert received.startswith(b"HTTP/1.1 200")
    assert received.endswith(blob(200_000)[: len(received) - received.index(b"\r\n\r\n") - 4])


def test_a_truncated_response_fails_to_read_or_comes_short(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.set_policy(FaultPolicy(truncate=1.0))
    for _ in range(5):
        with pytest.raises(requests.exceptions.ChunkedEncodingError):
            session.get(f"{proxy.url}/blob/100000", timeout=TIMEOUT)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        session.get(f"{proxy.url}/chunked", timeout=TIMEOUT)
    # Without a length, only the close marks the end: the client gets a short body.
    short = session.get(f"{proxy.url}/until-close", timeout=TIMEOUT)
    assert short.status_code == 200
    assert len(short.content) < 50_000
    assert short.content == blob(50_000)[: len(short.content)]
    assert proxy.stats.truncated == 7
    assert upstream.seen.count() == 7


def test_made_up_errors_carry_every_status_and_no_json(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.set_policy(FaultPolicy(http_errors=1.0))
    statuses: Counter[int] = Counter()
    bodies: Counter[str] = Counter()
    retry_after: Counter[bool] = Counter()
    for n in range(40):
        answer = session.post(f"{proxy.url}/entries/{n}", data=b'{"n": %d}' % n, timeout=TIMEOUT)
        statuses[answer.status_code] += 1
        retry_after["Retry-After" in answer.headers] += 1
        assert answer.headers["Server"] == "fault-proxy"
        with pytest.raises(requests.JSONDecodeError):
            answer.json()
        bodies[answer.headers["Content-Type"] if answer.content else "empty"] += 1
    stats = proxy.stats
    assert dict(statuses) == stats.http_errors
    assert set(statuses) == {500, 502, 503, 429}
    assert set(bodies) == {"text/html", "application/json", "empty"}
    assert set(retry_after) == {True, False}
    assert upstream.seen.count() == stats.http_errors_after_forward > 0
    assert stats.connections == 1  # a made-up answer keeps the connection usable


def test_a_blackhole_lets_the_read_timeout_fire(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.set_policy(FaultPolicy(blackhole=1.0))
    with pytest.raises(requests.ReadTimeout):
        session.get(f"{proxy.url}/silent", timeout=(2.0, 0.3))
    proxy.pass_through()
    assert session.get(f"{proxy.url}/heard", timeout=TIMEOUT).ok
    assert proxy.stats.blackholed == 1
    assert [path for _, path, _ in upstream.seen.requests] == ["/heard"]


def test_delays_slow_answers_without_changing_them(
    proxy: FaultProxy, session: requests.Session
) -> None:
    proxy.set_policy(FaultPolicy(delay=1.0, max_delay_s=0.05))
    for n in range(8):
        assert session.get(f"{proxy.url}/blob/{30_000 + n}", timeout=TIMEOUT).content == blob(
            30_000 + n
        )
    details = [event.detail for event in proxy.events]
    assert any("before forwarding" in detail for detail in details)
    assert any("after" in detail for detail in details)
    # A delay longer than the client waits is a timeout, before the head or mid-body.
    proxy.set_policy(FaultPolicy(delay=1.0, min_delay_s=1.0, max_delay_s=1.0))
    for _ in range(4):
        with pytest.raises((requests.ReadTimeout, requests.ConnectionError)):
            session.get(f"{proxy.url}/blob/30000", timeout=(2.0, 0.2))
    assert proxy.stats.delayed == 12


def test_stats_count_what_the_client_saw_and_a_seed_repeats_it(
    upstream: Upstream,
) -> None:
    policy = FaultPolicy(
        drop=0.1,
        delay=0.1,
        reset=0.1,
        truncate=0.1,
        http_errors=0.2,
        blackhole=0.02,
        max_delay_s=0.02,
        max_retry_after_s=0,
    )
    runs = []
    for _ in range(2):
        outcomes: Counter[str] = Counter()
        with (
            FaultProxy(upstream=upstream.address, seed=42, policy=policy) as proxy,
            requests.Session() as session,
        ):
            for n in range(150):
                try:
                    answer = session.post(
                        f"{proxy.url}/mixed/{n}", data=blob(2_000 + n), timeout=(2.0, 0.3)
                    )
                except requests.ReadTimeout:
                    outcomes["timeout"] += 1
                except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                    outcomes["broken"] += 1
                else:
                    if answer.headers.get("Server") == "fault-proxy":
                        outcomes["error status"] += 1
                    else:
                        assert answer.content == blob(2_000 + n)
                        outcomes["ok"] += 1
            stats = proxy.stats
            events = proxy.events
        assert outcomes["ok"] == stats.passed + stats.delayed
        assert outcomes["error status"] == sum(stats.http_errors.values())
        assert outcomes["timeout"] == stats.blackholed
        assert outcomes["broken"] == (
            stats.dropped + stats.reset_request + stats.reset_response + stats.truncated
        )
        assert {event.fault for event in events} == set(Fault)
        assert stats.faults == sum(outcomes.values()) - stats.passed
        runs.append(events)
    assert runs[0] == runs[1]


def test_stop_ends_every_thread_even_with_connections_held(upstream: Upstream) -> None:
    proxy = FaultProxy(upstream=upstream.address, policy=FaultPolicy(blackhole=1.0))
    held = [socket.create_connection(("127.0.0.1", proxy.port)) for _ in range(3)]
    idle = socket.create_connection(("127.0.0.1", proxy.port))
    try:
        for sock in held:
            sock.sendall(b"GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
        for _ in range(1000):
            if proxy.stats.blackholed == 3 and len(proxy_threads()) == 5:
                break  # the acceptor and one thread per connection
            threading.Event().wait(0.01)
        assert proxy.stats.blackholed == 3
        assert len(proxy_threads()) == 5
        proxy.stop()
        assert proxy_threads() == []
        for sock in held:
            assert sock.recv(100) == b""  # closed, never answered
        proxy.stop()  # stopping twice is harmless
    finally:
        for sock in [*held, idle]:
            sock.close()


def test_an_unreachable_upstream_is_a_bad_gateway(session: requests.Session) -> None:
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    with FaultProxy(upstream=("127.0.0.1", port)) as proxy:
        answer = session.get(f"{proxy.url}/nobody", timeout=TIMEOUT)
        assert answer.status_code == 502
        assert proxy.stats.upstream_failures == 1
        assert proxy.stats.faults == 0


@pytest.mark.parametrize(
    "policy",
    [
        {"drop": 0.6, "reset": 0.6},
        {"delay": -0.1},
        {"min_delay_s": 2.0, "max_delay_s": 1.0},
        {"statuses": (404,)},
    ],
)
def test_a_policy_that_makes_no_sense_is_refused(policy: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        FaultPolicy(**policy)
