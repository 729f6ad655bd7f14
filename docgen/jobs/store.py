"""The job store: one folder per job under a root directory.

    <root>/<job id>/input/<template file>, <units file>[, parent/<parent plan file>]
    <root>/<job id>/status.json     state, progress, counts, message, owner unit
    <root>/<job id>/plans.zip       the result, once done
    <root>/<job id>/report.json     each unit's outcome and checks (the manifest's rows)
                                    and the refused rows, once done

A job belongs to the unit (``unit_id``, of ``docgen.storage``) of the user
who started it; the web pages show it to that unit only. Folders are deleted
when they expire (``expiry.py``).

Status files are replaced atomically (write, then rename), so a reader never
sees half a file; the web process and the workers only share this folder
(a network share when RQ workers run on other machines).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..base.package_data import instance_dir

STATES = ("queued", "running", "done", "failed")
DEFAULT_ROOT = instance_dir() / "jobs"  # DOCGEN_JOBS_DIR unset
_JOB_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
RESULT = "plans.zip"
REPORT = "report.json"


@dataclass
class Job:
    id: str
    template_name: str
    units_name: str
    state: str = "queued"
    done: int = 0
    total: int = 0
    ok: int = 0
    invalid: int = 0
    with_errors: int = 0  # documents made whose checks found errors
    with_warnings: int = 0  # … warnings
    message: str = ""
    created: float = field(default_factory=time.time)
    finished: float | None = None
    unit_id: int | None = None  # None: started outside the web app, no unit sees it
    user: str = ""  # the username that started it
    parent_name: str = ""  # the parent plan's file (input/parent/), "" when none was given
    warnings: list[str] = field(default_factory=list)  # what reading the inputs noted (a Word plan's import)

    @property
    def finished_ok(self) -> bool:
        return self.state == "done"


class JobStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError:  # read-only or under a file: create() says so to the user, the app still starts
            pass

    def folder(self, job_id: str) -> Path:
        if not _JOB_ID.fullmatch(job_id or ""):
            raise KeyError(job_id)
        return self.root / job_id

    def create(self, template_name: str, template: bytes, units_name: str, units: bytes, *,
               unit_id: int | None = None, user: str = "", parent: tuple[str, bytes] | None = None,
               warnings: list[str] | None = None) -> Job:
        job = Job(secrets.token_urlsafe(18), _safe_name(template_name), _safe_name(units_name),
                  unit_id=unit_id, user=user, parent_name=_safe_name(parent[0]) if parent else "",
                  warnings=list(warnings or []))
        inputs = self.folder(job.id) / "input"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            inputs.mkdir(parents=True)
            _write_synced(inputs / job.template_name, template)
            _write_synced(inputs / job.units_name, units)
            if parent:  # its own folder: it may bear the units file's name
                (inputs / "parent").mkdir()
                _write_synced(inputs / "parent" / job.parent_name, parent[1])
            self.save(job)
        except OSError:  # a full disk or a read-only folder: leave no half job behind
            self.discard(job.id)
            raise
        return job

    def discard(self, job_id: str) -> None:
        """Delete a job's folder (a job that could not be queued)."""
        shutil.rmtree(self.folder(job_id), ignore_errors=True)

    def inputs(self, job: Job) -> tuple[Path, Path]:
        inputs = self.folder(job.id) / "input"
        return inputs / job.template_name, inputs / job.units_name

    def parent_input(self, job: Job) -> Path | None:
        return self.folder(job.id) / "input" / "parent" / job.parent_name if job.parent_name else None

    def result_path(self, job: Job) -> Path:
        return self.folder(job.id) / RESULT

    def save_report(self, job: Job, report: dict) -> None:
        """Each unit's outcome (``entries``) and the refused rows
        (``errors``), written once the job is done."""
        folder = self.folder(job.id)
        temporary = folder / f"{REPORT}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / REPORT)

    def report(self, job: Job) -> dict | None:
        """What :meth:`save_report` wrote; None before the job is done (or
        for a job done before reports were kept)."""
        try:
            return json.loads((self.folder(job.id) / REPORT).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def save(self, job: Job) -> None:
        folder = self.folder(job.id)
        temporary = folder / f"status.{os.getpid()}.tmp"
        try:
            temporary.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
        except OSError:  # a full disk: leave no half file behind
            temporary.unlink(missing_ok=True)
            raise
        os.replace(temporary, folder / "status.json")

    def get(self, job_id: str) -> Job:
        """The job's last saved status; KeyError when there is no such job."""
        try:
            data = json.loads((self.folder(job_id) / "status.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KeyError(job_id) from None
        return Job(**data)

    def jobs(self) -> list[Job]:
        """Every job with a readable status, newest first."""
        found = []
        for folder in self.root.iterdir() if self.root.is_dir() else ():
            try:
                found.append(self.get(folder.name))
            except (KeyError, ValueError, TypeError, OSError):
                continue
        return sorted(found, key=lambda job: job.created, reverse=True)


def _write_synced(path: Path, data: bytes) -> None:
    """Write and flush to the disk, so a full disk shows here, not later."""
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _safe_name(name: str) -> str:
    """A file name to keep an upload under: its last path part, no separators."""
    base = re.split(r"[\\/]", name or "")[-1].strip().lstrip(".")
    return re.sub(r"[^\w.\- ]", "_", base)[:120] or "upload"
