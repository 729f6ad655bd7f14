"""How docgen runs LibreOffice, for the cold and the warm converter alike:
with docgen's fontconfig (``docgen/fonts.conf``: Times New Roman drawn with
Liberation Serif 2.x, so no Vietnamese letter falls back to another family),
a profile of its own, and the PDF export filter's settings."""

from __future__ import annotations

import os
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().parent.parent / "fonts.conf"
PDF_A_2B = 2  # the export filter's SelectPdfVersion for PDF/A-2b; 0 is plain PDF


class PdfError(Exception):
    """The conversion failed; ``str()`` is a Vietnamese message for the user."""


NOT_INSTALLED = "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải tệp .docx."
FAILED = "LibreOffice không chuyển được sang PDF lúc này; hãy thử lại hoặc tải tệp .docx."
NO_OUTPUT = "LibreOffice không tạo được tệp PDF; hãy tải tệp .docx."


def timed_out(seconds: float) -> str:
    return (f"LibreOffice chuyển sang PDF quá {seconds:g} giây nên đã bị dừng và khởi động lại; "
            "hãy thử lại hoặc tải tệp .docx.")


def soffice_environment(environ=os.environ) -> dict[str, str]:
    """The environment LibreOffice runs in: docgen's fontconfig."""
    return {**environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def soffice_command(profile: Path, *options: str) -> list[str]:
    """``soffice`` headless with its own profile folder (never the server
    user's, which another LibreOffice may hold)."""
    return ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--norestore", "--nodefault", "--nolockcheck", *options]


def pdf_version(archive: bool) -> int:
    return PDF_A_2B if archive else 0
