"""Printable forms: templates to PDF or printer, QR codes."""
