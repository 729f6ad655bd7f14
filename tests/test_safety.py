"""User text is data: escaped, cleaned of control characters, never run as a template."""

from __future__ import annotations

import io

from docx import Document

from docgen.word import document_text, malformed_parts
from docgen.plan.model import Plan
from docgen.document.render import render_plan


def minimal(**changes) -> dict:
    plan = {
        "header": {"issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ THỬ NGHIỆM"], "place": "Thử Nghiệm",
                   "date": {"year": 2025, "month": 3, "day": 5}},
        "subject": "Thử nghiệm",
        "opening": ["Căn cứ thử nghiệm;"],
        "sections": [{"title": "MỤC ĐÍCH", "blocks": ["Nội dung."]}],
        "recipients": [{"name": "UBND huyện"}],
        "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Nguyễn Văn A"},
    }
    plan.update(changes)
    return plan


def render_text(**changes) -> tuple[bytes, str]:
    docx = render_plan(Plan.model_validate(minimal(**changes)))
    assert malformed_parts(docx) == {}
    return docx, document_text(docx)


def test_xml_special_characters_are_escaped():
    nasty = "Tôm & cá <b>đậm</b> \"trích\" 'đơn' ]]> &amp; &lt;hết&gt"
    _, text = render_text(subject=nasty, opening=[nasty], recipients=[{"name": nasty}])
    assert text.count(nasty) == 3  # subject, opening, recipient
    assert f"- {nasty};" in text


def test_template_syntax_in_user_text_stays_literal():
    tricky = "{{ 7*7 }} {% if true %}X{% endif %} {# c #} {{r x }} {%p if 1 %} {_{ }_}"
    _, text = render_text(opening=[tricky], subject=tricky)
    assert tricky in text
    assert "49" not in text


def test_control_characters_are_cleaned():
    pasted = "Dòng một\x0bdòng hai\x00\x01\x08\x0c\x1f\r\nDòng ba\ufffe"
    docx, text = render_text(opening=[pasted])
    assert "Dòng một\ndòng hai\nDòng ba" in text
    doc = Document(io.BytesIO(docx))
    assert any("Dòng một" in p.text for p in doc.paragraphs)


def test_decomposed_unicode_is_normalised_to_nfc():
    decomposed = "Ho\u0300a"  # "Hòa" typed with a combining accent
    _, text = render_text(opening=[decomposed])
    assert "Hòa" in text and decomposed not in text


def test_markup_asterisks_can_be_escaped():
    _, text = render_text(opening=[r"5 \* 3 = 15 và **đậm**"])
    assert "5 * 3 = 15 và đậm" in text
