"""What can go wrong when the counter talks to central, sorted by what the engine does next.

Every failure of :class:`app.sync.client.CentralClient` is one :class:`SyncError` with a
``kind``: the engine retries ``offline`` and ``server_error`` later, asks for a new token on
``auth``, and quarantines an entry on ``refused``; ``forbidden`` and ``tls`` need a person (an
administrator, IT staff). Like :class:`app.store.errors.StoreError` it carries an English message
for logs and a Vietnamese ``message_vi`` the UI shows as is, so a dropped line never reaches the
clerk as a stack trace.
"""

from __future__ import annotations

from enum import StrEnum

from app.store.errors import StoreError


class SyncErrorKind(StrEnum):
    OFFLINE = "offline"
    """Connection refused, timed out, DNS failed: central is unreachable from here."""
    SERVER_ERROR = "server_error"
    """Central answered 5xx, garbage, or a cut-off body: its fault, and usually passing."""
    AUTH = "auth"
    """401: the token is missing, expired or revoked; sign in (or refresh) again."""
    FORBIDDEN = "forbidden"
    """403: the signed-in user may not do this here."""
    TLS = "tls"
    """The server's certificate did not verify: never sent anything over it."""
    REFUSED = "refused"
    """A 4xx that will never pass as it is (bad request, unknown dossier...)."""


TRANSIENT_KINDS = frozenset({SyncErrorKind.OFFLINE, SyncErrorKind.SERVER_ERROR})


class SyncError(StoreError):
    """A failure talking to central. ``status`` is the HTTP status when there was one,
    ``code`` central's machine-readable error code, ``retry_after`` seconds central asked to
    wait (429/503)."""

    def __init__(
        self,
        kind: SyncErrorKind,
        message: str,
        message_vi: str,
        *,
        status: int | None = None,
        code: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, message_vi)
        self.kind = kind
        self.status = status
        self.code = code
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        """Whether trying the same call again later may succeed without anyone acting."""
        return self.kind in TRANSIENT_KINDS


def offline(url: str, detail: str) -> SyncError:
    return SyncError(
        SyncErrorKind.OFFLINE,
        f"Central ({url}) is unreachable: {detail}; changes wait on this computer and are "
        "sent when the connection returns",
        f"Không kết nối được máy chủ trung tâm ({url}); các thay đổi được giữ trên máy này "
        "và sẽ tự gửi khi có kết nối trở lại",
    )


def server_error(url: str, detail: str, *, status: int | None = None) -> SyncError:
    return SyncError(
        SyncErrorKind.SERVER_ERROR,
        f"Central ({url}) answered wrongly: {detail}; it will be tried again",
        f"Máy chủ trung tâm ({url}) trả lời không hợp lệ; hệ thống sẽ tự thử lại sau",
        status=status,
    )


def tls_error(url: str, detail: str) -> SyncError:
    return SyncError(
        SyncErrorKind.TLS,
        f"The certificate of {url} could not be verified ({detail}); nothing was sent. "
        "IT staff: check the central URL and the CA bundle setting",
        f"Không xác minh được chứng thư bảo mật của {url}; chưa gửi dữ liệu nào. "
        "Hãy nhờ cán bộ kỹ thuật kiểm tra địa chỉ máy chủ và tệp chứng thư (CA)",
    )


def auth_error(code: str | None, message: str | None = None) -> SyncError:
    return SyncError(
        SyncErrorKind.AUTH,
        message or "Central did not accept the sign-in; sign in again",
        "Phiên đăng nhập với máy chủ trung tâm không còn hiệu lực; hãy đăng nhập lại",
        status=401,
        code=code,
    )


def forbidden(code: str | None, message: str | None = None) -> SyncError:
    return SyncError(
        SyncErrorKind.FORBIDDEN,
        message or "Central refused: this account may not do that here",
        "Máy chủ trung tâm từ chối: tài khoản này không có quyền thực hiện thao tác này",
        status=403,
        code=code,
    )


def refused(status: int, code: str | None, message: str, message_vi: str | None) -> SyncError:
    return SyncError(
        SyncErrorKind.REFUSED,
        f"Central refused the request ({status} {code or 'error'}): {message}",
        message_vi or f"Máy chủ trung tâm từ chối yêu cầu ({status}): {message}",
        status=status,
        code=code,
    )
