"""A Quyết định goes the whole way, as a plan does: drafted, submitted,
reviewed and approved, issued by the văn thư (the next number of its
QĐ-UBND sequence, the number and date in its header and in the "(Kèm theo
Quyết định số …)" line of the plan it issues), registered as a Quyết định,
signed by its signer and then by the organisation; both signatures verify."""

from __future__ import annotations

import io
import re

import docx
import pytest

from docgen import pdf
from docgen.plan.files import load_plan
from docgen.signing.verify import verify_pdf
from docgen.vietnamese.dates import vietnam_today

from ..people import UNIT_A
from .test_drafts_api import CONFIRM, create
from .test_signing_pages import ROOT, login  # noqa: F401 (fixture)


def own_decision() -> dict:
    """The Quyết định sample headed for unit A (UBND xã Lộc Tấn), signed by
    its officer Lê Minh Châu, as the form would send it."""
    plan = load_plan(ROOT / "samples" / "types" / "quyet_dinh_gia_lai_ban_hanh_ke_hoach.yaml").model_dump(
        mode="json", exclude_none=True)
    plan["header"] = {**plan["header"], "issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ LỘC TẤN"],
                      "issuer_name": "Ủy ban nhân dân xã Lộc Tấn", "place": "Lộc Tấn"}
    del plan["header"]["number"], plan["header"]["date"]["day"]
    plan["decider"] = "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LỘC TẤN"
    plan["signer"] = {"authority": ["CHỦ TỊCH"], "name": "Lê Minh Châu"}
    return plan


def lines(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    cells = [p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return [p.text.strip() for p in list(document.paragraphs) + cells if p.text.strip()]


@pytest.mark.slow
@pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")
def test_a_decision_is_reviewed_issued_registered_and_signed_twice(app, login, test_ca, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(test_ca))
    an, chau, vy = login("an"), login("chau"), login("vy")
    draft = create(an, own_decision())
    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    review = chau.get(f"/drafts/{draft}/review").get_data(as_text=True)
    assert "QUYẾT ĐỊNH" in review and "Điều 3." in review  # the reviewer reads the decision
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    assert vy.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 302

    page = vy.get(f"/drafts/{draft}/review").get_data(as_text=True)
    entry = int(re.search(r"/register/(\d+)/download\.docx", page).group(1))
    issued = lines(vy.get(f"/register/{entry}/download.docx").data)
    today = vietnam_today()
    assert "Số: 01/QĐ-UBND" in issued
    long_date = f"ngày {today.day:02d} tháng {today.month if today.month > 2 else f'{today.month:02d}'} năm {today.year}"
    assert f"(Kèm theo Quyết định số 01/QĐ-UBND {long_date} của Ủy ban nhân dân xã Lộc Tấn)" in issued

    register = vy.get("/register").get_data(as_text=True)
    row = re.search(r'<tr id="entry-%d".*?</tr>' % entry, register, re.S).group(0)
    assert 'data-number="01/QĐ-UBND"' in row and '<span class="entry-type">Quyết định</span>' in row

    chau.post_form(f"/register/{entry}/sign")
    vy.post_form(f"/register/{entry}/seal")
    sealed = an.get(f"/register/{entry}/organisation.pdf")
    assert sealed.status_code == 200
    reports = verify_pdf(sealed.data)
    organisation = UNIT_A.replace("UBND", "Ủy ban nhân dân")  # its certificate's name
    assert [(report.signer, report.ok) for report in reports if not report.timestamp] == [
        ("Lê Minh Châu", True), (organisation, True)]
