"""The schema in ``schema/edxml.xsd`` (written from QCVN 102:2016's tables,
as amended by TT 01/2022), loaded once, and the check every package docgen
writes or reads goes through."""

from __future__ import annotations

import functools

from lxml import etree

from . import SCHEMA, EdxmlError

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"


@functools.cache
def schema() -> etree.XMLSchema:
    # The schema is docgen's own file: parsed without network or entities all the same.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def problems(document: etree._Element) -> list[str]:
    """What the schema refuses in ``document``, one line each: ``dòng 12:
    …`` (empty when it is valid)."""
    checker = schema()
    if checker.validate(document):
        return []
    return [f"dòng {error.line}: {error.message}" for error in checker.error_log][:20]


def validated(data: bytes) -> bytes:
    """``data`` when it is a valid package; EdxmlError naming what is not."""
    found = problems(etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True)))
    if found:
        raise EdxmlError("gói edXML không đúng lược đồ QCVN 102: " + "; ".join(found))
    return data
