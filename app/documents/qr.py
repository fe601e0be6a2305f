"""The QR code printed at the top-left corner of every slip (Circular 01/2023/TT-VPCP).

The code is drawn as vector squares straight from the ``qrcode`` library's module matrix: it
stays crisp on any printer and in the PDF, needs no image library, and costs a few hundred
rectangles. Error correction M survives a fold or a smudge, and the 4-module quiet zone is part
of the drawn square, so a template only reserves the space.

Every receipt has its own (signed) QR text, so the code is built on the save-to-PDF path each
time. ``qrcode`` is pure Python and takes ~40 ms for a receipt's version 11-12 code; the slow
parts (bit-by-bit buffers, polynomial Reed-Solomon, building the symbol 8 times to pick a mask)
are redone here with integers and numpy, following ``qrcode`` step by step, so the symbol is
identical to ``qrcode``'s own (tests compare them module by module). It then takes ~12 ms.
"""

from __future__ import annotations

import functools
from bisect import bisect_left

import numpy as np
import qrcode
import qrcode.base
import qrcode.constants
import qrcode.exceptions
import qrcode.util
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath

QUIET_ZONE = 4
"""Modules of white around the symbol, as ISO/IEC 18004 asks."""


class _QrCode(qrcode.QRCode):  # type: ignore[misc]
    """The ``qrcode`` encoder with its slow steps replaced by equivalent fast ones.

    The standard picks, among 8 masks, the one with the lowest penalty (runs, blocks,
    finder-like patterns, dark/light balance). ``qrcode`` builds the whole symbol 8 times and
    scores each in pure Python; here the data are laid out once and the 8 masks applied and
    scored as arrays, with the very same penalty rules.
    """

    def best_fit(self, start: int | None = None) -> int:
        """The smallest version holding the data (``qrcode``'s rule, with a fast buffer)."""
        first = start or 1
        qrcode.util.check_version(first)
        needed = len(_payload(self.data_list, first))
        version = bisect_left(qrcode.util.BIT_LIMIT_TABLE[self.error_correction], needed, first)
        if version == 41:
            raise qrcode.exceptions.DataOverflowError()
        self.version = version
        if qrcode.util.mode_sizes_for_version(first) is not qrcode.util.mode_sizes_for_version(
            version
        ):
            return self.best_fit(start=version)
        return version

    def make(self, fit: bool = True) -> None:
        """Like ``QRCode.make``, but the data is laid out once for all 8 masks."""
        if fit or self.version is None:
            self.best_fit(start=self.version)
        self.data_cache = _code_words(self.version, self.error_correction, self.data_list)
        self.makeImpl(True, 0)
        data = self._data_modules()
        rows, cols = np.indices(data.shape)
        plain = np.array(self.modules, dtype=bool) ^ (_mask(0, rows, cols) & data)
        stack = np.stack([plain ^ (_mask(k, rows, cols) & data) for k in range(8)])
        best = int(np.argmin(penalties(stack)))  # the first lowest, as qrcode picks it
        self.mask_pattern = best
        # The function patterns are the same under every mask; only the format (and version)
        # bits, written as blanks for scoring, still need their real values.
        self.modules = stack[best].tolist()
        self.setup_type_info(False, best)
        if self.version >= 7:
            self.setup_type_number(False)

    def _data_modules(self) -> np.ndarray:
        """Where the data bits go: every module no function pattern or format bit takes."""
        return _data_map(self.version)


class _Bits:
    """A bit buffer held in one integer (``qrcode``'s keeps a list and appends bit by bit)."""

    __slots__ = ("length", "value")

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, number: int, length: int) -> None:
        """Append the low ``length`` bits of ``number``, most significant first."""
        self.value = (self.value << length) | (number & ((1 << length) - 1))
        self.length += length

    def __len__(self) -> int:
        return self.length


def _payload(data_list: list[qrcode.util.QRData], version: int) -> _Bits:
    """Mode, length and data bits of every segment, as ``qrcode.util.create_data`` writes."""
    bits = _Bits()
    sizes = qrcode.util.mode_sizes_for_version(version)
    for segment in data_list:
        bits.put(segment.mode, 4)
        bits.put(len(segment), sizes[segment.mode])
        segment.write(bits)
    return bits


def _gf_tables() -> tuple[list[int], list[int]]:
    """Exponents and logarithms in GF(256) modulo x^8 + x^4 + x^3 + x^2 + 1 (0x11d)."""
    exp = [0] * 512
    log = [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for power in range(255, 512):
        exp[power] = exp[power - 255]
    return exp, log


_EXP, _LOG = _gf_tables()


@functools.lru_cache(maxsize=32)
def _generator_logs(degree: int) -> tuple[int, ...]:
    """Logarithms of the Reed-Solomon generator's coefficients after the leading 1."""
    poly = [1]
    for power in range(degree):
        root = _EXP[power]
        nxt = [*poly, 0]
        for index, coefficient in enumerate(poly):
            if coefficient:
                nxt[index + 1] ^= _EXP[_LOG[coefficient] + _LOG[root]]
        poly = nxt
    return tuple(_LOG[c] for c in poly[1:])


def _error_words(data: bytes, degree: int) -> list[int]:
    """The remainder of data(x) * x^degree divided by the generator polynomial."""
    generator = _generator_logs(degree)
    remainder = [0] * degree
    for byte in data:
        factor = byte ^ remainder[0]
        del remainder[0]
        remainder.append(0)
        if factor:
            shift = _LOG[factor]
            for index, logarithm in enumerate(generator):
                remainder[index] ^= _EXP[shift + logarithm]
    return remainder


def _code_words(
    version: int, error_correction: int, data_list: list[qrcode.util.QRData]
) -> list[int]:
    """Data and error-correction code words, interleaved, as ``qrcode.util.create_data``."""
    bits = _payload(data_list, version)
    blocks = qrcode.base.rs_blocks(version, error_correction)
    limit = 8 * sum(block.data_count for block in blocks)
    if len(bits) > limit:
        raise qrcode.exceptions.DataOverflowError(
            f"Code length overflow. Data size ({len(bits)}) > size available ({limit})"
        )
    bits.put(0, min(limit - len(bits), 4))  # terminator
    if len(bits) % 8:
        bits.put(0, 8 - len(bits) % 8)
    for index in range((limit - len(bits)) // 8):
        bits.put(qrcode.util.PAD0 if index % 2 == 0 else qrcode.util.PAD1, 8)
    stream = bits.value.to_bytes(limit // 8, "big")
    data_blocks: list[bytes] = []
    error_blocks: list[list[int]] = []
    offset = 0
    for block in blocks:
        chunk = stream[offset : offset + block.data_count]
        offset += block.data_count
        data_blocks.append(chunk)
        error_blocks.append(_error_words(chunk, block.total_count - block.data_count))
    words: list[int] = []
    for index in range(max(len(chunk) for chunk in data_blocks)):
        words.extend(chunk[index] for chunk in data_blocks if index < len(chunk))
    for index in range(max(len(errors) for errors in error_blocks)):
        words.extend(errors[index] for errors in error_blocks if index < len(errors))
    return words


@functools.lru_cache(maxsize=40)
def _data_map(version: int) -> np.ndarray:
    """The data modules of a symbol of ``version`` (the same for every code of that size)."""
    code = qrcode.QRCode(version=version)
    count = version * 4 + 17
    code.modules_count = count
    code.modules = [[None] * count for _ in range(count)]
    code.setup_position_probe_pattern(0, 0)
    code.setup_position_probe_pattern(count - 7, 0)
    code.setup_position_probe_pattern(0, count - 7)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(True, 0)
    if version >= 7:
        code.setup_type_number(True)
    free = np.array([[cell is None for cell in row] for row in code.modules], dtype=bool)
    free.setflags(write=False)
    return free


def _mask(pattern: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The 8 mask conditions of ISO/IEC 18004 (row ``i``, column ``j``)."""
    if pattern == 0:
        return (i + j) % 2 == 0
    if pattern == 1:
        return i % 2 == 0
    if pattern == 2:
        return j % 3 == 0
    if pattern == 3:
        return (i + j) % 3 == 0
    if pattern == 4:
        return (i // 2 + j // 3) % 2 == 0
    if pattern == 5:
        return (i * j) % 2 + (i * j) % 3 == 0
    if pattern == 6:
        return ((i * j) % 2 + (i * j) % 3) % 2 == 0
    return ((i * j) % 3 + (i + j) % 2) % 2 == 0


_FINDER_LIKE = (0b10111010000, 0b00001011101)
"""Rule 3's patterns (dark 1:1:3:1:1 beside 4 light modules), as 11-bit numbers."""


def _run_penalties(stack: np.ndarray) -> np.ndarray:
    """Rule 1 along rows: each run of 5 or more same-colour modules costs its length - 2."""
    masks, height, width = stack.shape
    edges = np.ones((masks, height, width + 1), dtype=bool)
    edges[:, :, 1:width] = stack[:, :, 1:] != stack[:, :, :-1]
    flat = np.flatnonzero(edges)
    lengths = np.diff(flat)
    starts = flat[:-1] // (height * (width + 1))  # which symbol each run belongs to
    cost = np.where(lengths >= 5, lengths - 2, 0)
    return np.bincount(starts, weights=cost, minlength=masks).astype(int)


def _finder_penalties(stack: np.ndarray) -> np.ndarray:
    """Rule 3 along rows: 40 for each finder-like pattern."""
    span = stack.shape[2] - 10
    codes = np.zeros((*stack.shape[:2], span), dtype=np.int16)
    for offset in range(11):
        codes = (codes << 1) | stack[:, :, offset : offset + span]
    found = (codes == _FINDER_LIKE[0]) | (codes == _FINDER_LIKE[1])
    return 40 * found.sum(axis=(1, 2))


def penalties(stack: np.ndarray) -> np.ndarray:
    """The mask penalty of each symbol in ``stack`` (masks x rows x columns, no quiet zone),
    counted as ``qrcode.util.lost_point`` counts it."""
    count = stack.shape[1]
    turned = stack.transpose(0, 2, 1)
    runs = _run_penalties(stack) + _run_penalties(np.ascontiguousarray(turned))
    same = stack[:, :-1, :-1]
    blocks = (
        (same == stack[:, 1:, :-1]) & (same == stack[:, :-1, 1:]) & (same == stack[:, 1:, 1:])
    ).sum(axis=(1, 2))
    finders = _finder_penalties(stack) + _finder_penalties(turned)
    dark = stack.sum(axis=(1, 2)) / count**2
    balance = (np.abs(dark * 100 - 50) / 5).astype(int) * 10
    return runs + 3 * blocks + finders + balance


def penalty(modules: np.ndarray) -> int:
    """The mask penalty of one symbol (see :func:`penalties`)."""
    return int(penalties(modules[np.newaxis])[0])


@functools.lru_cache(maxsize=64)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """Dark (True) and light modules of ``text`` as a QR code, quiet zone included."""
    code = _QrCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


@functools.lru_cache(maxsize=64)
def qr_path(text: str) -> QPainterPath:
    """The dark modules of ``text``'s code as one path, one unit per module.

    Each row's runs are merged into one rectangle, and the whole is filled at once, so no
    hairline seams appear between neighbouring modules when a viewer or printer rasterises
    it. Cached: a reprint or a preview of the same code does not rebuild it.
    """
    matrix = np.array(qr_matrix(text), dtype=np.int8)
    size = matrix.shape[1]
    edges = np.zeros((matrix.shape[0], size + 2), dtype=np.int8)
    edges[:, 1:-1] = matrix
    steps = np.diff(edges, axis=1)  # +1 where a dark run starts, -1 after it ends
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for (y, start), (_, end) in zip(
        np.argwhere(steps == 1).tolist(), np.argwhere(steps == -1).tolist(), strict=True
    ):
        path.addRect(QRectF(start, y, end - start, 1))
    return path


def draw_qr(painter: QPainter, text: str, rect: QRectF) -> None:
    """Draw ``text`` as a QR code filling the square ``rect`` (white quiet zone included)."""
    side = min(rect.width(), rect.height())
    modules = len(qr_matrix(text))
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(QRectF(rect.left(), rect.top(), side, side), Qt.GlobalColor.white)
    painter.translate(rect.left(), rect.top())
    painter.scale(side / modules, side / modules)
    painter.fillPath(qr_path(text), Qt.GlobalColor.black)
    painter.restore()
