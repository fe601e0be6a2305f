"""Printable forms: templates to PDF or printer, QR codes.

- :mod:`app.documents.slips`: what each slip says (Mẫu 01 receipt, 02 supplement request,
  03 refusal), built from the store's ``ReceiptRecord`` or from a reception draft.
- :mod:`app.documents.forms`: the templates in ``resources/forms/<form>/<effective date>/``,
  chosen by the document's date (Qt-free).
- :mod:`app.documents.render`: ``render_pdf`` (atomic), ``print_slip`` (a ``QPrinter`` from the
  print dialog), ``render_page_images`` (previews); needs a ``QGuiApplication``.
- :mod:`app.documents.receipt_job`: save → receipt PDF with the signed QR, for the reception
  screen and the benchmark.
- :mod:`app.documents.qr`: the QR code, drawn as vectors.

Submodules are imported on use: importing this package loads neither Qt nor the store.
"""
