"""The lists the editor offers and names things from, as the page carries
them (``#vocabulary``, read by static/js/vocabulary.js): the kinds of body
block, the column types and formulas of an appendix, the section numerals,
the signing-authority patterns, and the document types a clerk starts a new
document of; and the document's own type as the editor needs it
(``#doc-type``: its form's groups, labels, examples and block kinds). Each
is read here from its one table (``docgen.plan.model``,
``docgen.vietnamese.vn.roman``, ``docgen.vietnamese.authority``,
``docgen.doctypes``) when a page is made; the browser keeps no copy."""

from __future__ import annotations

from . import marks, model
from .. import doctypes
from ..vietnamese import vn
from ..vietnamese.authority import AUTHORITY_PATTERNS

# Sections the editor names by numeral (Mục I … Mục C); a plan with more
# names the rest by their Arabic number.
SECTION_NUMERALS = 100


def editor_lists() -> dict:
    return {
        "blocks": [
            {"kind": kind.key, "name": kind.name, "fields": list(kind.fields),
             "start": {"kind": kind.key, **kind.start}, "then": kind.then or kind.key}
            for kind in model.BLOCK_KINDS
        ],
        "column_types": [{"key": kind.key, "name": kind.name} for kind in model.COLUMN_TYPES],
        "formulas": [
            {"key": formula.key, "name": formula.name, "operands": list(formula.operands),
             "shown": formula.shown, "shown_percent": formula.shown_percent or formula.shown,
             "result": formula.result}
            for formula in model.FORMULAS
        ],
        "numerals": [vn.roman(n) for n in range(1, SECTION_NUMERALS + 1)],
        "authority_patterns": [{"key": p.key, "name": p.name, "lines": list(p.lines)} for p in AUTHORITY_PATTERNS],
        "types": [{"key": t.key, "name": t.name, "noun": t.noun} for t in doctypes.standalone()],
        "doc_types": {t.key: editor_type(t) for t in doctypes.ALL.values()},
        "default_type": doctypes.DEFAULT,
        "marks": marks.editor_marks(),
    }


def editor_type(doc_type: doctypes.DocumentType) -> dict:
    """The document's type as the editor's form follows it (``#doc-type``):
    the groups it shows, the labels and examples that differ for the type,
    the block kinds of its sections and articles, its "Kính gửi", and the
    types it may issue as an attached text."""
    return {
        "key": doc_type.key, "name": doc_type.name, "noun": doc_type.noun,
        "groups": list(doc_type.editor_groups),
        "labels": dict(doc_type.labels), "examples": dict(doc_type.examples),
        "symbol": doc_type.default_symbol, "subject_prefix": doc_type.subject_prefix,
        "addressees": doc_type.addressees,
        "section_kinds": list(model.part_kinds(doc_type.block_kinds)), "article_kinds": list(doctypes.ARTICLE_BLOCKS),
        "chapters": doc_type.section_style == "chapter",
        "attached": [{"key": t.key, "name": t.name, "section_kinds": list(model.part_kinds(t.block_kinds)),
                      "chapters": t.section_style == "chapter"}
                     for t in (doctypes.get(key) for key in doc_type.attached)],
    }
