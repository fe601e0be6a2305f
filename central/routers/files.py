"""Content-addressed, resumable file upload: ``missing``, ``HEAD`` and ``PATCH``; small whole
files many to a call by ``bundle``."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response
from sqlalchemy import insert, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from central.context import CallerDep, Central, CentralDep
from central.errors import ApiError
from central.filestore import FileStore
from central.models import StoredFile
from central.schemas import (
    BUNDLE_MAX_FILE_BYTES,
    BundleCode,
    BundleRejection,
    BundleRequest,
    BundleResponse,
    MissingRequest,
    MissingResponse,
    errors,
)

router = APIRouter(tags=["files"])

FILE_ROLES = ("clerk", "deputy", "admin")
UPLOAD_TYPE = "application/offset+octet-stream"
ShaPath = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]

_OFFSET_HEADERS = {
    "Upload-Offset": {"description": "Bytes central holds", "schema": {"type": "integer"}},
}


def _store(request: Request) -> FileStore:
    store: FileStore = request.app.state.file_store
    return store


def _complete_size(central: Central, sha256: str) -> int | None:
    with central.db.transaction() as session:
        return session.scalar(
            select(StoredFile.size).where(
                StoredFile.sha256 == sha256, StoredFile.complete.is_(True)
            )
        )


@router.post("/files/missing", responses=errors(401, 403, 422))
def missing(body: MissingRequest, caller: CallerDep, central: CentralDep) -> MissingResponse:
    caller.require(FILE_ROLES)
    wanted = list(dict.fromkeys(body.sha256))
    if not wanted:
        return MissingResponse(missing=[])
    with central.db.transaction() as session:
        held = set(
            session.scalars(
                select(StoredFile.sha256).where(
                    StoredFile.sha256.in_(wanted), StoredFile.complete.is_(True)
                )
            )
        )
    return MissingResponse(missing=[sha for sha in wanted if sha not in held])


@router.post("/files/bundle", responses=errors(401, 403, 422))
def bundle(
    body: BundleRequest, request: Request, caller: CallerDep, central: CentralDep
) -> BundleResponse:
    """Up to 100 small whole files in one call, each checked against its SHA-256: for the
    common case of many small PDFs, one request per file cost far more than the bytes. A
    rejected file leaves the others stored."""
    caller.require(FILE_ROLES)
    rejected: list[BundleRejection] = []
    good: dict[str, bytes] = {}
    for item in body.files:
        try:
            data = base64.b64decode(item.data, validate=True)
        except (binascii.Error, ValueError):
            rejected.append(_rejection(item.sha256, "invalid_base64"))
            continue
        if len(data) > BUNDLE_MAX_FILE_BYTES:
            rejected.append(_rejection(item.sha256, "too_large"))
        elif hashlib.sha256(data).hexdigest() != item.sha256:
            rejected.append(_rejection(item.sha256, "hash_mismatch"))
        else:
            good[item.sha256] = data
    if not good:
        return BundleResponse(stored=[], rejected=rejected)
    with central.db.transaction() as session:
        held = set(
            session.scalars(
                select(StoredFile.sha256).where(
                    StoredFile.sha256.in_(list(good)), StoredFile.complete.is_(True)
                )
            )
        )
    store = _store(request)
    fresh = {sha: data for sha, data in good.items() if sha not in held}
    store.put_complete(fresh)
    if fresh:
        now = central.settings.clock()
        with central.db.transaction() as session:
            known = set(
                session.scalars(select(StoredFile.sha256).where(StoredFile.sha256.in_(list(fresh))))
            )
            rows = [
                {
                    "sha256": sha,
                    "size": len(data),
                    "complete": True,
                    "path": store.relative(sha),
                    "completed_at": now,
                }
                for sha, data in fresh.items()
                if sha not in known
            ]
            if rows:
                # One multi-row INSERT: a bundle's hundred ORM objects cost more than the rows.
                session.connection().execute(insert(StoredFile), rows)
    return BundleResponse(stored=list(good), rejected=rejected)


_BUNDLE_REASONS: dict[str, tuple[str, str]] = {
    "invalid_base64": ("The data is not valid base64", "Dữ liệu không đúng định dạng base64"),
    "too_large": (
        f"Files over {BUNDLE_MAX_FILE_BYTES} bytes go by PATCH /files/{{sha256}}",
        f"Tệp lớn hơn {BUNDLE_MAX_FILE_BYTES} byte phải gửi bằng PATCH /files/{{sha256}}",
    ),
    "hash_mismatch": (
        "The bytes do not have this SHA-256; the file was not stored",
        "Dữ liệu không khớp mã SHA-256; tệp không được lưu",
    ),
}


def _rejection(sha256: str, code: BundleCode) -> BundleRejection:
    message, message_vi = _BUNDLE_REASONS[code]
    return BundleRejection(sha256=sha256, code=code, message=message, message_vi=message_vi)


@router.head(
    "/files/{sha256}",
    response_class=Response,
    responses={
        200: {
            "description": "Held: complete (Upload-Complete: true) or partly uploaded",
            "headers": {
                **_OFFSET_HEADERS,
                "Upload-Complete": {
                    "description": "true once the whole file is held and its hash checked",
                    "schema": {"type": "string", "enum": ["true", "false"]},
                },
            },
        },
        404: {"description": "Nothing of this file is held"},
        **errors(401, 403, 422),
    },
)
def head(sha256: ShaPath, request: Request, caller: CallerDep, central: CentralDep) -> Response:
    caller.require(FILE_ROLES)
    size = _complete_size(central, sha256)
    if size is not None:
        return Response(
            status_code=200,
            headers={
                "Upload-Offset": str(size),
                "Upload-Length": str(size),
                "Upload-Complete": "true",
                "Content-Length": str(size),
            },
        )
    held = _store(request).partial_size(sha256)
    if held is None:
        return Response(status_code=404)
    return Response(
        status_code=200, headers={"Upload-Offset": str(held), "Upload-Complete": "false"}
    )


@router.patch(
    "/files/{sha256}",
    status_code=204,
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {UPLOAD_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses={
        204: {"description": "Bytes stored", "headers": _OFFSET_HEADERS},
        409: {"model": errors(409)[409]["model"], "description": "offset_mismatch"},
        415: {"model": errors(409)[409]["model"], "description": "wrong Content-Type"},
        **errors(401, 403, 422),
    },
)
async def patch(
    sha256: ShaPath,
    request: Request,
    caller: CallerDep,
    central: CentralDep,
    upload_offset: Annotated[int, Header(alias="Upload-Offset", ge=0)],
    upload_length: Annotated[int, Header(alias="Upload-Length", ge=0)],
) -> Response:
    caller.require(FILE_ROLES)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != UPLOAD_TYPE:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Send file bytes as {UPLOAD_TYPE}",
            f"Dữ liệu tệp phải gửi dưới dạng {UPLOAD_TYPE}",
        )
    if upload_length > central.settings.max_file_size:
        raise ApiError(
            422,
            "too_large",
            f"Files are limited to {central.settings.max_file_size} bytes",
            f"Tệp không được lớn hơn {central.settings.max_file_size} byte",
        )
    store = _store(request)
    async with store.lock(sha256):
        size = await run_in_threadpool(_complete_size, central, sha256)
        held = size if size is not None else (store.partial_size(sha256) or 0)
        if upload_offset != held:
            raise ApiError(
                409,
                "offset_mismatch",
                f"Central holds {held} bytes of this file; send from there",
                f"Hệ thống trung tâm đang giữ {held} byte của tệp này; hãy gửi tiếp từ đó",
                headers={"Upload-Offset": str(held)},
                upload_offset=held,
            )
        if size is not None:
            await _drain(request)
            return Response(status_code=204, headers={"Upload-Offset": str(size)})
        if upload_offset > upload_length:
            raise _length_error(upload_length)
        written = upload_offset
        path = store.partial_path(sha256)
        with path.open("ab") as stream:
            try:
                async for chunk in request.stream():
                    if not chunk:
                        continue
                    written += len(chunk)
                    if written > upload_length:
                        break
                    stream.write(chunk)
            except ClientDisconnect:
                pass
            finally:
                stream.flush()
                os.fsync(stream.fileno())
        if written > upload_length:
            store.drop_partial(sha256)
            raise _length_error(upload_length)
        if written < upload_length:
            return Response(status_code=204, headers={"Upload-Offset": str(written)})
        if not await run_in_threadpool(store.finish, sha256):
            raise ApiError(
                422,
                "hash_mismatch",
                "The bytes received do not have this SHA-256; the upload was dropped, "
                "send the file again from the start",
                "Dữ liệu nhận được không khớp mã SHA-256; phần đã tải lên bị hủy, "
                "hãy gửi lại tệp từ đầu",
            )
        await run_in_threadpool(_record, central, store, sha256, upload_length)
        return Response(status_code=204, headers={"Upload-Offset": str(upload_length)})


def _length_error(upload_length: int) -> ApiError:
    return ApiError(
        422,
        "length_exceeded",
        f"More bytes were sent than the Upload-Length of {upload_length}; the upload was dropped",
        f"Số byte gửi lên vượt Upload-Length {upload_length}; phần đã tải lên bị hủy",
    )


async def _drain(request: Request) -> None:
    try:
        async for _chunk in request.stream():
            pass
    except ClientDisconnect:
        pass


def _record(central: Central, store: FileStore, sha256: str, size: int) -> None:
    with central.db.transaction() as session:
        if session.get(StoredFile, sha256) is None:
            session.add(
                StoredFile(
                    sha256=sha256,
                    size=size,
                    complete=True,
                    path=store.relative(sha256),
                    completed_at=central.settings.clock(),
                )
            )
