"""A fault-injecting HTTP/1.1 proxy for the sync tests: the bad network, made on purpose.

The proxy sits between the app's sync client and the real central server, both on 127.0.0.1,
and for each request decides, from a seeded random policy the test can change at any moment,
whether to pass it through or to break it the way real networks and gateways do::

    with FaultProxy(upstream=("127.0.0.1", port), seed=1) as proxy:
        proxy.set_policy(FaultPolicy(drop=0.1, reset=0.1, truncate=0.1, http_errors=0.2))
        ...  # the client talks to proxy.url
        proxy.pass_through()
        ...  # the outbox drains
        assert proxy.stats.faults > 0

Faults, and what a ``requests`` client sees:

* ``drop``: the connection is closed (plainly, or with a reset as a refusal looks) before
  its request is read: at accept for a new connection, at the request boundary on a
  kept-alive one. ``ConnectionError``; central never saw the request.
* ``delay``: a pause of up to ``max_delay_s`` before the request is forwarded, or in the
  middle of the response body: a slow answer (``ReadTimeout`` if the client's timeout is
  shorter).
* ``reset``: a TCP reset (``SO_LINGER`` 0, then close) part-way through forwarding the
  request (central saw a partial request and never handled it) or part-way through the
  response (central did handle it; the client cannot know): ``ConnectionError`` or
  ``ChunkedEncodingError``.
* ``truncate``: part of the response, then a clean close: ``ChunkedEncodingError`` when the
  body was cut (``requests`` checks ``Content-Length``), ``ConnectionError`` when the head was.
* ``http_errors``: the proxy answers by itself 500, 502, 503 or 429, with or without
  ``Retry-After``, with a body that is not central's JSON (HTML, random bytes labelled as
  JSON, or nothing); half of the time after forwarding the request, so central did handle it.
* ``blackhole``: the request is read and never answered: the client's read timeout fires.

Design: plain blocking sockets, one thread per client connection plus one accepting thread.
Each connection thread reads one whole request (head, then a ``Content-Length`` or chunked
body), decides its fate, forwards it on its own upstream connection, reads one whole response
and sends it back, then loops for the next request: parsing message boundaries is what makes
faults per request on kept-alive connections (``requests`` reuses connections), while the bytes
themselves are forwarded untouched, so pass-through is byte-exact. Buffering whole messages
keeps every fault a simple cut of known bytes; the sync messages are small, and a few
megabytes of file upload fit in memory. Threads were chosen over asyncio because every fault
is a few lines of straight-line code (sleep, send a prefix, reset) and a blocked thread is
woken by shutting its sockets down, so ``stop()`` ends every thread promptly and joins it.

Choices come from one ``random.Random(seed)`` under a lock, in the order requests arrive: a
client that sends one request at a time meets the same faults on every run. ``stats`` counts
what was done, ``events`` lists every decision (connection, request, fault, detail) for a
failing test's message.

Not supported (the sync client does not use them): ``Expect: 100-continue``, upgrades,
pipelined requests are served one after the other, TLS (the proxy forwards plain HTTP).
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from types import TracebackType
from typing import Self

MAX_HEAD_BYTES = 64 * 1024
"""Longest message head accepted; central's heads are a few hundred bytes."""
JOIN_TIMEOUT_S = 10.0
RECV_BYTES = 256 * 1024
HTTP_ERROR_STATUSES = (500, 502, 503, 429)
REASONS = {
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class Fault(Enum):
    """What the proxy does with one request."""

    PASS = "pass"
    DROP = "drop"
    DELAY = "delay"
    RESET = "reset"
    TRUNCATE = "truncate"
    HTTP_ERROR = "http_error"
    BLACKHOLE = "blackhole"


@dataclass(frozen=True)
class FaultPolicy:
    """Probability of each fault for one request; what is left passes through untouched."""

    drop: float = 0.0
    delay: float = 0.0
    reset: float = 0.0
    truncate: float = 0.0
    http_errors: float = 0.0
    blackhole: float = 0.0
    min_delay_s: float = 0.0
    max_delay_s: float = 0.5
    """A delay lasts between these two, drawn uniformly."""
    statuses: tuple[int, ...] = HTTP_ERROR_STATUSES
    """Statuses the proxy answers with by itself, drawn uniformly."""
    max_retry_after_s: int = 1
    """``Retry-After`` (when sent, half of the time) is 0 to this many seconds."""

    def __post_init__(self) -> None:
        chances = self._chances()
        if any(not 0.0 <= chance <= 1.0 for _, chance in chances):
            raise ValueError(f"fault probabilities must be within 0..1: {self}")
        if sum(chance for _, chance in chances) > 1.0 + 1e-9:
            raise ValueError(f"fault probabilities add up to more than 1: {self}")
        if not 0 <= self.min_delay_s <= self.max_delay_s or self.max_retry_after_s < 0:
            raise ValueError(f"delays cannot be negative: {self}")
        if not self.statuses or any(status not in REASONS for status in self.statuses):
            raise ValueError(f"statuses must be among {sorted(REASONS)}: {self.statuses}")

    def _chances(self) -> list[tuple[Fault, float]]:
        return [
            (Fault.DROP, self.drop),
            (Fault.DELAY, self.delay),
            (Fault.RESET, self.reset),
            (Fault.TRUNCATE, self.truncate),
            (Fault.HTTP_ERROR, self.http_errors),
            (Fault.BLACKHOLE, self.blackhole),
        ]

    def choose(self, draw: float) -> Fault:
        """The fault for a uniform ``draw`` in [0, 1)."""
        bound = 0.0
        for fault, chance in self._chances():
            bound += chance
            if draw < bound:
                return fault
        return Fault.PASS


@dataclass(frozen=True)
class FaultStats:
    """What the proxy saw and did, counted when a fault was actually carried out."""

    connections: int = 0
    requests: int = 0
    passed: int = 0
    dropped: int = 0
    delayed: int = 0
    reset_request: int = 0
    """Reset while forwarding the request: central never handled it."""
    reset_response: int = 0
    """Reset while sending the response back: central did handle it."""
    truncated: int = 0
    http_errors: dict[int, int] = field(default_factory=dict)
    """Answers the proxy made up, by status."""
    http_errors_after_forward: int = 0
    """Of those, how many replaced an answer central had already given."""
    blackholed: int = 0
    upstream_failures: int = 0
    """Central could not be reached: answered 502 (not counted as an injected fault)."""

    @property
    def faults(self) -> int:
        """Every fault injected, of any kind."""
        return (
            self.dropped
            + self.delayed
            + self.reset_request
            + self.reset_response
            + self.truncated
            + sum(self.http_errors.values())
            + self.blackholed
        )


@dataclass(frozen=True)
class FaultEvent:
    """One decision, for a test's failure message: which request of which connection got what."""

    connection: int
    """Connections are numbered from 1 in the order they were accepted."""
    request: int
    """The request's number on its connection, from 1 (a dropped one is never read)."""
    fault: Fault
    detail: str = ""


class _Closed(Exception):
    """The peer closed its side; ``clean`` when that happened between two messages."""

    def __init__(self, clean: bool) -> None:
        super().__init__("connection closed" if clean else "connection closed mid-message")
        self.clean = clean


class _Malformed(Exception):
    """Not HTTP/1.1 as the proxy understands it: the connection is closed."""


class _Stopping(Exception):
    """The proxy is stopping: the connection thread ends."""


class _Reader:
    """Buffered reads from a blocking socket, at message boundaries."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def _fill(self, at_boundary: bool = False) -> None:
        data = self.sock.recv(RECV_BYTES)
        if not data:
            raise _Closed(clean=at_boundary and not self.buffer)
        self.buffer += data

    def _take(self, count: int) -> bytes:
        taken = bytes(self.buffer[:count])
        del self.buffer[:count]
        return taken

    def wait_for_data(self) -> None:
        """Block until the next message starts (raises ``_Closed(clean=True)`` on EOF)."""
        if not self.buffer:
            self._fill(at_boundary=True)

    def read_until(self, marker: bytes, limit: int, at_boundary: bool = False) -> bytes:
        start = 0
        while True:
            found = self.buffer.find(marker, start)
            if found >= 0:
                return self._take(found + len(marker))
            if len(self.buffer) > limit:
                raise _Malformed(f"no {marker!r} within {limit} bytes")
            start = max(0, len(self.buffer) - len(marker) + 1)
            self._fill(at_boundary=at_boundary)

    def read_exact(self, count: int) -> bytes:
        while len(self.buffer) < count:
            self._fill()
        return self._take(count)

    def read_to_eof(self) -> bytes:
        while True:
            try:
                self._fill()
            except _Closed:
                return self._take(len(self.buffer))


@dataclass(frozen=True)
class _Message:
    """One whole HTTP message as bytes, and what its head says."""

    raw: bytes
    head_length: int
    content_length: int
    """Body bytes before which a cut is seen as one (see ``_read_body``)."""
    start_line: str
    headers: list[tuple[str, str]]
    keep_alive: bool


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in headers if key.lower() == name]
    return ", ".join(values) if values else None


def _tokens(value: str | None) -> set[str]:
    return {token.strip().lower() for token in (value or "").split(",") if token.strip()}


def _read_head(reader: _Reader, at_boundary: bool) -> tuple[bytes, str, list[tuple[str, str]]]:
    head = reader.read_until(b"\r\n\r\n", MAX_HEAD_BYTES, at_boundary=at_boundary)
    lines = head[:-4].decode("latin-1").split("\r\n")
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise _Malformed(f"bad header line {line!r}")
        headers.append((name, value.strip()))
    return head, lines[0], headers


def _read_body(
    reader: _Reader, headers: list[tuple[str, str]], until_eof: bool
) -> tuple[bytes, int]:
    """The body bytes exactly as sent (chunked framing and trailers included), and how many
    of them carry content: a chunked body cut after its data, in the last-chunk marker or the
    trailers, still reads as whole."""
    if "chunked" in _tokens(_header(headers, "transfer-encoding")):
        parts: list[bytes] = []
        while True:
            line = reader.read_until(b"\r\n", MAX_HEAD_BYTES)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError as error:
                raise _Malformed(f"bad chunk size {line!r}") from error
            if size == 0:
                content = sum(len(part) for part in parts)
                parts.append(line)
                while True:  # trailers, up to the empty line
                    trailer = reader.read_until(b"\r\n", MAX_HEAD_BYTES)
                    parts.append(trailer)
                    if trailer == b"\r\n":
                        return b"".join(parts), content
            parts.append(line)
            parts.append(reader.read_exact(size + 2))
    length = _header(headers, "content-length")
    if length is not None:
        try:
            count = int(length.split(",")[0])
        except ValueError as error:
            raise _Malformed(f"bad Content-Length {length!r}") from error
        body = reader.read_exact(count)
    else:
        body = reader.read_to_eof() if until_eof else b""
    return body, len(body)


def _read_request(reader: _Reader) -> _Message:
    head, start_line, headers = _read_head(reader, at_boundary=True)
    parts = start_line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise _Malformed(f"bad request line {start_line!r}")
    body, content = _read_body(reader, headers, until_eof=False)
    keep_alive = parts[2] == "HTTP/1.1" and "close" not in _tokens(_header(headers, "connection"))
    return _Message(head + body, len(head), content, start_line, headers, keep_alive)


def _read_response(reader: _Reader, method: str) -> _Message:
    """One final response; interim 1xx responses are kept in front of it, as sent."""
    interim = b""
    while True:
        head, start_line, headers = _read_head(reader, at_boundary=False)
        parts = start_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise _Malformed(f"bad status line {start_line!r}")
        status = int(parts[1])
        if 100 <= status < 200 and status != 101:
            interim += head
            continue
        break
    framed = (
        "chunked" in _tokens(_header(headers, "transfer-encoding"))
        or _header(headers, "content-length") is not None
    )
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        body, content = b"", 0
        framed = True
    else:
        body, content = _read_body(reader, headers, until_eof=True)
    keep_alive = (
        framed and parts[0] == "HTTP/1.1" and "close" not in _tokens(_header(headers, "connection"))
    )
    head_length = len(interim) + len(head)
    return _Message(interim + head + body, head_length, content, start_line, headers, keep_alive)


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset instead of the orderly FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _error_response(status: int, retry_after: int | None, body_kind: str, body: bytes) -> bytes:
    content_type = {"html": "text/html", "garbage": "application/json", "empty": "text/plain"}
    lines = [
        f"HTTP/1.1 {status} {REASONS[status]}",
        "Server: fault-proxy",
        f"Content-Type: {content_type[body_kind]}",
        f"Content-Length: {len(body)}",
    ]
    if retry_after is not None:
        lines.append(f"Retry-After: {retry_after}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


HTML_ERROR = (
    b"<html><head><title>Bad Gateway</title></head><body><center><h1>Bad Gateway</h1>"
    b"</center><hr><center>fault-proxy</center></body></html>\r\n"
)


class FaultProxy:
    """A TCP proxy on 127.0.0.1 (a free port) in front of ``upstream``; started when made."""

    def __init__(
        self,
        upstream: tuple[str, int],
        seed: int = 1,
        policy: FaultPolicy | None = None,
    ) -> None:
        self.upstream = upstream
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._policy = policy or FaultPolicy()
        self._counts: Counter[str] = Counter()
        self._http_errors: Counter[int] = Counter()
        self._events: list[FaultEvent] = []
        self._sockets: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._connections = 0
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self._listener.settimeout(0.05)  # the accept loop looks at _stopping this often
        self.port: int = self._listener.getsockname()[1]
        self._acceptor = threading.Thread(
            target=self._accept_loop, name="fault-proxy-accept", daemon=True
        )
        self._acceptor.start()

    # -- the test's side ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL to give the client instead of the upstream's."""
        return f"http://127.0.0.1:{self.port}"

    def set_policy(self, policy: FaultPolicy, seed: int | None = None) -> None:
        """Takes effect at the next request, on open connections too; ``seed`` restarts the
        random sequence."""
        with self._lock:
            self._policy = policy
            if seed is not None:
                self._random.seed(seed)

    def pass_through(self) -> None:
        """No more faults: every later request reaches upstream and its answer comes back."""
        self.set_policy(FaultPolicy())

    @property
    def policy(self) -> FaultPolicy:
        with self._lock:
            return self._policy

    @property
    def stats(self) -> FaultStats:
        """A snapshot of the counts so far."""
        with self._lock:
            counts = dict(self._counts)
            return FaultStats(
                connections=self._connections,
                http_errors=dict(self._http_errors),
                **counts,
            )

    @property
    def events(self) -> list[FaultEvent]:
        """Every decision so far, in order (pass-throughs included)."""
        with self._lock:
            return list(self._events)

    def stop(self) -> None:
        """Close every connection and end every thread of the proxy (idempotent)."""
        self._stopping.set()
        if self._acceptor.is_alive() and self._acceptor is not threading.current_thread():
            self._acceptor.join(JOIN_TIMEOUT_S)
        self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
            threads = list(self._threads)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv or send
        for thread in threads:
            thread.join(JOIN_TIMEOUT_S)
        alive = [t.name for t in (self._acceptor, *threads) if t.is_alive()]
        if alive:
            raise RuntimeError(f"fault proxy threads did not stop: {alive}")

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- bookkeeping ---------------------------------------------------------------------------

    def _decide(self) -> tuple[Fault, FaultPolicy]:
        with self._lock:
            policy = self._policy
            return policy.choose(self._random.random()), policy

    def _uniform(self, low: float, high: float) -> float:
        with self._lock:
            return self._random.uniform(low, high)

    def _randint(self, low: int, high: int) -> int:
        with self._lock:
            return self._random.randint(low, high)

    def _count(self, what: str, event: FaultEvent | None = None) -> None:
        with self._lock:
            self._counts[what] += 1
            if event is not None:
                self._events.append(event)

    def _register(self, sock: socket.socket) -> None:
        with self._lock:
            if self._stopping.is_set():
                sock.close()
                raise _Stopping
            self._sockets.add(sock)

    def _forget(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)

    # -- threads -------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed
            client.settimeout(None)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if self._stopping.is_set():
                    client.close()
                    return
                self._connections += 1
                number = self._connections
                self._sockets.add(client)
                thread = threading.Thread(
                    target=self._serve,
                    args=(client, number),
                    name=f"fault-proxy-conn-{number}",
                    daemon=True,
                )
                self._threads.add(thread)
            thread.start()

    def _serve(self, client: socket.socket, connection: int) -> None:
        """One client connection, request after request, until a side closes or a fault ends
        it. Every error ends the connection quietly: breaking connections is the point."""
        link = _Link(self, client)
        try:
            link.run(connection)
        except (OSError, _Closed, _Malformed, _Stopping):
            pass
        finally:
            link.close()
            with self._lock:
                self._threads.discard(threading.current_thread())


class _Link:
    """One client connection and its upstream connection."""

    def __init__(self, proxy: FaultProxy, client: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.reader = _Reader(client)
        self.upstream: socket.socket | None = None
        self.upstream_reader: _Reader | None = None

    def close(self) -> None:
        for sock in (self.client, self.upstream):
            if sock is not None:
                self.proxy._forget(sock)
                sock.close()

    def run(self, connection: int) -> None:
        proxy = self.proxy
        number = 0
        while True:
            if number > 0:
                self.reader.wait_for_data()
            fault, policy = proxy._decide()
            if fault is Fault.DROP:
                # At accept (or at the request boundary): nothing of the request is read. A
                # reset looks like a refused connection, a plain close like a dead keep-alive.
                how = "reset" if proxy._randint(0, 1) else "closed"
                proxy._count("dropped", FaultEvent(connection, number + 1, fault, how))
                if how == "reset":
                    self.proxy._forget(self.client)
                    _reset(self.client)
                return
            request = _read_request(self.reader)
            number += 1
            proxy._count("requests")
            event = FaultEvent(connection, number, fault)
            keep_alive = self._handle(fault, policy, request, event)
            if not (keep_alive and request.keep_alive):
                return

    def _handle(
        self, fault: Fault, policy: FaultPolicy, request: _Message, event: FaultEvent
    ) -> bool:
        """Carry out ``fault`` for one request; True when the connection can go on."""
        proxy = self.proxy
        method = request.start_line.split(" ", 1)[0]
        if fault is Fault.BLACKHOLE:
            proxy._count("blackholed", event)
            self._hold()
            return False
        if fault is Fault.HTTP_ERROR:
            return self._answer_error(policy, request, method, event)
        if fault is Fault.RESET and proxy._randint(0, 1) == 0:
            upstream = self._upstream()
            if upstream is None:
                return self._bad_gateway()
            cut = proxy._randint(1, max(1, len(request.raw) - 1))
            upstream.sendall(request.raw[:cut])
            proxy._count("reset_request", _detail(event, f"after {cut} request bytes"))
            self._reset_both()
            return False
        delay_before = fault is Fault.DELAY and proxy._randint(0, 1) == 0
        if delay_before:
            seconds = proxy._uniform(policy.min_delay_s, policy.max_delay_s)
            proxy._count("delayed", _detail(event, f"{seconds:.3f} s before forwarding"))
            if proxy._stopping.wait(seconds):
                raise _Stopping
        response = self._exchange(request, method)
        if response is None:
            return self._bad_gateway()
        if fault is Fault.PASS or delay_before:
            if fault is Fault.PASS:
                proxy._count("passed", event)
            self.client.sendall(response.raw)
            return response.keep_alive
        cut = self._cut(response)
        if fault is Fault.DELAY:
            seconds = proxy._uniform(policy.min_delay_s, policy.max_delay_s)
            proxy._count("delayed", _detail(event, f"{seconds:.3f} s after {cut} bytes"))
            self.client.sendall(response.raw[:cut])
            if proxy._stopping.wait(seconds):
                raise _Stopping
            self.client.sendall(response.raw[cut:])
            return response.keep_alive
        self.client.sendall(response.raw[:cut])
        if fault is Fault.RESET:
            proxy._count("reset_response", _detail(event, f"after {cut} response bytes"))
            self._reset_both()
        else:
            proxy._count("truncated", _detail(event, f"after {cut} of {len(response.raw)} bytes"))
            self.client.shutdown(socket.SHUT_WR)
        return False

    def _cut(self, response: _Message) -> int:
        """Where a response is cut: inside the body when there is one, else inside the head."""
        if response.content_length > 0:
            last = response.head_length + response.content_length - 1
            return self.proxy._randint(response.head_length, last)
        return self.proxy._randint(1, max(1, response.head_length - 1))

    def _answer_error(
        self, policy: FaultPolicy, request: _Message, method: str, event: FaultEvent
    ) -> bool:
        proxy = self.proxy
        keep_alive = True
        after_forward = proxy._randint(0, 1) == 1
        if after_forward:
            response = self._exchange(request, method)
            if response is None:
                return self._bad_gateway()
            keep_alive = response.keep_alive
        with proxy._lock:
            rng = proxy._random
            status = rng.choice(policy.statuses)
            retry_after = rng.randint(0, policy.max_retry_after_s) if rng.random() < 0.5 else None
            body_kind = rng.choice(("html", "garbage", "empty"))
            body = {"html": HTML_ERROR, "garbage": rng.randbytes(rng.randint(1, 300))}.get(
                body_kind, b""
            )
            proxy._http_errors[status] += 1
            if after_forward:
                proxy._counts["http_errors_after_forward"] += 1
            proxy._events.append(
                _detail(
                    event,
                    f"{status} retry-after={retry_after} body={body_kind}"
                    + (" after forwarding" if after_forward else ""),
                )
            )
        self.client.sendall(_error_response(status, retry_after, body_kind, body))
        return keep_alive

    def _bad_gateway(self) -> bool:
        self.proxy._count("upstream_failures")
        answer = _error_response(502, None, "html", HTML_ERROR)
        self.client.sendall(answer.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1))
        return False

    def _hold(self) -> None:
        """Never answer: read and forget whatever comes until the client gives up."""
        while self.client.recv(RECV_BYTES):
            pass

    def _reset_both(self) -> None:
        for sock in (self.client, self.upstream):
            if sock is not None:
                self.proxy._forget(sock)
                _reset(sock)
        self.upstream = None

    def _upstream(self) -> socket.socket | None:
        """The upstream connection, (re)opened when there is none or upstream closed it while
        idle (as a keep-alive timeout does); None when upstream cannot be reached."""
        if self.upstream is not None and _closed_by_peer(self.upstream):
            self.proxy._forget(self.upstream)
            self.upstream.close()
            self.upstream = None
        if self.upstream is None:
            try:
                sock = socket.create_connection(self.proxy.upstream, timeout=5.0)
            except OSError:
                return None
            self.proxy._register(sock)
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.upstream = sock
            self.upstream_reader = _Reader(sock)
        return self.upstream

    def _exchange(self, request: _Message, method: str) -> _Message | None:
        """Forward the request, read the whole response; None when upstream failed."""
        upstream = self._upstream()
        if upstream is None or self.upstream_reader is None:
            return None
        try:
            upstream.sendall(request.raw)
            response = _read_response(self.upstream_reader, method)
        except (OSError, _Closed, _Malformed):
            if self.proxy._stopping.is_set():
                raise _Stopping from None
            self.proxy._forget(upstream)
            upstream.close()
            self.upstream = None
            return None
        if not response.keep_alive:
            self.proxy._forget(upstream)
            upstream.close()
            self.upstream = None
        return response


def _detail(event: FaultEvent, detail: str) -> FaultEvent:
    return FaultEvent(event.connection, event.request, event.fault, detail)


def _closed_by_peer(sock: socket.socket) -> bool:
    """True when an idle connection has been closed (or reset) by the other side."""
    try:
        sock.setblocking(False)
        try:
            return sock.recv(1, socket.MSG_PEEK) == b""
        finally:
            sock.setblocking(True)
    except BlockingIOError:
        return False
    except OSError:
        return True
