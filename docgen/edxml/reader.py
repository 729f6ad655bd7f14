"""An edXML package's bytes as an :class:`~.envelope.Envelope`, strictly:
lxml with no entities resolved, no DTD loaded, nothing fetched from the
network, a DOCTYPE refused outright, the size bounded, and the package
validated against ``schema/edxml.xsd`` before any field is read. What
cannot be read is an :class:`~docgen.edxml.EdxmlError` that says what and
where, in Vietnamese."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from lxml import etree

from . import EdxmlError
from .envelope import (Attachment, Envelope, Organ, Replacement, Response, Signer, Staff, Trace)
from .schema_check import NS, problems

MAX_BYTES = 60 * 1024 * 1024  # a document's PDF and its appendices, base64-encoded
E = f"{{{NS}}}"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=True)


def parse(data: bytes) -> etree._Element:
    """The package's root, valid by the schema; EdxmlError otherwise."""
    if len(data) > MAX_BYTES:
        raise EdxmlError(f"gói edXML lớn {len(data) // (1024 * 1024)} MB, quá giới hạn "
                         f"{MAX_BYTES // (1024 * 1024)} MB")
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise EdxmlError("gói edXML có khai báo DOCTYPE hoặc ENTITY: không đọc gói như vậy")
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as error:
        raise EdxmlError(f"gói edXML không phải XML hợp lệ: {error}") from None
    if tree.docinfo.doctype:
        raise EdxmlError("gói edXML có khai báo DOCTYPE: không đọc gói như vậy")
    root = tree.getroot()
    if root.tag != E + "edXMLEnvelope":
        raise EdxmlError(f"không phải gói edXML: phần tử gốc là “{etree.QName(root).localname}”, cần "
                         f"“edXMLEnvelope” trong không gian tên {NS}")
    found = problems(root)
    if found:
        raise EdxmlError("gói edXML không đúng lược đồ QCVN 102: " + "; ".join(found))
    return root


def _text(parent, path: str) -> str:
    value = parent.findtext(_path(path))
    return value.strip() if value else ""


def _path(path: str) -> str:
    return "/".join(E + part for part in path.split("/"))


def _all(parent, path: str) -> list:
    return parent.findall(_path(path))


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _timestamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _organ(element) -> Organ:
    return Organ(organ_id=_text(element, "OrganId"), name=_text(element, "OrganName"),
                 in_charge=_text(element, "OrganizationInCharge"), address=_text(element, "OrganAdd"),
                 email=_text(element, "Email"), phone=_text(element, "Telephone"), fax=_text(element, "Fax"),
                 website=_text(element, "Website"))


def read(data: bytes) -> Envelope:
    """The package in ``data`` (export, then read, gives back every field)."""
    root = parse(data)
    message = root.find(_path("edXMLHeader/MessageHeader"))
    traces = root.find(_path("edXMLHeader/TraceHeaderList"))
    business = traces.find(_path("Bussiness"))
    other = message.find(_path("OtherInfo"))
    staff_element = business.find(_path("StaffInfo"))
    attachments = []
    descriptions = {_text(ref, "ContentId"): _text(ref, "Description")
                    for ref in _all(root, "edXMLBody/edXMLManifest/Reference")}
    for element in _all(root, "edXMLBody/AttachmentEncoded/Attachment"):
        content_id = _text(element, "ContentId")
        try:
            payload = base64.b64decode(_text(element, "Value"), validate=False)
        except (binascii.Error, ValueError):
            raise EdxmlError(f"tệp đính kèm “{_text(element, 'AttachmentName')}” không giải mã base64 được") from None
        attachments.append(Attachment(content_id=content_id, name=_text(element, "AttachmentName"),
                                      content_type=_text(element, "ContentType"), data=payload,
                                      description=descriptions.get(content_id, "")))
    due = _text(message, "DueDate")
    return Envelope(
        sender=_organ(message.find(_path("From"))),
        recipients=tuple(_organ(element) for element in _all(message, "To")),
        code_number=_text(message, "Code/CodeNumber"), code_notation=_text(message, "Code/CodeNotation"),
        place=_text(message, "PromulgationInfo/Place"),
        date=_date(_text(message, "PromulgationInfo/PromulgationDate")),
        type_name=_text(message, "DocumentType/TypeName"), type_code=int(_text(message, "DocumentType/Type")),
        subject=_text(message, "Subject"), content=_text(message, "Content"),
        signer=Signer(_text(message, "SignerInfo/Competence"), _text(message, "SignerInfo/Position"),
                      _text(message, "SignerInfo/FullName")),
        due_date=_date(due) if due else None,
        to_places=tuple((element.text or "").strip() for element in _all(message, "ToPlaces/Place")),
        priority=int(_text(other, "Priority")), sphere=_text(other, "SphereOfPromulgation"),
        typer_notation=_text(other, "TyperNotation"), copies=int(_text(other, "PromulgationAmount")),
        pages=int(_text(other, "PageAmount")),
        appendixes=tuple((element.text or "").strip() for element in _all(other, "Appendixes/Appendix")),
        responses=tuple(Response(_text(element, "OrganId"), _text(element, "Code"),
                                 _date(_text(element, "PromulgationDate")), _text(element, "DocumentId"))
                        for element in _all(message, "ResponseFor")),
        steering_type=int(_text(message, "SteeringType")),
        document_id=_text(message, "DocumentId"),
        traces=tuple(Trace(_text(element, "OrganId"), _timestamp(_text(element, "Timestamp")))
                     for element in _all(traces, "TraceHeader")),
        business=int(_text(business, "BussinessDocType")), business_reason=_text(business, "BussinessDocReason"),
        business_document_id=_text(business, "DocumentId"),
        staff=Staff(_text(staff_element, "Department"), _text(staff_element, "Staff"),
                    _text(staff_element, "Mobile"), _text(staff_element, "Email"))
        if staff_element is not None else None,
        replacements=tuple(Replacement(_text(element, "DocumentId"),
                                       tuple((o.text or "").strip() for o in _all(element, "OrganIdList/OrganId")))
                           for element in _all(business, "ReplacementInfoList/ReplacementInfo")),
        attachments=tuple(attachments),
    )
