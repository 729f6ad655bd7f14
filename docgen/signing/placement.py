"""Where the signer block (ô 7a authority lines, ô 7b name) is on the
page, read from the PDF's own text with poppler's ``pdftotext
-bbox-layout`` (installed with the PDF converter), so the signatures land
where Decree 30 puts them whatever the page count and whether or not
appendices follow the plan."""

from __future__ import annotations

import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from . import SigningError
from .identities import ASK_ADMIN

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float  # from the top of the page, as pdftotext gives them
    x1: float
    y1: float


@dataclass(frozen=True)
class SignerBlock:
    """The signer block on page ``page`` (0-based); boxes in PDF user space
    (points, origin bottom left): ``authority`` is the last authority line,
    ``name`` the signer's name."""

    page: int
    page_height: float
    authority: tuple[float, float, float, float]
    name: tuple[float, float, float, float]

    @property
    def gap(self) -> tuple[float, float]:
        """Bottom and top of the space between the authority lines and the name."""
        return self.name[3], self.authority[1]

    @property
    def centre(self) -> float:
        return (self.name[0] + self.name[2]) / 2


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def same_words(one: str, other: str) -> bool:
    """The same words, whatever the spacing, case and Unicode form."""
    return _words(one) == _words(other)


def page_lines(pdf: bytes) -> list[tuple[float, float, list[Line]]]:
    """(width, height, lines) of each page."""
    with tempfile.TemporaryDirectory(prefix="docgen-sign-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        try:
            result = subprocess.run(["pdftotext", "-bbox-layout", str(source), "-"],
                                    capture_output=True, timeout=60, check=False)
        except FileNotFoundError:
            raise SigningError(f"Máy chủ thiếu công cụ đọc chữ trong PDF để tìm chỗ ký: "
                               f"{ASK_ADMIN}.",
                               "Không có pdftotext (gói poppler-utils) để tìm chỗ ký "
                               "trên trang.") from None
    if result.returncode != 0:
        raise SigningError("Không đọc được chữ trong tệp PDF để tìm chỗ ký.",
                           "Không đọc được chữ trong tệp PDF để tìm chỗ ký: "
                           + result.stderr.decode(errors="replace").strip())
    root = ElementTree.fromstring(result.stdout)
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [word.text or "" for word in line.iter(f"{XHTML}word")]
            lines.append(Line(" ".join(words), *(float(line.get(key))
                                                 for key in ("xMin", "yMin", "xMax", "yMax"))))
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def find_signer_block(pdf: bytes, name: str, authority: list[str] | None = None) -> SignerBlock:
    """The last place where ``name`` stands on a line of its own under an
    authority line (the last of ``authority`` when given) in the same column."""
    wanted = _words(name)
    last_authority = _words(authority[-1]) if authority else None
    found = None
    for index, (_, height, lines) in enumerate(page_lines(pdf)):
        for line in lines:
            if _words(line.text) != wanted:
                continue
            centre = (line.x0 + line.x1) / 2
            above = [other for other in lines
                     if other.y1 <= line.y0 and other.x0 <= centre <= other.x1
                     and (last_authority is None or _words(other.text) == last_authority)]
            if above:
                title = max(above, key=lambda other: other.y1)
                found = SignerBlock(index, height,
                                    authority=(title.x0, height - title.y1, title.x1, height - title.y0),
                                    name=(line.x0, height - line.y1, line.x1, height - line.y0))
    if found is None:
        lines = f" dưới dòng “{authority[-1]}”" if authority else ""
        raise SigningError(f"Không tìm thấy tên người ký “{name}”{lines} trong tệp PDF: "
                           "không biết đặt chữ ký ở đâu.")
    return found


def bottom_of_line_under(pdf: bytes, page: int, box: tuple[float, float, float, float]) -> float:
    """The bottom (PDF user space) of the first text line under ``box`` on
    ``page`` that crosses its centre: the signer's name under the signer's
    image; ``box``'s own bottom when there is none."""
    _, height, lines = page_lines(pdf)[page]
    centre = (box[0] + box[2]) / 2
    under = [line for line in lines
             if height - line.y0 <= box[1] + 1 and line.x0 <= centre <= line.x1]
    return height - min(under, key=lambda line: line.y0).y1 if under else box[1]
