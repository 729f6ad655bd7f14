"""A PDF's PDF/A identification as its XMP states it, in either of RDF's
forms: ``<pdfaid:part>2</pdfaid:part>`` (LibreOffice) or the attribute
``pdfaid:part="2"`` (pyHanko rewrites the packet so when it adds to it)."""

from __future__ import annotations

from lxml import etree

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def pdfa_identification(meta: str) -> tuple[str | None, str | None]:
    """(part, conformance) from ``pdfinfo -meta``'s output, e.g. ("2", "B")."""
    start, end = meta.index("<x:xmpmeta"), meta.rindex("</x:xmpmeta>") + len("</x:xmpmeta>")
    root = etree.fromstring(meta[start:end].encode("utf-8"), etree.XMLParser(resolve_entities=False))
    found = {}
    for description in root.iter(f"{{{RDF}}}Description"):
        for name in ("part", "conformance"):
            value = description.get(f"{{{PDFAID}}}{name}")
            element = description.find(f"{{{PDFAID}}}{name}")
            if element is not None:
                value = element.text
            if value is not None:
                found[name] = value.strip()
    return found.get("part"), found.get("conformance")
