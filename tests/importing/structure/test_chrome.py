"""Page chrome before the header (a site's banner, the page's own title)
is skipped; a document's first line is kept, even one a column cut."""

import pytest

from docgen.importing.structure.chrome import document_start

from .make import lines


@pytest.mark.parametrize("texts, start", [
    (("THƯ VIỆN VĂN BẢN PHÁP LUẬT", "Trang chủ › Văn bản",
      "KẾ HOẠCH HÀNH ĐỘNG THỰC HIỆN CHƯƠNG TRÌNH SỨC KHỎE HỌC ĐƯỜNG", "Lượt xem: 1.204", "ỦY BAN NHÂN DÂN",
      "PHƯỜNG AN PHÚ"), 4),
    (("Cổng Thông tin điện tử tỉnh Lâm Đồng", "Dự thảo văn bản lấy ý kiến", "Số: /KH-UBND"), 2),
    (("ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"), 0),
    (("ỦY", "BAN NHÂN DÂN", "XÃ PHƯỚC SƠN"), 0),  # "ỦY" starts the body's name
    (("KẾ HOẠCH", "Thực hiện chiến dịch"), 0),
    (("Trang chủ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 1),
    (("Chào anh,", "em gửi anh bản tin tuần này."), 0),  # no landmark: nothing is cut
    (("MẬT", "ỦY BAN NHÂN DÂN", "TỈNH X"), 1),
])
def test_document_start(texts, start):
    assert document_start(lines(*texts)) == start
