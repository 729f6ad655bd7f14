"""What SQLite's `synchronous = FULL` costs, against NORMAL: the register's
issue (number, render, register row, audit; one transaction) and a draft
save (a new version of seed 001), each the median and p95 of N runs in
milliseconds, and a bare one-row commit. Each mode gets a fresh database
file in WAL mode, as docgen opens it, in a folder on the disk the database
lives on (default: a temporary folder in the instance folder); the two
modes take turns, run by run. The drafts to issue are made and approved
beforehand, not timed. Timings are printed, never asserted.

    .venv/bin/python bench/sqlite_durability.py             # 30 runs each
    .venv/bin/python bench/sqlite_durability.py --runs 60 --dir /var/lib/docgen
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, text  # noqa: E402

from docgen.base.package_data import instance_dir  # noqa: E402
from docgen.plan.files import load_plan  # noqa: E402
from docgen.storage import db, drafts, register  # noqa: E402
from docgen.storage.audit import audit  # noqa: E402
from docgen.storage.users import create_user  # noqa: E402

SAMPLE = ROOT / "samples" / "001_cat_hai_mua_he_so.yaml"
UNIT = "UBND xã Lộc Tấn"
MODES = {"NORMAL": 1, "FULL": 2}


def figures(times: list[float]) -> str:
    p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
    return f"median {statistics.median(times):7.1f}  p95 {p95:7.1f}"


class Database:
    """A fresh database in ``mode``, with a unit's three accounts, ``runs``
    approved drafts to issue and one draft to save; ``steps`` are the
    timed actions, each called with the run's index."""

    def __init__(self, mode: str, folder: Path, runs: int) -> None:
        self.engine = db.make_engine(f"sqlite:///{folder / f'{mode.lower()}.sqlite3'}")

        @event.listens_for(self.engine, "connect")
        def this_mode(connection, _record):  # after docgen's own pragmas
            connection.execute(f"PRAGMA synchronous = {mode}")

        db.upgrade(self.engine)
        session = self.session = db.make_sessionmaker(self.engine)()
        assert session.execute(text("PRAGMA synchronous")).scalar() == MODES[mode]
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        drafter = create_user(session, "an", "Nguyễn Văn An", "drafter", UNIT, "mat-khau-du-dai")
        signer = create_user(session, "chau", "Lê Minh Châu", "signer", UNIT, "mat-khau-du-dai")
        registrar = create_user(session, "vy", "Trần Thị Vy", "registrar", UNIT, "mat-khau-du-dai")
        plan = load_plan(SAMPLE).model_dump(mode="json", exclude_none=True)
        ids = []
        for index in range(runs):  # not timed
            draft = drafts.create_draft(session, drafter, {**plan, "subject": f"Kế hoạch thử {index}"})
            drafts.submit(session, drafter, draft.id)
            drafts.approve(session, signer, draft.id)
            ids.append(draft.id)
        saved = drafts.create_draft(session, drafter, plan)
        head = [1]

        def commit(index: int) -> None:
            audit(session, drafter, "download", detail=f"bench {index}")  # one audit row
            session.commit()

        def save(index: int) -> None:
            version = drafts.save_version(session, drafter, saved.id, {**plan, "subject": f"Lưu lần {index}"},
                                          head[0])
            head[0] = version.number

        self.steps = {
            "one-row commit": commit,
            "draft save": save,
            "issue (number + render + register)": lambda index: register.issue(session, registrar, ids[index]),
        }

    def close(self) -> None:
        self.session.close()
        self.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--dir", type=Path, default=None,
                        help="where the test databases go (default: a temporary folder in the instance folder)")
    args = parser.parse_args()
    parent = args.dir or instance_dir()
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix="bench-sqlite-") as folder:
        print(f"SQLite in WAL mode, {args.runs} runs each, the two modes taking turns, in {folder} (ms)")
        databases = {mode: Database(mode, Path(folder), args.runs) for mode in MODES}
        times = {mode: {kind: [] for kind in databases[mode].steps} for mode in MODES}
        for kind in times["NORMAL"]:
            for index in range(args.runs):  # in turn, so that the machine's load weighs on both alike
                for mode, database in databases.items():
                    began = time.perf_counter()
                    database.steps[kind](index)
                    times[mode][kind].append((time.perf_counter() - began) * 1000)
        for database in databases.values():
            database.close()
    for kind in times["NORMAL"]:
        normal, full = (statistics.median(times[mode][kind]) for mode in MODES)
        print(f"{kind:38s} NORMAL {figures(times['NORMAL'][kind])} | FULL {figures(times['FULL'][kind])}"
              f" | +{full - normal:.1f} ms median")


if __name__ == "__main__":
    main()
