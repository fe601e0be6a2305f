"""``python -m app sync --once``: one sync cycle with the configured central, as JSON.

For IT staff and scripts: it signs in as ``--username`` (password from ``MOTCUA_PASSWORD`` or
a prompt; the token lives only in this process), runs one cycle (files, push, pull) and prints
the cycle's summary as one JSON line. Exit 0 when the cycle completed, 1 when central could not
be reached or refused (the message says why, in Vietnamese and English), 2 on bad input.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from app.config import AppPaths

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
PASSWORD_ENV = "MOTCUA_PASSWORD"


def add_sync_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="run one cycle and exit (required)")
    parser.add_argument("--username", help="central account (password: $MOTCUA_PASSWORD)")
    parser.add_argument("--ca-bundle", help="extra CA certificates for central's TLS")


def _error(message_vi: str, message: str, status: int) -> int:
    print(f"lỗi: {message_vi}", file=sys.stderr)
    print(f"error: {message}", file=sys.stderr)
    return status


def run_sync(args: argparse.Namespace, paths: AppPaths | None = None) -> int:
    from app.store.database import StoreError, open_database
    from app.store.settings import SettingsRepository
    from app.sync.client import CentralClient
    from app.sync.engine import SyncEngine
    from app.sync.errors import SyncError

    if not args.once:
        return _error("chỉ hỗ trợ «sync --once»", "only 'sync --once' is supported", EXIT_BAD_INPUT)
    if not args.username:
        return _error("cần --username", "give --username", EXIT_BAD_INPUT)
    try:
        store = open_database(paths or AppPaths.default())
    except StoreError as error:
        return _error(error.message_vi, error.message, EXIT_FAILED)
    try:
        with store.read_session() as session:
            settings = SettingsRepository(session)
            url = settings.get("sync.central_url")
            counter_code = settings.get("counter.code")
        if not isinstance(url, str) or not url.strip():
            return _error(
                "chưa cấu hình địa chỉ máy chủ trung tâm (sync.central_url)",
                "no central URL is configured (sync.central_url)",
                EXIT_FAILED,
            )
        password = os.environ.get(PASSWORD_ENV) or getpass.getpass("Password: ")
        token: list[str] = []
        client = CentralClient(
            url, token_provider=lambda: token[0] if token else None, ca_bundle=args.ca_bundle
        )
        try:
            grant = client.sign_in(
                args.username, password, counter_code if isinstance(counter_code, str) else None
            )
            token.append(grant.access_token)
            report = SyncEngine(store, client).run_cycle()
            if report.error is None:
                client.sign_out()
        except SyncError as error:
            return _error(error.message_vi, str(error), EXIT_FAILED)
        finally:
            client.close()
        print(json.dumps(report.as_json(), ensure_ascii=False))
        if report.error is not None:
            return _error(report.error.message_vi, str(report.error), EXIT_FAILED)
        return 0
    finally:
        store.close()
