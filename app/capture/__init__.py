"""Image sources, OpenCV clean-up, Tesseract OCR, searchable PDF, QR decoding."""
