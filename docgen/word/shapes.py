"""Text in shapes: the text boxes a paragraph anchors (a header typed in two
boxes side by side, a frame LibreOffice saved as a shape), in the order a
reader sees them.

Word 2010+ writes a text box twice, as DrawingML (``wps:txbx``) inside
``mc:Choice`` and as VML (``v:textbox``) inside ``mc:Fallback``: the first
is read, the second only when there is no first (a file converted from
.doc has VML alone). A group shape (``wpg:wgp``) holds several boxes. Boxes
anchored in one paragraph are ordered as laid out: top to bottom, and left
to right among those that start at about the same height. Text deleted with
tracked changes is not read, nor a box inside a box (its paragraph reads it).
"""

from __future__ import annotations

import functools
import re

from docx.oxml.ns import qn as _qn

qn = functools.cache(_qn)

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_V = "urn:schemas-microsoft-com:vml"
_ALTERNATE, _CHOICE, _FALLBACK = (f"{{{_MC}}}{t}" for t in ("AlternateContent", "Choice", "Fallback"))
_ANCHOR, _INLINE = f"{{{_WP}}}anchor", f"{{{_WP}}}inline"
_WSP = f"{{{_WPS}}}wsp"
_SHOWN = {qn(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:customXml", "w:fldSimple", "w:moveTo",
                          "w:dir", "w:bdo")}
_EMU_PER_PT = 12700
_SAME_ROW = 457200  # boxes starting within half an inch of each other sit side by side
_ALIGN_X = {"left": 0, "inside": 0, "center": 3_000_000, "right": 6_000_000, "outside": 6_000_000}
_VML_LENGTH = re.compile(r"(-?[\d.]+)\s*(pt|in|cm|mm|px|emu)?")
_VML_UNITS = {"pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525, "emu": 1, None: 12700}


def text_boxes(paragraph) -> list:
    """The ``w:txbxContent`` elements of the boxes ``paragraph`` (a ``w:p``)
    anchors, in reading order."""
    found: list[tuple[int, int, int]] = []
    for run in _runs(paragraph):
        for child in run.iterchildren():
            for box, x, y in _boxes_of(child):
                found.append((y, x, len(found), box))
    if len(found) < 2:
        return [box for *_, box in found]
    found.sort(key=lambda item: (item[0], item[2]))
    rows: list[list] = []
    for item in found:
        if rows and item[0] - rows[-1][0][0] < _SAME_ROW:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [box for row in rows for *_, box in sorted(row, key=lambda item: (item[1], item[2]))]


def _runs(container):
    for child in container.iterchildren():
        if child.tag == qn("w:r"):
            yield child
        elif child.tag in _SHOWN:
            yield from _runs(child)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _runs(content)


def _boxes_of(element) -> list[tuple]:
    """(txbxContent, x, y) of the boxes in a run's child (a drawing, a VML
    picture, or both as alternatives)."""
    if element.tag == _ALTERNATE:
        choice = element.find(_CHOICE)
        boxes = _boxes_of_tree(choice) if choice is not None else []
        if boxes:
            return boxes
        fallback = element.find(_FALLBACK)
        return _boxes_of_tree(fallback) if fallback is not None else []
    if element.tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")):
        return _boxes_of_tree(element)
    return []


def _boxes_of_tree(root) -> list[tuple]:
    out = []
    stack = [root]
    while stack:
        node = stack.pop()
        for child in reversed(list(node.iterchildren())):
            if child.tag == qn("w:txbxContent"):
                out.append((child, *_position(child, root)))
            elif isinstance(child.tag, str):
                stack.append(child)
    return out


def _position(box, root) -> tuple[int, int]:
    """Where the box starts on the page, in EMU (x, y), as far as its
    anchor and shape say: an anchor's offsets (or its alignment), plus the
    shape's offset inside a group; a VML shape's margins."""
    x = y = 0
    node = box.getparent()
    while node is not None and node is not root.getparent():
        tag = node.tag
        if tag == _WSP:
            offset = node.find(f"{{{_WPS}}}spPr/{{{_A}}}xfrm/{{{_A}}}off")
            if offset is not None:
                x += int(offset.get("x", "0") or 0)
                y += int(offset.get("y", "0") or 0)
        elif tag == _ANCHOR:
            x += _anchor_offset(node, "positionH")
            y += _anchor_offset(node, "positionV")
        elif isinstance(tag, str) and tag.startswith(f"{{{_V}}}") and node.get("style"):
            style = dict(part.split(":", 1) for part in node.get("style").split(";") if ":" in part)
            x += _vml_length(style.get("margin-left") or style.get("left"))
            y += _vml_length(style.get("margin-top") or style.get("top"))
        node = node.getparent()
    return x, y


def _anchor_offset(anchor, axis: str) -> int:
    position = anchor.find(f"{{{_WP}}}{axis}")
    if position is None:
        return 0
    offset = position.find(f"{{{_WP}}}posOffset")
    if offset is not None and (offset.text or "").strip().lstrip("-").isdigit():
        return int(offset.text)
    align = position.find(f"{{{_WP}}}align")
    return _ALIGN_X.get((align.text or "").strip(), 0) if align is not None else 0


def _vml_length(value: str | None) -> int:
    match = _VML_LENGTH.match((value or "").strip())
    if not match:
        return 0
    try:
        return int(float(match.group(1)) * _VML_UNITS[match.group(2)])
    except (ValueError, KeyError):
        return 0
