"""Every type Decree 30 names (Art. 7, Appendix III part I), with its code,
so that a document of any of them is recognised by its title line or its
symbol ("QUYẾT ĐỊNH", ``Số: 12/QĐ-UBND``), also one docgen does not write
(yet): the importer says what it is instead of mistaking it for a plan,
and reads a plan a decision issues. A registered type
(:mod:`docgen.doctypes`) always wins: it is the one returned.

The words a document uses to issue another ("Ban hành kèm theo Quyết định
này Kế hoạch …", "(Ban hành kèm theo Quyết định số …)") are here too.
"""

from __future__ import annotations

import functools
import unicodedata

from .base import DocumentType

# (name, code) in the decree's order; Công văn and Thư công have no code.
DECREE_TYPES: tuple[tuple[str, str | None], ...] = (
    ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Quy chế", "QC"), ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"), ("Chương trình", "CTr"), ("Kế hoạch", "KH"),
    ("Phương án", "PA"), ("Đề án", "ĐA"), ("Dự án", "DA"), ("Báo cáo", "BC"), ("Biên bản", "BB"),
    ("Tờ trình", "TTr"), ("Hợp đồng", "HĐ"), ("Công văn", None), ("Công điện", "CĐ"), ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"), ("Giấy ủy quyền", "GUQ"), ("Giấy mời", "GM"), ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"), ("Phiếu gửi", "PG"), ("Phiếu chuyển", "PC"), ("Phiếu báo", "PB"),
)
# The types that issue or approve another text (Mẫu 1.3), and the verbs they do it with.
ISSUING_TYPES = ("QĐ",)
ISSUING_VERBS = ("ban hành", "phê duyệt")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@functools.lru_cache(maxsize=None)
def _unregistered(name: str, code: str | None) -> DocumentType:
    ascii_name = unicodedata.normalize("NFD", name.casefold().replace("đ", "d"))
    key = "_" + "_".join("".join(ch for ch in word if ch.isascii()) for word in ascii_name.split())
    return DocumentType(key=key, name=name, title=name.upper(), symbol_prefix=code or "")


def decree_types(registered) -> list[DocumentType]:
    """Every type: the registered ones (``registered``: the registry's
    values), then the decree's others as unregistered types (docgen cannot
    write them: ``doctypes.importable`` says so)."""
    types = list(registered)
    known = {_fold(t.name) for t in types}
    return types + [_unregistered(name, code) for name, code in DECREE_TYPES if _fold(name) not in known]
