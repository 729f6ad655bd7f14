"""Refuse a .xlsx that would unpack to too much before openpyxl opens it.

Every .xlsx reader calls :func:`check_xlsx_size` first (the single place is
``docgen.spreadsheet._xlsx_rows``, used by the editor's appendix upload,
the batch upload and ``docgen batch``); the rule itself is
``docgen.zip_limits``, shared with the Word reader.
"""

from __future__ import annotations

from .spreadsheet import TableFileUnreadable
from .zip_limits import ZipLimits, check_zip_size

LIMITS = ZipLimits(
    what="tệp Excel",
    max_unpacked=64 * 1024 * 1024,  # a 10,000-unit sheet is ~15 MB of XML
    advice="hãy chia bảng thành nhiều tệp hoặc lưu thành CSV",
)


class SpreadsheetTooLarge(TableFileUnreadable):
    """An .xlsx refused for its unpacked size; the message says why. A kind
    of unreadable table, so every caller already reports it (the API: 422)."""


def check_xlsx_size(content: bytes) -> None:
    """Raise :class:`SpreadsheetTooLarge` when ``content`` unpacks to too
    much (``docgen.zip_limits.check_zip_size``)."""
    check_zip_size(content, LIMITS, SpreadsheetTooLarge)
