"""A register number shown to the văn thư survives a power cut: on SQLite
every commit is on the disk before it returns (WAL, synchronous FULL). A
power cut cannot be made here; what can be seen is that the issue's commit
syncs the write-ahead log before `issue` returns (strace), which NORMAL
does not."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from docgen.storage import db

ROOT = Path(__file__).resolve().parents[2]

# Issue one approved draft between two markers on stdout, in a process of its
# own under strace; NORMAL in argv[2] puts that mode back after docgen's pragmas.
ISSUE = """
import sys
from sqlalchemy import event
from docgen.storage import db, drafts, register
from docgen.storage.users import create_user
from tests.people import own_plan

engine = db.make_engine(f"sqlite:///{sys.argv[1]}")
if sys.argv[2] == "NORMAL":
    event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA synchronous = NORMAL"))
db.upgrade(engine)
with db.make_sessionmaker(engine)() as session:
    an = create_user(session, "an", "Nguyễn Văn An", "drafter", "UBND xã Lộc Tấn", "mat-khau-du-dai")
    chau = create_user(session, "chau", "Lê Minh Châu", "signer", "UBND xã Lộc Tấn", "mat-khau-du-dai")
    vy = create_user(session, "vy", "Trần Thị Vy", "registrar", "UBND xã Lộc Tấn", "mat-khau-du-dai")
    draft = drafts.create_draft(session, an, own_plan())
    drafts.submit(session, an, draft.id)
    drafts.approve(session, chau, draft.id, confirmed=True)
    print("ISSUE-BEGINS", flush=True)
    entry = register.issue(session, vy, draft.id, confirmed=True)
    print("ISSUE-RETURNED", entry.number_text, flush=True)
"""


def test_every_sqlite_connection_syncs_each_commit(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'docgen.sqlite3'}")
    try:
        with engine.connect() as first, engine.connect() as second:  # two connections of the pool
            for connection in (first, second):
                assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        engine.dispose()


def syncs_of_the_log_during_issue(tmp_path: Path, mode: str) -> tuple[list[str], str]:
    """The fsync/fdatasync calls on the database's -wal file between the
    start of `issue` and its return, and the number it gave."""
    database = tmp_path / f"{mode}.sqlite3"
    trace = subprocess.run(
        ["strace", "-f", "--seccomp-bpf", "-y", "-e", "trace=fsync,fdatasync,write", sys.executable, "-c", ISSUE,
         str(database), mode],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    assert trace.returncode == 0, trace.stderr[-3000:]
    lines = trace.stderr.splitlines()
    begins = next(i for i, line in enumerate(lines) if "ISSUE-BEGINS" in line and line.lstrip().startswith(("write", "[pid")))
    returned = next(i for i, line in enumerate(lines) if "ISSUE-RETURNED" in line and i > begins)
    syncs = [line for line in lines[begins:returned]
             if re.search(r"\b(fsync|fdatasync)\(\d+<[^>]*-wal>", line)]
    return syncs, trace.stdout


@pytest.mark.slow
def test_an_issue_is_on_the_disk_before_it_returns(tmp_path):
    if shutil.which("strace") is None:
        if os.environ.get("CI"):
            pytest.fail("strace is not installed (scripts/setup.sh --tests installs it)")
        pytest.skip("strace is not installed (apt-get install -y strace); "
                    "test_every_sqlite_connection_syncs_each_commit checks the setting")
    syncs, printed = syncs_of_the_log_during_issue(tmp_path, "FULL")
    assert "ISSUE-RETURNED 01/KH-UBND" in printed
    assert syncs, "the issue's commit returned before its log was on the disk"
    # The check can tell: with NORMAL, the same issue returns with its log unsynced.
    assert syncs_of_the_log_during_issue(tmp_path, "NORMAL")[0] == []
