"""Clean-up of one page before OCR: named steps, each measured and individually skippable.

Every step first looks for cheap evidence that it is needed and does nothing otherwise, so a
clean 300-dpi flatbed scan goes through untouched in ~60 ms (A4), while a phone photo of a
page on a desk is cut out, turned, levelled, evened out and binarised. Not handled: curved or
crumpled paper (no dewarping; the page is taken as a flat quadrilateral).

Steps, in order (names are what :attr:`CleanupOptions.skip` takes):

``page_detection``
    Only when the image border is darker than its centre (a photo on a table): the largest
    bright quadrilateral is warped flat. A flatbed scan is white to its edges and is skipped.
``orientation``
    Quarter turns, asking Tesseract's OSD (~0.9 s an A4 page) only when cheap evidence says the
    page may be turned: a projection-profile search near 0 and near 90 degrees finds the
    direction of the text lines (vertical lines: turned), then the ink above vs below each
    line's core (ascenders, capitals and Vietnamese diacritics sit above; only a few
    descenders below) votes upright or upside down. A clearly upright page (the usual case)
    costs ~30 ms; a vertical or doubtful one goes to OSD.
``deskew``
    Projection profile of the ink pixels: the angle whose row histogram changes most from
    row to row (lines and gaps alternate sharply only when level). The pixels are projected
    as points (``numpy.bincount``), not rotated as images, so the ~100 angles of a
    coarse-to-fine search down to 0.02 degree cost ~30 ms.
``illumination``
    Divides by a background estimate (a morphological closing that erases the text) when the
    background varies (shadow, a lamp on one side); a flat background is left alone.
``denoise``
    A median filter when the estimated noise (Immerkaer's Laplacian method, median-based so
    text edges do not count) is above :attr:`CleanupOptions.noise_sigma`.
``resolution``
    To :data:`TARGET_DPI` when the page is outside ``[min_dpi, max_dpi]``; the dpi is the
    file's, else estimated from the page size (a photo's page after detection is taken as A4)
    or, failing that, from the height of the text.
``binarise``
    Otsu on pages that needed page detection, illumination or noise clean-up, but only when
    :attr:`CleanupOptions.binarise` asks for it (off by default). It helped before the
    ``leaders`` step existed (a photographed land-form page: CER 0.13 instead of 0.15); with
    leaders erased it hurts everywhere we measured, because thresholding an upscaled, blurred
    photo fattens the strokes: land-form pages turned, shadowed and photographed 0.044 with
    it, 0.040 without; rendered pages shadowed, blurred, noisy and photographed 0.0025 with
    it, 0.0012 without. Tesseract's own Otsu, on the evened-out grey page, does better.
``leaders``
    Erases the dot leaders of a form ("Họ tên: ............") from the OCR copy only (the
    clerk and the PDF keep the page as it was). Tesseract reads long dotted lines as letters
    and, worse, merges the words beside them into the junk: on the official land-use form
    this one step took the CER from 0.071 to 0.035 (the three pages, ``vie``). A leader dot
    is a small blob on the baseline of a run of at least :attr:`CleanupOptions.leader_run`
    such blobs, evenly spaced; a blob with ink straight above it (the lower dot of a colon,
    the dot of an ``i``) is kept, and so are isolated dots (full stops, the dot below ``ạ``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from app.capture.model import TARGET_DPI, CleanedPage, SourcePage, StepReport
from app.capture.tesseract import detect_orientation

STEPS = (
    "page_detection",
    "orientation",
    "deskew",
    "illumination",
    "denoise",
    "resolution",
    "binarise",
    "leaders",
)
A4_LONG_SIDE_IN = 11.69
ANALYSIS_SIDE = 800
"""Long side, in pixels, of the small copy used for page detection and orientation."""
DESKEW_SIDE = 1800
"""Long side of the copy used for the fine deskew search (0.02 degree is 0.5 px over it)."""


@dataclass(frozen=True)
class CleanupOptions:
    """Which steps to skip and the thresholds of their evidence tests."""

    skip: frozenset[str] = field(default_factory=frozenset)
    border_darkness: float = 0.75
    """Page detection runs when the border's median is below this fraction of the centre's."""
    min_page_fraction: float = 0.2
    """A detected page must cover at least this fraction of the photo."""
    max_skew_deg: float = 15.0
    min_skew_deg: float = 0.1
    """Smaller angles are left alone (0.1 degree is 4 px over an A4 width at 300 dpi, nothing
    to Tesseract; a clean scan must come through untouched)."""
    upright_votes: float = 3.0
    """A page is taken as upright without asking OSD when its lines that look upright (more
    ink above their core than below: ascenders, capitals, diacritics) outnumber those that
    look upside down by this factor; the same factor the other way turns it when OSD fails."""
    use_osd: bool = True
    min_osd_confidence: float = 2.0
    background_range: float = 30.0
    """Grey levels between the 5th and 95th percentile of the background estimate above which
    the lighting is uneven."""
    noise_sigma: float = 6.0
    """Estimated noise (grey levels) above which the page is median-filtered."""
    min_dpi: float = 200.0
    max_dpi: float = 400.0
    """Pages within ``[min_dpi, max_dpi]`` keep their resolution. Measured on the three
    200-dpi land-form pages: scaled to 300 dpi, Tesseract took 37 % longer (2.35 s vs 1.71 s
    a page) for a CER of 0.0683 instead of 0.0698; not worth it at the counter."""

    binarise: bool = False
    """Binarise degraded pages ourselves (see the ``binarise`` step: measured to hurt)."""
    leader_run: int = 4
    """Dots in a row on one baseline before they count as a leader (an ellipsis is three)."""

    def __post_init__(self) -> None:
        unknown = set(self.skip) - set(STEPS)
        if unknown:
            raise ValueError(f"unknown clean-up steps {sorted(unknown)}; known: {STEPS}")


class _Page:
    """The page while it is being cleaned: colour (or grey) image, grey copy, dpi, angle."""

    def __init__(self, image: np.ndarray, dpi: float | None) -> None:
        self.image = image
        self.grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        self.dpi = dpi
        self.rotation = 0.0
        self.degraded = False
        self.page_detected = False
        self.skew_hint: float | None = None
        """The coarse angle of the lines found by ``orientation``, to narrow ``deskew``."""
        self._small: tuple[np.ndarray, float] | None = None

    def small(self) -> tuple[np.ndarray, float]:
        """The grey page shrunk to :data:`ANALYSIS_SIDE` and its scale (cached until a warp)."""
        if self._small is None:
            self._small = _small(self.grey, ANALYSIS_SIDE)
        return self._small

    def warp(self, transform: Callable[[np.ndarray], np.ndarray]) -> None:
        self.grey = transform(self.grey)
        self.image = self.grey if self.image.ndim == 2 else transform(self.image)
        self._small = None


def _small(grey: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    """A copy at most ``side`` pixels long, by striding: for finding ink and lines aliasing
    does not matter, and it costs 1 ms where a proper resize of an A4 page costs 25."""
    step = math.ceil(max(grey.shape) / side)
    if step <= 1:
        return grey, 1.0
    return np.ascontiguousarray(grey[::step, ::step]), 1.0 / step


def _ink(grey: np.ndarray) -> np.ndarray:
    """Dark-on-light ink mask, robust to shadows (local threshold)."""
    block = max(15, (min(grey.shape) // 40) | 1)
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)  # sensor noise must not read as ink
    return cv2.adaptiveThreshold(
        smooth, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15
    )


def _ink_points(grey: np.ndarray, limit: int = 200_000) -> np.ndarray:
    mask = _ink(grey)
    ys, xs = np.nonzero(mask)
    points = np.stack([xs, ys], axis=1).astype(np.float32)
    if len(points) > limit:
        points = points[:: len(points) // limit + 1]
    return points


def _sharpness(points: np.ndarray, angle_deg: float) -> float:
    theta = math.radians(angle_deg)
    r = points[:, 1] * math.cos(theta) - points[:, 0] * math.sin(theta)
    histogram = np.bincount((r - r.min()).astype(np.int64)).astype(np.float64)
    steps = np.diff(histogram)
    return float(np.dot(steps, steps))


def _best_angle(points: np.ndarray, angles: np.ndarray) -> float:
    scores = [_sharpness(points, float(angle)) for angle in angles]
    return float(angles[int(np.argmax(scores))])


def _rotate_exact(page: _Page, angle: float) -> None:
    """Turn by a multiple of 90 degrees (counter-clockwise), losslessly."""
    codes = {
        90: cv2.ROTATE_90_COUNTERCLOCKWISE,
        180: cv2.ROTATE_180,
        270: cv2.ROTATE_90_CLOCKWISE,
    }
    code = codes[int(angle) % 360]
    page.warp(lambda image: cv2.rotate(image, code))


def _rotate(page: _Page, angle: float) -> None:
    """Turn by ``angle`` degrees counter-clockwise on a canvas large enough for the corners,
    filled with the paper's colour."""
    height, width = page.grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos + 0.5), int(height * cos + width * sin + 0.5)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    paper = int(np.percentile(page.grey[::8, ::8], 90))

    def turn(image: np.ndarray) -> np.ndarray:
        fill = paper if image.ndim == 2 else (paper, paper, paper)
        return cv2.warpAffine(
            image,
            matrix,
            (new_w, new_h),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=fill,
        )

    page.warp(turn)


def _order_corners(quad: np.ndarray) -> np.ndarray:
    sums = quad.sum(axis=1)
    diffs = np.diff(quad, axis=1).ravel()
    return np.array(
        [
            quad[np.argmin(sums)],
            quad[np.argmin(diffs)],
            quad[np.argmax(sums)],
            quad[np.argmax(diffs)],
        ],
        dtype=np.float32,
    )


def _page_detection(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    small, scale = page.small()
    height, width = small.shape
    band = max(2, min(height, width) // 30)
    border = np.concatenate(
        [
            small[:band].ravel(),
            small[-band:].ravel(),
            small[:, :band].ravel(),
            small[:, -band:].ravel(),
        ]
    )
    centre = small[height // 4 : 3 * height // 4, width // 4 : 3 * width // 4]
    border_level, centre_level = float(np.median(border)), float(np.percentile(centre, 75))
    if border_level >= options.border_darkness * centre_level:
        return False, f"border {border_level:.0f} vs page {centre_level:.0f}: a flat scan"
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return False, "no page found"
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    if area < options.min_page_fraction * height * width:
        return False, f"largest bright region only {area / (height * width):.0%} of the photo"
    hull = cv2.convexHull(contour)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    if len(quad) != 4:
        quad = cv2.boxPoints(cv2.minAreaRect(hull))
    original = f"{page.grey.shape[1]}x{page.grey.shape[0]}"
    corners = _order_corners(quad.astype(np.float32)) / scale
    top_left, top_right, bottom_right, bottom_left = corners
    out_w = int(
        max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left))
    )
    out_h = int(
        max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right))
    )
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    page.warp(
        lambda image: cv2.warpPerspective(
            image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
    )
    page.page_detected = True
    page.degraded = True
    return True, f"page {out_w}x{out_h} px cut out of {original}"


def _upside_down_evidence(points: np.ndarray) -> tuple[int, int, int]:
    """Lines whose ink leans above their core, lines leaning below, and lines seen, among the
    text lines of ``points`` (already level)."""
    rows = np.bincount(points[:, 1].astype(np.int64))
    if rows.size == 0:
        return 0, 0, 0
    on = rows > 0.1 * rows.max()
    up = down = lines = 0
    start = None
    for index, value in enumerate(np.append(on, False)):
        if value and start is None:
            start = index
        elif not value and start is not None:
            line = rows[start:index].astype(np.float64)
            start = None
            if line.size < 4:
                continue
            core = np.nonzero(line >= 0.5 * line.max())[0]
            above = float(line[: core[0]].sum())
            below = float(line[core[-1] + 1 :].sum())
            lines += 1
            if above > 1.2 * below:
                up += 1
            elif below > 1.2 * above:
                down += 1
    return up, down, lines


def _orientation(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    small, _ = page.small()
    points = _ink_points(small, limit=20_000)
    if len(points) < 200:
        return False, "too little ink to tell"
    near_level = np.arange(-options.max_skew_deg, options.max_skew_deg + 0.01, 0.5)
    coarse = _best_angle(points, np.concatenate([near_level, near_level + 90.0]))
    quarter = 90 if coarse >= 45 else 0
    level = cv2.getRotationMatrix2D((0, 0), coarse, 1.0)
    turned = points @ level[:, :2].T
    turned -= turned.min(axis=0)
    up, down, lines = _upside_down_evidence(turned)
    detail = f"lines at {coarse:.1f} deg; of {lines} lines {up} look upright, {down} upside down"
    page.skew_hint = coarse - quarter
    if quarter == 0 and up >= options.upright_votes * max(down, 1):
        return False, detail  # the common case: clearly upright, no OSD
    turn = quarter
    osd = detect_orientation(page.grey, dpi=page.dpi or TARGET_DPI) if options.use_osd else None
    if osd is not None and osd[1] >= options.min_osd_confidence and osd[0] % 180 == quarter:
        turn = osd[0]
        detail += f"; OSD: turn {osd[0]} (confidence {osd[1]:.1f})"
    else:
        if down > options.upright_votes * max(up, 1):
            turn = (quarter + 180) % 360
        detail += f"; OSD unsure ({osd})"
    if turn == 0:
        return False, detail
    _rotate_exact(page, turn)
    page.rotation += turn
    return True, f"turned {turn} deg; {detail}"


def measure_skew(
    grey: np.ndarray, limit_deg: float = 15.0, hint: float | None = None
) -> float | None:
    """The angle (degrees, counter-clockwise) that levels the text lines, ``None`` when there
    is too little ink to tell. ``hint``: a coarse angle already known to within 2 degrees."""
    if hint is None:
        small, _ = _small(grey, ANALYSIS_SIDE)
        points = _ink_points(small, limit=20_000)
        if len(points) < 200:
            return None
        hint = _best_angle(points, np.arange(-limit_deg, limit_deg + 0.01, 0.5))
        span = 0.6
    else:
        span = 2.0
    fine, _ = _small(grey, DESKEW_SIDE)
    points = _ink_points(fine, limit=80_000)
    if len(points) < 200:
        return None
    angle = _best_angle(points, np.arange(hint - span, hint + span + 0.01, 0.25))
    angle = _best_angle(points, np.arange(angle - 0.25, angle + 0.251, 0.05))
    return _best_angle(points, np.arange(angle - 0.04, angle + 0.041, 0.02))


def _deskew(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    hint = page.skew_hint
    if hint is not None and abs(hint) > options.max_skew_deg + 2:
        hint = None
    angle = measure_skew(page.grey, options.max_skew_deg, hint)
    if angle is None:
        return False, "too little ink to measure"
    if abs(angle) < options.min_skew_deg:
        return False, f"level ({angle:+.2f} deg)"
    _rotate(page, angle)
    page.rotation += angle
    return True, f"rotated {angle:+.2f} deg"


def _background(small: np.ndarray) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (11, 11))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    return cv2.medianBlur(background, 5)


def _illumination(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    background = _background(page.small()[0])
    low, high = np.percentile(background, [5, 95])
    spread = float(high - low)
    if spread < options.background_range:
        return False, f"even lighting (background spread {spread:.0f})"
    height, width = page.grey.shape
    full = cv2.resize(np.maximum(background, 1), (width, height), interpolation=cv2.INTER_LINEAR)
    full_bgr = cv2.cvtColor(full, cv2.COLOR_GRAY2BGR) if page.image.ndim == 3 else full

    def even(image: np.ndarray) -> np.ndarray:
        return cv2.divide(image, full if image.ndim == 2 else full_bgr, scale=255.0)

    page.warp(even)
    page.degraded = True
    return True, f"background spread {spread:.0f} grey levels evened out"


def noise_sigma(grey: np.ndarray, crop: int = 384) -> float:
    """Estimated Gaussian noise in grey levels (Immerkaer's mask, median so edges do not count),
    on four crops around the centre: noise is everywhere, and this keeps it to a few ms."""
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    height, width = grey.shape
    responses = []
    for fy, fx in ((0.3, 0.3), (0.3, 0.7), (0.7, 0.3), (0.7, 0.7)):
        top, left = max(0, int(fy * height) - crop // 2), max(0, int(fx * width) - crop // 2)
        patch = grey[top : top + crop, left : left + crop]
        responses.append(np.abs(cv2.filter2D(patch, cv2.CV_32F, kernel)[1:-1, 1:-1]).ravel())
    return float(np.median(np.concatenate(responses))) / (0.6745 * 6.0)


def _denoise(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    sigma = noise_sigma(page.grey)
    if sigma < options.noise_sigma:
        return False, f"noise {sigma:.1f} grey levels"
    page.warp(lambda image: cv2.medianBlur(image, 3))
    page.degraded = True
    return True, f"median filter on noise {sigma:.1f} grey levels"


def estimate_dpi(page: _Page) -> tuple[float | None, str]:
    """The page's dpi when the file did not say: A4 for a detected page, else text height."""
    height, width = page.grey.shape
    if page.page_detected:
        return max(height, width) / A4_LONG_SIDE_IN, "detected page taken as A4"
    mask = _ink(page.grey)
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    # Dot leaders ("......" on every form), specks and accents are not letters.
    heights = heights[(np.maximum(heights, widths) > 5) & (heights < height / 20)]
    if heights.size < 50:
        return None, "too little text to estimate"
    # The tallest letters (capitals, ascenders, letters with their diacritics) of 11-12 pt
    # body text are ~0.133 inch: the 90th percentile of the components' heights is 40 px on
    # our 300-dpi renders and 27 px on the 200-dpi land form (specks and dot leaders, the
    # most numerous components of a form, sit below it).
    return float(np.percentile(heights, 90)) / 0.133, "from the height of the text"


def _resolution(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    how = "from the file"
    if page.dpi is None:
        estimated, how = estimate_dpi(page)
        if estimated is None:
            page.dpi = float(TARGET_DPI)
            return False, f"dpi unknown ({how}), assumed {TARGET_DPI}"
        page.dpi = estimated
    if options.min_dpi <= page.dpi <= options.max_dpi:
        return False, f"{page.dpi:.0f} dpi ({how}) kept"
    scale = TARGET_DPI / page.dpi
    method = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    page.warp(lambda image: cv2.resize(image, None, fx=scale, fy=scale, interpolation=method))
    detail = f"{page.dpi:.0f} dpi ({how}) scaled to {TARGET_DPI}"
    page.dpi = float(TARGET_DPI)
    return True, detail


def _binarise(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    if not options.binarise:
        return False, "left to Tesseract's own thresholding (measured better)"
    if not page.degraded:
        return False, "clean page: Tesseract's own thresholding is as good"
    _, binary = cv2.threshold(page.grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    page.grey = binary
    return True, "Otsu on the evened-out page"


def _leader_dots(ink: np.ndarray, dpi: float, run_length: int) -> tuple[np.ndarray, np.ndarray]:
    """(which components are leader dots, the component labels) of ``ink`` (a 0/255 mask)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    scale = dpi / 300.0
    side = max(3, round(10 * scale))  # a leader dot is under ~0.85 mm across
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    area = stats[:, cv2.CC_STAT_AREA]
    dots = np.flatnonzero(
        (width <= side)
        & (height <= side)
        & (area >= max(2, round(4 * scale * scale)))
        & (np.maximum(width, height) <= 2.5 * np.minimum(width, height))
    )
    dots = dots[dots > 0]
    erase = np.zeros(count, dtype=bool)
    if dots.size < run_length:
        return erase, labels
    above = max(4, round(18 * scale))  # a colon's upper dot, an i's dot: kept with their ink
    tolerance = max(2, round(3 * scale))
    max_gap = max(8, round(32 * scale))
    bottom = top + height
    row_of = bottom[dots] // tolerance
    order = np.lexsort((left[dots], row_of))
    rows: dict[int, list[int]] = {}
    for index in dots[order]:
        rows.setdefault(int(bottom[index] // tolerance), []).append(int(index))
    for key in sorted(rows):
        members = sorted(rows[key] + rows.get(key - 1, []), key=lambda i: left[i])
        run: list[int] = []
        for index in [*members, -1]:
            if (
                index >= 0
                and run
                and left[index] - (left[run[-1]] + width[run[-1]]) <= max_gap
                and abs(int(bottom[index]) - int(bottom[run[-1]])) <= tolerance
            ):
                run.append(index)
                continue
            if len(run) >= run_length:
                for dot in run:
                    y0 = max(0, top[dot] - above)
                    band = ink[y0 : top[dot] - 1, left[dot] : left[dot] + width[dot]]
                    if not band.any():
                        erase[dot] = True
            run = [index] if index >= 0 else []
    return erase, labels


def _leaders(page: _Page, options: CleanupOptions) -> tuple[bool, str]:
    dpi = page.dpi or float(TARGET_DPI)
    _, ink = cv2.threshold(page.grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    erase, labels = _leader_dots(ink, dpi, options.leader_run)
    dots = int(erase.sum())
    if not dots:
        return False, "no dot leaders"
    mask = erase[labels].astype(np.uint8)
    # The anti-aliased rim around each dot is lighter than Otsu's threshold: one pixel more
    # goes too, but never a pixel of a letter beside it.
    grown = cv2.dilate(mask, np.ones((3, 3), np.uint8)).astype(bool)
    grown &= ~((ink > 0) & (mask == 0))
    grey = page.grey.copy()
    grey[grown] = 255
    page.grey = grey
    return True, f"{dots} leader dots erased from the OCR copy"


_STEP_FUNCTIONS: dict[str, Callable[[_Page, CleanupOptions], tuple[bool, str]]] = {
    "page_detection": _page_detection,
    "orientation": _orientation,
    "deskew": _deskew,
    "illumination": _illumination,
    "denoise": _denoise,
    "resolution": _resolution,
    "binarise": _binarise,
    "leaders": _leaders,
}


def clean_page(page: SourcePage, options: CleanupOptions | None = None) -> CleanedPage:
    """Run the clean-up steps not in ``options.skip`` on one page; thread-safe, no Qt.

    ``CleanedPage.image`` keeps the page's colours (for the clerk and the PDF);
    ``ocr_image`` is the grey (or binarised) copy with the same geometry.
    """
    options = options or CleanupOptions()
    work = _Page(page.image, page.dpi)
    reports: list[StepReport] = []
    for name in STEPS:
        if name in options.skip:
            reports.append(StepReport(name, applied=False, seconds=0.0, detail="skipped"))
            continue
        started = time.perf_counter()
        applied, detail = _STEP_FUNCTIONS[name](work, options)
        reports.append(StepReport(name, applied, time.perf_counter() - started, detail))
    dpi = round(work.dpi) if work.dpi else TARGET_DPI
    return CleanedPage(
        image=work.image,
        ocr_image=work.grey,
        dpi=dpi,
        rotation=work.rotation,
        steps=tuple(reports),
    )
