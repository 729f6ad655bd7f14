"""Helpers for the checks' tests: corrected copies of the seeds' samples and
edits of a rendered .docx."""

from __future__ import annotations

import io
import re
import zipfile

from docgen.plan.model import Plan

# The kinds of findings the seeds' known mistakes produce; a corrected copy
# of a sample must have none of them.
CORRECTED_CODES = {
    "consistency.figure_mismatch",
    "consistency.percent_mismatch",
    "consistency.title_dates",
    "consistency.campaign_length",
    "consistency.section_repeated",
    "consistency.section_skipped",
    "consistency.section_order",
    "consistency.deadline_before_start",
    "consistency.deadline_after_end",
    "consistency.percent_over_100",
    "consistency.decimal_point",
    "sensitive.password",
    "sensitive.login",
    "sensitive.personal_email",
    "sensitive.email",
    "sensitive.personal_phone",
}


def replaced(plan: Plan, *pairs: tuple[str, str]) -> Plan:
    """A copy of ``plan`` with texts replaced everywhere (each must occur)."""
    text = plan.model_dump_json()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return Plan.model_validate_json(text)


def corrected(number: str, plan: Plan) -> Plan:
    """The sample of seed ``number`` with the seed's known mistakes fixed."""
    if number == "000":
        return replaced(plan, ("SĐT: 090.1234.567", "SĐT: 0262.3852.123"))
    if number == "001":
        plan = plan.model_copy(deep=True)
        plan.sections[-1].number = None
        return plan
    if number == "002":
        return replaced(plan, ("687.034", "684.037"), ("19,67%", "19,66%"))
    if number == "003":
        return replaced(
            plan,
            ("vanbinh1234@gmail.com", "doiqlhc.cah@congan.gov.vn"),
            ("05/9/2023", "03/9/2023"),
            ("2023-09-05", "2023-09-03"),
        )
    if number == "004":
        plan = replaced(
            plan, ("15/3/2025", "02/3/2025"), ("31/5/2025", "30/5/2025"), ("2025-05-31", "2025-05-30"),
        )
        plan = plan.model_copy(deep=True)
        plan.sections[-1].number = None
        report = plan.sections[4]
        report.blocks = [
            block for block in report.blocks
            if not (getattr(block, "text", None) or "").startswith(("+ Tên đăng nhập", "Tên đăng nhập", "Mật khẩu"))
        ]
        return plan
    raise KeyError(number)


def edit_document_xml(docx: bytes, edit) -> bytes:
    """The .docx with ``edit(document_xml: str) -> str`` applied."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    return buffer.getvalue()


def in_appendix(pattern: str, replacement: str):
    """An edit applying a regular expression only after the appendix label."""
    def edit(xml: str) -> str:
        at = xml.index(">PHỤ LỤC<")
        return xml[:at] + re.sub(pattern, replacement, xml[at:])
    return edit
