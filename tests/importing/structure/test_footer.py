"""Recipients beside the signer: where they start, and each line told."""

import pytest

from docgen.importing.structure import footer

from .make import lines


@pytest.mark.parametrize("text, name, purpose", [
    ("- Bộ Công an (để báo cáo);", "Bộ Công an", "để báo cáo"),
    ("UBND huyện (b/c);", "UBND huyện", "b/c"),
    ("CT, Phó CT UBND tỉnh (đ/c Hồ Thị Nguyên Thảo);", "CT, Phó CT UBND tỉnh (đ/c Hồ Thị Nguyên Thảo)", None),
    ("Như Điều 3;", "Như Điều 3", None),
])
def test_recipient(text, name, purpose):
    assert footer.recipient(text.lstrip("- ")) == (name, purpose)


@pytest.mark.parametrize("texts, start", [
    (("Nội dung./.", "Nơi nhận:", "- Sở Y tế;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Văn A"), 1),
    (("Nội dung./.", "KT. CHỦ TỊCH", "- Bộ Y tế (b/c);", "PHÓ CHỦ TỊCH", "- Lưu: VT, KGVX.", "Lâm Hải Giang"), 1),
    (("Nội dung", "- Sở Y tế;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Văn A"), 1),  # no label, no "./."
    (("Nội dung", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn A"), 1),
    (("Nội dung", "Thêm nội dung"), 2),
])
def test_start(texts, start):
    assert footer.start(lines(*texts), lambda line: False) == start


@pytest.mark.parametrize("texts, recipients, archive, authority, name", [
    (("Nơi nhận:", "- Sở Y tế (để báo cáo);", "- Lưu: VT, NC.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Khoa"),
     [("Sở Y tế", "để báo cáo")], "VT, NC", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Minh Khoa"),
    # a footer table read cell by cell: the authority first
    (("Nơi nhận:", "CHỦ TỊCH", "- Như Điều 3;", "- Lưu: VT.", "(Đã ký)", "Hà Văn Quyết"),
     [("Như Điều 3", None)], "VT", ["CHỦ TỊCH"], "Hà Văn Quyết"),
    # a name that starts with "Lưu" is not the archive line
    (("Nơi nhận:", "- Lưu: VT.", "TRƯỞNG CÔNG AN XÃ", "Lưu Văn Toàn"), [], "VT", ["TRƯỞNG CÔNG AN XÃ"], "Lưu Văn Toàn"),
    (("Nơi nhận:", "Lưu VT, CAX.", "CHỦ TỊCH", "NGUYỄN CÔNG THÀNH"), [], "VT, CAX", ["CHỦ TỊCH"], "NGUYỄN CÔNG THÀNH"),
    (("Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "…"), [], "VT", ["CHỦ TỊCH"], "…"),
    # the last line below the authority stands where the name is printed, whatever is typed there
    (("Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Chủ tịch UBND"), [], "VT",
     ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Chủ tịch UBND"),
])
def test_read(texts, recipients, archive, authority, name):
    found = footer.read(lines(*texts))
    assert [r.value for r in found.recipients] == recipients and found.archive.value == archive
    assert [line.text for line in found.authority] == authority and found.name.text == name


def test_a_signature_note_and_a_stray_line_are_kept_apart():
    found = footer.read(lines("Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "(Đã ký)", "Lê Văn A", "Ghi chú: gửi bản điện tử."))
    assert [l.text for l in found.signed] == ["(Đã ký)"] and [l.text for l in found.strays] == ["Ghi chú: gửi bản điện tử."]


def test_a_stray_line_is_not_taken_for_the_name_unless_it_stands_where_the_name_is_printed():
    found = footer.read(lines("Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Ghi chú: gửi bản điện tử."))
    assert found.name is None and [l.text for l in found.strays] == ["Ghi chú: gửi bản điện tử."]
    found = footer.read(lines("Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Thường trực", "Chủ tịch UBND"))
    assert found.name is None  # two lines below the authority: which one is the name is not guessed
