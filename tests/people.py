"""The staff the drafts and review tests act as, in one list for the storage
tests (a database session) and the web tests (the app's database): unit A
has a drafter, a second drafter, a signing officer and an admin; unit B a
drafter and a signing officer."""

from __future__ import annotations

from pathlib import Path

from docgen.plan.files import load_plan
from docgen.storage.users import create_user

SAMPLE_001 = Path(__file__).resolve().parent.parent / "samples" / "001_cat_hai_mua_he_so.yaml"

PASSWORD = "mat-khau-du-dai"
UNIT_A, UNIT_B = "UBND xã Lộc Tấn", "UBND xã Lộc Hòa"
STAFF = {  # username -> (full name, role, unit)
    "an": ("Nguyễn Văn An", "drafter", UNIT_A),
    "binh": ("Trần Thị Bình", "drafter", UNIT_A),
    "chau": ("Lê Minh Châu", "signer", UNIT_A),
    "dung": ("Phạm Dũng", "admin", UNIT_A),
    "em": ("Hoàng Em", "drafter", UNIT_B),
    "giang": ("Đỗ Giang", "signer", UNIT_B),
}


def add_people(session) -> dict:
    """Every account of ``STAFF`` in the database of ``session``: username -> User."""
    return {username: create_user(session, username, name, role, unit, PASSWORD)
            for username, (name, role, unit) in STAFF.items()}


def own_plan() -> dict:
    """Sample 001 headed for unit A (UBND xã Lộc Tấn) and signed by its
    officer Lê Minh Châu, as the form would send it: a plan unit A's văn thư
    may issue without a warning, and chau's certificate may sign."""
    plan = load_plan(SAMPLE_001).model_dump(mode="json", exclude_none=True)
    plan["header"] = {**plan["header"], "issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ LỘC TẤN"],
                      "issuer_name": "Ủy ban nhân dân xã Lộc Tấn", "place": "Lộc Tấn"}
    plan["signer"] = {**plan["signer"], "name": "Lê Minh Châu"}
    return plan
