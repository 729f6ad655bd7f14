"""The cold path: one ``soffice --convert-to pdf`` per conversion, in a
folder of its own with a fresh profile (1.3-1.6 s for a plan), under the
profiles root (:mod:`docgen.pdf.profiles`) so that a soffice left running by
a docgen process that died is found and ended. Used by the warm converter's
pool (:mod:`docgen.pdf.warm`), within its ``DOCGEN_PDF_POOL`` budget, while
no warm soffice can start or when the warm path is switched off."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from . import profiles
from .office import (FAILED, NO_OUTPUT, PdfError, end_process, pdf_version, soffice_command, soffice_environment,
                     timed_out)


def export_filter(archive: bool) -> str:
    """``--convert-to`` target with the PDF filter's data (JSON form, LibreOffice 7.4+)."""
    data = {"SelectPdfVersion": {"type": "long", "value": str(pdf_version(archive))}}
    return "pdf:writer_pdf_Export:" + json.dumps(data)


def convert(docx: bytes, *, archive: bool, timeout: float, root: Path | None = None) -> bytes:
    """The PDF of ``docx`` by one ``soffice --convert-to``, in a folder under
    ``root`` (default: the profiles root); no limit on how many run at once
    here: that is the pool's."""
    work = profiles.new_folder(root or profiles.root(), "cold")
    try:
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        command = soffice_command(work / "profile", "--convert-to", export_filter(archive),
                                  "--outdir", str(work), str(source))
        try:
            office = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      env=soffice_environment(), start_new_session=True)
        except OSError:
            raise PdfError(FAILED) from None
        try:
            status = office.wait(timeout)
        except subprocess.TimeoutExpired:
            raise PdfError(timed_out(timeout)) from None
        finally:
            # soffice.bin is oosplash's child: nothing of the process group
            # outlives the conversion (it would run beyond the pool's budget)
            end_process(office, graceful=False)
        if status != 0:
            raise PdfError(FAILED)
        pdf = work / "van-ban.pdf"
        if not pdf.exists():
            raise PdfError(NO_OUTPUT)
        return pdf.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
