"""Labels printed twice: ``I. I. MỤC ĐÍCH``, ``1. 1. Mục đích``, ``a) a)``,
``- -``. It happens when a clerk types the number that the template (or
Word's automatic numbering) already prints.

Runs on a :class:`~.document.CheckedDocument`, so on a plan and on any .docx;
in a .docx, a paragraph numbered by Word (a list style or ``w:numPr``) whose
text starts with a typed label of the same kind is a doubled label too.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..typed_labels import doubled_label, leading_label
from .document import CheckedDocument, Para
from .findings import Finding, Where, excerpt

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
# "number" or "bracket" by the text around it (w:lvlText "%1." or "%1)").
_WORD_FORMATS = {"upperRoman": "roman", "lowerLetter": "letter", "bullet": "dash"}
_WORD_SAMPLE = {"decimal": "1", "upperRoman": "I", "lowerLetter": "a"}


def check_labels(view: CheckedDocument) -> list[Finding]:
    findings = [_typed_twice(para) for para in view.body]
    for index, line in enumerate(view.recipients, start=1):
        findings.append(_typed_twice_in(line, Where("recipients", None, index, excerpt(line))))
    if view.source == "docx":
        numbering = _Numbering(view.docx)
        for para, paragraph in zip(view.body, view.roles.get("body", [])):
            findings.append(_numbered_by_word(para, paragraph, numbering))
    return [f for f in findings if f is not None]


def _typed_twice(para: Para) -> Finding | None:
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


def _numbered_by_word(para: Para, paragraph: Paragraph, numbering: "_Numbering") -> Finding | None:
    if doubled_label(para.text):
        return None  # already reported as typed twice
    automatic = numbering.label_of(paragraph)
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


class _Numbering:
    """Word's automatic numbering of a paragraph: its shape and how its
    first label looks (``1.``, ``a)``, ``-``), from ``numbering.xml``."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            for level in node.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                abstract[(node.get(qn("w:abstractNumId")), level.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                )
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for (abstract_id, level), value in abstract.items():
                if abstract_id == ref.get(qn("w:val")):
                    self.levels[(num.get(qn("w:numId")), level)] = value

    def label_of(self, paragraph: Paragraph) -> tuple[str, str] | None:
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id == "0":
            return None
        found = self.levels.get((num_id, level or "0"))
        if found is None:
            return None
        fmt, text = found
        if fmt == "bullet":
            # Word's bullets are often a Symbol-font character (U+F0B7)
            return "dash", text if text and not "\uf000" <= text[0] <= "\uf0ff" else "•"
        sample = text
        for n in range(1, 10):
            sample = sample.replace(f"%{n}", _WORD_SAMPLE.get(fmt, "1"))
        if fmt == "decimal":
            return ("bracket" if sample.rstrip().endswith(")") else "number"), sample
        shape = _WORD_FORMATS.get(fmt)
        return (shape, sample) if shape else None

    @staticmethod
    def _num_pr(paragraph: Paragraph) -> tuple[str | None, str | None]:
        """The paragraph's own numbering, else its style's (up the chain)."""
        candidates = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            candidates.append(style.element.pPr)
            style = style.base_style
        for ppr in candidates:
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num_id = num_pr.find(qn("w:numId"))
            level = num_pr.find(qn("w:ilvl"))
            return (num_id.get(qn("w:val")) if num_id is not None else None,
                    level.get(qn("w:val")) if level is not None else None)
        return None, None
