"""Một Cửa Desk: the one-stop counter application."""

__version__ = "0.1.0"
