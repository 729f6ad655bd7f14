"""Plan -> .docx bytes through the docxtpl template in templates_docx/ that
the plan's document type names (docgen.doctypes).

docxtpl's own ``render`` re-opens, re-patches and re-compiles the template on
every call and keeps per-render state on the DocxTemplate object. Here the
template is opened and patched once (docxtpl's ``patch_xml`` turns its
``{%p %}``/``{{r }}`` tags into plain Jinja), compiled once with autoescape
and StrictUndefined, and every render only evaluates the compiled template,
writes the body as lxml would (:mod:`docgen.word.document_xml`) and a new ZIP.
The compiled template is immutable and safe to share between threads; no
DocxTemplate outlives :class:`CompiledTemplate`'s constructor.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from .. import doctypes
from .context import build_context
from ..word.document_xml import BodyWriter
from ..word.docx_package import DocxPackage
from ..plan.model import Plan
from ..base.package_data import WORD_TEMPLATES

TEMPLATE_PATH = WORD_TEMPLATES / doctypes.get(None).template_name  # the default type's (Kế hoạch)
CORE_PART = "docProps/core.xml"
DOCUMENT_PART = "word/document.xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def jinja_environment() -> SandboxedEnvironment:
    """The Word template's environment: autoescaped and sandboxed, as every
    template docgen renders (the plan's text reaches it only as values)."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


class CompiledTemplate:
    """A Word template, patched and compiled once, rendered many times."""

    def __init__(self, path: Path = TEMPLATE_PATH, title: str | None = None) -> None:
        data = Path(path).read_bytes() if isinstance(path, str) else path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self._parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
        if title is not None:  # a family's template serves each type of the family under its own title
            self._parts = [(name, _titled_core(blob, title) if name == CORE_PART else blob)
                           for name, blob in self._parts]
        document = dict(self._parts)[DOCUMENT_PART].decode("utf-8")
        start = document.index("<w:body")
        self._prefix = document[:start].encode("utf-8")
        self._suffix = document[document.index("</w:body>") + len("</w:body>"):].encode("utf-8")
        docx_template = DocxTemplate(io.BytesIO(data))
        docx_template.init_docx()
        source = _spanned_cells(docx_template.patch_xml(docx_template.get_xml()))
        self._body = jinja_environment().from_string(source)
        self._writer = BodyWriter(source)
        self._package = DocxPackage(self._parts, DOCUMENT_PART)

    def render_document_xml(self, context: dict) -> bytes:
        rendered = self._body.render(context)
        body = self._writer.write(rendered)
        if body is None:  # what the byte operations do not handle: lxml itself
            body = lxml_round_trip(rendered).encode("utf-8")
        return self._prefix + body + self._suffix

    def render(self, context: dict) -> bytes:
        """A new .docx: only ``document.xml`` is rendered and compressed; the
        other parts were compressed once (:mod:`docgen.word.docx_package`)."""
        return self._package.pack(self.render_document_xml(context))


# docxtpl's ``{% colspan n %}`` writes <w:gridSpan> first in the cell's
# properties, before the <w:tcW> the schema puts ahead of it, and leaves the
# width of one grid column. The patched template gets both right: the width
# follows the span.
_COLSPAN = re.compile(r'<w:tcPr>(<w:gridSpan w:val="\{\{(?P<span>[^}]+)\}\}"/>)'
                      r'<w:tcW w:type="dxa" w:w="(?P<width>\d+)"/>')


def _spanned_cells(source: str) -> str:
    return _COLSPAN.sub(lambda m: f'<w:tcPr><w:tcW w:type="dxa" w:w="{{{{ ({m["span"]}) * {m["width"]} }}}}"/>'
                                  f'{m.group(1)}', source)


def lxml_round_trip(rendered: str) -> str:
    """The rendered body parsed, its final section folded, written again
    (what :func:`docgen.word.document_xml.as_lxml_writes` gives faster)."""
    body = etree.fromstring(rendered.encode("utf-8"))
    _fold_final_section(body)
    return etree.tostring(body, encoding="unicode")


def _fold_final_section(body: etree._Element) -> None:
    """Word keeps a section's properties in the paragraph that ends it and the
    last section's in the body. The template ends every appendix with a break
    paragraph; the last one's properties become the body's, so no empty
    section (and blank page) trails the document."""
    children = list(body)
    if len(children) < 2:
        return
    final, last = children[-1], children[-2]
    if final.tag != f"{{{W}}}sectPr" or last.tag != f"{{{W}}}p":
        return
    sect_pr = last.find(f"{{{W}}}pPr/{{{W}}}sectPr")
    if sect_pr is None or last.find(f".//{{{W}}}t") is not None:
        return
    body.remove(last)
    body.replace(final, sect_pr)


def _titled_core(core: bytes, title: str) -> bytes:
    """The package's core properties with ``title`` as the document's title."""
    root = etree.fromstring(core)
    found = root.find("{http://purl.org/dc/elements/1.1/}title")
    if found is None:
        return core
    found.text = title
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def document_title(doc_type: doctypes.DocumentType) -> str:
    """The .docx's title property: ``Công văn (mẫu Nghị định 30/2020/NĐ-CP)``."""
    return f"{doc_type.name} (mẫu Nghị định 30/2020/NĐ-CP)"


def template_path(doc_type: doctypes.DocumentType):
    """A type's Word template: its family's (``titled.docx``) or its own,
    a file name in templates_docx/ or an absolute path (a type defined
    outside the package, e.g. by a test)."""
    named = Path(doc_type.template_name)
    return named if named.is_absolute() else WORD_TEMPLATES / named


@functools.lru_cache(maxsize=None)
def _compiled(path, title: str) -> CompiledTemplate:
    return CompiledTemplate(path, title)


def template_for(doc_type: doctypes.DocumentType) -> CompiledTemplate:
    """The type's template, compiled once per process and type."""
    return _compiled(template_path(doc_type), document_title(doc_type))


def default_template() -> CompiledTemplate:
    return template_for(doctypes.get(None))


def render_plan(plan: Plan, template: CompiledTemplate | None = None, *, draft_mark: bool = False) -> bytes:
    """The plan as .docx bytes with its type's template; ``draft_mark`` adds
    the boxed "DỰ THẢO" on page 1."""
    template = template or template_for(doctypes.for_plan(plan))
    return template.render(build_context(plan, draft_mark=draft_mark))
