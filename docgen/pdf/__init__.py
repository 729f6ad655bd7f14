"""Word -> PDF through LibreOffice, with one font family: the one PDF
function of docgen, used by the CLI (``docgen render --pdf``), the API
(``POST /api/render?format=pdf``), batches (``docgen batch --pdf``) and the
review pages.

:func:`docx_to_pdf` converts with a warm soffice driven over UNO
(:mod:`docgen.pdf.warm`), and with one cold ``soffice --convert-to`` per
document (:mod:`docgen.pdf.cold`) when the warm one is switched off or
cannot start, which it logs. Both run LibreOffice with docgen's fontconfig
(``docgen/fonts.conf``), so Times New Roman is drawn with Liberation Serif
2.x throughout and no Vietnamese letter falls back to another family.
``archive=True`` makes a PDF/A-2b file. Every failure is a
:class:`PdfError` whose text is a Vietnamese message for the user.
"""

from __future__ import annotations

import logging
import shutil

from . import cold, warm
from .office import FONTS_CONF, NOT_INSTALLED, PdfError, soffice_environment

__all__ = ["FONTS_CONF", "PdfError", "available", "docx_to_pdf", "soffice_environment"]

log = logging.getLogger(__name__)


def available() -> bool:
    return shutil.which("soffice") is not None


def docx_to_pdf(docx: bytes, *, archive: bool = False, timeout: float | None = None) -> bytes:
    """The PDF of ``docx`` (PDF/A-2b when ``archive``); ``timeout`` seconds
    (default ``DOCGEN_PDF_TIMEOUT``, 60) before LibreOffice is stopped."""
    if not available():
        raise PdfError(NOT_INSTALLED)
    pool = warm.shared_pool()
    if pool is not None:
        try:
            return pool.convert(docx, archive=archive, timeout=timeout)
        except warm.Unavailable as error:
            log.warning("warm PDF converter unavailable (%s); converting with a cold "
                        "soffice --convert-to", error)
        timeout = timeout or pool.settings.timeout
    return cold.convert(docx, archive=archive, timeout=timeout or warm.Settings.from_env().timeout)
