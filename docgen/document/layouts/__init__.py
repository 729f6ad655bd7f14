"""The layout families of Decree 30 (Appendix III), one module each: what a
family prints beyond the parts every document has (header, body, Nơi nhận,
signer, appendices), as template context. Each family has its Word template,
``templates_docx/<family>.docx``, built from the template's parts by
``templates_docx/build_template.py``.

- ``titled`` (Mẫu 1.4, 1.7): the title line and the subject under the header
  (Kế hoạch, Báo cáo, Tờ trình, Thông báo, Giấy mời);
- ``letter`` (Mẫu 1.5): no title line, "V/v …" under the number (Công văn);
- ``decision`` (Mẫu 1.2, 1.3): title and subject, the authority line, the
  bases, "QUYẾT ĐỊNH:", the articles, and the text it issues (Quyết định).
"""

from __future__ import annotations

from types import ModuleType

from ... import doctypes
from ...plan.model import Plan
from . import decision, letter, titled

FAMILIES: dict[str, ModuleType] = {"titled": titled, "letter": letter, "decision": decision}


def layout_context(plan: Plan, doc_type: doctypes.DocumentType, common: dict) -> dict:
    """What the type's family adds to the ``common`` context."""
    return FAMILIES[doc_type.layout].context(plan, doc_type, common)
