"""Test documents in the shapes offices really send, made up for docgen
(never copied from documents found elsewhere), each with the facts an
import must give: texts as a web page or a PDF flattens them (``texts/``,
their facts in ``texts/facts.yaml``) and Word files typed the ways offices
type them (:mod:`.word_files`, built at test time from :mod:`.contents`).

A Word file also lists its real deviations from Decree 30: the codes of
``docgen check`` findings it deserves; any other finding is a false alarm.

    from tests.importing.corpus import DOCUMENTS
    for document in DOCUMENTS: document.data(), document.facts
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from . import contents, word_files

TEXTS = Path(__file__).resolve().parent / "texts"


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    shape: str
    filename: str
    facts: dict
    make: Callable[[], bytes] = field(repr=False)
    deviations: frozenset[str] = frozenset()  # check codes it deserves (Word files)
    needs_libreoffice: bool = False

    @property
    def kind(self) -> str:
        return "docx" if self.filename.endswith(".docx") else "text"

    def data(self) -> bytes:
        return _built(self.name, self.make)


@functools.lru_cache(maxsize=None)
def _built(name: str, make) -> bytes:
    return make()


def _texts() -> list[CorpusDocument]:
    facts = yaml.safe_load((TEXTS / "facts.yaml").read_text(encoding="utf-8"))
    out = []
    for name, expected in facts.items():
        path = TEXTS / f"{name}.txt"
        expected = dict(expected)
        shape = expected.pop("shape")
        out.append(CorpusDocument(name, shape, path.name, expected, path.read_bytes))
    return out


# name -> (builder, content, its real deviations from Decree 30)
_WORD = {
    "w01_tinh_quang_ngai_bang": ("header_table", contents.QUANG_NGAI, set()),
    "w02_xa_hoa_phong_tab": ("tab_header", contents.HOA_PHONG, set()),
    "w03_phuong_cam_thanh_hop_van_ban": ("text_box_header", contents.CAM_THANH, set()),
    "w04_dac_khu_ly_son_vml": ("vml_text_box_header", contents.LY_SON, set()),
    "w05_dac_khu_ly_son_danh_so_word": ("list_numbering", contents.LY_SON, set()),
    "w06_cong_an_ia_kha_danh_so_thap_phan": ("decimal_list_numbering", contents.IA_KHA_POLICE, set()),
    "w07_bao_cao_dak_lak_libreoffice": ("libreoffice_header_table", contents.DAK_LAK_REPORT, set()),
    "w08_bao_cao_tan_lap_mot_o": ("one_cell_body", contents.TAN_LAP_REPORT, set()),
    "w09_phuong_cam_thanh_sua_doi": ("tracked_changes", contents.CAM_THANH, set()),
    "w10_quyet_dinh_dong_hoa": ("decision_issuing", contents.DONG_HOA_DECISION, set()),
    "w11_bao_cao_dak_lak_o_noi_dung": ("content_control_header", contents.DAK_LAK_REPORT, set()),
    "w12_xa_hoa_phong_khung_libreoffice": ("libreoffice_text_frames", contents.HOA_PHONG, set()),
    "w13_bao_cao_tan_lap_nhom_hinh": ("group_shape_header", contents.TAN_LAP_REPORT, set()),
    "w14_cong_an_ia_kha_bang": ("header_table", contents.IA_KHA_POLICE, set()),
    "w15_tinh_quang_ngai_danh_so_word": ("list_numbering", contents.QUANG_NGAI, set()),
    "w16_bao_cao_dak_lak_tab": ("tab_header", contents.DAK_LAK_REPORT, set()),
    "w17_phuong_cam_thanh_dau_trang": ("page_header_block", contents.CAM_THANH, set()),
}


def _word_files() -> list[CorpusDocument]:
    out = []
    for name, (builder, content, deviations) in _WORD.items():
        build = word_files.BUILDERS[builder]
        shape = (build.__doc__ or builder).strip().splitlines()[0]
        out.append(CorpusDocument(
            name, f"{builder}: {shape}", f"{name}.docx", content.facts(),
            functools.partial(build, content), frozenset(deviations),
            builder in word_files.NEEDS_LIBREOFFICE))
    return out


DOCUMENTS: list[CorpusDocument] = _texts() + _word_files()
BY_NAME = {document.name: document for document in DOCUMENTS}

# The real deviations from Decree 30 of tests/importing/foreign.py's files,
# as `docgen check` should report them (bench/import_facts.py --checks,
# tests/checks/test_foreign_checks.py).
FOREIGN_DEVIATIONS: dict[str, frozenset[str]] = {
    # two pages or more (LibreOffice's count) and no PAGE field: a real deviation
    "direct_formatting": frozenset({"layout.page_numbers"}),
    "header_as_paragraphs": frozenset({"layout.page_numbers", "layout.emphasis", "layout.archive_line"}),
    "word_numbering": frozenset({"layout.page_numbers"}),
    "other_fonts": frozenset({"layout.page_numbers", "layout.font"}),
    "appendix_merged_header": frozenset({"layout.font", "layout.page_numbers", "layout.appendix_page_numbers",
                                         "consistency.appendix_not_mentioned"}),
    "appendix_only": frozenset({"layout.font"}),  # one page: no page number needed
    "style_inheritance": frozenset({"layout.page_numbers"}),
    "signature_in_two_rows": frozenset({"layout.page_numbers", "layout.archive_line"}),
    "tracked_changes": frozenset({"layout.page_numbers"}),
    # a .txt opened by Writer: its default page, monospace font and sizes, nothing bold; one page
    "libreoffice_from_text": frozenset({"layout.margins", "layout.font", "layout.size", "layout.emphasis"}),
    # an .html opened by Writer: its page and the browser's sizes; three pages without numbers
    "libreoffice_from_html": frozenset({"layout.margins", "layout.size", "layout.page_numbers",
                                        "consistency.appendix_not_mentioned"}),
    # sample 002 keeps seed 002's own mistakes (tests/checks/test_seeds.py)
    "libreoffice_resaved": frozenset({"consistency.figure_mismatch", "consistency.percent_mismatch",
                                      "consistency.recipient_punctuation"}),
}
