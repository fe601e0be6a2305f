"""``python -m app setup``: which unit, counter and clerk this machine receives dossiers as.

IT staff run it once per machine (and again when the clerk changes): ``--list`` shows the
counters of the units in service, ``--unit TT --counter Q01 --clerk "Nguyễn Thị Lan"`` sets
the identity, and no option shows the current one. The store is opened (migrated and seeded)
first, so a fresh install can be set up before the window ever opens. Bad input exits with
status 2 and says why in Vietnamese and English.
"""

from __future__ import annotations

import argparse
import sys

from app.config import AppPaths

EXIT_BAD_INPUT = 2
EXIT_NOT_SET_UP = 1


def _error(message_vi: str, message: str, status: int) -> int:
    print(f"lỗi: {message_vi}", file=sys.stderr)
    print(f"error: {message}", file=sys.stderr)
    return status


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
    except CounterSetupError as error:
        return _error(error.message_vi, error.message, EXIT_BAD_INPUT)
    except StoreError as error:
        return _error(error.message_vi, error.message, EXIT_NOT_SET_UP)
    finally:
        store.close()
    print(f"unit:        {identity.org_unit_code} — {identity.org_unit_name}")
    print(f"agency code: {identity.agency_code}")
    print(f"counter:     {identity.counter_code} — {identity.counter_name}")
    print(f"clerk:       {identity.clerk_name}")
    return 0
