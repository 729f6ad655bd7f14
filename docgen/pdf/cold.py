"""The cold path: one ``soffice --convert-to pdf`` per conversion, in a
temporary folder with a fresh profile (1.3-1.6 s for a plan). Used when the
warm converter (:mod:`docgen.pdf.warm`) is switched off or cannot start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
from pathlib import Path

from .office import FAILED, NO_OUTPUT, PdfError, pdf_version, soffice_command, soffice_environment, timed_out


def export_filter(archive: bool) -> str:
    """``--convert-to`` target with the PDF filter's data (JSON form, LibreOffice 7.4+)."""
    data = {"SelectPdfVersion": {"type": "long", "value": str(pdf_version(archive))}}
    return "pdf:writer_pdf_Export:" + json.dumps(data)


def convert(docx: bytes, *, archive: bool, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as folder:
        work = Path(folder)
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
            # soffice.bin is oosplash's child: end the whole process group
            os.killpg(office.pid, signal.SIGKILL)
            office.wait()
            raise PdfError(timed_out(timeout)) from None
        if status != 0:
            raise PdfError(FAILED)
        pdf = work / "van-ban.pdf"
        if not pdf.exists():
            raise PdfError(NO_OUTPUT)
        return pdf.read_bytes()
