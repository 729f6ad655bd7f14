"""Random Unicode in every text field: the output is well-formed and holds the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.vietnamese import vn
from docgen.document.context import plain
from docgen.word import document_text, malformed_parts
from docgen.plan.model import Plan
from docgen.document.render import render_plan

SPECIAL = st.sampled_from([
    "{{ 7*7 }}", "{% if x %}", "{%p endfor %}", "{{r x }}", "&", "<", ">", '"', "'",
    "\x00", "\x0b", "\x0c", "\x1b", "\ufffe", "\u202e", "שלום", "مرحبا", "😀", "👩‍👩‍👧",
    "\r\n", "\t", "Hoà", "Ho\u0300a", "]]>", "<w:p>", "\\",
])
TEXT = st.lists(st.one_of(st.text(min_size=0, max_size=30), SPECIAL), max_size=12).map("".join)
LONG = st.just("Dài " + "ạ" * 10_000)
FIELD = st.one_of(TEXT, TEXT, TEXT, LONG).map(lambda s: "x" + s)


@st.composite
def plans(draw):
    f = lambda: draw(FIELD)  # noqa: E731
    data = {
        "header": {"parent_body": f(), "issuing_body": [f(), f()], "issuer_name": f(),
                   "place": f(), "date": {"year": 2024, "month": 2}},
        "subject": f(),
        "opening": [f(), f()],
        "campaign": {"name": f(), "area": f(), "days": 10},
        "sections": [{"title": f(), "blocks": [
            {"kind": "paragraph", "text": f()},
            {"kind": "heading", "title": f(), "text": f()},
            {"kind": "subheading", "title": f()},
            {"kind": "numbered", "text": f()},
            {"kind": "item", "label": f(), "text": f()},
            {"kind": "bullet", "text": f()},
            {"kind": "subbullet", "text": f()},
            {"kind": "unit", "name": f(), "requested": True, "tasks": [f(), f()]},
        ]}],
        "recipients": [{"name": f(), "purpose": f()}],
        "archive": "VT, " + f(),
        "signer": {"authority": [f()], "name": f()},
        "appendices": [{
            "title": f(), "subtitle": f(), "total_label": f(),
            "columns": [{"key": "unit", "title": f()}, {"key": "n", "title": f(), "type": "number"}],
            "rows": [{"unit": f(), "n": 3}],
        }],
    }
    return Plan.model_validate(data)


def squash(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_random_text_renders_well_formed_and_complete(plan):
    docx = render_plan(plan)
    assert malformed_parts(docx) == {}
    text = squash(document_text(docx))
    header = plan.header
    expected = [
        vn.upper_vn(header.parent_body), *(vn.upper_vn(x) for x in header.issuing_body),
        header.place, header.issuer_name, plain(plan.subject), *(plain(p) for p in plan.opening),
        plain(vn.upper_vn(plan.sections[0].title)), plan.recipients[0].name, plan.recipients[0].purpose,
        plan.archive, vn.upper_vn(plan.signer.authority[0]), plan.signer.name,
        vn.upper_vn(plan.appendices[0].title), plan.appendices[0].subtitle,
        plan.appendices[0].rows[0]["unit"],
    ]
    for block in plan.sections[0].blocks:
        for attr in ("text", "title", "label", "name"):
            value = getattr(block, attr, None)
            if value:
                expected.append(plain(value))
        for task in getattr(block, "tasks", []):
            expected.append(plain(task))
    for value in expected:
        assert squash(value) in text
