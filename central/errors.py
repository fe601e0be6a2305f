"""The one error body of the API, and the exceptions that produce it.

Every refusal a caller can act on has a stable ``code`` plus an English and a Vietnamese
message (docs/sync-api.md). Framework errors (validation, unknown path, wrong method) are
rewritten into the same body so a client needs a single error parser.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer other than success: status, stable code, both messages, extra fields."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        message_vi: str,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.message_vi = message_vi
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "message_vi": self.message_vi,
        }
        error.update(self.extra)
        return {"error": error}


def unauthenticated() -> ApiError:
    return ApiError(
        401,
        "unauthenticated",
        "Sign in first: the access token is missing, expired or revoked",
        "Cần đăng nhập: mã truy cập bị thiếu, đã hết hạn hoặc đã bị thu hồi",
        headers={"WWW-Authenticate": "Bearer"},
    )


def forbidden(message: str, message_vi: str) -> ApiError:
    return ApiError(403, "forbidden", message, message_vi)


def not_found(what: str, what_vi: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} was not found", f"Không tìm thấy {what_vi}")


_STATUS_CODES = {
    400: ("bad_request", "Bad request", "Yêu cầu không hợp lệ"),
    401: ("unauthenticated", "Sign in first", "Cần đăng nhập"),
    403: ("forbidden", "Not allowed", "Không có quyền"),
    404: ("not_found", "No such address", "Không có địa chỉ này"),
    405: ("method_not_allowed", "Method not allowed", "Phương thức không được hỗ trợ"),
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        return JSONResponse(error.body(), status_code=error.status, headers=error.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "location": ".".join(str(part) for part in problem.get("loc", ())),
                "problem": str(problem.get("msg", "")),
            }
            for problem in error.errors()
        ]
        first = problems[0] if problems else {"location": "", "problem": "invalid"}
        body = ApiError(
            422,
            "validation_error",
            f"The request is not valid: {first['location']}: {first['problem']}",
            f"Yêu cầu không hợp lệ: {first['location']}: {first['problem']}",
            problems=problems,
        ).body()
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code, message, message_vi = _STATUS_CODES.get(
            error.status_code, ("http_error", str(error.detail), str(error.detail))
        )
        return JSONResponse(
            ApiError(error.status_code, code, message, message_vi).body(),
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _bug(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=error)
        return JSONResponse(
            ApiError(
                500,
                "internal_error",
                "Central failed to answer; the error is logged",
                "Hệ thống trung tâm gặp lỗi; lỗi đã được ghi lại",
            ).body(),
            status_code=500,
        )
