"""What anyone may send is parsed in a worker process killed past the
budget (docgen.web.budget): the wide-table Word file is refused in
Vietnamese, every route that parses an upload or a plan to check runs
within the budget, logged in or not, and requests beyond the workers and
their waiting room are answered 503 at once."""

from __future__ import annotations

import io
import threading
import time

import pytest
import yaml

from docgen.web import create_app
from docgen.web.budget import Busy, OverBudget, ParseBudget, ParseWorkers
from docgen.web.plans import PlanFileUnreadable
from docgen.plan.files import load_plan
from docgen.web.plans import editable_data
from tests.bombs import wide_table_docx

from .conftest import SAMPLE_FILES, BrowserSession

SAMPLE_002 = SAMPLE_FILES["002"]

pytestmark = pytest.mark.slow  # every test forks worker processes

MB = 1024 * 1024


def _spin(seconds: float) -> int:
    end = time.process_time() + seconds
    count = 0
    while time.process_time() < end:
        count += 1
    return count


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MB))


def _refuse(message: str):
    raise PlanFileUnreadable(message)


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_a_result_and_a_refusal_come_back_from_the_worker():
    workers = ParseWorkers(ParseBudget())
    assert workers.run(len, b"abc") == 3
    with pytest.raises(PlanFileUnreadable, match="^tệp không đọc được$"):
        workers.run(_refuse, "tệp không đọc được")


def test_cpu_past_the_budget_stops_the_worker():
    workers = ParseWorkers(ParseBudget(seconds=1))
    with pytest.raises(OverBudget, match="vượt giới hạn 1 giây xử lý và 512 MB bộ nhớ"):
        workers.run(_spin, 30)


def test_memory_past_the_budget_stops_the_worker():
    workers = ParseWorkers(ParseBudget(memory_bytes=64 * MB))
    assert workers.run(_allocate, 16) == 16 * MB
    with pytest.raises(OverBudget, match="vượt giới hạn 10 giây xử lý và 64 MB bộ nhớ"):
        workers.run(_allocate, 256)


def test_beyond_the_workers_and_their_waiting_room_the_answer_is_busy_at_once():
    workers = ParseWorkers(ParseBudget(workers=1))
    held = [threading.Thread(target=workers.run, args=(_sleep, 1)) for _ in range(3)]
    for thread in held:
        thread.start()
    deadline = time.monotonic() + 60
    while workers._admitted < 3:  # one running, two waiting
        assert time.monotonic() < deadline
        time.sleep(0.01)
    with pytest.raises(Busy):
        workers.run(len, b"x")
    for thread in held:
        thread.join()
    assert workers.run(len, b"x") == 1  # free again


def test_the_budget_is_read_from_the_environment():
    budget = ParseBudget.from_env({"DOCGEN_PARSE_SECONDS": "2,5", "DOCGEN_PARSE_MEMORY_MB": "256",
                                   "DOCGEN_PARSE_WORKERS": "3"})
    assert budget == ParseBudget(seconds=2.5, memory_bytes=256 * MB, workers=3)
    assert budget.described == "2,5 giây xử lý và 256 MB bộ nhớ"


# --- the routes -------------------------------------------------------------------------


@pytest.fixture
def recorded(app) -> list[str]:
    """The functions the app ran within its budget, in order; each still runs."""
    workers = app.extensions["docgen.parse_workers"]
    real, calls = workers.run, []

    def run(function, *args):
        calls.append(function.__name__)
        return real(function, *args)

    workers.run = run
    return calls


def _sheet() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in range(5):
        book.active.append([f"Xã {row}", row, row * 2])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TEXT = "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Tuyên truyền cài đặt VNeID cho người dân.\n"
# route -> (the function it runs within the budget, its usual answer, how it is sent)
ROUTES = {
    "api_import_file": ("import_file", 200, lambda s, plan: s.post(
        "/api/import", content_type="multipart/form-data", data={"file": (io.BytesIO(TEXT.encode()), "kh.txt")})),
    "api_import_text": ("import_text", 200, lambda s, plan: s.post("/api/import", json={"text": TEXT})),
    "page_import_text": ("import_text", 200, lambda s, plan: s.post("/plan/import", data={"text": TEXT})),
    "page_import_file": ("import_file", 200, lambda s, plan: s.post(
        "/plan/import", content_type="multipart/form-data", data={"file": (io.BytesIO(TEXT.encode()), "kh.txt")})),
    "page_open_plan": ("read_plan_file", 200, lambda s, plan: s.post(
        "/plan/open", content_type="multipart/form-data",
        data={"file": (io.BytesIO(yaml.safe_dump(plan, allow_unicode=True).encode()), "kh.yaml")})),
    "api_appendix_rows": ("read_table_file", 200, lambda s, plan: s.post(
        "/api/appendix/rows", content_type="multipart/form-data", data={"file": (io.BytesIO(_sheet()), "so-lieu.xlsx")})),
    "api_check": ("checked", 200, lambda s, plan: s.post("/api/check", json=plan)),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged_in"])
def test_every_parsing_route_runs_within_the_budget(app, recorded, sample_plans, route, logged_in):
    """Each route that parses what it is sent does it in a worker of the
    budget, for a visitor and for a logged-in clerk alike (that the budget
    stops a worker is shown above)."""
    session = BrowserSession(app.test_client())
    if logged_in:
        from docgen.storage.users import create_user
        from docgen.web.database import database

        with app.app_context():
            create_user(database(), "lan", "Nguyễn Thị Lan", "drafter", "UBND xã Ia Kha", "mat-khau-du-dai")
        assert session.post("/login", data={"username": "lan", "password": "mat-khau-du-dai",
                                            "csrf_token": session.token}).status_code == 302
        session = BrowserSession(session.client)
    function, status, send = ROUTES[route]
    response = send(session, sample_plans["002"])
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert recorded == [function]


def test_past_the_budget_a_route_answers_413_in_vietnamese(tmp_path):
    """A budget of 0.1 s of CPU (0.3 s of wall clock): the check of a plan
    of 20,000 opening lines takes seconds, its worker is stopped, and the
    answer names the limits."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "JOBS_DIR": tmp_path / "jobs",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}",
                      "PARSE_BUDGET": ParseBudget(seconds=0.1)})
    plan = editable_data(load_plan(SAMPLE_002))
    plan["opening"] = [f"Căn cứ văn bản số {n}." for n in range(20_000)]
    response = app.test_client().post("/api/check", json=plan)
    assert response.status_code == 413
    assert response.get_json()["errors"][0]["message"] == (
        "tệp hoặc văn bản quá lớn, quá phức tạp để đọc: vượt giới hạn 0,1 giây xử lý và 512 MB bộ nhớ "
        "của một lần đọc; hãy bỏ bớt nội dung hoặc chia thành nhiều tệp")


def test_the_wide_table_is_refused_in_vietnamese_by_the_api_and_the_start_page(browser_session):
    data = wide_table_docx()
    response = browser_session.post("/api/import", content_type="multipart/form-data",
                                    data={"file": (io.BytesIO(data), "bang-rong.docx")})
    assert response.status_code == 413
    [error] = response.get_json()["errors"]
    assert error["message"].startswith("tệp Word có hơn 30.000 ô bảng, quá giới hạn 30.000 ô bảng")

    page = browser_session.client.post("/plan/import", content_type="multipart/form-data",
                                       data={"file": (io.BytesIO(data), "bang-rong.docx"),
                                             "csrf_token": browser_session.token})
    assert page.status_code == 413
    assert "Không nhập được tệp bang-rong.docx: tệp Word có hơn 30.000 ô bảng" in page.get_data(as_text=True)


def test_busy_is_503_with_retry_after(app, browser_session, monkeypatch):
    def busy(*_args):
        raise Busy()

    monkeypatch.setattr(app.extensions["docgen.parse_workers"], "run", busy)
    response = browser_session.post("/api/import", json={"text": "KẾ HOẠCH"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert response.get_json()["errors"][0]["message"].startswith("Máy chủ đang bận đọc các tệp khác")
    page = browser_session.post("/plan/import", data={"text": "KẾ HOẠCH\nnội dung"})
    assert page.status_code == 503 and "KẾ HOẠCH\nnội dung" in page.get_data(as_text=True)


def test_a_bad_budget_setting_stops_the_app_with_a_message(tmp_path, monkeypatch):
    from docgen.web import ConfigError

    monkeypatch.setenv("DOCGEN_PARSE_SECONDS", "mười")
    with pytest.raises(ConfigError, match="DOCGEN_PARSE_SECONDS phải là một số dương .*không phải “mười”"):
        create_app({"TESTING": True, "SECRET_KEY": "test-secret", "JOBS_DIR": tmp_path / "jobs",
                    "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}"})
