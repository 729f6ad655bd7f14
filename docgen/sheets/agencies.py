"""The directory of agencies (danh bạ cơ quan) as a province hands it out:
a CSV (or .xlsx) with a header row naming at least the columns "Mã định
danh" and "Tên cơ quan", optionally "Cơ quan chủ quản". Read with the one
spreadsheet reader (:mod:`.spreadsheet`); every problem names its row (as
the spreadsheet numbers it) and its column, in Vietnamese, and the file is
refused whole when there is one, so a directory is never half imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..plan.model import agency_code
from .spreadsheet import TableFileUnreadable, UncomputedFormula, read_sheet_rows
from .table_reading import plain

MAX_AGENCIES = 20000
NAME_LENGTH = 200

# Column -> the header texts it is known by (compared without diacritics).
COLUMNS = {
    "code": ("Mã định danh", ("ma dinh danh", "ma dinh danh dien tu", "ma co quan", "ma", "organid", "organ id",
                              "code")),
    "name": ("Tên cơ quan", ("ten co quan", "ten co quan to chuc", "ten don vi", "ten", "organname", "organ name",
                             "name")),
    "in_charge": ("Cơ quan chủ quản", ("co quan chu quan", "don vi chu quan", "organizationincharge")),
}


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    in_charge: str | None = None


class AgencyFileError(ValueError):
    """The file's problems, one line each (``dòng 4, cột “Mã định danh”: …``)."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_agencies(filename: str, content: bytes) -> list[AgencyRow]:
    """The agencies of the file, in its order; :class:`AgencyFileError`
    naming every wrong row and column otherwise."""
    if b"\x00" in content and not filename.lower().endswith(".xlsx"):  # UTF-16 would read as Windows-1258 garbage
        raise AgencyFileError(["tệp CSV phải là văn bản UTF-8 (trong Excel: Lưu thành > CSV UTF-8)"])
    try:
        rows = read_sheet_rows(filename, content, max_rows=MAX_AGENCIES, legacy_encoding="cp1258")
    except TableFileUnreadable as error:
        raise AgencyFileError([str(error)]) from None
    if not rows:
        raise AgencyFileError(["tệp trống: cần dòng tiêu đề (Mã định danh, Tên cơ quan) và các dòng cơ quan"])
    header = rows[0]
    positions = {}
    for index, cell in enumerate(header.cells):
        for key, (_, names) in COLUMNS.items():
            if key not in positions and plain(cell).strip() in names:
                positions[key] = index
    missing = [COLUMNS[key][0] for key in ("code", "name") if key not in positions]
    if missing:
        found = ", ".join(f"“{cell}”" for cell in header.cells if str(cell).strip()) or "không có"
        raise AgencyFileError([f"dòng {header.number}: không thấy cột " + " và ".join(f"“{m}”" for m in missing)
                               + f" (các cột có: {found})"])

    def cell(row, key) -> str:
        at = positions.get(key)
        value = row.cells[at] if at is not None and at < len(row.cells) else ""
        return " ".join(str(value).split())

    agencies: list[AgencyRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    def formula(row, key) -> bool:
        """A formula the file keeps with no value (written by a program, not
        saved by Excel): named as such, the cell not read."""
        at = positions.get(key)
        value = row.cells[at] if at is not None and at < len(row.cells) else ""
        if isinstance(value, UncomputedFormula):
            problems.append(f"dòng {row.number}, cột “{COLUMNS[key][0]}”: ô có công thức {value} nhưng tệp chưa "
                            "lưu kết quả tính; mở tệp bằng Excel, lưu lại rồi tải lên (hoặc gõ giá trị thay "
                            "cho công thức)")
            return True
        return False

    for row in rows[1:]:
        where = f"dòng {row.number}"
        unread = {key for key in COLUMNS if formula(row, key)}
        if unread:
            continue
        code, name, in_charge = cell(row, "code"), cell(row, "name"), cell(row, "in_charge")
        try:
            code = agency_code(code)
        except ValueError as error:
            problems.append(f"{where}, cột “{COLUMNS['code'][0]}”: {error}")
            code = None
        else:
            if code is None:
                problems.append(f"{where}, cột “{COLUMNS['code'][0]}”: còn trống")
            elif code in seen:
                problems.append(f"{where}, cột “{COLUMNS['code'][0]}”: mã “{code}” đã có ở dòng {seen[code]}")
                code = None
            else:
                seen[code] = row.number
        if not name:
            problems.append(f"{where}, cột “{COLUMNS['name'][0]}”: còn trống")
        elif len(name) > NAME_LENGTH:
            problems.append(f"{where}, cột “{COLUMNS['name'][0]}”: dài {len(name)} ký tự, tối đa {NAME_LENGTH}")
        if len(in_charge) > NAME_LENGTH:
            problems.append(f"{where}, cột “{COLUMNS['in_charge'][0]}”: dài {len(in_charge)} ký tự, "
                            f"tối đa {NAME_LENGTH}")
        if code and name and len(name) <= NAME_LENGTH:
            agencies.append(AgencyRow(code, name, in_charge or None))
    if problems:
        raise AgencyFileError(problems)
    if not agencies:
        raise AgencyFileError([f"dòng {header.number}: chỉ có dòng tiêu đề, không có cơ quan nào"])
    return agencies
