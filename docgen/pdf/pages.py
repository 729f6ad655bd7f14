"""A document's printed pages as PNG images, for the review page: the .docx
converted by :func:`docgen.pdf.docx_to_pdf`, each page drawn by poppler's
``pdftoppm`` when first asked for. Everything is kept on disk under the
document's SHA-256, so a document that did not change is converted once
(``<folder>/<sha256>/document.pdf``, ``page-N.png``); the oldest documents
beyond ``keep`` are removed."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import docx_to_pdf
from .office import PdfError

RESOLUTION = 96  # pixels per inch: an A4 page is 794 x 1123
KEEP = 200  # documents kept in the cache
POPPLER_FAILED = "Không vẽ được trang của bản PDF (poppler); hãy mở bản PDF hoặc tải tệp .docx."
_KEY = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class PrintedDocument:
    key: str  # SHA-256 of the .docx
    pages: int


class PageImages:
    def __init__(self, folder: Path | str, resolution: int = RESOLUTION, keep: int = KEEP,
                 convert: Callable[[bytes], bytes] = docx_to_pdf):
        """``convert``: .docx -> PDF, called only for a document not cached
        (the web passes its gated conversion)."""
        self.folder = Path(folder)
        self.convert = convert
        self.resolution = resolution
        self.keep = keep

    def document(self, docx: bytes) -> PrintedDocument:
        """The document's page count, converting it to PDF unless it is cached."""
        key = hashlib.sha256(docx).hexdigest()
        entry = self.folder / key
        count = entry / "pages.txt"
        if not count.exists():
            self._store(entry, self.convert(docx))
        return PrintedDocument(key, int(count.read_text()))

    def page(self, document: PrintedDocument, number: int) -> Path:
        """The PNG of page ``number`` (1-based) of a document from :meth:`document`."""
        if not _KEY.fullmatch(document.key) or not 1 <= number <= document.pages:
            raise ValueError(f"no page {number} in {document.key}")
        entry = self.folder / document.key
        image = entry / f"page-{number}.png"
        if not image.exists():
            with tempfile.TemporaryDirectory(dir=entry) as work:
                out = Path(work) / "page"
                try:
                    subprocess.run(["pdftoppm", "-png", "-r", str(self.resolution), "-f", str(number),
                                    "-l", str(number), "-singlefile", str(entry / "document.pdf"), str(out)],
                                   check=True, capture_output=True, timeout=60)
                except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
                    raise PdfError(POPPLER_FAILED) from None
                os.replace(out.with_suffix(".png"), image)
        return image

    def _store(self, entry: Path, pdf: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=self.folder, prefix=".new-"))
        try:
            (work / "document.pdf").write_bytes(pdf)
            try:
                info = subprocess.run(["pdfinfo", str(work / "document.pdf")], check=True,
                                      capture_output=True, text=True, timeout=60).stdout
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
                raise PdfError(POPPLER_FAILED) from None
            pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
            (work / "pages.txt").write_text(pages.group(1) if pages else "0")
            try:
                os.rename(work, entry)  # atomic; another request may have stored it first
            except OSError:
                pass
        finally:
            shutil.rmtree(work, ignore_errors=True)
        self._prune()

    def _prune(self) -> None:
        entries = [path for path in self.folder.iterdir() if _KEY.fullmatch(path.name)]
        if len(entries) <= self.keep:
            return
        entries.sort(key=lambda path: path.stat().st_mtime)
        for path in entries[:len(entries) - self.keep]:
            shutil.rmtree(path, ignore_errors=True)
