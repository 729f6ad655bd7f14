"""The marks a document may carry above its body (Decree 30, Appendix I,
ô 10a and 10b; nd30-types.md, section 7): the secrecy stamp (độ mật) and the
urgency stamp (độ khẩn), in one list each. The model validates their keys,
the layout prints their words in their frames, the metadata (Appendix VI,
``Priority``) and edXML (QCVN 102, ``OtherInfo/Priority``) carry their codes,
and the editor offers their names: all from here.

Urgency: ``HỎA TỐC`` 30 × 8 mm, ``THƯỢNG KHẨN`` 40 × 8 mm, ``KHẨN`` 20 × 8 mm,
a single-bordered rectangle, capitals, bold, bright red. The decree gives no
size for the secrecy stamps (the state-secrets law does): docgen draws them
as the urgency stamps, in a 30 mm frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vietnamese import vn


@dataclass(frozen=True)
class Mark:
    key: str  # what a plan stores: ``hoa_toc``
    name: str  # what the editor and the register say: ``Hỏa tốc``
    printed: str  # what the stamp prints: ``HỎA TỐC``
    code: int  # the level's number in the metadata and edXML (0: none)
    width_mm: int  # the frame's width (its height is 8 mm)


URGENCY = (
    Mark("khan", "Khẩn", "KHẨN", 1, 20),
    Mark("thuong_khan", "Thượng khẩn", "THƯỢNG KHẨN", 2, 40),
    Mark("hoa_toc", "Hỏa tốc", "HỎA TỐC", 3, 30),
)
SECRECY = (
    Mark("mat", "Mật", "MẬT", 1, 30),
    Mark("toi_mat", "Tối mật", "TỐI MẬT", 2, 30),
    Mark("tuyet_mat", "Tuyệt mật", "TUYỆT MẬT", 3, 30),
)
URGENCY_BY_KEY = {mark.key: mark for mark in URGENCY}
SECRECY_BY_KEY = {mark.key: mark for mark in SECRECY}
NORMAL = "Thường"  # no urgency: what the register and the metadata say


def urgency(key: str | None) -> Mark | None:
    return URGENCY_BY_KEY.get(key) if key else None


def secrecy(key: str | None) -> Mark | None:
    return SECRECY_BY_KEY.get(key) if key else None


def urgency_of_code(code: int) -> str | None:
    """The key of urgency ``code`` (0: none); ValueError for a code no level has."""
    if code == 0:
        return None
    for mark in URGENCY:
        if mark.code == code:
            return mark.key
    raise ValueError(f"độ khẩn mã {code} không có (0: thường, 1: khẩn, 2: thượng khẩn, 3: hỏa tốc)")


def secrecy_of_code(code: int) -> str | None:
    if code == 0:
        return None
    for mark in SECRECY:
        if mark.code == code:
            return mark.key
    raise ValueError(f"độ mật mã {code} không có (0: không mật, 1: mật, 2: tối mật, 3: tuyệt mật)")


def _words(text: str) -> str:
    # the decree writes both HỎA TỐC and HOẢ TỐC: compare without diacritics
    return vn.slug(text).lower()


_STAMPS = {_words(mark.printed): (field, mark.key)
           for field, levels in (("urgency", URGENCY), ("secrecy", SECRECY)) for mark in levels}


def read_stamp(text: str) -> tuple[str, str] | None:
    """``("urgency", "hoa_toc")`` for a line that is a stamp's words
    (``HỎA TỐC``, ``Hoả tốc``), else None: how the importer reads ô 10a/10b."""
    return _STAMPS.get(_words(text)) if text and len(text) <= 20 else None


def editor_marks() -> dict:
    """The lists the editor and the issue form offer."""
    return {"urgency": [{"key": m.key, "name": m.name} for m in URGENCY],
            "secrecy": [{"key": m.key, "name": m.name} for m in SECRECY]}
