"""``python -m app card``: JSON for a good QR, exit 1 with the reason for a bad one."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.cli.conftest import RunCli


def _reference_samples(reference_dir: Path) -> list[str]:
    with (reference_dir / "cccd_qr" / "qr_samples.tsv").open(encoding="utf-8") as handle:
        return [row["raw_qr"] for row in csv.DictReader(handle, delimiter="\t")]


def test_card_prints_the_parsed_fields_as_json(run_cli: RunCli) -> None:
    result = run_cli(
        "card", "001199012345||Đặng Thị Đào|02031999|Nữ|Phường Ba Đình, Hà Nội|15062022||"
    )
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["id_number"] == "001199012345"
    assert card["full_name"] == "Đặng Thị Đào"
    assert card["date_of_birth"] == "1999-03-02"
    assert card["sex"] == "female"
    assert card["issue_date"] == "2022-06-15"


def test_card_reads_stdin_with_trailing_empty_fields(run_cli: RunCli) -> None:
    text = "001090012345|123456789|Nguyễn Văn A|01011990|Nam|Hà Nội|01012022||||\n"
    result = run_cli("card", "--stdin", stdin=text)
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["full_name"] == "Nguyễn Văn A"
    assert card["old_id_number"] == "123456789"


def test_card_rejects_the_reference_sample_whose_number_contradicts_it(
    run_cli: RunCli, reference_dir: Path
) -> None:
    # The published sample 012345678912 has sex/century digit 3 (female, 2000s) and year 45,
    # while the card says Nam, born 1990: a counter must not accept it silently.
    eleven_field_sample = _reference_samples(reference_dir)[0]
    result = run_cli("card", "--stdin", stdin=eleven_field_sample)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")


def test_card_rejects_a_bad_id_number_with_the_reason(run_cli: RunCli) -> None:
    result = run_cli("card", "00119901234X||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "12 digits" in result.stderr


def test_card_rejects_a_sex_digit_that_contradicts_the_card(run_cli: RunCli) -> None:
    # 4th digit 0 = male born in the 1900s, but the card says Nữ.
    result = run_cli("card", "001099012345||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022")
    assert result.returncode == 1
    assert "sex" in result.stderr.lower()


def test_card_without_text_is_an_error(run_cli: RunCli) -> None:
    result = run_cli("card", "--stdin", stdin="   \n")
    assert result.returncode == 1
    assert "no QR text" in result.stderr
