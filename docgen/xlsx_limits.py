"""Refuse a .xlsx that would unpack to too much before openpyxl opens it.

An .xlsx is a ZIP: 310 KB of repeated XML can unpack to 300 MB, which
openpyxl would inflate and parse. Every .xlsx reader calls
:func:`check_xlsx_size` first (the single place is
``docgen.spreadsheet._xlsx_rows``, used by the editor's appendix upload,
the batch upload and ``docgen batch``).

The sizes are the ones the ZIP's central directory declares. That is enough:
Python's ``zipfile``, which openpyxl reads through, stops inflating a member
at its declared size and rejects it (bad CRC) if it was a lie.
"""

from __future__ import annotations

import io
import zipfile

from . import vn
from .spreadsheet import TableFileUnreadable

MAX_UNPACKED = 64 * 1024 * 1024  # a 10,000-unit sheet is ~15 MB of XML
MAX_RATIO = 100  # real sheets compress 5-30x; repeated filler XML 1000x
RATIO_FROM = 1024 * 1024  # small members may compress well; only big ones count
MAX_MEMBERS = 10_000


class SpreadsheetTooLarge(TableFileUnreadable):
    """An .xlsx refused for its unpacked size; the message says why. A kind
    of unreadable table, so every caller already reports it (the API: 422)."""


def _mb(size: int) -> str:
    return f"{vn.format_number(size / (1024 * 1024), 1)} MB"


def check_xlsx_size(content: bytes) -> None:
    """Raise :class:`SpreadsheetTooLarge` when ``content`` unpacks to more
    than MAX_UNPACKED bytes, has too many parts, or a large part is
    compressed more than MAX_RATIO times. A file that is not a ZIP is left
    for the reader to report."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(members) > MAX_MEMBERS:
        raise SpreadsheetTooLarge(
            f"tệp Excel có {vn.format_number(len(members))} phần, quá giới hạn "
            f"{vn.format_number(MAX_MEMBERS)}; tệp có thể bị hỏng hoặc cố ý làm hại máy chủ")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise SpreadsheetTooLarge(
            f"tệp Excel giải nén ra {_mb(unpacked)}, quá giới hạn {_mb(MAX_UNPACKED)}; "
            "hãy chia bảng thành nhiều tệp hoặc lưu thành CSV")
    for member in members:
        if member.file_size >= RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise SpreadsheetTooLarge(
                f"phần “{member.filename}” của tệp Excel nén {vn.format_number(ratio)} lần "
                f"(giải nén ra {_mb(member.file_size)}), quá giới hạn {MAX_RATIO} lần; "
                "tệp có thể bị hỏng hoặc cố ý làm hại máy chủ")
