"""The batch form takes the parent plan as a Word file (.docx), and a Word
provincial plan as the units source: read by the importer, its warnings
kept with the job and shown on its page."""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen.plan.files import load_plan
from docgen.document.render import render_plan
from docgen.word import document_text

from ..batch.helpers import PROVINCIAL, TEMPLATE_HUYEN, TEMPLATE_XA, UNITS_CSV
from ..importing import foreign
from .batch_accounts import Clerk, add_clerks
from .test_batch_pages import post_batch, wait_done


@pytest.fixture
def clerk(app):
    add_clerks(app)
    return Clerk(app, "lo.an")


def _run(clerk, **files) -> tuple[str, zipfile.ZipFile]:
    response = post_batch(clerk, **files)
    assert response.status_code == 303, response.get_data(as_text=True)
    job_page = response.headers["Location"]
    status = wait_done(clerk.client, "/api/batch/" + job_page.rstrip("/").rsplit("/", 1)[1])
    assert status["state"] == "done", status
    archive = zipfile.ZipFile(io.BytesIO(clerk.client.get(status["download"]).data))
    return clerk.client.get(job_page).get_data(as_text=True), archive


def test_the_form_offers_a_parent_plan_in_word(clerk):
    page = clerk.client.get("/batch").get_data(as_text=True)
    assert 'name="parent"' in page and 'accept=".yaml,.yml,.json,.docx"' in page


def test_a_word_parent_names_the_parent_in_every_plan_and_its_warnings_are_shown(clerk):
    page, archive = _run(clerk, template=(io.BytesIO(TEMPLATE_XA.read_bytes()), "mau-xa.yaml"),
                         units=(io.BytesIO(UNITS_CSV.read_bytes()), "don-vi.csv"),
                         parent=(io.BytesIO(foreign.signature_in_two_rows()), "kh-huyen.docx"))
    documents = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(documents) == 4
    for name in documents:
        assert "Thực hiện Kế hoạch số 15/KH-UBND ngày 05/3/2026 của" in document_text(archive.read(name))
    assert 'id="batch-warnings"' in page and "kh-huyen.docx: đoạn " in page and "(Đã ký)" in page


def test_a_word_provincial_plan_as_units_source(clerk):
    provincial = render_plan(load_plan(PROVINCIAL))
    page, archive = _run(clerk, template=(io.BytesIO(TEMPLATE_HUYEN.read_bytes()), "mau-huyen.yaml"),
                         units=(io.BytesIO(provincial), "kh-tinh.docx"))
    documents = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(documents) == 17
    assert 'id="batch-warnings"' not in page


def test_a_word_parent_that_cannot_be_read_is_reported_and_the_other_files_kept(clerk):
    response = post_batch(clerk, template=(io.BytesIO(TEMPLATE_XA.read_bytes()), "mau-xa.yaml"),
                          units=(io.BytesIO(UNITS_CSV.read_bytes()), "don-vi.csv"),
                          parent=(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "kh-cu.doc"))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "kh-cu.doc: không nhập được: tệp Word cũ (.doc)" in text
    assert "Đã giữ tệp: mau-xa.yaml" in text and "Đã giữ tệp: kh-cu.doc" in text
