"""Word -> PDF through LibreOffice (headless), with one font family.

Each conversion runs ``soffice --convert-to pdf`` in a temporary folder with
its own profile (conversions neither share nor lock the server user's
profile) and with docgen's fontconfig (``fonts.conf`` beside this module),
so that Times New Roman is drawn with Liberation Serif 2.x throughout and no
Vietnamese letter falls back to another family.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().with_name("fonts.conf")
TIMEOUT = 120  # seconds; LibreOffice's first start with a new profile is slow


class PdfError(Exception):
    """The conversion failed; ``str()`` is a Vietnamese message for the user."""


def available() -> bool:
    return shutil.which("soffice") is not None


def soffice_environment(environ=os.environ) -> dict[str, str]:
    """The environment LibreOffice runs in: docgen's fontconfig."""
    return {**environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT) -> bytes:
    if not available():
        raise PdfError("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải tệp .docx.")
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as folder:
        work = Path(folder)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        try:
            subprocess.run(
                ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", str(work), str(source)],
                check=True, capture_output=True, timeout=timeout, env=soffice_environment())
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            raise PdfError("LibreOffice không chuyển được sang PDF lúc này; hãy thử lại "
                           "hoặc tải tệp .docx.") from None
        pdf = work / "van-ban.pdf"
        if not pdf.exists():
            raise PdfError("LibreOffice không tạo được tệp PDF; hãy tải tệp .docx.")
        return pdf.read_bytes()
