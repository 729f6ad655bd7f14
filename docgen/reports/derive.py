"""A report (Báo cáo) derived from a plan: what ``docgen report-from`` writes.

The report is a draft for the clerk to complete, never a report with made-up
results:

- header: the reporting unit (the plan's own unit, or a named unit the plan
  gave tasks to), symbol of the report type (BC-UBND), no number, no day;
- ``reference``: the plan reported on, printed as "Thực hiện Kế hoạch số …";
  the title, the closing sentence (``closing``, Đoạn kết: "Trên đây là báo
  cáo của … về kết quả thực hiện …./.", after the last section) and the
  appendix's subtitle hold the citation as
  :data:`docgen.plan.references.TAG`, printed from these fields;
- ``period``: the reporting period (the plan's campaign by default);
- section I, the results: each of the plan's task groups (a section with
  assignments) with the unit's assignments, each followed by "Kết quả: …"
  to fill in; then the targets, with the appendix;
- sections II and III: difficulties (Khó khăn, vướng mắc) and proposals
  (Đề xuất, kiến nghị), "…" to fill in;
- recipients led by the plan's issuing body "(để báo cáo)";
- the appendix: the plan's targets, a results column to fill beside each
  target (``Column.target``) and "Tỷ lệ đạt" computed from them (the total
  row's rate from the totals).

The report checks (:mod:`docgen.checks.report`) flag what is left to fill.
"""

from __future__ import annotations

from ..vietnamese import dates, vn
from .. import doctypes
from ..plan.model import (
    Appendix,
    Column,
    DocumentReference,
    Header,
    IssueDate,
    Period,
    Plan,
    Recipient,
    Section,
    Signer,
    Unit,
)
from ..plan.references import TAG, filled
from ..sheets.table_reading import computed_columns
from ..vietnamese.names import running_name, same_unit
from .unit import ReportingUnit, assigned_to

REPORT = doctypes.REPORT
TO_FILL = "…"  # what the clerk replaces with the facts
RESULT = f"Kết quả: {TO_FILL}"
FOR_REPORT = "để báo cáo"
AS_ABOVE = "Như trên"  # the recipients' first line when "Kính gửi" names who acts
RESULTS_TITLE = "KẾT QUẢ THỰC HIỆN"
DIFFICULTIES_TITLE = "KHÓ KHĂN, VƯỚNG MẮC"
PROPOSALS_TITLE = "ĐỀ XUẤT, KIẾN NGHỊ"
TARGETS_HEADING = "Kết quả thực hiện chỉ tiêu:"
RESULT_COLUMN = "Kết quả thực hiện"
RATE_COLUMN = "Tỷ lệ đạt"
TARGET_WORD = "chỉ tiêu"


def reference_to(plan: Plan) -> DocumentReference:
    """The plan as the report cites it: its number, symbol and date as its
    header has them (an issued plan's, from the register)."""
    header = plan.header
    return DocumentReference(
        type_name=doctypes.for_plan(plan).name, number=header.number, symbol=header.symbol,
        date=header.date, issuer_name=header.full_issuer_name(), subject=filled(plan).subject,
    )


def default_period(plan: Plan) -> Period | None:
    campaign = plan.campaign
    if campaign and campaign.start and campaign.end:
        return Period(start=campaign.start, end=campaign.end)
    return None


def period_text(period: Period) -> str:
    return f"từ ngày {dates.short_date(period.start)} đến ngày {dates.short_date(period.end)}"


# --- the results section -----------------------------------------------------------


def _own_assignments(plan: Plan, unit_name: str | None) -> list[tuple[Section, list[Unit]]]:
    """Each task group (a section with assignments) and the assignments the
    unit reports on: all of them for the plan's own unit; for a named unit
    those that reach it, or all of them when none names it."""
    groups = [(section, [b for b in section.blocks if b.kind == "unit"]) for section in plan.sections]
    groups = [(section, units) for section, units in groups if units]
    if unit_name is None:
        return groups
    own = [(section, [u for u in units if assigned_to(unit_name, u.name)]) for section, units in groups]
    own = [(section, units) for section, units in own if units]
    return own or groups


def _sentence_case(title: str) -> str:
    """``NHIỆM VỤ CỤ THỂ`` -> ``Nhiệm vụ cụ thể``."""
    text = vn.nfc(title).lower()
    return text[:1].upper() + text[1:]


def results_section(plan: Plan, unit_name: str | None, with_appendix: bool) -> dict:
    blocks: list[dict] = []
    for section, units in _own_assignments(plan, unit_name):
        blocks.append({"kind": "heading", "title": _sentence_case(section.title)})
        for unit in units:
            name = ("Đề nghị " if unit.requested else "") + unit.name
            blocks.append({"kind": "subheading", "title": name})
            blocks.extend({"kind": "bullet", "text": task} for task in unit.printed_tasks)
            blocks.append({"kind": "paragraph", "text": RESULT})
    if not blocks:  # a plan without assignments: its sections are the task groups
        for section in plan.sections:
            blocks.append({"kind": "heading", "title": _sentence_case(section.title)})
            blocks.append({"kind": "paragraph", "text": RESULT})
    if with_appendix:
        blocks.append({"kind": "heading", "title": TARGETS_HEADING,
                       "text": f"{TO_FILL} (chi tiết tại Phụ lục kèm theo)."})
    return {"title": RESULTS_TITLE, "blocks": blocks}


# --- the appendix ----------------------------------------------------------------------


def target_columns(appendix: Appendix, days: int | None = None) -> list[Column]:
    """The columns a report puts results beside: entered number columns named
    as targets ("Chỉ tiêu …"), else every entered number column; in either
    case not a column whose figures are computed from others (a remaining
    target, a daily share: an imported table holds them as plain figures)
    nor what a rate divides by a target (the results so far). ``days``: the
    campaign's, for daily shares."""
    entered = [c for c in appendix.columns if c.type == "number" and not c.compute and not c.target]
    found = computed_columns(appendix.columns, appendix.rows, days)
    ratios = [c.of for c in appendix.columns if c.compute == "ratio" and c.of]
    ratios += [s.of for s in found if s.compute == "ratio"]
    derived = {s.column for s in found} | {of[0] for of in ratios}
    entered = [c for c in entered if c.key not in derived]
    named = [c for c in entered if TARGET_WORD in vn.nfc(c.title).casefold()]
    divisors = [c for c in entered if any(of[-1] == c.key for of in ratios)]
    return named or divisors or entered


def _free_key(wanted: str, taken: set[str]) -> str:
    key, n = wanted, 2
    while key in taken:
        key, n = f"{wanted}_{n}", n + 1
    taken.add(key)
    return key


def results_appendix(appendix: Appendix, unit_name: str | None, period: Period | None,
                     days: int | None = None) -> dict | None:
    """The plan's targets with a results column to fill and the rate of each;
    None when the appendix has no figures to report against."""
    targets = target_columns(appendix, days)
    if not targets:
        return None
    names = [c for c in appendix.columns if c.type == "text" and not c.compute]
    taken = {c.key for c in appendix.columns}
    columns: list[dict] = [{"key": c.key, "title": c.title, "type": "text"} for c in names]
    for target in targets:
        result_key = _free_key(f"{target.key}_ket_qua", taken)
        rate_key = _free_key(f"{target.key}_ty_le", taken)
        several = len(targets) > 1
        columns += [
            {"key": target.key, "title": target.title, "type": "number"},
            {"key": result_key, "title": RESULT_COLUMN + (f" ({target.title})" if several else ""),
             "type": "number", "target": target.key},
            {"key": rate_key, "title": RATE_COLUMN, "type": "percent", "compute": "ratio",
             "of": [result_key, target.key], "decimals": next(
                 (c.decimals for c in appendix.columns if c.type == "percent"), 2)},
        ]
    kept = [c["key"] for c in columns if c.get("compute") is None and c.get("target") is None]
    rows = [{key: row.get(key) for key in kept} for row in appendix.rows]
    if unit_name is not None and names:
        own = [row for row in rows if same_unit(str(row.get(names[0].key) or ""), unit_name)]
        rows = own or rows
    return {
        "title": f"{RESULTS_TITLE} {vn.upper_vn(appendix.title)}",
        "subtitle": f"(Theo {TAG}" + (f"; {period_text(period)})" if period else ")"),
        "columns": columns,
        "rows": rows,
        "numbered": appendix.numbered,
        "total": appendix.total and len(rows) > 1,
        "total_label": appendix.total_label,
        "orientation": appendix.orientation,
    }


# --- the report ----------------------------------------------------------------------------


def report_from(plan: Plan, *, unit: str | None = None, period: Period | None = None) -> Plan:
    """The report on ``plan`` by its own unit, or by ``unit`` (``UBND xã Ia
    Kha``), over ``period`` (default: the plan's campaign). Raises
    ``ValueError`` (a Vietnamese message) for a unit name that is blank."""
    report_type = doctypes.get(REPORT)
    reporter = ReportingUnit.named(unit, plan.header.place) if unit else ReportingUnit.of_plan(plan.header)
    if unit and same_unit(unit, plan.header.full_issuer_name()):
        unit, reporter = None, ReportingUnit.of_plan(plan.header)  # the plan's own unit, named
    reference = reference_to(plan)
    period = period or default_period(plan)
    dated = period.end if period else plan.header.date.as_date()
    year, month = (dated.year, dated.month) if dated else (plan.header.date.year, plan.header.date.month)

    days = plan.campaign.quota_days if plan.campaign else None
    appendices = [a for a in (results_appendix(appendix, unit, period, days) for appendix in plan.appendices) if a]
    covered = f" {period_text(period)}" if period else ""
    sections = [
        results_section(plan, unit, bool(appendices)),
        {"title": DIFFICULTIES_TITLE, "blocks": [{"kind": "paragraph", "text": TO_FILL}]},
        {"title": PROPOSALS_TITLE, "blocks": [{"kind": "paragraph", "text": TO_FILL}]},
    ]
    # the closing (Đoạn kết), after the last section: a section the clerk adds comes before it
    closing = [f"Trên đây là báo cáo của {reporter.running_name} về kết quả thực hiện {TAG}./."]
    addressees = []
    if unit:
        # sent up to the plan's issuer: "Kính gửi" names it, "Như trên" leads the recipients (nd30-types.md, 5.4)
        addressees = [reference.issuer_name] if report_type.addressees != "none" else []
        lead = (Recipient(name=AS_ABOVE) if addressees
                else Recipient(name=running_name(reference.issuer_name), purpose=FOR_REPORT))
        signer = Signer(authority=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if reporter.is_people_committee
                        else ["THỦ TRƯỞNG CƠ QUAN"], name=TO_FILL)
        archive = "VT"
    else:
        lead = (Recipient(name=plan.recipients[0].name, purpose=FOR_REPORT) if plan.recipients
                else Recipient(name=TO_FILL, purpose=FOR_REPORT))
        signer, archive = plan.signer, plan.archive

    data = {
        "type": report_type.key,
        "header": Header(
            parent_body=reporter.parent_body, issuing_body=reporter.issuing_body,
            issuer_name=reporter.issuer_name, number=None, symbol=report_type.default_symbol,
            place=reporter.place, date=IssueDate(year=year, month=month),
        ).model_dump(),
        "subject": f"Kết quả thực hiện {TAG}",
        "addressees": addressees,
        "opening": [f"{reporter.running_name} báo cáo kết quả thực hiện{covered} như sau:"],
        "sections": sections,
        "closing": closing if report_type.has("closing") else [],
        "campaign": plan.campaign.model_dump() if plan.campaign and report_type.campaign else None,
        "recipients": [lead.model_dump()],
        "archive": archive,
        "signer": signer.model_dump(),
        "appendices": appendices if report_type.appendices else [],
        "reference": reference.model_dump(),
        "period": period.model_dump() if period else None,
    }
    return Plan.model_validate(data)

