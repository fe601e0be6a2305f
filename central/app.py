"""The app factory: ``create_app(settings)`` builds a FastAPI app with its own database and
file store, migrated to head. Nothing lives in module globals, so tests can run several."""

from __future__ import annotations

from datetime import UTC

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central import API_PREFIX, API_VERSION
from central.context import Central
from central.db import Database, migrate
from central.errors import install_error_handlers
from central.filestore import FileStore
from central.routers import admin, auth, changes, code_blocks, dossiers, files, outbox
from central.settings import CentralSettings


class ServerTimeMiddleware:
    """Adds ``X-Server-Time`` (central's clock, ISO 8601) to every response, errors included,
    so a counter can measure its drift from any answer."""

    def __init__(self, app: ASGIApp, settings: CentralSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                moment = self.settings.clock().astimezone(UTC).isoformat()
                headers = list(message.get("headers", []))
                headers.append((b"x-server-time", moment.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_time)


def create_app(settings: CentralSettings) -> FastAPI:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.db_url)
    migrate(database.engine)
    app = FastAPI(
        title="Một Cửa central (reference server)",
        version=f"{API_VERSION}.0",
        description="The sync contract's other side: see docs/sync-api.md.",
    )
    app.state.central = Central(settings=settings, db=database)
    app.state.file_store = FileStore(settings.data_dir)
    install_error_handlers(app)
    for router in (
        auth.router,
        outbox.router,
        files.router,
        changes.router,
        code_blocks.router,
        dossiers.router,
        admin.router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    app.add_middleware(ServerTimeMiddleware, settings=settings)
    return app
