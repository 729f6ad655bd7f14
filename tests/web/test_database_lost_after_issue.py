"""PostgreSQL stopped (as a crash would) right after the văn thư's issue
commits: the number is given, and she is told so in Vietnamese (the issue's
answer, then the page that needs the database says it does not answer and
still shows what was done), never the server's English "Internal Server
Error"; once the database is back the page shows the number, given once.
The server is the test's own (``private_postgres``), run under waitress."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import event, func, select

from docgen.web import create_app
from docgen.storage import db, drafts
from docgen.storage.models import IssuedDocument
from docgen.storage.users import create_user

from ..people import PASSWORD, UNIT_A, own_plan

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def approved_draft(url: str) -> int:
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.make_sessionmaker(engine)() as session:
        an = create_user(session, "an", "Nguyễn Văn An", "drafter", UNIT_A, PASSWORD)
        chau = create_user(session, "chau", "Lê Minh Châu", "signer", UNIT_A, PASSWORD)
        create_user(session, "vy", "Trần Thị Vy", "registrar", UNIT_A, PASSWORD)
        draft = drafts.create_draft(session, an, own_plan())
        drafts.submit(session, an, draft.id)
        drafts.approve(session, chau, draft.id, confirmed=True)
        draft_id = draft.id
    engine.dispose()
    return draft_id


def issued_count(url: str) -> int:
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(IssuedDocument))
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("when", ["after the commit", "after the answer is made"])
def test_database_lost_right_after_an_issue(when, private_postgres, tmp_path, monkeypatch):
    import requests
    from waitress import create_server

    monkeypatch.setenv("DOCGEN_DB_TIMEOUT", "2")
    url = private_postgres.url
    draft_id = approved_draft(url)
    app = create_app({"SECRET_KEY": "s" * 40, "JOBS_DIR": tmp_path / "jobs", "DATABASE_URL": url})
    issuing = threading.Event()
    if when == "after the commit":
        @event.listens_for(app.extensions["docgen.db"], "after_commit")
        def stop_database(session):
            if issuing.is_set() and session.info.pop("issued", False):
                private_postgres.stop()

        @event.listens_for(app.extensions["docgen.db"], "after_flush")
        def note_issue(session, _context):
            if any(isinstance(row, IssuedDocument) for row in session.new):
                session.info["issued"] = True
    else:
        @app.after_request
        def stop_database(response):
            if issuing.is_set():
                private_postgres.stop()
            return response

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    try:
        clerk = requests.Session()
        token = CSRF.search(clerk.get(f"{base}/login").text).group(1)
        assert clerk.post(f"{base}/login", allow_redirects=False,
                          data={"username": "vy", "password": PASSWORD, "csrf_token": token}).status_code == 302
        review = clerk.get(f"{base}/drafts/{draft_id}/review")
        token = CSRF.search(review.text).group(1)

        issuing.set()
        answer = clerk.post(f"{base}/drafts/{draft_id}/issue", allow_redirects=False,
                            data={"csrf_token": token, "confirm": "1"})
        issuing.clear()
        assert "Internal Server Error" not in answer.text
        assert answer.status_code == 302, answer.text[:500]
        assert answer.headers["Location"].endswith(f"/drafts/{draft_id}/review")

        page = clerk.get(f"{base}/drafts/{draft_id}/review")  # the database is still down
        assert page.status_code == 503
        assert "Internal Server Error" not in page.text
        assert "Đã ban hành văn bản số 01/KH-UBND ngày" in page.text  # what was done
        assert "Cơ sở dữ liệu đang không trả lời" in page.text and "hãy thử lại sau ít phút" in page.text

        private_postgres.start()
        page = clerk.get(f"{base}/drafts/{draft_id}/review")
        assert page.status_code == 200
        assert 'id="issued-number">01/KH-UBND<' in page.text
        assert issued_count(url) == 1  # given once
    finally:
        server.close()
