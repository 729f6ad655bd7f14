"""The XML file of Appendix VI's fields, written beside the issued PDF
(``<number>-<symbol>.metadata.xml``) and read back.

Elements are named and nested as the decree's table names them (``FileCode``
with ``OrganId``, ``FileCatalog``, ``FileNotation``; ``SignerInfo`` with
``Position``, ``FullName``; one ``To`` per recipient), in its order, in the
namespace ``fields.NAMESPACE``. Dates are ISO ``yyyy-mm-dd`` (length 10, as
the decree's Date; it names no format); a field with no value is written
empty, never left out, so every file has the 16 fields."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from .fields import NAMESPACE, Metadata, Organ

_NS = f"{{{NAMESPACE}}}"


def _add(parent, name: str, value) -> None:
    element = etree.SubElement(parent, _NS + name)
    if isinstance(value, dt.date):
        element.text = value.isoformat()
    elif value is not None:
        element.text = str(value)


def to_xml(metadata: Metadata) -> bytes:
    """The file's bytes (UTF-8, with the XML declaration)."""
    root = etree.Element(_NS + "OutgoingDocument", nsmap={None: NAMESPACE})
    file_code = etree.SubElement(root, _NS + "FileCode")
    _add(file_code, "OrganId", metadata.organ_id)
    _add(file_code, "FileCatalog", metadata.file_catalog)
    _add(file_code, "FileNotation", metadata.file_notation)
    _add(root, "DocOrdinal", metadata.doc_ordinal or "")
    for name, value in (("TypeName", metadata.type_name), ("CodeNumber", metadata.code_number),
                        ("CodeNotation", metadata.code_notation), ("IssuedDate", metadata.issued_date),
                        ("OrganName", metadata.organ_name), ("Subject", metadata.subject),
                        ("Language", metadata.language), ("PageAmount", metadata.page_amount),
                        ("Description", metadata.description)):
        _add(root, name, value)
    signer = etree.SubElement(root, _NS + "SignerInfo")
    _add(signer, "Position", metadata.position)
    _add(signer, "FullName", metadata.full_name)
    for organ in metadata.to:
        to = etree.SubElement(root, _NS + "To")
        _add(to, "OrganId", organ.organ_id)
        _add(to, "OrganName", organ.name)
    _add(root, "Priority", metadata.priority)
    _add(root, "Secrecy", metadata.secrecy)
    _add(root, "IssuedAmount", metadata.issued_amount)
    _add(root, "DueDate", metadata.due_date)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def from_xml(data: bytes) -> Metadata:
    """The fields of a file ``to_xml`` wrote; ValueError when it is not one."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser)
    if root.tag != _NS + "OutgoingDocument":
        raise ValueError(f"không phải tệp siêu dữ liệu văn bản đi (Phụ lục VI): phần tử gốc {root.tag}")

    def text(path: str) -> str:
        found = root.find("/".join(_NS + step for step in path.split("/")))
        return (found.text or "") if found is not None else ""

    return Metadata(
        organ_id=text("FileCode/OrganId"), file_catalog=int(text("FileCode/FileCatalog") or 0),
        file_notation=text("FileCode/FileNotation"), doc_ordinal=int(text("DocOrdinal") or 0),
        type_name=text("TypeName"), code_number=text("CodeNumber"), code_notation=text("CodeNotation"),
        issued_date=_date(text("IssuedDate")), organ_name=text("OrganName"), subject=text("Subject"),
        language=text("Language"), page_amount=int(text("PageAmount") or 0),
        description=text("Description"), position=text("SignerInfo/Position"),
        full_name=text("SignerInfo/FullName"),
        to=tuple(Organ(to.findtext(_NS + "OrganId") or "", to.findtext(_NS + "OrganName") or "")
                 for to in root.findall(_NS + "To")),
        priority=int(text("Priority") or 0), secrecy=int(text("Secrecy") or 0),
        issued_amount=int(text("IssuedAmount") or 0), due_date=_date(text("DueDate")),
    )
