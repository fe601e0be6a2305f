"""A scripted HTTP server on 127.0.0.1 for what the real central never does on purpose:
garbage bodies, answers cut off mid-body, dropped connections, 503 with Retry-After.

Each request takes the next scripted answer for its method and path (the last one repeats);
every request is recorded so a test can check what the client sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    cut_after: int | None = None
    """Send only this many body bytes (Content-Length says all), then close."""
    drop: bool = False
    """Close the connection without answering."""
    delay: float = 0.0
    """Seconds to wait before answering (a wedged line)."""


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class StubServer:
    def __init__(self) -> None:
        self.script: dict[tuple[str, str], list[Answer]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                answer = stub._next(
                    self.command, path, Seen(self.command, self.path, dict(self.headers), body)
                )
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.drop:
                    self.close_connection = True
                    return
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if self.command != "HEAD" or "Content-Length" not in answer.headers:
                    self.send_header("Content-Length", str(len(answer.body)))
                if answer.cut_after is not None:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                if self.command != "HEAD":
                    payload = (
                        answer.body if answer.cut_after is None else answer.body[: answer.cut_after]
                    )
                    self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_HEAD = do_PUT = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def on(self, method: str, path: str, *answers: Answer) -> None:
        self.script[(method, "/api/v1" + path)] = list(answers)

    def _next(self, method: str, path: str, seen: Seen) -> Answer:
        with self._lock:
            self.seen.append(seen)
            answers = self.script.get((method, path))
            if not answers:
                return Answer(404, b'{"error": {"code": "not_found", "message": "no script"}}')
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def requests_to(self, method: str, path: str) -> list[Seen]:
        return [
            s for s in self.seen if s.method == method and s.path.split("?")[0] == "/api/v1" + path
        ]

    @contextmanager
    def running(self) -> Iterator[StubServer]:
        thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join(5)


def free_port() -> int:
    """A port nobody listens on (bound then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
