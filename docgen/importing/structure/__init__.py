"""One reader of the Decree-30 structure, for the importer, ``docgen
check`` on a .docx and ``normalize``: the landmarks of a document (header
columns, number, place-and-date, the type line or its absence, subject,
opening, top-level divisions, units and tasks, appendix tables, the
closing, recipients, signer) found once, as data (:class:`Structure`),
each with the lines it was read from, how sure the reading is and what was
inferred. Each caller takes what it needs.

One small rule per landmark, each with its table of cases in
tests/importing/structure/:

- :mod:`.chrome`: page chrome before the header (a site's banner) skipped;
- :mod:`.pieces`, :mod:`.header`, :mod:`.issuer`: the header's columns,
  wrapped lines joined, the national name and motto never in the issuer;
- :mod:`.type_line`: the type line, or the type the symbol names;
- :mod:`.subject`: the subject over one or several lines;
- :mod:`.divisions`: I., Phần thứ nhất, PHẦN I, A., 1. at the top level;
- :mod:`.units`: units given tasks;
- :mod:`.footer`: recipients, archive line, authority and signer;
- :mod:`.appendices`: appendix labels, titles, reference lines, tables;
- :mod:`.attached`: a document issued by another (a decision's plan).
"""

from .model import Division, Footer, Found, Header, Note, PlaceDate, Structure
from .reader import read_structure

__all__ = ["Division", "Footer", "Found", "Header", "Note", "PlaceDate", "Structure", "read_structure"]
