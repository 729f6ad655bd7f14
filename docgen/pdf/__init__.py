"""Word -> PDF through LibreOffice, with one font family: the one PDF
function of docgen, used by the CLI (``docgen render --pdf``), the API
(``POST /api/render?format=pdf``), batches (``docgen batch --pdf``) and the
review pages.

:func:`docx_to_pdf` converts with a warm soffice driven over UNO
(:mod:`docgen.pdf.warm`), and with one cold ``soffice --convert-to`` per
document (:mod:`docgen.pdf.cold`) when the warm one is switched off or
cannot start, which it logs; the process's pool bounds both
(``DOCGEN_PDF_POOL``). Both run LibreOffice with docgen's fontconfig
(``docgen/fonts.conf``), so Times New Roman is drawn with Liberation Serif
2.x throughout and no Vietnamese letter falls back to another family.
``archive=True`` makes a PDF/A-2b file. Every failure is a
:class:`PdfError` whose text is a Vietnamese message for the user.
"""

from __future__ import annotations

import os
import shutil

from . import profiles, warm
from .office import FONTS_CONF, NOT_INSTALLED, Busy, PdfError, soffice_environment

__all__ = ["FONTS_CONF", "Busy", "PdfError", "available", "docx_to_pdf", "reap_orphans",
           "soffice_environment"]


def available() -> bool:
    return shutil.which("soffice") is not None


def docx_to_pdf(docx: bytes, *, archive: bool = False, timeout: float | None = None) -> bytes:
    """The PDF of ``docx`` (PDF/A-2b when ``archive``); ``timeout`` seconds
    (default ``DOCGEN_PDF_TIMEOUT``, 60) before LibreOffice is stopped."""
    if not available():
        raise PdfError(NOT_INSTALLED)
    return warm.shared_pool().convert(docx, archive=archive, timeout=timeout)


def reap_orphans() -> profiles.Reaped:
    """End the soffice processes and remove the profiles that docgen
    processes which died left under the profiles root (``docgen serve``
    calls it at start; the pool when it is made)."""
    return profiles.reap(profiles.root(os.environ.get("DOCGEN_PDF_PROFILES") or None))
