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
- :mod:`.letter`: the subject a type without a title line prints in its
  header (a Công văn's "V/v …" under its number), which tells its type;
- :mod:`.subject`: the subject over one or several lines;
- :mod:`.addressees`: "Kính gửi", for the types that have it;
- :mod:`.decision`: a decision's authority line, bases, "QUYẾT ĐỊNH:" and
  articles, for the types with articles;
- :mod:`.divisions`: I., Phần thứ nhất, PHẦN I, A., 1. at the top level; a
  Quy chế's "Chương I";
- :mod:`.units`: units given tasks;
- :mod:`.closing`: the closing after the last division ("Trên đây là …"),
  for the types that have one;
- :mod:`.footer`: recipients, archive line, authority and signer;
- :mod:`.appendices`: appendix labels, titles, reference lines, tables;
- :mod:`.attached`: a document issued by another (a decision's plan).

Which body parts are looked for is the document type's data (the
registry's ``parts``, ``addressees``, ``section_style``): a Giấy mời's body
is its meeting's lines, a decision's its bases and articles.
"""

from .model import Division, Footer, Found, Header, Note, PlaceDate, Structure
from .reader import read_structure

__all__ = ["Division", "Footer", "Found", "Header", "Note", "PlaceDate", "Structure", "read_structure"]
