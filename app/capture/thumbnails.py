"""Small previews of pages for the dossier screen, and content hashes for naming files.

A thumbnail is PNG: at 240 px a grey text page is a few kB as PNG and the text edges stay
sharp, where JPEG rings around every letter for a similar size; colour photos are rare at the
counter and still small at this size.
"""

from __future__ import annotations

import hashlib

import cv2
import numpy as np


def sha256_hex(data: bytes) -> str:
    """The name a file is stored under (content addressing)."""
    return hashlib.sha256(data).hexdigest()


def thumbnail_png(image: np.ndarray, max_side: int = 240) -> bytes:
    """``image`` (uint8 grey or BGR) shrunk to at most ``max_side`` pixels on its long side,
    as PNG bytes. Never enlarged. Deterministic: same image, same bytes."""
    if max_side < 1:
        raise ValueError(f"max_side must be positive, not {max_side}")
    if image.dtype != np.uint8 or image.ndim not in (2, 3) or min(image.shape[:2]) < 1:
        raise ValueError(f"expected a non-empty uint8 grey or BGR image, not {image.shape}")
    height, width = image.shape[:2]
    scale = min(1.0, max_side / max(height, width))
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        # INTER_AREA averages the pixels it drops: thin strokes fade instead of vanishing.
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    if not ok:  # pragma: no cover - OpenCV always encodes a valid uint8 array
        raise ValueError("PNG encoding failed")
    return encoded.tobytes()
