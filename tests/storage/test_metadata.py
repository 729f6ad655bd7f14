"""Decree 30's metadata (Appendix VI) of an issued document: what the văn
thư gives at the issue step (case file, copies, reply deadline, file copy)
is kept in the register row, the order in the case file is counted, and the
16 fields are in the issued PDF's XMP (read back from the PDF's bytes) and
in the XML file beside it, the same both ways. Wrong values at the issue
step name their field. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.metadata import xml as metadata_xml
from docgen.metadata.xmp import metadata_in, read_metadata
from docgen.storage import outgoing, register, signatures
from docgen.storage.metadata import entry_metadata

from .test_edxml_export import TWO_AGENCIES, a_pdf, issue as issue  # noqa: F401 (fixture)
from .test_edxml_export import office as office  # noqa: F401 (fixture)


def fake_pdf(docx, archive):
    return a_pdf(3)


def issued_with(session, office, plan_data, details, **changes):
    from docgen.storage import drafts

    data = {**plan_data, "recipients": TWO_AGENCIES, "urgency": "thuong_khan", **changes}
    draft = drafts.create_draft(session, office["an"], data)
    drafts.submit(session, office["an"], draft.id)
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    return register.issue(session, office["vy"], draft.id, confirmed=True, details=details)


def test_the_issued_pdf_and_the_xml_file_carry_the_sixteen_fields(session, office, plan_data):
    details = register.issue_details(file_notation="HS 12/2026", copies="7", reply_by="31/12/2026",
                                     keeper="Văn phòng, ông Tài")
    first = issued_with(session, office, plan_data, details)
    second = issued_with(session, office, plan_data, details, subject="Kế hoạch thứ hai")
    plain = issued_with(session, office, plan_data, None, subject="Kế hoạch thứ ba")
    assert (first.doc_ordinal, second.doc_ordinal, plain.doc_ordinal) == (1, 2, None)
    assert (first.file_notation, first.copies, first.reply_by, first.keeper) == (
        "HS 12/2026", 7, dt.date(2026, 12, 31), "Văn phòng, ông Tài")
    assert plain.keeper == plan_data["archive"] and plain.copies is None  # the plan's "Lưu" line

    stored = signatures.issued_pdf(session, office["vy"], second.id, convert=fake_pdf)
    found = read_metadata(stored.pdf)
    assert {key: found[key] for key in ("OrganId", "FileCatalog", "FileNotation", "DocOrdinal", "TypeName",
                                        "CodeNumber", "CodeNotation", "IssuedDate", "Language", "PageAmount",
                                        "Position", "FullName", "Priority", "Secrecy", "IssuedAmount",
                                        "DueDate")} == {
        "OrganId": "000.00.31.H41", "FileCatalog": str(second.year), "FileNotation": "HS 12/2026",
        "DocOrdinal": "2", "TypeName": "Kế hoạch", "CodeNumber": f"{second.number:02d}",
        "CodeNotation": second.symbol, "IssuedDate": second.issued_on.isoformat(), "Language": "Tiếng Việt",
        "PageAmount": "3", "Position": plan_data["signer"]["authority"][-1], "FullName": second.signer, "Priority": "2", "Secrecy": "0",
        "IssuedAmount": "7", "DueDate": "2026-12-31"}
    assert found["Subject"] == "Kế hoạch thứ hai" and found["OrganName"].startswith("Ủy ban nhân dân")
    assert found["ToOrganId"] == ["000.00.01.H41", "000.00.02.H41", ""]
    assert found["ToOrganName"] == ["Sở Nội vụ tỉnh Gia Lai", "Sở Tài chính tỉnh Gia Lai", "Lưu trữ xã"]

    entry, data = outgoing.metadata_file(session, office["an"], second.id)
    assert metadata_xml.from_xml(data) == metadata_in(stored.pdf) == entry_metadata(entry, 3)


def test_the_plan_gives_what_the_issue_step_left_blank(session, office, plan_data):
    entry = issued_with(session, office, plan_data, None, reply_by="20/12/2026")
    _, data = outgoing.metadata_file(session, office["vy"], entry.id, convert=fake_pdf)
    fields = metadata_xml.from_xml(data)
    assert (fields.issued_amount, fields.due_date, fields.file_notation, fields.doc_ordinal) == (
        4, dt.date(2026, 12, 20), "", 0)  # two agencies, one local recipient, the file copy
    register.recall(session, office["vy"], entry.id, "Sai số liệu")
    _, data = outgoing.metadata_file(session, office["vy"], entry.id)
    assert metadata_xml.from_xml(data).description == "Đã thu hồi: Sai số liệu"


@pytest.mark.parametrize("field, value, message", [
    ("copies", "mười", "Số lượng bản: gõ một số từ 1 đến 999"),
    ("copies", "1000", "Số lượng bản"),
    ("reply_by", "31/02/2026", "Hạn trả lời"),
    ("file_notation", "x" * 21, "tối đa 20 ký tự"),
])
def test_what_cannot_be_read_at_the_issue_step_names_its_field(field, value, message):
    with pytest.raises(register.SearchError, match=message) as raised:
        register.issue_details(**{field: value})
    assert raised.value.field == field


def test_issue_options_and_the_metadata_command(migrated_url, session, office, plan_data, tmp_path):
    from click.testing import CliRunner

    from docgen.cli import main
    from docgen.storage import drafts

    draft = drafts.create_draft(session, office["an"], {**plan_data, "recipients": TWO_AGENCIES})
    drafts.submit(session, office["an"], draft.id)
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    runner = CliRunner()
    env = {"DATABASE_URL": migrated_url}
    result = runner.invoke(main, ["issue", str(draft.id), "--user", "vy", "--confirm", "--copies", "0"], env=env)
    assert result.exit_code == 2 and "--copies: Số lượng bản" in result.output
    result = runner.invoke(main, ["issue", str(draft.id), "--user", "vy", "--confirm", "--file", "HS-03",
                                  "--copies", "5", "--reply-by", "15/01/2027", "--keeper", "VP"], env=env)
    assert result.exit_code == 0, result.output
    entry = register.entries(session, office["vy"])[-1]
    signatures.issued_pdf(session, office["vy"], entry.id, convert=fake_pdf)
    out = tmp_path / "sieu-du-lieu.xml"
    result = runner.invoke(main, ["register", "metadata", str(entry.id), "--user", "an", "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    fields = metadata_xml.from_xml(out.read_bytes())
    assert (fields.file_notation, fields.doc_ordinal, fields.issued_amount, fields.due_date) == (
        "HS-03", 1, 5, dt.date(2027, 1, 15))
    result = runner.invoke(main, ["register", "metadata", str(entry.id), "--user", "em"], env=env)
    assert result.exit_code == 2
