"""Building units tables and opening batch ZIPs in tests."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_XA = ROOT / "samples" / "batch" / "template_xa.yaml"
TEMPLATE_HUYEN = ROOT / "samples" / "batch" / "template_huyen.yaml"
UNITS_CSV = ROOT / "samples" / "batch" / "don_vi_mau.csv"
PROVINCIAL = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"

HEADER = ["Tên đơn vị", "Người ký", "Chức vụ ký", "Chỉ tiêu", "Đã thực hiện"]


def unit_row(name: str, target=1200, done=300, signer="Nguyễn Văn An"):
    return [name, signer, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", target, done]


def xlsx(rows, cached: dict[str, str] | None = None) -> bytes:
    """A workbook with ``rows`` on its first sheet; ``cached`` gives saved
    results for formula cells by reference (``{"E2": "300"}``), as Excel
    would write them (openpyxl itself saves formulas without results)."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if not cached:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, value in cached.items():
                    text = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value}</v>", text)
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Text as Excel on Vietnamese Windows saves "CSV": Windows-1258, where a
    letter with a tone is the toneless letter (â, ê, ơ… exist precomposed)
    followed by a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)


def csv_bytes(rows, encoding="utf-8", delimiter=",") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return cp1258(text.getvalue()) if encoding == "cp1258" else text.getvalue().encode(encoding)


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def read_csv_member(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
