"""``python -m central`` (or ``motcua-central``): ``serve`` the server, ``seed`` demo data.

Mistakes a person can fix (a port in use, a bad database URL, an unreachable database) end
with one clear line on stderr and exit status 2, never a stack trace.
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from collections.abc import Sequence
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m central", description="The Một Cửa reference central server."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run the HTTP server (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--db", required=True, help="sqlite:///path or postgresql://...")
    serve.add_argument("--data", required=True, type=Path, help="folder for uploaded files")
    serve.add_argument("--log-level", default="warning")
    seed = commands.add_parser("seed", help="create demo units, users and publications")
    seed.add_argument("--db", required=True)
    seed.add_argument("--password", help="demo users' password (default: the documented one)")
    return parser


def _fail(message: str) -> int:
    print(f"central: {message}", file=sys.stderr)
    return 2


def _check_port(host: str, port: int) -> str | None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use; choose another with --port"
            return f"cannot listen on {host}:{port}: {error.strerror}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from sqlalchemy.exc import OperationalError

    from central.db import Database, DatabaseUrlError

    try:
        if args.command == "seed":
            from central.seed import DEMO_PASSWORD, seed

            database = Database(args.db)
            try:
                counts = seed(database, args.password or DEMO_PASSWORD)
            finally:
                database.dispose()
            print(
                f"seeded: {counts['units']} units, {counts['users']} users, "
                f"{counts['publications']} publications"
            )
            return 0
        problem = _check_port(args.host, args.port)
        if problem:
            return _fail(problem)
        import uvicorn

        from central.app import create_app
        from central.settings import CentralSettings

        app = create_app(CentralSettings(db_url=args.db, data_dir=args.data))
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
        return 0
    except DatabaseUrlError as error:
        return _fail(str(error))
    except OperationalError as error:
        return _fail(f"cannot open the database {args.db}: {error.orig}")


if __name__ == "__main__":
    raise SystemExit(main())
