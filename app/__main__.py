"""``python -m app``: the counter application and its command-line tools."""

from app.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
