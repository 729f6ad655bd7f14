"""Refuse an Office file (a ZIP: .xlsx, .docx) that would unpack to too much,
before anything inflates it.

310 KB of repeated XML can unpack to 300 MB, which openpyxl or python-docx
would inflate and parse. The sizes are the ones the ZIP's central directory
declares. That is enough: Python's ``zipfile``, which both read through,
stops inflating a member at its declared size and rejects it (bad CRC) if it
was a lie. Every reader of an uploaded Office file calls
:func:`check_zip_size` first (``docgen.sheets.spreadsheet`` for sheets,
``docgen.word.package`` for Word files).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..vietnamese import vn

MAX_RATIO = 100  # real Office parts compress 5-30x; repeated filler XML 1000x
RATIO_FROM = 1024 * 1024  # small members may compress well; only big ones count
MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class ZipLimits:
    what: str  # the file as the messages name it: "tệp Excel", "tệp Word"
    max_unpacked: int
    advice: str  # what to do with a file too large when unpacked
    max_ratio: int = MAX_RATIO
    max_members: int = MAX_MEMBERS


def megabytes(size: int) -> str:
    return f"{vn.format_number(size / (1024 * 1024), 1)} MB"


def check_zip_size(content: bytes, limits: ZipLimits, error: type[Exception]) -> None:
    """Raise ``error`` (with a Vietnamese message) when ``content`` unpacks
    to more than ``limits.max_unpacked`` bytes, has too many parts, or a
    large part is compressed more than ``limits.max_ratio`` times. A file
    that is not a ZIP is left for the reader to report."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(members) > limits.max_members:
        raise error(
            f"{limits.what} có {vn.format_number(len(members))} phần, quá giới hạn "
            f"{vn.format_number(limits.max_members)}; tệp có thể bị hỏng hoặc cố ý làm hại máy chủ")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked:
        raise error(
            f"{limits.what} giải nén ra {megabytes(unpacked)}, quá giới hạn {megabytes(limits.max_unpacked)}; "
            f"{limits.advice}")
    for member in members:
        if member.file_size >= RATIO_FROM and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise error(
                f"phần “{member.filename}” của {limits.what} nén {vn.format_number(ratio)} lần "
                f"(giải nén ra {megabytes(member.file_size)}), quá giới hạn {limits.max_ratio} lần; "
                "tệp có thể bị hỏng hoặc cố ý làm hại máy chủ")
