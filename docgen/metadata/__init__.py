"""The metadata of an outgoing electronic document (Decree 30/2020/NĐ-CP,
Appendix VI, part II, section I: 16 fields, ``nd30-types.md`` section 9):
``fields`` computes them from an issued plan and what the register knows,
``xml`` writes and reads the XML file that travels beside the PDF, ``xmp``
writes them into a PDF's XMP packet (before any signature) and reads them
back. Pure functions: the register (``docgen.storage.metadata``) supplies
the facts."""

from .fields import NAMESPACE, Metadata, Organ, metadata_of

__all__ = ["NAMESPACE", "Metadata", "Organ", "metadata_of"]
