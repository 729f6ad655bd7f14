"""Units and tasks (phân công): in a division about tasks (NHIỆM VỤ, TỔ
CHỨC THỰC HIỆN, PHÂN CÔNG, TRÁCH NHIỆM), a numbered heading that names a
body (Công an …, Sở …, UBND …, "… xã") is a unit given tasks; "Đề nghị …"
before its name asks a body outside the chain of command (nd30.md,
"Assignments"). One rule for the importer and the checks."""

from __future__ import annotations

import re

from ..header import LEVEL_RE
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
