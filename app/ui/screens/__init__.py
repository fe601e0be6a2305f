"""One module per screen of the main window; each takes its dependencies in its constructor."""
