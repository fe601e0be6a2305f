"""``python -m app verify``: a real subprocess checks receipts with the counter's stored keys.

The subprocess has no keyring (none exists on this machine, and the test one lives in this
process): it needs none, since verifying only uses the public keys in the database. The
receipt is signed here, with the counter's key made through the real store and a test keyring.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from qrcode.constants import ERROR_CORRECT_M

from app.config import AppPaths
from app.domain.receipt_qr import ReceiptClaims, sign_receipt
from app.store.database import open_database
from app.store.receipt_keys import ReceiptKeys
from app.store.secrets import SecretStore
from app.store.settings import SettingsRepository
from tests.cli.conftest import RunCli
from tests.memory_keyring import MemoryKeyring, installed_keyring

LOOKUP = "https://tra-cuu.example.org/ho-so"
CLAIMS = ReceiptClaims("000.00.53.H48-260302-0042", "1.001193", "001199012345", 5, "1f" * 8)


@pytest.fixture
def counter_key(app_paths: AppPaths) -> Ed25519PrivateKey:
    """The counter's signing key, made as the app makes it; the store is closed afterwards."""
    with installed_keyring(MemoryKeyring()), open_database(app_paths) as store:
        with store.session() as session:
            settings = SettingsRepository(session)
            settings.set("counter.unit", "TT")
            settings.set("counter.code", "Q01")
        with store.session() as session:
            key = ReceiptKeys(SecretStore()).signing_key(session)
    assert key is not None
    return key


@pytest.fixture
def receipt(counter_key: Ed25519PrivateKey) -> str:
    return sign_receipt(CLAIMS, LOOKUP, counter_key)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_genuine_receipt_exits_0_with_the_verdict_in_both_languages(
    run_cli: RunCli, receipt: str, app_paths: AppPaths
) -> None:
    before = _digest(app_paths.database)
    result = run_cli("verify", receipt)
    assert result.returncode == 0, result.stderr
    vi, en = result.stdout.splitlines()
    assert vi == (
        "Biên nhận hợp lệ: mã hồ sơ 000.00.53.H48-260302-0042, 5 trang, ký bởi quầy Q01 · TT"
    )
    assert en.startswith("Genuine receipt: dossier 000.00.53.H48-260302-0042, 5 pages")
    assert _digest(app_paths.database) == before  # verifying never writes


def test_one_altered_character_exits_1_while_the_original_exits_0(
    run_cli: RunCli, receipt: str
) -> None:
    # Acceptance: the original verifies offline; one character changed is rejected.
    assert run_cli("verify", receipt).returncode == 0
    altered = receipt.replace("-0042&", "-0043&")
    assert altered != receipt
    result = run_cli("verify", altered)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "Biên nhận đã bị sửa đổi hoặc giả mạo: chữ ký không khớp"
    )


def test_a_scanner_burst_on_stdin_is_verified(run_cli: RunCli, receipt: str) -> None:
    result = run_cli("verify", "--stdin", stdin=receipt + "\r\n")
    assert result.returncode == 0, result.stderr
    assert "hợp lệ" in result.stdout


def test_a_receipt_photo_is_verified(run_cli: RunCli, receipt: str, tmp_path: Path) -> None:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(receipt.encode("ascii"))
    code.make(fit=True)
    pixels = np.where(np.array(code.get_matrix(), dtype=np.uint8), 0, 255).astype(np.uint8)
    image = tmp_path / "receipt.png"
    assert cv2.imwrite(str(image), cv2.resize(pixels, None, fx=5, fy=5, interpolation=0))
    result = run_cli("verify", "--image", str(image))
    assert result.returncode == 0, result.stderr
    assert "000.00.53.H48-260302-0042" in result.stdout


def test_another_counters_key_not_yet_synced_exits_1(
    run_cli: RunCli, counter_key: Ed25519PrivateKey
) -> None:
    stranger = sign_receipt(CLAIMS, LOOKUP, Ed25519PrivateKey.generate())
    result = run_cli("verify", stranger)
    assert result.returncode == 1
    assert "chưa có trên máy này" in result.stdout


def test_an_unsigned_receipt_exits_1(run_cli: RunCli, counter_key: Ed25519PrivateKey) -> None:
    result = run_cli("verify", sign_receipt(CLAIMS, LOOKUP, None))
    assert result.returncode == 1
    assert "không có chữ ký" in result.stdout


@pytest.mark.parametrize(
    ("text", "words_vi"),
    [
        ("https://example.org/?q=1", "không phải mã QR trên giấy tiếp nhận"),
        ("001199012345||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022", "thẻ căn cước"),
        ("   ", "không có nội dung"),
    ],
)
def test_what_is_not_a_receipt_exits_2_with_the_reason(
    run_cli: RunCli, counter_key: Ed25519PrivateKey, text: str, words_vi: str
) -> None:
    result = run_cli("verify", text)
    assert result.returncode == 2
    assert result.stdout == ""
    assert words_vi in result.stderr


def test_a_damaged_image_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "scan.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 40)
    result = run_cli("verify", "--image", str(broken))
    assert result.returncode == 2
    assert "bị hỏng" in result.stderr
    missing = run_cli("verify", "--image", str(tmp_path / "none.png"))
    assert missing.returncode == 2
    assert "không tồn tại" in missing.stderr


def test_without_a_database_nothing_is_created_and_keys_are_unknown(
    run_cli: RunCli, receipt: str, tmp_path: Path
) -> None:
    empty = tmp_path / "fresh-counter"
    result = run_cli("verify", receipt, env_data_dir=str(empty))
    assert result.returncode == 1
    assert "chưa có trên máy này" in result.stdout
    assert not empty.exists()


def test_a_text_and_an_image_together_are_refused(run_cli: RunCli, receipt: str) -> None:
    result = run_cli("verify", receipt, "--image", "x.png")
    assert result.returncode == 2
    assert "not allowed with" in result.stderr
