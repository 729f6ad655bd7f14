"""Quyết định (decision): Decree 30, Appendix III, Mẫu 1.2 (direct) and 1.3
(issuing or approving an attached text): the title QUYẾT ĐỊNH and the
subject, the issuing authority in capitals, the bases ("Căn cứ …;", "Theo đề
nghị của …."), "QUYẾT ĐỊNH:", the articles "Điều 1." …, recipients from "Như
Điều 3;" (nd30-types.md, 5.2 and 5.3). The attached text (a Kế hoạch, Quy
chế or Quy định) follows in the same file with its own title and its
"(Kèm theo Quyết định số … ngày … của …)" line."""

from .base import DocumentType

QUYET_DINH = DocumentType(
    key="quyet_dinh",
    rank=40,
    name="Quyết định",
    title="QUYẾT ĐỊNH",
    symbol_prefix="QĐ",
    layout="decision",
    appendices=False,
    campaign=False,
    decider=True,
    parts=("opening", "articles"),
    attached=("ke_hoach", "quy_che", "quy_dinh"),
    bases=True,
    decision_line="QUYẾT ĐỊNH:",
    executing_words=("thi hành Quyết định này",),
    checks=("articles",),
    labels={"opening": "Căn cứ ban hành", "opening.*": "Căn cứ {n}"},
    examples={"subject": "Ban hành Kế hoạch thực hiện …", "opening.*": "Căn cứ Luật Tổ chức chính quyền địa "
              "phương ngày 19 tháng 6 năm 2015", "decider": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …"},
)
