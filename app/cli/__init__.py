"""Command-line front end: the GUI launcher and the tools IT staff use to check a counter."""
