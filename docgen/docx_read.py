"""Reading a .docx back: its XML parts and its paragraphs in reading order.

Used by the tests and by checks of documents written by hand in Word.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def xml_parts(docx: bytes) -> dict[str, bytes]:
    """Every XML part of the package (``.xml`` and ``.rels``)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def malformed_parts(docx: bytes) -> dict[str, str]:
    """Parts that are not well-formed XML, with the parser's message."""
    bad = {}
    for name, blob in xml_parts(docx).items():
        try:
            etree.fromstring(blob)
        except etree.XMLSyntaxError as error:
            bad[name] = str(error)
    return bad


@dataclass(frozen=True)
class DocParagraph:
    text: str
    style: str | None
    in_table: bool


def _text(p: etree._Element) -> str:
    out = []
    for node in p.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab"):
        if node.tag == f"{{{W}}}t":
            out.append(node.text or "")
        elif node.tag == f"{{{W}}}br":
            out.append("\n")
        else:
            out.append("\t")
    return "".join(out)


def paragraphs(docx: bytes) -> list[DocParagraph]:
    """Body paragraphs in reading order, table cells included."""
    root = etree.fromstring(xml_parts(docx)["word/document.xml"])
    body = root.find("w:body", NS)
    out = []
    for p in body.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        in_table = any(a.tag == f"{{{W}}}tc" for a in p.iterancestors())
        out.append(DocParagraph(_text(p), style.get(f"{{{W}}}val") if style is not None else None, in_table))
    return out


def document_text(docx: bytes) -> str:
    return "\n".join(p.text for p in paragraphs(docx))
