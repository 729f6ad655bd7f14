"""The line above each unit's issuing body (cơ quan chủ quản: ``UBND TỈNH
ĐỒNG THÁP``), taken from the units list, never silently from the template.

- The list has the ``co_quan_chu_quan`` column: each unit's cell is its
  parent body. A blank cell of a unit with an official code (column "Mã đơn
  vị hành chính", as the province's official list has) is that unit's
  province: since 01/7/2025 communes, wards and special zones come directly
  under the province, there are no districts. Any other blank cell means no
  such line, whatever the template says (with a warning naming the units).
- The list has no such column: a unit with an official code gets its
  province; units taken from the appendix of a plan issued by an Ủy ban
  nhân dân get that Ủy ban (the plan is their list); the others keep the
  template's line, with a warning that names it.

The value is put in the unit's ``co_quan_chu_quan`` (``None`` for "no
line"); :func:`docgen.batch.derive.apply_unit` writes it into the header
whenever the unit has that key. A template that places a placeholder in
``header.parent_body`` decides for itself.
"""

from __future__ import annotations

from ..plan.model import Plan
from ..vietnamese.names import UBND
from ..vietnamese import vn
from .official_units import unit_by_code
from .template import TemplatePlan
from .units import UnitsTable, column_key

KEY = "co_quan_chu_quan"
CODE_TITLE = "Mã đơn vị hành chính"
CODE_KEY = column_key(CODE_TITLE)
SHOWN = 5  # unit names quoted in a warning


def province_body(province: str) -> str:
    """``Tỉnh Đồng Tháp`` -> ``UBND TỈNH ĐỒNG THÁP``; ``Thành phố Huế`` ->
    ``UBND THÀNH PHỐ HUẾ``."""
    return f"UBND {vn.upper_vn(province)}"


def plan_body(plan: Plan) -> str | None:
    """The parent body a plan's issuer is to the units of its appendix:
    ``UBND TỈNH GIA LAI`` for a plan of Ủy ban nhân dân tỉnh Gia Lai; None
    when the plan is not an Ủy ban nhân dân's."""
    lines = plan.header.issuing_body
    if len(lines) >= 2 and vn.same_text(lines[0], UBND, casefold=True):
        return f"UBND {vn.upper_vn(lines[-1])}"
    return None


def official_code(value) -> str | None:
    """A cell of the code column as the 5-digit official code (Excel may
    have turned ``00004`` into the number 4)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return f"{int(value):05d}"
    text = str(value).strip()
    return text.zfill(5) if text.isdigit() and len(text) <= 5 else None


def _province_of(values: dict) -> str | None:
    code = official_code(values.get(CODE_KEY))
    unit = unit_by_code(code) if code else None
    return province_body(unit.province) if unit else None


def _names(units) -> str:
    names = [f"“{unit.name}”" for unit in units[:SHOWN]]
    more = len(units) - SHOWN
    return ", ".join(names) + (f" và {more} đơn vị khác" if more > 0 else "")


def fill_parent_bodies(table: UnitsTable, template: TemplatePlan, plan_parent: str | None = None) -> list[str]:
    """Set each unit's ``co_quan_chu_quan`` as the module says (in place);
    the warnings for the clerk. ``plan_parent``: the parent body the plan
    whose appendix lists the units gives (:func:`plan_body`)."""
    if template.uses("header.parent_body"):
        return []
    header = template.data.get("header")
    own = header.get("parent_body") if isinstance(header, dict) else None
    own = own if isinstance(own, str) and own.strip() else None
    if KEY in table.columns:
        blank = []
        for unit in table.units:
            if unit.values.get(KEY) is None:
                unit.values[KEY] = _province_of(unit.values)
                if unit.values[KEY] is None:
                    blank.append(unit)
        if blank and own:
            return [f"Cột “{table.title(KEY)}” để trống ở {len(blank)} đơn vị ({_names(blank)}): văn bản của "
                    f"các đơn vị này không có dòng cơ quan chủ quản; dòng “{own}” của văn bản mẫu không được "
                    "dùng. Nếu cần, hãy điền cơ quan chủ quản vào bảng (đơn vị cấp xã từ 01/7/2025: UBND tỉnh, "
                    "thành phố)."]
        return []
    kept = []
    for unit in table.units:
        body = _province_of(unit.values) or plan_parent
        if body:
            unit.values[KEY] = body
        elif own:
            kept.append(unit)
    if kept:
        everyone = len(kept) == len(table.units)
        return [f"Bảng đơn vị không có cột “Cơ quan chủ quản”: {'mọi' if everyone else len(kept)} văn bản"
                + ("" if everyone else f" ({_names(kept)})")
                + f" lấy dòng cơ quan chủ quản của văn bản mẫu, “{own}”. Nếu các đơn vị có cơ quan chủ quản "
                "khác, hãy thêm cột “Cơ quan chủ quản” vào bảng (đơn vị cấp xã từ 01/7/2025: UBND tỉnh, "
                "thành phố; không còn cấp huyện)."]
    return []
