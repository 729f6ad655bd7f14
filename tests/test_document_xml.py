"""The body written by byte operations (``docgen.word.document_xml``) is the
body lxml writes after its round trip, byte for byte: on every sample, with
and without the DỰ THẢO mark, both batch examples, random text in every
field, and the cases the byte operations leave to lxml."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from docgen.batch import derive_plan, load_template, read_units, units_from_appendix
from docgen.document.context import build_context
from docgen.plan.files import load_plan
from docgen.document.render import default_template, lxml_round_trip

from .test_property import plans

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def both(context: dict) -> tuple[bytes | None, bytes]:
    template = default_template()
    rendered = template._body.render(context)
    return template._writer.write(rendered), lxml_round_trip(rendered).encode("utf-8")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("draft_mark", [False, True])
def test_every_sample_is_written_as_lxml_writes_it(path, draft_mark):
    fast, lxml = both(build_context(load_plan(path), draft_mark=draft_mark))
    assert fast is not None, "a sample fell back to lxml"
    assert fast == lxml


def test_every_unit_of_both_batch_examples_is_written_as_lxml_writes_it():
    xa = load_template(ROOT / "samples" / "batch" / "template_xa.yaml")
    units = read_units("don_vi_mau.csv", (ROOT / "samples" / "batch" / "don_vi_mau.csv").read_bytes())
    huyen = load_template(ROOT / "samples" / "batch" / "template_huyen.yaml")
    provincial = units_from_appendix(load_plan(ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"))
    plans_ = [derive_plan(xa, unit).plan for unit in units.units]
    plans_ += [derive_plan(huyen, unit).plan for unit in provincial.units]
    assert len(plans_) > 10 and None not in plans_
    for plan in plans_:
        fast, lxml = both(build_context(plan))
        assert fast is not None and fast == lxml


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_random_text_is_written_as_lxml_writes_it(plan):
    """Quotes, ampersands, markup-like text, emoji, right-to-left text…;
    what the byte operations do not handle goes to lxml (None)."""
    fast, lxml = both(build_context(plan))
    assert fast is None or fast == lxml


@pytest.mark.parametrize("text", ['"Quoted" and \'single\' & <tags>', "a\rb", "x\ufffey", "[[\x0b]]"])
def test_quotes_are_written_plain_and_the_rest_left_to_lxml(text):
    plan = load_plan(SAMPLES[2])
    plan = plan.model_copy(update={"subject": text})
    context = build_context(plan)
    rendered = default_template()._body.render(context)
    fast = default_template()._writer.write(rendered)
    if text.startswith('"'):
        assert fast == lxml_round_trip(rendered).encode("utf-8")
        assert b'"Quoted" and \'single\' &amp; &lt;tags&gt;' in fast
    else:
        assert fast is None  # lxml decides: it reads \r as \n, refuses the others
