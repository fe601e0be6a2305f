"""``python -m app``: the counter application and its command-line tools."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    # Vietnamese on a Windows console whose code page cannot show it: replace, never crash.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    raise SystemExit(main())
