"""PySide6 user interface: windows, Qt models, dialogs, background-task helper."""
