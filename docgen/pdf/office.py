"""How docgen runs LibreOffice, for the cold and the warm converter alike:
with docgen's fontconfig (``docgen/fonts.conf``: Times New Roman drawn with
Liberation Serif 2.x, so no Vietnamese letter falls back to another family),
a profile of its own, and the PDF export filter's settings."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().parent.parent / "fonts.conf"
PDF_A_2B = 2  # the export filter's SelectPdfVersion for PDF/A-2b; 0 is plain PDF


class PdfError(Exception):
    """The conversion failed; ``str()`` is a Vietnamese message for the user."""


class Busy(PdfError):
    """Too many PDFs are being made: try again in ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int = 10):
        super().__init__(message)
        self.retry_after = retry_after


NOT_INSTALLED = "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải tệp .docx."
FAILED = "LibreOffice không chuyển được sang PDF lúc này; hãy thử lại hoặc tải tệp .docx."
NO_OUTPUT = "LibreOffice không tạo được tệp PDF; hãy tải tệp .docx."
BUSY = ("Máy chủ đang bận chuyển các văn bản khác sang PDF; hãy thử lại sau ít phút "
        "hoặc tải tệp .docx.")


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


def process_group(pgid: int) -> list[tuple[int, str]]:
    """(pid, name) of the live (not zombie) processes of process group ``pgid``."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        state, _, group = stat[stat.rindex(")") + 2:].split()[:3]
        if int(group) == pgid and state not in ("Z", "X"):
            members.append((int(entry.name), name))
    return members


def end_process(process: subprocess.Popen, graceful: bool) -> None:
    """End ``process`` and its process group (soffice.bin is oosplash's
    child), and wait until the group is gone (at most 5 s a signal)."""
    signals = (signal.SIGTERM, signal.SIGKILL) if graceful else (signal.SIGKILL,)
    for sig in signals:
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
        deadline = time.monotonic() + 5
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            continue
        while process_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not process_group(process.pid):
            return
