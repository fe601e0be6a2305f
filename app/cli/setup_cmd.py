"""``python -m app setup``: which unit, counter and clerk this machine receives dossiers as.

IT staff run it once per machine (and again when the clerk changes): ``--list`` shows the
counters of the units in service, ``--unit TT --counter Q01 --clerk "Nguyễn Thị Lan"`` sets
the identity, and no option shows the current one. The store is opened (migrated and seeded)
first, so a fresh install can be set up before the window ever opens. Bad input exits with
status 2 and says why in Vietnamese and English.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from app.config import AppPaths

if TYPE_CHECKING:
    from app.store.database import Store

EXIT_BAD_INPUT = 2
EXIT_NOT_SET_UP = 1


def _error(message_vi: str, message: str, status: int) -> int:
    print(f"lỗi: {message_vi}", file=sys.stderr)
    print(f"error: {message}", file=sys.stderr)
    return status


SCANNER_FOLDER_KEY = "capture.watch_folder"
CENTRAL_URL_KEY = "sync.central_url"
EMBEDDED_CENTRAL_KEY = "sync.embedded_central"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class _BadOption(Exception):
    def __init__(self, message_vi: str, message: str) -> None:
        super().__init__(message)
        self.message_vi = message_vi
        self.message = message


def _scanner_folder(value: str) -> str:
    """The folder as stored: absolute, existing, and one we may move files out of."""
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise _BadOption(
            f"thư mục máy quét «{value}» không tồn tại hoặc không phải thư mục",
            f"the scanner folder {value!r} does not exist or is not a folder",
        )
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        raise _BadOption(
            f"không có quyền đọc và ghi thư mục máy quét «{value}» (phần mềm chuyển các tệp đã "
            "nhận vào thư mục con received/)",
            f"the scanner folder {value!r} must be readable and writable (received files are "
            "moved into its received/ folder)",
        )
    return str(folder.resolve())


def _central_url(value: str) -> str:
    """https, or plain http only to this machine (a local reference server): TLS is always
    verified, so an http address elsewhere would send passwords in clear."""
    url = urlsplit(value.strip())
    if url.scheme not in ("http", "https") or not url.hostname:
        raise _BadOption(
            f"địa chỉ máy chủ trung tâm «{value}» không hợp lệ (cần dạng https://may-chu/...)",
            f"the central URL {value!r} is not valid (expected https://host/...)",
        )
    if url.scheme == "http" and url.hostname not in _LOOPBACK:
        raise _BadOption(
            f"máy chủ trung tâm «{value}» phải dùng https (chỉ máy chủ trên chính máy này mới "
            "được dùng http)",
            f"the central URL {value!r} must use https (http is allowed only on this machine)",
        )
    return urlunsplit((url.scheme, url.netloc, url.path.rstrip("/"), "", ""))


def _apply_connections(store: Store, args: argparse.Namespace) -> None:
    from app.store.settings import SettingsRepository

    folder = _scanner_folder(args.scanner_folder) if args.scanner_folder else None
    central = _central_url(args.central_url) if args.central_url else None
    with store.session() as session:
        settings = SettingsRepository(session)
        if folder is not None:
            settings.set(SCANNER_FOLDER_KEY, folder)
        elif args.no_scanner_folder:
            settings.delete(SCANNER_FOLDER_KEY)
        if central is not None:
            settings.set(CENTRAL_URL_KEY, central)
        elif args.standalone or args.demo_central:
            settings.delete(CENTRAL_URL_KEY)
            # Standalone means no central at all, not even the demo one started with the app.
            settings.set(EMBEDDED_CENTRAL_KEY, bool(args.demo_central))


def _connections(store: Store) -> tuple[str | None, str | None]:
    from app.store.settings import SettingsRepository

    with store.read_session() as session:
        settings = SettingsRepository(session)
        folder, central = settings.get(SCANNER_FOLDER_KEY), settings.get(CENTRAL_URL_KEY)
        embedded = settings.get(EMBEDDED_CENTRAL_KEY) is not False
    if not (isinstance(central, str) and central):
        central = "(demo server started with the app)" if embedded else None
    return (folder if isinstance(folder, str) and folder else None, central)


def run_setup(args: argparse.Namespace) -> int:
    from app.store.counter import configure_counter, list_counters, load_counter_identity
    from app.store.database import StoreError, open_database
    from app.store.errors import CounterSetupError
    from app.store.seed import seed_from_resources

    given = [value for value in (args.unit, args.counter, args.clerk) if value is not None]
    if given and len(given) != 3:
        return _error(
            "cần nhập đủ cả ba: --unit, --counter và --clerk",
            "give --unit, --counter and --clerk together",
            EXIT_BAD_INPUT,
        )
    if given and args.list:
        return _error(
            "--list không dùng cùng --unit/--counter/--clerk",
            "--list cannot be combined with --unit/--counter/--clerk",
            EXIT_BAD_INPUT,
        )
    try:
        store = open_database(AppPaths.default())
    except StoreError as error:
        return _error(error.message_vi, error.message, EXIT_NOT_SET_UP)
    try:
        seed_from_resources(store)
        _apply_connections(store, args)
        if args.list:
            with store.read_session() as session:
                choices = list_counters(session)
            for choice in choices:
                print(
                    f"{choice.unit_code:<10} {choice.counter_code:<5} {choice.counter_name}"
                    f"  —  {choice.unit_name} [{choice.agency_code}]"
                )
            return 0
        if given:
            with store.session() as session:
                identity = configure_counter(session, args.unit, args.counter, args.clerk)
        else:
            with store.read_session() as session:
                identity = load_counter_identity(session)
            if identity is None:
                return _error(
                    "máy này chưa được thiết lập quầy; xem «python -m app setup --list»",
                    "this machine is not set up as a counter; see 'python -m app setup --list'",
                    EXIT_NOT_SET_UP,
                )
        folder, central = _connections(store)
    except (CounterSetupError, _BadOption) as error:
        return _error(error.message_vi, error.message, EXIT_BAD_INPUT)
    except StoreError as error:
        return _error(error.message_vi, error.message, EXIT_NOT_SET_UP)
    finally:
        store.close()
    print(f"unit:        {identity.org_unit_code} — {identity.org_unit_name}")
    print(f"agency code: {identity.agency_code}")
    print(f"counter:     {identity.counter_code} — {identity.counter_name}")
    print(f"clerk:       {identity.clerk_name}")
    print(f"scanner:     {folder or '(none)'}")
    print(f"central:     {central or '(standalone)'}")
    return 0
