"""One unit's plan from the template: placeholders filled, then what every
derived plan needs set from the unit (header, signer, campaign dates, the
reference to the parent plan, the unit's own appendix row), then validated
through the plan model like any plan.

A field the template author filled with a placeholder is left as the
placeholder made it; the automatic values below apply only elsewhere.

- ``header.issuing_body``: the ``co_quan_ban_hanh`` column, else the
  template's lines with the last one replaced by the unit's name in capitals
  (ỦY BAN NHÂN DÂN / XÃ IA KHA).
- ``header.parent_body``: ``co_quan_chu_quan`` whenever the unit has that
  key, blank included (no line); the template's only when it has not
  (:mod:`docgen.batch.parent_body` decides, and warns).
- ``header.issuer_name``: ``ten_co_quan``, else "Ủy ban nhân dân xã Ia Kha"
  when the template's issuer is an Ủy ban nhân dân.
- ``header.place``: ``dia_danh``, else the name without its level word.
- ``header.number``: ``so``, else blank (a template's number is not the
  unit's); ``header.symbol``: ``ky_hieu``; ``header.date``: ``ngay``.
- ``signer``: ``nguoi_ky``, ``chuc_vu_ky``.
- ``campaign``: ``ngay_bat_dau``, ``ngay_ket_thuc``; its ``area`` becomes the
  unit (xã Ia Kha).
- the parent document (:class:`ParentPlan`, when known): the opening
  paragraph "Thực hiện <its type> số … của …" is written (replacing the
  template's own "Thực hiện … số …" paragraph of any registered type, else
  first), unless the template places it itself with the ``*_cap_tren``
  placeholders.
- every appendix of the template with no rows gets one row: the unit's
  figures by column key, its name in the first text column.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from ..vietnamese import vn
from .. import doctypes
from ..plan import references
from ..plan.model import DocumentReference, Plan
from ..plan.files import FieldError, field_errors
from ..plan.references import citation, implementing_sentence, reference_number
from ..vietnamese.names import UBND, running_name
from .template import FillError, TemplatePlan
from .units import Unit

PARENT_KEYS = ("kh_cap_tren", "so_kh_cap_tren", "ngay_kh_cap_tren", "co_quan_cap_tren",
               "trich_yeu_cap_tren")
# Fields each unit sets; the template's own values there are not its mistakes.
UNIT_FIELDS = ("header", "signer")


def _names_parent(text: str) -> bool:
    """``Thực hiện Kế hoạch số …``: an opening paragraph naming the parent
    document, of any registered type."""
    folded = text.strip().casefold()
    return any(folded.startswith(t.implementing_prefix.casefold()) for t in doctypes.ALL.values())


@dataclass(frozen=True)
class ParentPlan:
    """The document a batch implements (a plan of the level above): what the
    derived documents' "Thực hiện … số …" sentence names, as the one
    citation model prints it (:class:`~docgen.plan.model.DocumentReference`,
    :mod:`docgen.plan.references`)."""

    reference: DocumentReference

    @classmethod
    def from_plan(cls, plan: Plan) -> ParentPlan:
        reference = DocumentReference.of(plan)
        if not reference.issuer_name:
            reference = reference.model_copy(update={"issuer_name": plan.header.full_issuer_name()})
        return cls(reference)

    @property
    def doc_type(self) -> doctypes.DocumentType:
        return next((t for t in doctypes.ALL.values() if t.name == self.reference.type_name), doctypes.get(None))

    @property
    def number_text(self) -> str:
        return reference_number(self.reference)

    @property
    def date_text(self) -> str:
        return references.date_text(self.reference)

    def values(self) -> dict[str, str]:
        """The ``*_cap_tren`` placeholders."""
        return {
            "kh_cap_tren": citation(self.reference),
            "so_kh_cap_tren": self.number_text,
            "ngay_kh_cap_tren": self.date_text,
            "co_quan_cap_tren": running_name(self.reference.issuer_name),
            "trich_yeu_cap_tren": self.reference.subject or "",
        }

    def sentence(self) -> str:
        return implementing_sentence(self.reference)


@dataclass(frozen=True)
class Derived:
    """One unit's outcome: a valid plan, or the problems found."""

    plan: Plan | None
    errors: list[FieldError]


def unit_values(unit: Unit, parent: ParentPlan | None) -> dict:
    values = dict(unit.values)
    if parent:
        values.update(parent.values())
    return values


def derive_plan(template: TemplatePlan, unit: Unit, parent: ParentPlan | None = None) -> Derived:
    """The unit's plan (validated), or its field errors."""
    try:
        data = template.fill(unit_values(unit, parent))
    except FillError as error:
        return Derived(None, [FieldError(error.path, str(error).split(": ", 1)[-1])])
    apply_unit(data, template, unit, parent)
    try:
        return Derived(Plan.model_validate(data), [])
    except ValidationError as error:
        return Derived(None, field_errors(error))


def apply_unit(data: dict, template: TemplatePlan, unit: Unit, parent: ParentPlan | None) -> None:
    """Set the unit's own header, signer, dates, parent reference and
    appendix rows in filled plan data (in place)."""
    get = unit.get
    free = lambda path: not template.uses(path)  # noqa: E731 - a field without placeholders

    header = data.setdefault("header", {})
    if isinstance(header, dict):
        if free("header.issuing_body"):
            lines = list(header.get("issuing_body") or [UBND.upper()])
            header["issuing_body"] = get("co_quan_ban_hanh") or lines[:-1] + [vn.upper_vn(unit.name)]
        if "co_quan_chu_quan" in unit.values and free("header.parent_body"):
            header["parent_body"] = get("co_quan_chu_quan")
        if free("header.issuer_name"):
            if get("ten_co_quan"):
                header["issuer_name"] = get("ten_co_quan")
            elif str(header.get("issuer_name") or "").casefold().startswith(UBND.casefold()):
                header["issuer_name"] = f"{UBND} {get('ten_don_vi_thuong')}"
        if free("header.place"):
            header["place"] = get("dia_danh") or get("ten_rieng")
        if free("header.number"):
            header["number"] = get("so")
        if get("ky_hieu") and free("header.symbol"):
            header["symbol"] = get("ky_hieu")
        if get("ngay") and free("header.date"):
            day = get("ngay")
            header["date"] = {"year": day.year, "month": day.month, "day": day.day}

    signer = data.get("signer")
    if isinstance(signer, dict):
        if get("nguoi_ky") and free("signer.name"):
            signer["name"] = get("nguoi_ky")
        if get("chuc_vu_ky") and free("signer.authority"):
            signer["authority"] = get("chuc_vu_ky")

    campaign = data.get("campaign")
    if isinstance(campaign, dict):
        if get("ngay_bat_dau") and free("campaign.start"):
            campaign["start"] = get("ngay_bat_dau")
        if get("ngay_ket_thuc") and free("campaign.end"):
            campaign["end"] = get("ngay_ket_thuc")
        if campaign.get("area") and free("campaign.area"):
            campaign["area"] = get("ten_don_vi_thuong")

    if parent and not (template.placeholders & set(PARENT_KEYS)) and isinstance(data.get("opening", []), list):
        opening = data.setdefault("opening", [])
        sentence = parent.sentence()
        at = next((i for i, text in enumerate(opening)
                   if isinstance(text, str) and _names_parent(text)
                   and free(f"opening.{i}")), None)
        if at is None:
            opening.insert(0, sentence)
        else:
            opening[at] = sentence

    for appendix in data.get("appendices") or []:
        if isinstance(appendix, dict) and not appendix.get("rows"):
            appendix["rows"] = [_appendix_row(appendix, unit)]


def _appendix_row(appendix: dict, unit: Unit) -> dict:
    row = {}
    named = False
    for column in appendix.get("columns") or []:
        if not isinstance(column, dict) or column.get("compute"):
            continue
        key = column.get("key")
        value = unit.get(key)
        if column.get("type", "text") == "text":
            if value is None and not named:
                value = unit.name
            named = True
            row[key] = "" if value is None else str(value)
        else:
            row[key] = value
    return row
