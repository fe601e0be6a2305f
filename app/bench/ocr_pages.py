"""Pages for ``bench ocr``: Vietnamese administrative text rendered at 300 dpi (so the ground
truth is exact), and degraded copies made deterministically from a seed the way a counter
sees them: a page fed crooked, a phone photo on a desk, blur, noise, a shadow, JPEG."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

RENDER_DPI = 300
A4_PX = (2480, 3508)
A5_LANDSCAPE_PX = (1754, 1240)

ADMIN_LINES = (
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ",
    "Kính gửi: Công an phường Tràng Tiền, quận Hoàn Kiếm",
    "Họ, chữ đệm và tên: Nguyễn Thị Thuỳ Dương",
    "Ngày, tháng, năm sinh: 15/08/1987; Giới tính: Nữ",
    "Số định danh cá nhân: 001187012345",
    "Nơi thường trú: số 12 ngõ 34 phố Hàng Bạc",
    "Nơi ở hiện tại: thôn Đông Hạ, xã Tiên Dược",
    "Nghề nghiệp, nơi làm việc: giáo viên trường tiểu học",
    "Nội dung đề nghị: đăng ký thường trú vào hộ khẩu",
    "Tập trung giải quyết hồ sơ đúng thời hạn",
    "Chứng thực bản sao từ bản chính giấy tờ",
    "Đăng ký khai sinh, khai tử, kết hôn",
    "Cấp đổi giấy chứng nhận quyền sử dụng đất",
    "Xác nhận thông tin về cư trú của công dân",
    "Thủ tục chuyển hộ khẩu thường trú về quê",
    "Bộ phận tiếp nhận và trả kết quả một cửa",
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "Người nộp hồ sơ ký và ghi rõ họ tên",
    "Trường hợp hồ sơ chưa đầy đủ, cán bộ hướng dẫn bổ sung",
    "Thời hạn giải quyết: 07 ngày làm việc kể từ ngày nhận",
    "Lệ phí: 20.000 đồng; phí cung cấp thông tin: miễn",
    "Uỷ ban nhân dân xã Quỳnh Lưu, tỉnh Nghệ An",
    "Sở Tài nguyên và Môi trường thành phố Hà Nội",
    "Đề nghị cấp bản sao trích lục hộ tịch",
    "Chuyển nhượng, thừa kế, tặng cho quyền sử dụng đất",
    "Kê khai tài sản gắn liền với đất, nhà ở riêng lẻ",
    "Những người cùng thay đổi nơi thường trú",
    "Ý kiến của chủ hộ: đồng ý cho đăng ký thường trú",
)
FONT_FILES = (
    "DejaVuSerif.ttf",
    "LiberationSerif-Regular.ttf",
    "DejaVuSans.ttf",
    "LiberationSans-Regular.ttf",
)
FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
    Path("C:/Windows/Fonts"),
    Path("/Library/Fonts"),
)


class FontMissing(RuntimeError):
    """None of the fonts the benchmark renders with is installed."""


@dataclass(frozen=True)
class BenchPage:
    """One page image file with its ground truth (``None``: no transcription exists)."""

    name: str
    path: Path
    truth: str | None
    dpi: float | None
    degradation: str = "clean"
    source: str = "rendered"


def find_font(name: str) -> Path:
    """A font file by file name, through ``fc-match`` or the usual folders."""
    fc_match = shutil.which("fc-match")
    if fc_match:
        family = name.removesuffix(".ttf").replace("-Regular", "")
        run = subprocess.run(
            [fc_match, "-f", "%{file}", family], capture_output=True, text=True, timeout=10
        )
        found = Path(run.stdout.strip())
        if run.returncode == 0 and found.name == name and found.is_file():
            return found
    for folder in FONT_FOLDERS:
        if folder.is_dir():
            for candidate in folder.rglob(name):
                return candidate
    raise FontMissing(
        f"The font {name} is not installed (looked with fc-match and in "
        f"{', '.join(str(folder) for folder in FONT_FOLDERS)}); install fonts-dejavu-core "
        "and fonts-liberation2"
    )


def render_page(
    lines: tuple[str, ...],
    font_file: str,
    size_pt: float = 12.0,
    page_px: tuple[int, int] = A4_PX,
    margin_in: float = 1.0,
) -> np.ndarray:
    """Black text on a white page (A4 unless ``page_px``) at 300 dpi, one line per entry, as a
    grey array."""
    font = ImageFont.truetype(str(find_font(font_file)), round(size_pt * RENDER_DPI / 72))
    image = Image.new("L", page_px, 255)
    draw = ImageDraw.Draw(image)
    margin = round(margin_in * RENDER_DPI)
    step = round(size_pt * RENDER_DPI / 72 * 1.9)
    for index, line in enumerate(lines):
        draw.text((margin, margin + index * step), line, font=font, fill=0)
    return np.asarray(image).copy()


# --- degradations: each takes a grey page and a random generator, returns (image, dpi) ----


def _rotate(image: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=fill)


def rotated(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    angle = float(rng.uniform(1.0, 10.0)) * float(rng.choice([-1.0, 1.0]))
    return _rotate(image, angle)


def blurred(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), float(rng.uniform(1.8, 2.2)))


def noisy(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    noise = rng.normal(0.0, float(rng.uniform(28, 34)), image.shape)
    return np.clip(image.astype(np.float64) + noise, 0, 255).astype(np.uint8)


def _lighting(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """A multiplicative light field: a lamp on one side and a soft hand/phone shadow."""
    height, width = shape[:2]
    ys, xs = (axis.astype(np.float32) for axis in np.mgrid[0:height, 0:width])
    direction = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(direction) * xs / width + np.sin(direction) * ys / height + 1) / 2
    light = 1.0 - 0.45 * ramp
    centre = (rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height)
    radius = rng.uniform(0.25, 0.4) * width
    distance = np.hypot(xs - centre[0], ys - centre[1])
    shadow = 1.0 - 0.35 / (1.0 + np.exp((distance - radius) / (0.05 * width)))
    return (light * shadow).astype(np.float32)


def shadowed(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    lit = image.astype(np.float32) * _lighting(image.shape, rng)
    return np.clip(lit, 0, 255).astype(np.uint8)


def jpeg(image: np.ndarray, rng: np.random.Generator, quality: int | None = None) -> np.ndarray:
    quality = quality or int(rng.integers(12, 20))
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_UNCHANGED)


def photographed(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A phone photo: the page in perspective on a darker desk, uneven light, a little blur,
    sensor noise and JPEG, in colour, at a size that is not 300 dpi."""
    height, width = image.shape[:2]
    out_w = round(width * 1.21 / 50) * 50  # 3000 x 4000 for A4, in whole 50-pixel tiles
    out_h = out_w * 4 // 3 // 50 * 50
    page_w = out_w * rng.uniform(0.72, 0.8)
    page_h = page_w * height / width
    cx, cy = out_w / 2 + rng.uniform(-80, 80), out_h / 2 + rng.uniform(-80, 80)
    tilt = np.deg2rad(rng.uniform(-6, 6))
    corners = np.array(
        [
            [-page_w / 2, -page_h / 2],
            [page_w / 2, -page_h / 2],
            [page_w / 2, page_h / 2],
            [-page_w / 2, page_h / 2],
        ]
    )
    rotation = np.array([[np.cos(tilt), -np.sin(tilt)], [np.sin(tilt), np.cos(tilt)]])
    corners = corners @ rotation.T + [cx, cy]
    corners += rng.uniform(-0.04, 0.04, corners.shape) * page_w  # perspective
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    page = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR).astype(np.float32)
    page *= np.array([0.93, 0.97, 1.0], np.float32)  # warm paper
    desk = np.empty((out_h, out_w, 3), np.float32)
    desk[:] = rng.uniform(60, 110, 3)
    desk += rng.normal(0, 8, (out_h // 50, out_w // 50, 1)).repeat(50, 0).repeat(50, 1)
    warped = cv2.warpPerspective(page, matrix, (out_w, out_h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((height, width), np.float32), matrix, (out_w, out_h))
    photo = warped * mask[:, :, None] + desk * (1 - mask[:, :, None])
    photo *= _lighting(photo.shape, rng)[:, :, None]
    photo = cv2.GaussianBlur(photo, (0, 0), 1.0)
    photo += rng.standard_normal(photo.shape, dtype=np.float32) * 6
    return jpeg(np.clip(photo, 0, 255).astype(np.uint8), rng, quality=60)


def scanned_badly(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Everything at once on a flatbed: crooked, shadowed (a fold), blurred, noisy, JPEG."""
    image = rotated(image, rng)
    image = shadowed(image, rng)
    image = cv2.GaussianBlur(image, (0, 0), 1.2)
    noise = rng.normal(0.0, 12.0, image.shape)
    image = np.clip(image.astype(np.float64) + noise, 0, 255).astype(np.uint8)
    return jpeg(image, rng, quality=35)


DEGRADATIONS: dict[str, Callable[[np.ndarray, np.random.Generator], np.ndarray]] = {
    "rotation": rotated,
    "photo": photographed,
    "blur": blurred,
    "noise": noisy,
    "shadow": shadowed,
    "jpeg": jpeg,
    "combined": scanned_badly,
}


def save(image: np.ndarray, path: Path, dpi: float | None) -> Path:
    """Write as PNG (JPEG for photos), with the dpi in the file when a scanner would set it."""
    pil = Image.fromarray(image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    buffer = io.BytesIO()
    if path.suffix == ".jpg":
        pil.save(buffer, "JPEG", quality=95, **({"dpi": (dpi, dpi)} if dpi else {}))
    else:
        pil.save(buffer, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    path.write_bytes(buffer.getvalue())
    return path


def rendered_pages(
    count: int, lines_per_page: int = 15, page_px: tuple[int, int] = A4_PX
) -> list[tuple[str, tuple[str, ...], np.ndarray]]:
    """``count`` pages (name, lines, image), each in another font; margins of one inch on A4,
    0.4 inch on anything smaller (the longest line must fit)."""
    pages = []
    for index in range(count):
        start = (index * lines_per_page) % len(ADMIN_LINES)
        lines = tuple(ADMIN_LINES[(start + k) % len(ADMIN_LINES)] for k in range(lines_per_page))
        font = FONT_FILES[index % len(FONT_FILES)]
        margin = 1.0 if page_px == A4_PX else 0.4
        image = render_page(lines, font, page_px=page_px, margin_in=margin)
        pages.append((f"rendered{index + 1}", lines, image))
    return pages


def degraded_pages(
    folder: Path,
    originals: list[tuple[str, str, np.ndarray]],
    degradations: tuple[str, ...],
    seed: int,
    source: str = "rendered",
    dpi: float = float(RENDER_DPI),
) -> list[BenchPage]:
    """Every degradation of every original (name, truth, grey image at ``dpi``), as files."""
    pages = []
    for d_index, degradation in enumerate(degradations):
        for o_index, (name, truth, image) in enumerate(originals):
            rng = np.random.default_rng([seed, d_index, o_index])
            out = DEGRADATIONS[degradation](image, rng)
            is_photo = degradation == "photo"
            page_dpi = None if is_photo else dpi
            suffix = ".jpg" if is_photo else ".png"
            path = save(out, folder / f"{name}-{degradation}{suffix}", page_dpi)
            pages.append(
                BenchPage(f"{name}-{degradation}", path, truth, page_dpi, degradation, source)
            )
    return pages
