"""What travels with an issued document to other systems: Decree 30's
metadata of an outgoing electronic document (Appendix VI, :mod:`.metadata`),
written into the PDF's XMP (:mod:`.xmp`) and an XML file beside it, and the
edXML package of the national document axis ("Trục liên thông văn bản quốc
gia"; QCVN 102:2016/BTTTT as amended by Thông tư 01/2022/TT-BTTTT):
:mod:`.envelope` is the package as data, :mod:`.writer` writes it,
:mod:`.reader` reads one (strictly: the schema in ``schema/edxml.xsd``) and
:mod:`.reply` starts the document that answers an incoming one.

Pure data and XML: nothing here reads the database; docgen.storage builds
the envelope of an issued document (docgen.storage.outgoing)."""

from __future__ import annotations

from pathlib import Path

SCHEMA = Path(__file__).resolve().parent / "schema" / "edxml.xsd"
METADATA_SCHEMA = Path(__file__).resolve().parent / "schema" / "metadata.xsd"


class EdxmlError(ValueError):
    """A package or a metadata file that cannot be read: what is wrong and
    where, in Vietnamese (``str()``)."""
