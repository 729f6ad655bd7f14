"""A finding: one problem a check found, where it is, and what to do.

Messages and advice are in Vietnamese because they are shown to clerks; the
code (``consistency.figure_mismatch``) is for machines and tests.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
# What a clerk reads for each severity (CLI keeps ERROR/WARNING/INFO); the
# editor receives these words from the server.
SEVERITY_WORDS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}

# Vietnamese names of the parts of a plan, for locations.
PART_NAMES = {
    "page": "Trang",
    "styles": "Kiểu chữ",
    "header": "Đầu văn bản",
    "subject": "Trích yếu",
    "addressees": "Kính gửi",
    "decider": "Thẩm quyền ban hành",
    "opening": "Phần mở đầu",
    "section": "Mục",
    "article": "Điều",
    "closing": "Đoạn kết",
    "attached": "Văn bản kèm theo",
    "recipients": "Nơi nhận",
    "signer": "Thẩm quyền ký",
    "appendix": "Phụ lục",
    "document": "Văn bản",
}

EXCERPT = 60


def excerpt(text: str, at: int = 0, width: int = EXCERPT) -> str:
    """A short piece of ``text`` around position ``at``, on one line."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    start = max(0, min(at - width // 3, len(text) - width))
    piece = text[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


@dataclass(frozen=True)
class Where:
    """A location: the part of the plan, the section's numeral as printed
    (``III``) or an appendix's label, the paragraph (1-based, within the
    section or part; 0 is the section's own heading line) and a short excerpt."""

    part: str
    section: str | None = None
    paragraph: int | None = None
    excerpt: str = ""

    def __str__(self) -> str:
        name = PART_NAMES.get(self.part, self.part)
        if self.part == "section" and self.section:
            label = f"Mục {self.section}"
        elif self.section:
            label = f"{name} {self.section}"
        else:
            label = name
        if self.paragraph:
            unit = "dòng" if self.part in ("recipients", "signer", "header", "addressees") else "đoạn"
            label += f", {unit} {self.paragraph}"
        elif self.paragraph == 0 and self.part == "section":
            label += " (tiêu đề mục)"
        if self.excerpt:
            label += f" «{self.excerpt}»"
        return label


@dataclass(frozen=True)
class Finding:
    code: str  # "layout.margins", "consistency.figure_mismatch", "sensitive.password", ...
    severity: Severity
    where: Where
    message: str  # what is wrong (vi)
    advice: str  # what to do (vi)
    # The plan's field it concerns (``header.place``), for the editor; set by
    # check_plan (checks.fields), empty for the whole document or a .docx.
    path: str = ""
    label: str = ""  # that field as the form names it ("Địa danh")

    @property
    def kind(self) -> str:
        """``layout``, ``consistency`` or ``sensitive``."""
        return self.code.split(".", 1)[0]

    def line(self) -> str:
        """``ERROR Mục III, đoạn 3: … — … [code]``."""
        return f"{self.severity.upper()} {self.where}: {self.message} — {self.advice} [{self.code}]"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["where"]["text"] = str(self.where)
        return data


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
