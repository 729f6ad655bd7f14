"""Units and tasks (phân công): in a division about tasks (NHIỆM VỤ, TỔ
CHỨC THỰC HIỆN, PHÂN CÔNG, TRÁCH NHIỆM), a numbered heading that names a
body (Công an …, Sở …, UBND …, "… xã") is a unit given tasks; "Đề nghị …"
before its name asks a body outside the chain of command (nd30.md,
"Assignments"). One rule for the importer and the checks."""

from __future__ import annotations

import re

from ..header import LEVEL_RE
from ..lines import Line
from .model import Found
from .words import fold

_ORGANISATION = re.compile(
    r"(?:Đề nghị\s+)?(?:Công an|Sở|Ban|Báo|Đài|Ủy ban|Uỷ ban|UBND|Phòng|Bộ|Trung tâm|Văn phòng|Hội|Đoàn|"
    r"Liên đoàn|Mặt trận|Ủy ban Mặt trận|Cục|Chi cục|Tòa án|Viện|Trường|Bảo hiểm|Ngân hàng|Bưu điện|"
    r"Viettel|VNPT|MobiFone|Viễn thông|Các|Tổ công tác|Tổ|Hạt|Đội|Thanh tra|Kho bạc|Chi nhánh|Điện lực|Quân sự|"
    r"BCH|Ban Chỉ huy|Bộ Chỉ huy|Huyện đoàn|Tỉnh đoàn|Thành đoàn|Huyện ủy|Tỉnh ủy|Đảng ủy|Đảng uỷ|Hội đồng|"
    r"Công ty|Doanh nghiệp|Giám đốc|Thủ trưởng|Chủ tịch|Cơ quan|Đơn vị|Lực lượng|Trạm|Bệnh viện|Ngành|"
    r"Thường trực|Bộ phận|BĐH|BÐH|Ban điều hành|Tài chính|Công chức|Cán bộ|Trưởng)\b")
_LOCALITY_END = re.compile(rf"(?i:\b(?:{LEVEL_RE}|khu dân cư|cấp xã|cấp huyện|cấp tỉnh|địa bàn))\s*$")
_TASK_WORDS = ("nhiem vu", "to chuc thuc hien", "phan cong", "trach nhiem")
REQUEST = re.compile(r"Đề nghị\s+")
_NUMBERED = re.compile(r"\s*(?:\d{1,2}|[IVX]{1,4})\.\s+(?P<rest>\S.*)$")


def assigns_tasks(division_title: str) -> bool:
    """Whether a division gives units their tasks."""
    title = fold(division_title)
    return any(word in title for word in _TASK_WORDS)


def names_unit(title: str) -> bool:
    """Whether a heading names a body (a unit) rather than a topic."""
    name = re.sub(r"[*\\]", "", title).strip()
    return bool(_ORGANISATION.match(name) or _LOCALITY_END.search(name))


def unit_name(title: str) -> tuple[str, bool]:
    """(the unit's name, whether it is asked: "Đề nghị …")."""
    name = title.strip()
    match = REQUEST.match(name)
    return (name[match.end():], True) if match else (name, False)


def unit_in(line: Line) -> str | None:
    """The unit a numbered line names (``3. Đề nghị Ban Tuyên giáo Tỉnh
    ủy``, ``2. Công an tỉnh: chủ trì …``), its number typed or Word's;
    None for a topic or a sentence."""
    match = _NUMBERED.match(line.text)
    if not match:
        return None
    head, colon, _ = match.group("rest").partition(":")
    name = re.sub(r"[*\\]", "", head if colon else match.group("rest")).strip()
    if not name or len(name.split()) > 30 or name.endswith(".") or not names_unit(name):
        return None
    return name


def find(division_title: str, items: list) -> list[Found]:
    """The units a division gives tasks to: value (name, asked)."""
    if not assigns_tasks(division_title):
        return []
    found = []
    for item in items:
        if isinstance(item, Line):
            name = unit_in(item)
            if name:
                found.append(Found(name, (item,), unit_name(name)))
    return found
