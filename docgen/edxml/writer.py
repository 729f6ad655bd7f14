"""An :class:`~.envelope.Envelope` as the edXML package's bytes: UTF-8
XML in the standard's namespace, elements in the order of its tables
(``schema/edxml.xsd``), optional elements left out when empty. What is
written is checked against the schema before it is returned: docgen never
hands out a package the standard would refuse."""

from __future__ import annotations

import base64
import datetime as dt

from lxml import etree

from .envelope import Envelope, Organ
from .schema_check import NS, validated

E = f"{{{NS}}}"


def _add(parent, name: str, text=None):
    element = etree.SubElement(parent, E + name)
    if text is not None:
        element.text = text if isinstance(text, str) else str(text)
    return element


def _optional(parent, name: str, text: str) -> None:
    if text:
        _add(parent, name, text)


def _organ(parent, name: str, organ: Organ) -> None:
    element = _add(parent, name)
    _add(element, "OrganId", organ.organ_id)
    _optional(element, "OrganizationInCharge", organ.in_charge)
    _add(element, "OrganName", organ.name)
    for tag, value in (("OrganAdd", organ.address), ("Email", organ.email), ("Telephone", organ.phone),
                       ("Fax", organ.fax), ("Website", organ.website)):
        _optional(element, tag, value)


def _date(value: dt.date) -> str:
    return value.isoformat()


def _timestamp(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def write(envelope: Envelope) -> bytes:
    """The package: ``<edXML:edXMLEnvelope>`` with its header and body."""
    root = etree.Element(E + "edXMLEnvelope", nsmap={"edXML": NS})
    header = _add(root, "edXMLHeader")
    message = _add(header, "MessageHeader")
    _organ(message, "From", envelope.sender)
    for organ in envelope.recipients:
        _organ(message, "To", organ)
    code = _add(message, "Code")
    _add(code, "CodeNumber", envelope.code_number)
    _add(code, "CodeNotation", envelope.code_notation)
    promulgation = _add(message, "PromulgationInfo")
    _add(promulgation, "Place", envelope.place)
    _add(promulgation, "PromulgationDate", _date(envelope.date))
    kind = _add(message, "DocumentType")
    _add(kind, "Type", envelope.type_code)
    _add(kind, "TypeName", envelope.type_name)
    _add(message, "Subject", envelope.subject)
    _optional(message, "Content", envelope.content)
    signer = _add(message, "SignerInfo")
    _add(signer, "Competence", envelope.signer.competence)
    _add(signer, "Position", envelope.signer.position)
    _add(signer, "FullName", envelope.signer.full_name)
    if envelope.due_date is not None:
        _add(message, "DueDate", _date(envelope.due_date))
    places = _add(message, "ToPlaces")
    for place in envelope.to_places:
        _add(places, "Place", place)
    other = _add(message, "OtherInfo")
    _add(other, "Priority", envelope.priority)
    _add(other, "SphereOfPromulgation", envelope.sphere)
    _add(other, "TyperNotation", envelope.typer_notation)
    _add(other, "PromulgationAmount", envelope.copies)
    _add(other, "PageAmount", envelope.pages)
    if envelope.appendixes:
        appendixes = _add(other, "Appendixes")
        for name in envelope.appendixes:
            _add(appendixes, "Appendix", name)
    for response in envelope.responses:
        answered = _add(message, "ResponseFor")
        _add(answered, "OrganId", response.organ_id)
        _add(answered, "Code", response.code)
        _add(answered, "PromulgationDate", _date(response.date))
        _add(answered, "DocumentId", response.document_id)
    _add(message, "SteeringType", envelope.steering_type)
    _add(message, "DocumentId", envelope.document_id)

    traces = _add(header, "TraceHeaderList")
    for trace in envelope.traces:
        element = _add(traces, "TraceHeader")
        _add(element, "OrganId", trace.organ_id)
        _add(element, "Timestamp", _timestamp(trace.timestamp))
    business = _add(traces, "Bussiness")
    _add(business, "BussinessDocType", envelope.business)
    _optional(business, "BussinessDocReason", envelope.business_reason)
    _optional(business, "DocumentId", envelope.business_document_id)
    if envelope.staff is not None:
        staff = _add(business, "StaffInfo")
        for tag, value in (("Department", envelope.staff.department), ("Staff", envelope.staff.name),
                           ("Mobile", envelope.staff.mobile), ("Email", envelope.staff.email)):
            _optional(staff, tag, value)
    if envelope.replacements:
        replacements = _add(business, "ReplacementInfoList")
        for replaced in envelope.replacements:
            info = _add(replacements, "ReplacementInfo")
            _add(info, "DocumentId", replaced.document_id)
            organs = _add(info, "OrganIdList")
            for organ_id in replaced.organ_ids:
                _add(organs, "OrganId", organ_id)

    body = _add(root, "edXMLBody")
    manifest = _add(body, "edXMLManifest")
    for attachment in envelope.attachments:
        reference = _add(manifest, "Reference")
        _add(reference, "ContentId", attachment.content_id)
        _add(reference, "AttachmentName", attachment.name)
        _optional(reference, "Description", attachment.description)
    encoded = _add(body, "AttachmentEncoded")
    for attachment in envelope.attachments:
        element = _add(encoded, "Attachment")
        _add(element, "ContentId", attachment.content_id)
        _add(element, "AttachmentName", attachment.name)
        _add(element, "ContentType", attachment.content_type)
        _add(element, "ContentTransferEncoded", "base64")
        _add(element, "Value", base64.b64encode(attachment.data).decode("ascii"))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validated(data)
    return data
