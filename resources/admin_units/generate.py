"""Generate the administrative-unit CSV files from the MIT-licensed ``vietnamadminunits`` data.

Usage::

    pip download --no-deps vietnamadminunits==1.0.4 -d <tmp>
    unzip <tmp>/vietnamadminunits-1.0.4-py3-none-any.whl -d <tmp>/pkg
    python resources/admin_units/generate.py <tmp>/pkg/vietnamadminunits/data/dataset.db [<out dir>]

The output directory defaults to the folder of this script. Names and codes in the package come
from the National Statistics Office lists (danhmuchanhchinh.nso.gov.vn). Codes are written as
integers (the official codes are the same numbers zero-padded: 2 digits for provinces, 3 for
districts, 5 for wards/communes). ``phone_code`` is not in the package: it is filled from the
telephone area codes of Decision 2036/QĐ-BTTTT (2014), see PHONE_CODES_PRE2025 below. A
province formed on 1 July 2025 by a merger gets the area code of the former province whose name it
bears (the other former provinces' area codes stay in use too; no single new code was assigned).
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HANOI = "01"

# Telephone area codes of the 63 pre-2025 provinces (Decision 2036/QĐ-BTTTT of 2014, in force
# 2017), keyed by the province's statistics code. A public fact, typed in here, not copied.
# fmt: off
PHONE_CODES_PRE2025 = {
    "01": "24", "02": "219", "04": "206", "06": "209", "08": "207", "10": "214", "11": "215",
    "12": "213", "14": "212", "15": "216", "17": "218", "19": "208", "20": "205", "22": "203",
    "24": "204", "25": "210", "26": "211", "27": "222", "30": "220", "31": "225", "33": "221",
    "34": "227", "35": "226", "36": "228", "37": "229", "38": "237", "40": "238", "42": "239",
    "44": "232", "45": "233", "46": "234", "48": "236", "49": "235", "51": "255", "52": "256",
    "54": "257", "56": "258", "58": "259", "60": "252", "62": "260", "64": "269", "66": "262",
    "67": "261", "68": "263", "70": "271", "72": "276", "74": "274", "75": "251", "77": "254",
    "79": "28", "80": "272", "82": "273", "83": "275", "84": "294", "86": "270", "87": "277",
    "89": "296", "91": "297", "92": "292", "93": "293", "94": "299", "95": "291", "96": "290",
}
# fmt: on


# Names of two Hà Nội wards formed on 1 January 2025 (Resolution 1286/NQ-UBTVQH15) whose
# hyphen the package drops; the official name keeps it.
LEGACY_WARD_NAME_FIXES = {
    "00181": "Phường Văn Miếu - Quốc Tử Giám",
    "00226": "Phường Phương Liên - Trung Tự",
}


def short_name(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def codename(name: str) -> str:
    """``"Phường Ba Đình"`` -> ``"phuong_ba_dinh"`` (diacritics removed, đ -> d)."""
    text = name.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return "_".join(words)


def province_type(name: str) -> str:
    if name.startswith("Thành phố "):
        return "thành phố trung ương"
    if name.startswith("Tỉnh "):
        return "tỉnh"
    raise ValueError(f"unknown province type: {name!r}")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


def generate(db_path: Path, out_dir: Path) -> None:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)

    # --- after 1 July 2025 -------------------------------------------------------------
    units = con.execute(
        "SELECT provinceCode, province, wardCode, ward, wardType FROM admin_units"
    ).fetchall()
    n_wards = Counter(row[0] for row in units)
    provinces = sorted({(row[0], nfc(row[1])) for row in units})
    old_names = {
        short_name(nfc(name)): code
        for code, name in con.execute(
            "SELECT DISTINCT provinceCode, province FROM admin_units_legacy"
        )
    }

    def phone_2025(code: str, name: str) -> str:
        old_code = old_names.get(short_name(name), code)
        return PHONE_CODES_PRE2025.get(old_code, "")

    write_csv(
        out_dir / "provinces_2025.csv",
        ["code", "name", "division_type", "phone_code", "n_wards"],
        [
            [int(code), name, province_type(name), phone_2025(code, name), n_wards[code]]
            for code, name in provinces
        ],
    )
    hanoi = sorted((row for row in units if row[0] == HANOI), key=lambda r: int(r[2]))
    write_csv(
        out_dir / "hanoi_wards_2025.csv",
        ["code", "name", "division_type", "codename"],
        [[int(r[2]), nfc(r[3]), nfc(r[4]).lower(), codename(nfc(r[3]))] for r in hanoi],
    )

    # --- before 1 July 2025 ------------------------------------------------------------
    legacy = con.execute(
        "SELECT provinceCode, province, districtCode, district, districtType, "
        "wardCode, ward, wardType FROM admin_units_legacy"
    ).fetchall()
    old_provinces = sorted({(row[0], nfc(row[1])) for row in legacy})
    write_csv(
        out_dir / "provinces_pre2025.csv",
        ["code", "name", "division_type", "codename", "phone_code"],
        [
            [int(code), name, province_type(name), codename(name), PHONE_CODES_PRE2025[code]]
            for code, name in old_provinces
        ],
    )
    old_hanoi = [row for row in legacy if row[0] == HANOI]
    districts = sorted(
        {(r[2], nfc(r[3]), nfc(r[4]).lower()) for r in old_hanoi}, key=lambda d: int(d[0])
    )
    write_csv(
        out_dir / "hanoi_districts_pre2025.csv",
        ["code", "name", "division_type", "codename"],
        [[int(code), name, kind, codename(name)] for code, name, kind in districts],
    )
    wards = sorted((r for r in old_hanoi if r[5]), key=lambda r: int(r[5]))
    write_csv(
        out_dir / "hanoi_wards_pre2025.csv",
        ["code", "name", "division_type", "district_code"],
        [
            [int(r[5]), LEGACY_WARD_NAME_FIXES.get(r[5], nfc(r[6])), nfc(r[7]).lower(), int(r[2])]
            for r in wards
        ],
    )


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    db_path = Path(argv[1])
    out_dir = Path(argv[2]) if len(argv) == 3 else Path(__file__).resolve().parent
    generate(db_path, out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
