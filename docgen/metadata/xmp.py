"""Appendix VI's fields in a PDF's XMP packet, and back.

Written into the issued PDF when it is made, before any signature (a
signature covers the bytes before it: nothing may change after). The PDF is
LibreOffice's PDF/A-2b, so the properties are simple ones (Text, Integer,
Date, ordered arrays of Text) in the namespace ``fields.NAMESPACE``, prefix
``nd30``, and the packet describes them in a PDF/A extension schema
(ISO 19005-2, 6.6.2.3), as PDF/A asks of any property outside the standard
schemas. The decree's groups are flattened: ``FileCode`` gives
``OrganId``, ``FileCatalog``, ``FileNotation``; ``SignerInfo`` gives
``Position``, ``FullName``; ``To`` gives ``ToOrganId`` and ``ToOrganName``,
two arrays in the same order. The issuer's ``OrganName`` keeps its name.

pyHanko writes the packet as an incremental update of the PDF (the file's
bytes before it stay as they were) and keeps these properties when it
signs later (it rewrites the packet with the signing time, all fields kept).
"""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree

from .fields import NAMESPACE, Metadata, Organ

PREFIX = "nd30"
etree.register_namespace(PREFIX, NAMESPACE)  # else lxml names it ns0 in the packet

# (property, XMP value type, description): the packet's own list, and the
# extension schema PDF/A asks for.
PROPERTIES = (
    ("OrganId", "Text", "Mã định danh của cơ quan, tổ chức lập danh mục hồ sơ (1.1)"),
    ("FileCatalog", "Integer", "Năm hình thành hồ sơ (1.2)"),
    ("FileNotation", "Text", "Số và ký hiệu hồ sơ (1.3)"),
    ("DocOrdinal", "Integer", "Số thứ tự văn bản trong hồ sơ (2)"),
    ("TypeName", "Text", "Tên loại văn bản (3)"),
    ("CodeNumber", "Text", "Số của văn bản (4)"),
    ("CodeNotation", "Text", "Ký hiệu của văn bản (5)"),
    ("IssuedDate", "Date", "Ngày, tháng, năm văn bản (6)"),
    ("OrganName", "Text", "Tên cơ quan, tổ chức ban hành văn bản (7)"),
    ("Subject", "Text", "Trích yếu nội dung (8)"),
    ("Language", "Text", "Ngôn ngữ (9)"),
    ("PageAmount", "Integer", "Số trang của văn bản (10)"),
    ("Description", "Text", "Ghi chú (11)"),
    ("Position", "Text", "Chức vụ của người ký văn bản (12.1)"),
    ("FullName", "Text", "Họ và tên người ký văn bản (12.2)"),
    ("ToOrganId", "Seq Text", "Mã định danh của cơ quan, tổ chức nhận văn bản (13.1)"),
    ("ToOrganName", "Seq Text", "Tên cơ quan, tổ chức nhận văn bản (13.2)"),
    ("Priority", "Integer", "Mức độ khẩn (14): 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc"),
    ("Secrecy", "Integer", "Độ mật (14): 0 không mật, 1 mật, 2 tối mật, 3 tuyệt mật"),
    ("IssuedAmount", "Integer", "Số lượng bản phát hành (15)"),
    ("DueDate", "Date", "Hạn trả lời văn bản (16)"),
)


def _values(metadata: Metadata) -> dict[str, str | list[str]]:
    def text(value) -> str:
        return value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))

    return {
        "OrganId": metadata.organ_id, "FileCatalog": text(metadata.file_catalog),
        "FileNotation": metadata.file_notation, "DocOrdinal": text(metadata.doc_ordinal),
        "TypeName": metadata.type_name, "CodeNumber": metadata.code_number,
        "CodeNotation": metadata.code_notation, "IssuedDate": text(metadata.issued_date),
        "OrganName": metadata.organ_name, "Subject": metadata.subject, "Language": metadata.language,
        "PageAmount": text(metadata.page_amount), "Description": metadata.description,
        "Position": metadata.position, "FullName": metadata.full_name,
        "ToOrganId": [organ.organ_id for organ in metadata.to],
        "ToOrganName": [organ.name for organ in metadata.to],
        "Priority": text(metadata.priority), "Secrecy": text(metadata.secrecy),
        "IssuedAmount": text(metadata.issued_amount), "DueDate": text(metadata.due_date),
    }


def _structures(metadata: Metadata):
    from pyhanko.pdf_utils.metadata import model

    def name(ns_key: str, local: str):
        return model.ExpandedName(ns=model.NS[ns_key] if ns_key != PREFIX else NAMESPACE, local_name=local)

    def value(item):
        if isinstance(item, list):
            return model.XmpValue(model.XmpArray.ordered(model.XmpValue(entry) for entry in item))
        if isinstance(item, model.XmpStructure):
            return model.XmpValue(item)
        return model.XmpValue(item)

    values = _values(metadata)
    fields = model.XmpStructure({name(PREFIX, key): value(values[key]) for key, _, _ in PROPERTIES
                                 if values[key] != ""})
    described = [model.XmpStructure({
        name("pdfaProperty", "name"): value(key), name("pdfaProperty", "valueType"): value(kind),
        name("pdfaProperty", "category"): value("external"),
        name("pdfaProperty", "description"): value(description)}) for key, kind, description in PROPERTIES]
    schema = model.XmpStructure({
        name("pdfaSchema", "schema"): value("Nghị định 30/2020/NĐ-CP, Phụ lục VI: siêu dữ liệu văn bản đi"),
        name("pdfaSchema", "namespaceURI"): value(NAMESPACE),
        name("pdfaSchema", "prefix"): value(PREFIX),
        name("pdfaSchema", "property"): model.XmpValue(model.XmpArray.ordered(
            model.XmpValue(item) for item in described)),
    })
    extension = model.XmpStructure({name("pdfaExtension", "schemas"): model.XmpValue(
        model.XmpArray.unordered([model.XmpValue(schema)]))})
    return [fields, extension]


def with_metadata(pdf: bytes, metadata: Metadata) -> bytes:
    """``pdf`` with the fields in its XMP packet (an incremental update);
    call it before the PDF is signed."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    writer.document_meta.xmp_extra = _structures(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xmp_packet(pdf: bytes) -> bytes | None:
    """The PDF's XMP packet as stored (None when it has none)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    root = PdfFileReader(io.BytesIO(pdf), strict=False).root
    if "/Metadata" not in root:
        return None
    return root["/Metadata"].get_object().data


def read_metadata(pdf: bytes) -> dict[str, str | list[str]]:
    """The ``nd30`` properties of the PDF's XMP packet, by name (arrays as
    lists): what ``with_metadata`` wrote, as any XMP reader sees it."""
    packet = xmp_packet(pdf)
    if not packet:
        return {}
    root = etree.fromstring(packet[packet.index(b"<x:xmpmeta"):packet.rindex(b"</x:xmpmeta>") + 12],
                            etree.XMLParser(resolve_entities=False, no_network=True))
    rdf = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
    found: dict[str, str | list[str]] = {}
    for description in root.iter(rdf + "Description"):
        if description.getparent() is None or description.getparent().tag != rdf + "RDF":
            continue  # a structure inside a property (the extension schema's)
        for attribute, text in description.attrib.items():
            if attribute.startswith(f"{{{NAMESPACE}}}"):
                found[attribute.split("}", 1)[1]] = text
        for element in description:
            if element.tag.startswith(f"{{{NAMESPACE}}}"):
                items = element.findall(f"{rdf}Seq/{rdf}li")
                found[element.tag.split("}", 1)[1]] = ([item.text or "" for item in items] if items
                                                       else element.text or "")
    return found


def metadata_in(pdf: bytes) -> Metadata | None:
    """The fields read back as a Metadata (None when the PDF has none)."""
    values = read_metadata(pdf)
    if not values:
        return None

    def number(key: str) -> int:
        return int(values.get(key) or 0)

    def date(key: str) -> dt.date | None:
        return dt.date.fromisoformat(values[key][:10]) if values.get(key) else None

    codes, names = values.get("ToOrganId", []), values.get("ToOrganName", [])
    return Metadata(
        organ_id=values.get("OrganId", ""), file_catalog=number("FileCatalog"),
        file_notation=values.get("FileNotation", ""), doc_ordinal=number("DocOrdinal"),
        type_name=values.get("TypeName", ""), code_number=values.get("CodeNumber", ""),
        code_notation=values.get("CodeNotation", ""), issued_date=date("IssuedDate"),
        organ_name=values.get("OrganName", ""), subject=values.get("Subject", ""),
        language=values.get("Language", ""), page_amount=number("PageAmount"),
        description=values.get("Description", ""), position=values.get("Position", ""),
        full_name=values.get("FullName", ""),
        to=tuple(Organ(code, name) for code, name in zip(codes, names)),
        priority=number("Priority"), secrecy=number("Secrecy"), issued_amount=number("IssuedAmount"),
        due_date=date("DueDate"),
    )


def page_count(pdf: bytes) -> int:
    """The pages of a PDF (field 10, PageAmount)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])
