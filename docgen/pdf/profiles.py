"""Where LibreOffice runs: one folder per soffice (its profile, the files it
converts) under one root of docgen's own (``DOCGEN_PDF_PROFILES``, default
``<tmp>/docgen-soffice-<uid>``), each marked with the process that made it.

A docgen process killed at the wrong moment (SIGKILL, the OOM killer, while
its soffice was still starting) leaves its soffice running and its folder
behind; nothing else would ever end them. :func:`reap` finds the folders
whose owner is dead, ends every process whose command line names such a
folder (soffice, oosplash, the UNO bridge: the folder's name is in their
arguments) and removes the folders. The warm converter's pool calls it when
it is made, and ``docgen serve`` at start.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

OWNER = "owner"  # "<pid> <start time>" of the docgen process that made the folder
# A folder without its owner file is being made, or was left by a crash
# between mkdir and the write; only the latter is this old.
UNMARKED_GRACE = 600.0


def default_root() -> Path:
    return Path(tempfile.gettempdir()) / f"docgen-soffice-{os.getuid()}"


def root(setting: str | os.PathLike | None = None) -> Path:
    """The root folder (made, private to this user); a root another user
    owns is not used: a private temporary one is."""
    folder = Path(setting) if setting else default_root()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid == os.getuid():
            return folder
    except OSError as error:
        log.warning("cannot use %s for LibreOffice profiles (%s)", folder, error)
    else:
        log.warning("%s belongs to another user; LibreOffice profiles go to a private folder", folder)
    return Path(tempfile.mkdtemp(prefix="docgen-soffice-"))


def start_time(pid: int) -> str | None:
    """The process's start time (clock ticks since boot), which tells a
    process from a later one given the same pid; None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    if fields[0] in ("Z", "X"):
        return None
    return fields[19]  # field 22 of proc(5); fields here start at field 3


def new_folder(parent: Path, kind: str) -> Path:
    """A folder for one soffice, ``<kind>-<pid>-<random>``, marked as this
    process's."""
    folder = parent / f"{kind}-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    folder.mkdir(mode=0o700)
    (folder / OWNER).write_text(f"{os.getpid()} {start_time(os.getpid())}\n")
    return folder


def owner_alive(folder: Path) -> bool:
    try:
        pid, started = (folder / OWNER).read_text().split()
    except FileNotFoundError:
        try:
            return time.time() - folder.stat().st_mtime < UNMARKED_GRACE
        except OSError:
            return False
    except (OSError, ValueError):
        return False
    return pid.isdigit() and start_time(int(pid)) == started


def processes_naming(names: set[str]) -> dict[int, str]:
    """pid -> the name it mentions, for this user's live processes whose
    command line mentions one of ``names``."""
    found = {}
    uid = os.getuid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        for name in names:
            if name in command:
                found[int(entry.name)] = name
                break
    return found


@dataclass
class Reaped:
    processes: list[int] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)


def reap(parent: Path) -> Reaped:
    """End the processes and remove the folders of dead docgen processes
    under ``parent``; the living ones' are left alone."""
    reaped = Reaped()
    try:
        dead = {folder.name: folder for folder in parent.iterdir()
                if folder.is_dir() and not owner_alive(folder)}
    except OSError:
        return reaped
    if not dead:
        return reaped
    processes = processes_naming(set(dead))
    for pid in processes:
        try:
            os.kill(pid, signal.SIGKILL)
            reaped.processes.append(pid)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(start_time(pid) for pid in reaped.processes):
        time.sleep(0.05)
    for folder in dead.values():
        shutil.rmtree(folder, ignore_errors=True)
        reaped.folders.append(folder)
    log.warning("ended %d LibreOffice processes and removed %d profile folders left in %s by "
                "docgen processes that died", len(reaped.processes), len(reaped.folders), parent)
    return reaped
