"""edXML packages (QCVN 102:2016 as amended by TT 01/2022) without a
database: written then read gives back every field; the package validates
against the schema in the repository with lxml; the reader is strict (no
DOCTYPE, no entities, the schema's order); a package written by hand from
the standard, as another agency's system sends it, starts a reply with the
reference and the recipient prefilled."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from docgen.edxml import SCHEMA, EdxmlError
from docgen.edxml import envelope as edxml
from docgen.edxml.reader import read
from docgen.edxml.reply import reply_parts
from docgen.edxml.writer import write
from docgen.plan.model import Plan

VIETNAM = dt.timezone(dt.timedelta(hours=7))


def sample() -> edxml.Envelope:
    return edxml.Envelope(
        sender=edxml.Organ("000.00.31.H41", "Ủy ban nhân dân xã Lộc Tấn", in_charge="UBND HUYỆN LỘC NINH"),
        recipients=(edxml.Organ("000.00.01.H41", "Sở Nội vụ tỉnh Gia Lai"),
                    edxml.Organ("000.00.02.H41", "Sở Tài chính tỉnh Gia Lai")),
        code_number="05", code_notation="UBND-VP", place="Lộc Tấn", date=dt.date(2026, 12, 3),
        type_name="Công văn", subject="V/v báo cáo số liệu", signer=edxml.Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                                                  "Lê Minh Châu"),
        document_id="000.00.31.H41,2026/12/03,05/UBND-VP",
        traces=(edxml.Trace("000.00.31.H41", dt.datetime(2026, 12, 3, 9, 30, 15, tzinfo=VIETNAM)),),
        staff=edxml.Staff("Ủy ban nhân dân xã Lộc Tấn", "Trần Thị Vy"),
        due_date=dt.date(2026, 12, 20), to_places=("Sở Nội vụ tỉnh Gia Lai (để báo cáo)", "Lưu: VT"),
        priority=1, copies=3, pages=2, appendixes=("Phụ lục I",),
        responses=(edxml.Response("000.00.00.H41", "15/UBND-VP", dt.date(2026, 11, 20),
                                  "000.00.00.H41,2026/11/20,15/UBND-VP"),),
        attachments=(edxml.Attachment("1", "05-UBND-VP.pdf", "application/pdf", b"%PDF-1.7 test\n%%EOF",
                                      "Văn bản số 05/UBND-VP"),),
    )


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def test_written_package_is_valid_and_reads_back_with_no_difference():
    envelope = sample()
    data = write(envelope)
    assert schema().validate(etree.fromstring(data)), schema().error_log
    assert edxml.differences(read(data), envelope) == []
    assert write(read(data)) == data


def test_revocation_and_replacement_messages_read_back():
    revoke = sample().__class__(**{**sample().__dict__, "business": edxml.REVOKE, "business_reason": "Sai số liệu",
                                   "business_document_id": sample().document_id, "attachments": ()})
    replace = sample().__class__(**{**sample().__dict__, "business": edxml.REPLACE,
                                    "replacements": (edxml.Replacement("000.00.31.H41,2026/12/01,03/UBND-VP",
                                                                       ("000.00.01.H41",)),)})
    for envelope in (revoke, replace):
        data = write(envelope)
        assert schema().validate(etree.fromstring(data))
        assert edxml.differences(read(data), envelope) == []


def test_element_names_and_order_follow_the_standard():
    root = etree.fromstring(write(sample()))
    ns = {"e": "http://www.mic.gov.vn/TBT/QCVN_102_2016"}
    header = root.find("e:edXMLHeader/e:MessageHeader", ns)
    assert [etree.QName(child).localname for child in header] == [
        "From", "To", "To", "Code", "PromulgationInfo", "DocumentType", "Subject", "SignerInfo", "DueDate",
        "ToPlaces", "OtherInfo", "ResponseFor", "SteeringType", "DocumentId"]
    other = header.find("e:OtherInfo", ns)
    assert [etree.QName(c).localname for c in other] == [
        "Priority", "SphereOfPromulgation", "TyperNotation", "PromulgationAmount", "PageAmount", "Appendixes"]
    assert root.findtext("e:edXMLHeader/e:MessageHeader/e:DocumentId", namespaces=ns) == \
        "000.00.31.H41,2026/12/03,05/UBND-VP"
    assert root.findtext("e:edXMLHeader/e:TraceHeaderList/e:TraceHeader/e:Timestamp", namespaces=ns) == \
        "2026-12-03T09:30:15+07:00"
    assert root.find("e:edXMLBody/e:edXMLManifest/e:Reference", ns) is not None


def test_document_id_reads_back():
    assert edxml.document_id("000.00.31.H41", dt.date(2026, 12, 3), "05/UBND-VP") == \
        "000.00.31.H41,2026/12/03,05/UBND-VP"
    assert edxml.read_document_id("000.00.31.H41,2026/12/03,05/UBND-VP") == \
        ("000.00.31.H41", dt.date(2026, 12, 3), "05/UBND-VP")


@pytest.mark.parametrize(("change", "said"), [
    (lambda d: d.replace(b"<?xml version='1.0' encoding='UTF-8'?>",
                         b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"),
     "DOCTYPE"),
    (lambda d: d.replace(b"<edXML:Priority>1</edXML:Priority>", b"<edXML:Priority>9</edXML:Priority>"),
     "không đúng lược đồ QCVN 102: dòng"),
    # Subject moved after SignerInfo: the schema's order is the standard's
    (lambda d: d.replace(b"<edXML:Subject>V/v b\xc3\xa1o c\xc3\xa1o s\xe1\xbb\x91 li\xe1\xbb\x87u</edXML:Subject>\n", b"")
     .replace(b"</edXML:SignerInfo>", b"</edXML:SignerInfo><edXML:Subject>x</edXML:Subject>"), "Subject"),
    (lambda d: b"<edXMLEnvelope/>", "không phải gói edXML"),
    (lambda d: d[:200], "không phải XML hợp lệ"),
])
def test_the_reader_is_strict(change, said):
    with pytest.raises(EdxmlError, match=said):
        read(change(write(sample())))


# A package from another agency's e-office, written here by hand from the
# standard's tables (no docgen code wrote it): a Công văn of the province
# asking the commune for figures, due in two weeks.
FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLHeader>
    <edXML:MessageHeader>
      <edXML:From>
        <edXML:OrganId>000.00.00.H41</edXML:OrganId>
        <edXML:OrganName>Ủy ban nhân dân tỉnh Gia Lai</edXML:OrganName>
        <edXML:OrganAdd>02 Trần Phú, Pleiku</edXML:OrganAdd>
        <edXML:Email>ubnd@gialai.gov.vn</edXML:Email>
      </edXML:From>
      <edXML:To>
        <edXML:OrganId>000.00.31.H41</edXML:OrganId>
        <edXML:OrganName>Ủy ban nhân dân xã Lộc Tấn</edXML:OrganName>
      </edXML:To>
      <edXML:Code>
        <edXML:CodeNumber>15</edXML:CodeNumber>
        <edXML:CodeNotation>UBND-VP</edXML:CodeNotation>
      </edXML:Code>
      <edXML:PromulgationInfo>
        <edXML:Place>Gia Lai</edXML:Place>
        <edXML:PromulgationDate>2026-11-20</edXML:PromulgationDate>
      </edXML:PromulgationInfo>
      <edXML:DocumentType>
        <edXML:Type>1</edXML:Type>
        <edXML:TypeName>Công văn</edXML:TypeName>
      </edXML:DocumentType>
      <edXML:Subject>Báo cáo kết quả cấp tài khoản định danh điện tử</edXML:Subject>
      <edXML:SignerInfo>
        <edXML:Competence>KT. CHỦ TỊCH</edXML:Competence>
        <edXML:Position>PHÓ CHỦ TỊCH</edXML:Position>
        <edXML:FullName>Nguyễn Văn Hùng</edXML:FullName>
      </edXML:SignerInfo>
      <edXML:DueDate>2026-12-04</edXML:DueDate>
      <edXML:ToPlaces>
        <edXML:Place>UBND các xã, phường</edXML:Place>
      </edXML:ToPlaces>
      <edXML:OtherInfo>
        <edXML:Priority>1</edXML:Priority>
        <edXML:SphereOfPromulgation>Văn bản đi</edXML:SphereOfPromulgation>
        <edXML:TyperNotation>TH</edXML:TyperNotation>
        <edXML:PromulgationAmount>30</edXML:PromulgationAmount>
        <edXML:PageAmount>1</edXML:PageAmount>
      </edXML:OtherInfo>
      <edXML:SteeringType>1</edXML:SteeringType>
      <edXML:DocumentId>000.00.00.H41,2026/11/20,15/UBND-VP</edXML:DocumentId>
    </edXML:MessageHeader>
    <edXML:TraceHeaderList>
      <edXML:TraceHeader>
        <edXML:OrganId>000.00.00.H41</edXML:OrganId>
        <edXML:Timestamp>2026-11-20T15:02:11+07:00</edXML:Timestamp>
      </edXML:TraceHeader>
      <edXML:Bussiness>
        <edXML:BussinessDocType>0</edXML:BussinessDocType>
      </edXML:Bussiness>
    </edXML:TraceHeaderList>
  </edXML:edXMLHeader>
  <edXML:edXMLBody>
    <edXML:edXMLManifest>
      <edXML:Reference>
        <edXML:ContentId>cv15</edXML:ContentId>
        <edXML:AttachmentName>15-UBND-VP.pdf</edXML:AttachmentName>
      </edXML:Reference>
    </edXML:edXMLManifest>
    <edXML:AttachmentEncoded>
      <edXML:Attachment>
        <edXML:ContentId>cv15</edXML:ContentId>
        <edXML:AttachmentName>15-UBND-VP.pdf</edXML:AttachmentName>
        <edXML:ContentType>application/pdf</edXML:ContentType>
        <edXML:ContentTransferEncoded>base64</edXML:ContentTransferEncoded>
        <edXML:Value>JVBERi0xLjcKJSVFT0YK</edXML:Value>
      </edXML:Attachment>
    </edXML:AttachmentEncoded>
  </edXML:edXMLBody>
</edXML:edXMLEnvelope>
""".encode()


def test_a_package_from_another_agency_starts_a_reply_with_the_reference():
    from docgen.document.render import render_plan
    from docgen.plan.references import implementing_sentence

    incoming = read(FOREIGN)
    assert (incoming.sender.organ_id, incoming.number_and_symbol, incoming.priority) == \
        ("000.00.00.H41", "15/UBND-VP", 1)
    assert incoming.attachments[0].data == b"%PDF-1.7\n%%EOF\n"
    parts = reply_parts(incoming)
    assert parts["type"] == "cong_van"
    assert parts["recipients"] == [{"name": "Ủy ban nhân dân tỉnh Gia Lai", "code": "000.00.00.H41"}]
    # a blank Công văn of the commune with the parts laid over it
    from docgen import doctypes
    from docgen.plan.blank import new_document

    data = {**new_document(doctypes.get("cong_van"), dt.date(2026, 12, 1), "UBND xã Lộc Tấn"), **parts}
    data["subject"] = "báo cáo kết quả cấp tài khoản định danh điện tử"
    data["signer"] = {**data["signer"], "name": "Lê Minh Châu"}  # what the clerk fills in
    plan = Plan.model_validate(data)
    sentence = implementing_sentence(plan.reference)
    assert sentence == ("Thực hiện Công văn số 15/UBND-VP ngày 20/11/2026 của UBND tỉnh Gia Lai về việc báo cáo "
                        "kết quả cấp tài khoản định danh điện tử.")
    from docx import Document
    import io

    text = "\n".join(p.text for p in Document(io.BytesIO(render_plan(plan))).paragraphs)
    assert sentence in text
    assert (plan.reference.organ_id, plan.reference.document_id) == \
        ("000.00.00.H41", "000.00.00.H41,2026/11/20,15/UBND-VP")
