"""The user guide (/huong-dan): it opens, in Vietnamese, for anyone; every
page of the app links to the guide's section about it from its top bar; the
guide shows exactly the pictures the browser tests take
(tests/web/test_browser_guide.py), and they are there."""

from __future__ import annotations

import re
import struct

from docgen.web.database import database
from docgen.web.guide import GUIDE_SECTIONS

from ..people import add_people
from .batch_accounts import Clerk
from .test_browser_guide import CLERK_SHOTS, SHOTS, WORKFLOW_SHOTS
from .test_security import _html_pages

ROLES = {"chuyen-vien": "Chuyên viên", "lanh-dao": "Lãnh đạo", "van-thu": "Văn thư", "quan-tri": "Quản trị"}


def ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_the_guide_opens_in_vietnamese_for_anyone(client):
    response = client.get("/huong-dan")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<html lang="vi">' in html and "<title>Hướng dẫn sử dụng" in html
    sections = ids(html)
    for section, title in ROLES.items():
        assert section in sections
        assert re.search(rf'id="{section}">\s*<h2 class="guide-part-title">{title}', html), section
    for words in ("Lưu bản nháp", "Trình ký", "Duyệt phiên bản", "Trả lại kèm ý kiến", "Ban hành và cấp số",
                  "Ký số cơ quan và phát hành", "Sổ văn bản đi", "Dán từ Excel", "Mở từ file Word", "docs/operator.md"):
        assert words in html, words
    # The table of contents leads somewhere.
    assert {target for target in re.findall(r'href="#([^"]+)"', html)} <= sections


def test_every_section_a_page_names_is_in_the_guide(client):
    sections = ids(client.get("/huong-dan").get_data(as_text=True))
    assert {section for section in GUIDE_SECTIONS.values() if section} <= sections


def test_every_page_links_to_its_section_of_the_guide(app, sample_plans):
    """The top bar's "Hướng dẫn" of every page leads to the guide's section
    about that page; a new page needs its section (GUIDE_SECTIONS)."""
    with app.app_context():
        add_people(database())
    drafter, signer, admin = Clerk(app, "an"), Clerk(app, "chau"), Clerk(app, "dung")
    anonymous = app.test_client()
    created = drafter.client.post("/api/drafts", json={"plan": sample_plans["004"]},
                                  headers={"X-CSRF-Token": drafter.token})
    draft_id = created.get_json()["id"]
    endpoints = {rule.rule: rule.endpoint for rule in app.url_map.iter_rules()}
    visitors = {"/login": anonymous, "/drafts/<id:draft_id>/review": signer, "/audit": admin}
    sections = ids(anonymous.get("/huong-dan").get_data(as_text=True))
    for rule in sorted(_html_pages(app)):
        endpoint = endpoints[rule]
        assert endpoint in GUIDE_SECTIONS, f"{rule} ({endpoint}) has no section in the guide: add it to GUIDE_SECTIONS"
        url = rule.replace("<sample_id>", "002").replace("<id:draft_id>", str(draft_id))
        html = visitors.get(rule, drafter).get(url).get_data(as_text=True)
        link = re.search(r'<a class="topbar-link guide-link" id="guide-link" href="([^"]+)"', html)
        assert link, f"{url} has no “Hướng dẫn” in its top bar"
        href = link.group(1)
        section = GUIDE_SECTIONS[endpoint]
        assert href == "/huong-dan" + (f"#{section}" if section else ""), (url, href)
        assert not section or section in sections, (url, section)
    assert "Hướng dẫn" in anonymous.get("/nowhere").get_data(as_text=True)  # the error page too


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_guide_shows_the_pictures_the_browser_tests_take(client):
    html = client.get("/huong-dan").get_data(as_text=True)
    shown = re.findall(r'<img src="/static/guide/([^"]+)"', html)
    assert len(shown) == len(set(shown))
    assert set(shown) == set(CLERK_SHOTS) | set(WORKFLOW_SHOTS)
    for name in shown:
        width, height = _png_size((SHOTS / name).read_bytes())
        assert width >= 400 and height >= 100, name
        assert client.get(f"/static/guide/{name}").status_code == 200
