"""Whether a document runs over one page, told without laying it out;
checked against LibreOffice's page counts of the test corpus."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from docgen.checks.page_count import more_than_one_page
from docgen.word import read_word

from ..importing import foreign

TEXT = "Nội dung kế hoạch được trình bày đầy đủ trong đoạn văn này, mỗi đoạn vài dòng. " * 3


def _document(paragraphs: int, *, page_break: bool = False, section: WD_SECTION | None = None) -> bytes:
    document = docx.Document()
    for index in range(paragraphs):
        document.add_paragraph(TEXT)
        if index == 0 and page_break:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if index == 0 and section is not None:
            document.add_section(section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("shape, many", [
    ({"paragraphs": 3}, False),
    ({"paragraphs": 40}, True),
    ({"paragraphs": 2, "page_break": True}, True),
    ({"paragraphs": 2, "section": WD_SECTION.NEW_PAGE}, True),
    ({"paragraphs": 2, "section": WD_SECTION.CONTINUOUS}, False),
], ids=["short", "long", "page break", "new-page section", "continuous section"])
def test_more_than_one_page(shape, many):
    assert more_than_one_page(read_word(_document(**shape))) == many


@pytest.mark.slow
@pytest.mark.parametrize("name", ["direct_formatting", "appendix_only", "header_as_paragraphs"])
def test_the_estimate_agrees_with_libreoffice(name):
    from docgen import pdf

    if not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    data = foreign.BUILDERS[name]()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.docx_to_pdf(data, timeout=180)))
    assert more_than_one_page(read_word(data)) == (pages > 1)
