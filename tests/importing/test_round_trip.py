"""Round trip: every sample plan -> render -> read back -> parse gives the
sample's plan again, every block, compared as data (tests/importing/compare.py).

Read back two ways: through the Word reader (docgen.importing.from_docx, the
other branch of issue 12; skipped only while that module is absent), and
through a quick adapter over python-docx (tests/importing/docx_text.py)
that checks the parser on its own."""

from __future__ import annotations

import importlib.util

import pytest

from docgen.importing.parse import parse_source

from ..conftest import SAMPLES, sample_id
from .compare import comparable, differences
from .docx_text import docx_source

NUMBERS = [sample_id(p) for p in SAMPLES]
HAVE_WORD_READER = importlib.util.find_spec("docgen.importing.from_docx") is not None


def _round_trip(plan, source):
    result = parse_source(source)
    return differences(comparable(plan), comparable(result.plan)), result


@pytest.mark.parametrize("number", NUMBERS)
def test_round_trip_through_the_documents_text(rendered, plans, number):
    found, result = _round_trip(plans[number], docx_source(rendered[number]))
    assert found == []
    # what the document does not print is inferred, never invented silently
    assert all(w.paragraph >= 0 and w.message for w in result.warnings)


@pytest.mark.skipif(not HAVE_WORD_READER, reason="docgen.importing.from_docx (branch i12-reader) not merged yet")
@pytest.mark.parametrize("number", NUMBERS)
def test_round_trip_through_the_word_reader(rendered, plans, number):
    from docgen.importing.from_docx import read_docx

    found, _ = _round_trip(plans[number], read_docx(rendered[number]))
    assert found == []


@pytest.mark.parametrize("number", NUMBERS)
def test_round_trip_keeps_the_campaign_the_text_states(rendered, plans, number):
    """The campaign is not printed as such; what the text says of it comes back."""
    expected = plans[number].campaign
    imported = parse_source(docx_source(rendered[number])).plan.campaign
    assert expected is not None and imported is not None
    if expected.days:
        assert imported.days == expected.days
    assert imported.end == expected.end
    if expected.start:
        assert imported.start == expected.start


def test_the_comparison_sees_a_changed_block(rendered, plans):
    """The round trip's measure is not blind: one word changed is a difference."""
    plan = plans["002"]
    changed = plan.model_copy(deep=True)
    changed.sections[0].blocks[0].text = changed.sections[0].blocks[0].text.replace("Đẩy mạnh", "Tăng cường")
    assert differences(comparable(plan), comparable(changed)) != []
