"""Texts in the shape a legal-documents web page gives when copied: the
header table flattened into lines with ``|`` separators and ``-------``
rules, sentences hard-wrapped mid-line, non-breaking spaces, tabs, Windows
line ends, stray control characters. Written for these tests: the first
follows seed 002, the others are made up."""

NBSP = "\u00a0"

# Seed 002's beginning and end, as a web page shows it: header flattened,
# hard-wrapped at about 70 characters, NBSP after "Số:" and in the date.
GIA_LAI = f"""ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH GIA LAI | Độc lập - Tự do - Hạnh phúc
------- | ---------------
Số:{NBSP}2314/KH-UBND | Gia Lai, ngày 29{NBSP}tháng 8 năm 2023

KẾ HOẠCH
Thực hiện cao điểm “50 ngày, đêm” tuyên truyền cài đặt, kích hoạt tài
khoản định danh điện tử cho công dân đủ điều kiện trên địa bàn tỉnh Gia
Lai từ ngày 01/9/2023 đến hết ngày 20/10/2023
-----------

Thực hiện Chỉ thị số 11-CT/TU ngày 04/7/2023 của Ban Thường vụ Tỉnh ủy
Gia Lai về tăng cường lãnh đạo, chỉ đạo đẩy mạnh thực hiện Đề án 06 trên
địa bàn tỉnh Gia Lai năm 2023.

UBND tỉnh ban hành Kế hoạch thực hiện cao điểm “50 ngày, đêm” với nội
dung cụ thể sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Đẩy mạnh tuyên truyền về định danh điện tử, hướng dẫn công dân cài
đặt, kích hoạt, sử dụng ứng dụng VNeID.

2. Huy động sự tham gia vào cuộc của cả hệ thống chính trị.

II. NHIỆM VỤ CỤ THỂ

1. Công an tỉnh
-\tĐôn đốc Công an các huyện, thị xã, thành phố đẩy mạnh công tác thu
nhận hồ sơ cấp, kích hoạt VNeID song song với công tác cấp thẻ CCCD.
-\tChủ trì, phối hợp các đơn vị tổ chức kiểm tra, đôn đốc việc thực hiện
kế hoạch này.

2. Đề nghị Ban Tuyên giáo Tỉnh ủy
Định hướng cơ quan báo chí của tỉnh tăng cường tuyên truyền về cao điểm
"50 ngày, đêm".

Nơi nhận: | TM. ỦY BAN NHÂN DÂN
- Văn phòng Chính phủ; | CHỦ TỊCH
- Bộ Công an (để báo cáo); |
- Lưu: VT, NC. |
 | Trương Hải Long
""".replace("\n", "\r\n")


# A made-up commune's draft: parent body, blank number and day, an
# appendix as a Markdown table with its total row, tabs and NBSP around.
HOA_BINH = f"""UBND HUYỆN ĐỒNG XUÂN
ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
-------
Số:{NBSP*3}   /KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hòa Bình, ngày{NBSP*4}  tháng 6 năm 2026

KẾ HOẠCH
Ra quân làm sạch kênh mương nội đồng trước mùa mưa năm 2026

Căn cứ Kế hoạch số 45/KH-UBND ngày 12/5/2026 của UBND huyện Đồng Xuân\x07 về
phòng, chống thiên tai năm 2026;

Ủy ban nhân dân xã Hòa Bình ban hành Kế hoạch như sau:

I.\tMỤC ĐÍCH, YÊU CẦU

1.\tMục đích
-\tKhơi thông dòng chảy, bảo đảm tưới tiêu cho vụ Hè Thu.
+\tHuy động đoàn viên, hội viên tham gia.

2.\tYêu cầu
a)\tBảo đảm an toàn cho người tham gia.
b)\tHoàn thành trước ngày 30/6/2026.

II.\tTỔ CHỨC THỰC HIỆN

1. Công an xã
Giữ gìn trật tự tại các điểm ra quân.

2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã
Vận động Nhân dân cùng tham gia.

Nơi nhận:
- UBND huyện (để báo cáo);
- Các thôn (thực hiện);
- Lưu: VT, VP.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Lê Thị Thu Hà

PHỤ LỤC
KHỐI LƯỢNG KÊNH MƯƠNG CẦN NẠO VÉT
(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 6 năm 2026 của Ủy ban nhân dân xã Hòa Bình)

| STT | Thôn | Chiều dài (m) | Đã nạo vét (m) | Tỷ lệ (%) |
|---|---|---|---|---|
| 1 | Thôn 1 | 1.200 | 600 | 50,00% |
| 2 | Thôn 2 | 800 | 200 | 25,00% |
| 3 | Thôn 3 | 2.000 | 1.500 | 75,00% |
| | Tổng cộng | 4.000 | 2.300 | 57,50% |
"""


# A made-up ward's plan as a PDF copy gives it: every line hard-wrapped,
# a blank line between the wrapped lines, trailing spaces, a form feed
# where the page broke, a TL. signer.
PHU_LOC = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \r
PHƯỜNG PHÚ LỘC | Độc lập - Tự do - Hạnh phúc \r
Số: 07/KH-UBND | Phú Lộc, ngày 05 tháng 02 năm 2025 \r
\r
KẾ HOẠCH \r
\r
Tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ năm 2025 trên địa bàn \r
\r
phường Phú Lộc \r
\r
\r
Thực hiện Kế hoạch số 12/KH-UBND ngày 20/01/2025 của Ủy ban nhân dân \r
\r
thị xã về phát động Tết trồng cây, Ủy ban nhân dân phường Phú Lộc xây \r
\r
dựng kế hoạch như sau: \r
\r
I. MỤC ĐÍCH, YÊU CẦU \r
\r
1. Phát huy truyền thống trồng cây, bảo vệ môi trường sống, tạo cảnh \r
\r
quan xanh, sạch, đẹp trên các tuyến đường của phường.\x0c \r
\r
2. Tổ chức trang trọng, tiết kiệm, an toàn. \r
\r
II. NỘI DUNG \r
\r
1. Thời gian: 7 giờ 00 ngày 10/02/2025. \r
\r
2. Số lượng cây: 500 cây sao đen, dầu rái. \r
\r
Nơi nhận: \r
\r
- UBND thị xã (b/c); \r
\r
- Lưu: VT. \r
\r
TL. CHỦ TỊCH \r
\r
CHÁNH VĂN PHÒNG \r
\r
Trần Văn Bình \r
"""
