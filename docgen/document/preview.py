"""Plan -> HTML preview, in the document's own order and from the same
template context as the Word document (``build_context``), so the preview
shows what the .docx will say: header block with the motto, KẾ HOẠCH, the
subject, the body, recipients beside the signer, the appendix tables.

Body text arrives from the context as WordprocessingML runs; they are read
back (bold, italic, line breaks, tabs) rather than re-parsing the plan's
inline markup, so there is one reading of ``**đậm**`` and ``*nghiêng*``.
"""

from __future__ import annotations

from jinja2 import PackageLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from .context import build_context
from ..base.memo import short_text_cache
from ..plan.model import Plan

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@short_text_cache
def runs_html(runs: str) -> Markup:
    """WordprocessingML runs (``<w:r>…``) as HTML: ``<strong>``, ``<em>``,
    ``<br>``; every text is escaped."""
    root = etree.fromstring(f'<w:p xmlns:w="{W}">{runs}</w:p>'.encode("utf-8"))
    out: list[str] = []
    for run in root.iter(f"{{{W}}}r"):
        bold = run.find(f"{{{W}}}rPr/{{{W}}}b") is not None
        italic = run.find(f"{{{W}}}rPr/{{{W}}}i") is not None
        for node in run:
            if node.tag == f"{{{W}}}t":
                text = str(escape(node.text or ""))
                if italic:
                    text = f"<em>{text}</em>"
                if bold:
                    text = f"<strong>{text}</strong>"
                out.append(text)
            elif node.tag == f"{{{W}}}br":
                out.append("<br>")
            elif node.tag == f"{{{W}}}tab":
                out.append('<span class="tab">\t</span>')
    return Markup("".join(out))


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=PackageLoader("docgen", "templates_html"),  # the core's own HTML, not the web app's
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        auto_reload=False,  # the template is read once, not looked up on disk for every preview
    )
    env.filters["runs_html"] = runs_html
    return env


_ENV = _environment()


def preview_html(plan: Plan) -> str:
    """The whole plan as an HTML fragment (no scripts, no inline styles)."""
    context = build_context(plan)
    return _ENV.get_template("preview.html").render(
        **context, national_name=NATIONAL_NAME, motto=MOTTO
    )
