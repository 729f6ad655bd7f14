"""Child elements in the order the OOXML schema gives them.

Word refuses (or "repairs") a part whose children stand out of the schema's
sequence, even where python-docx and LibreOffice read it happily: a
``w:tblLayout`` after ``w:tblW``, a ``w:tcW`` after ``w:gridSpan``, a
``w:color`` after ``w:sz``. Everything docgen builds as XML goes through
:func:`put`, which places a child where the sequence wants it (replacing an
earlier child of the same name), and :func:`in_order` checks a tree.

The sequences are those of ECMA-376 Part 1 (transitional), for the parents
docgen writes: table, row, cell, paragraph and run properties, and section
properties. Only the local names of ``w:`` children are listed.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

SEQUENCES: dict[str, tuple[str, ...]] = {
    # CT_TblPr
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
              "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
              "tblPrChange"),
    # CT_TrPr (a choice, repeated, in practice ordered so)
    "trPr": ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
             "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange"),
    # CT_TcPr
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
             "cellDel", "cellMerge", "tcPrChange"),
    # CT_PPr
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
            "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
            "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
            "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
            "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    # CT_RPr (EG_RPrBase)
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
            "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
            "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
            "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
            "specVanish", "oMath", "rPrChange"),
    # CT_SectPr
    "sectPr": ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
               "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
               "printerSettings", "sectPrChange"),
}
# Children that may repeat (everything else appears at most once).
REPEATABLE = {"headerReference", "footerReference"}


def _local(element) -> str | None:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{W}}}"):
        return None
    return tag[len(W) + 2:]


def _rank(sequence: tuple[str, ...], element) -> int:
    name = _local(element)
    return sequence.index(name) if name in sequence else len(sequence)


def put(parent, child):
    """Insert ``child`` into ``parent`` where the schema's sequence puts it;
    an existing child of the same name is replaced (unless it may repeat,
    then the new one follows the last of its kind). Returns ``child``."""
    sequence = SEQUENCES[_local(parent)]
    name = _local(child)
    if name not in sequence:
        raise ValueError(f"w:{name} is not a child of w:{_local(parent)}")
    if name not in REPEATABLE:
        for old in parent.findall(f"{{{W}}}{name}"):
            parent.remove(old)
    rank = sequence.index(name)
    for index, sibling in enumerate(parent):
        if _rank(sequence, sibling) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def out_of_order(tree) -> list[str]:
    """Where children of the known parents stand out of the schema's order,
    or repeat where they may not: ``["tblPr: tblLayout after tblCellMar", …]``."""
    problems = []
    for parent_name, sequence in SEQUENCES.items():
        for parent in tree.iter(f"{{{W}}}{parent_name}"):
            seen: set[str] = set()
            last = -1
            previous = None
            for child in parent:
                name = _local(child)
                if name is None:
                    continue
                rank = _rank(sequence, child)
                if rank < last:
                    problems.append(f"{parent_name}: {name} after {previous}")
                if name in seen and name not in REPEATABLE:
                    problems.append(f"{parent_name}: {name} twice")
                seen.add(name)
                last, previous = max(last, rank), name
    return problems


def in_order(xml: bytes | str) -> bool:
    tree = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    return not out_of_order(tree)
