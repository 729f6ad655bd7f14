"""Labels printed twice: ``I. I. MỤC ĐÍCH``, ``1. 1. Mục đích``, ``a) a)``,
``- -``. It happens when a clerk types the number that the template (or
Word's automatic numbering) already prints.

Runs on a :class:`~.document.CheckedDocument`, so on a plan and on any .docx;
in a .docx, a paragraph numbered by Word (a list style or ``w:numPr``) whose
text starts with a typed label of the same kind is a doubled label too.
"""

from __future__ import annotations

from ..vietnamese.typed_labels import doubled_label, leading_label
from .document import CheckedDocument, Para
from .findings import Finding, Where, excerpt
from ..word import ListLabel, Paragraph

CODE = "consistency.doubled_label"

# What a label of each shape is called in the messages.
SHAPE_NAMES = {
    "roman": "số mục",
    "number": "số thứ tự",
    "letter": "ký hiệu",
    "bracket": "ký hiệu",
    "dash": "gạch đầu dòng",
}

# Word's number formats (w:numFmt) as label shapes; a decimal number is
# "number" or "bracket" by the label ("1." or "1)").
_WORD_FORMATS = {"upperRoman": "roman", "lowerLetter": "letter", "bullet": "dash"}


def check_labels(view: CheckedDocument) -> list[Finding]:
    findings = [_typed_twice(para) for para in view.body]
    for index, line in enumerate(view.recipients, start=1):
        findings.append(_typed_twice_in(line, Where("recipients", None, index, excerpt(line))))
    if view.source == "docx":
        for para, paragraph in zip(view.body, view.roles.get("body", [])):
            findings.append(_numbered_by_word(para, paragraph))
    return [f for f in findings if f is not None]


def _typed_twice(para: Para) -> Finding | None:
    if doubled_label(para.text) is None:  # the usual case: no location to make
        return None
    return _typed_twice_in(para.text, para.where())


def _typed_twice_in(text: str, where: Where) -> Finding | None:
    doubled = doubled_label(text)
    if doubled is None:
        return None
    first, second = doubled
    shape = leading_label(text)[0]
    return Finding(
        CODE, "error", where,
        f"{SHAPE_NAMES[shape]} in hai lần: “{first} {second}”",
        f"xóa “{second}” thừa, chỉ để một {SHAPE_NAMES[shape]}",
    )


def _numbered_by_word(para: Para, paragraph: Paragraph) -> Finding | None:
    if doubled_label(para.text):
        return None  # already reported as typed twice
    automatic = _shape_of(paragraph.list_label)
    typed = leading_label(para.text)
    if automatic is None or typed is None:
        return None
    shape, sample = automatic
    if typed[0] != shape and {typed[0], shape} != {"number", "bracket"}:
        return None
    return Finding(
        CODE, "error", para.where(),
        f"Word tự đánh {SHAPE_NAMES[shape]} cho đoạn này (“{sample}”) mà đầu đoạn còn gõ “{typed[1]}”: "
        f"in ra “{sample} {typed[1]}”",
        f"xóa “{typed[1]}” gõ ở đầu đoạn, hoặc bỏ đánh số tự động của đoạn",
    )


def _shape_of(label: ListLabel | None) -> tuple[str, str] | None:
    """The shape of a label Word prints (``docgen.word``) and the label."""
    if label is None or not label.text:
        return None
    if label.format == "bullet":
        return "dash", label.text
    if label.format in ("decimal", "decimalZero"):
        return ("bracket" if label.text.rstrip().endswith(")") else "number"), label.text
    shape = _WORD_FORMATS.get(label.format)
    return (shape, label.text) if shape else None
