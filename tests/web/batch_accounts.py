"""Accounts for the batch tests: clerks of two units, logged in through the
real login form (Flask client), or created in the live server's database."""

from __future__ import annotations

import re

from docgen.storage import db
from docgen.storage.errors import UserError
from docgen.storage.users import create_user
from docgen.web.database import database

PASSWORD = "mat-khau-du-dai"
UNIT_A, UNIT_B = "UBND huyện Lộc Ninh", "UBND huyện Bù Đốp"
# username -> (full name, role, unit)
CLERKS = {
    "lo.an": ("Nguyễn Văn An", "drafter", UNIT_A),
    "lo.chau": ("Lê Minh Châu", "signer", UNIT_A),
    "lo.giang": ("Đỗ Giang", "drafter", UNIT_B),
}
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


def add_clerks(app) -> None:
    with app.app_context():
        for username, (name, role, unit) in CLERKS.items():
            create_user(database(), username, name, role, unit, PASSWORD)


def add_live_clerks(live_server) -> None:
    """The clerks in the live server's database (once per test session)."""
    engine = db.make_engine(live_server.app.config["DATABASE_URL"])
    db.ensure_schema(engine, auto=True)
    with db.make_sessionmaker(engine)() as session:
        for username, (name, role, unit) in CLERKS.items():
            try:
                create_user(session, username, name, role, unit, PASSWORD)
            except UserError:  # another module of this session made them
                session.rollback()
    engine.dispose()


class Clerk:
    """A browser of one logged-in clerk: a Flask client with a session and
    that session's CSRF token."""

    def __init__(self, app, username: str):
        self.client = app.test_client()
        token = TOKEN.search(self.client.get("/login").get_data(as_text=True)).group(1)
        response = self.client.post("/login", data={"username": username, "password": PASSWORD,
                                                    "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)
        self.token = TOKEN.search(self.client.get("/batch").get_data(as_text=True)).group(1)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)
