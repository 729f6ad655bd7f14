"""Labels printed before a title or an item: ``I.``, ``1.``, ``1.1.``, ``a)``,
``(1)``, ``-``, ``+``.

The Word template prints these itself (``I. MỤC ĐÍCH, YÊU CẦU``, ``1. Mục
đích``, ``- text``), so a label the clerk also types would print twice
(``I. I. MỤC ĐÍCH, YÊU CẦU``). One list of label shapes serves the plan
model, which stores a title or item without the label typed at its start,
and the checks, which find a label printed twice in any .docx.

A label is followed by a space, a letter or the end of the text, never by a
digit: ``1.000 hộ dân`` and ``2.5 triệu`` are figures, ``30 ngày đêm`` has
no dot, ``+84…`` is a telephone number, ``-5%`` a figure.
"""

from __future__ import annotations

import re

from ..base.memo import short_text_cache

_FOLLOW = r"(?=\s|$|[^\W\d_])"

# shape -> pattern of one label of that shape
LABEL_SHAPES: dict[str, str] = {
    # Roman section numerals as plans use them (I to XXXIX): C, D, L, M
    # never, so "D. …" or "C. …" are left alone.
    "roman": r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\.",
    # 1.  1.1.  2.3.1.
    "number": r"[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}\.",
    # a)  đ)
    "letter": r"[a-zđ]\)",
    # (1)  1)
    "bracket": r"\([0-9]{1,2}\)|[0-9]{1,2}\)",
    # bullets: hyphen, plus, dashes and the bullet glyphs Word pastes
    "dash": r"[-+\u2013\u2014\u2022\u00b7\u25cf\u25cb\u25e6\u25aa\u25a0\u2023\u2043]",
}

# What the document prints before each kind of text (see docgen/document/context.py),
# and so which typed labels would print twice there. A section prints a Roman
# numeral and a heading an Arabic number; a clerk types either in either.
LABELS_BEFORE: dict[str, tuple[str, ...]] = {
    "section": ("roman", "number"),
    "heading": ("number", "roman"),  # heading, subheading, numbered, unit name
    "item": ("letter", "bracket"),
    "bullet": ("dash",),  # bullet, sub-bullet, a unit's tasks
}

# What the clerk is told the document prints there, for notices.
PRINTED_LABEL = {
    "section": "số mục (I, II, …)",
    "heading": "số thứ tự (1., 2., …)",
    "item": "ký hiệu ở ô Ký hiệu",
    "bullet": "gạch đầu dòng",
    "article": "số điều (Điều 1., Điều 2., …)",
}


def _label_pattern(shapes: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(f"(?:{LABEL_SHAPES[s]})" for s in shapes)
    return re.compile(rf"\s*(?P<label>{alternatives}){_FOLLOW}\s*")


_AT_START = {place: _label_pattern(shapes) for place, shapes in LABELS_BEFORE.items()}
# Every character a label may start with.
_LABEL_STARTS = frozenset("IVX0123456789abcdefghijklmnopqrstuvwxyzđ(-+\u2013\u2014\u2022\u00b7"
                          "\u25cf\u25cb\u25e6\u25aa\u25a0\u2023\u2043")


def split_labels(text: str, place: str, own_label: str | None = None) -> tuple[str, str]:
    """``(labels, rest)``: the labels typed at the start of ``text`` that the
    document prints itself at ``place`` (a key of :data:`LABELS_BEFORE`),
    all of them (``I. I. MỤC ĐÍCH`` -> ``("I. I.", "MỤC ĐÍCH")``), and the
    text after them. ``own_label`` is an item's own label (``a)``, ``*``),
    which is removed as well."""
    if not text or (text[0] not in _LABEL_STARTS and not text[0].isspace()
                    and not (own_label and text.startswith(own_label))):
        return "", text  # most texts: a capital letter, no label (fast path)
    pattern = _AT_START[place]
    found: list[str] = []
    rest = text
    while rest:
        match = pattern.match(rest)
        if match:
            found.append(match.group("label"))
            rest = rest[match.end():]
            continue
        if own_label and rest.startswith(own_label) and rest[len(own_label):len(own_label) + 1].isspace():
            found.append(own_label)
            rest = rest[len(own_label):].lstrip()
            continue
        break
    return " ".join(found), rest if found else text


_SHAPE_AT_START = {
    shape: re.compile(rf"(?P<label>{pattern}){_FOLLOW}") for shape, pattern in LABEL_SHAPES.items()
}


def leading_label(text: str) -> tuple[str, str, int] | None:
    """``(shape, label, end)`` of the label a printed paragraph starts with."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    for shape, pattern in _SHAPE_AT_START.items():
        match = pattern.match(stripped)
        if match:
            return shape, match.group("label"), offset + match.end()
    return None


@short_text_cache  # every paragraph, again for each document of a batch
def doubled_label(text: str) -> tuple[str, str] | None:
    """The two labels when a printed paragraph starts with two labels of the
    same shape (``1. 1. Mục đích``, ``I. I. MỤC ĐÍCH``, ``a) a)``, ``- -``),
    else None. ``1. a)`` or ``I. 1.`` are two different labels, not a
    doubled one; ``1. 1.000 hộ`` is a label and a figure."""
    first = leading_label(text)
    if first is None:
        return None
    shape, label, end = first
    second = leading_label(text[end:])
    if second is None or second[0] != shape or not text[end:end + 1].isspace():
        return None
    return label, second[1]
