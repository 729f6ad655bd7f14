"""What the corpus's Word files say: eight made-up documents in the seeds'
shape (plans and reports of provinces, communes, wards, a special zone and
a police unit, old and new units, and a decision that issues a plan).
Every name, figure and sentence is invented for these tests; the wording
follows the seeds (../shared/seeds) and Decree 30's models.

A body is a list of blocks ``(kind, label, text)``: ``division`` (a
top-level division as the document labels it), ``heading``, ``bullet``,
``plus``, ``item``, ``numbered``, ``paragraph``, ``unit`` (text is the
unit's name; its tasks follow as ``bullet`` blocks).
"""

from __future__ import annotations

from dataclasses import dataclass, field

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Decision:
    """A Quyết định that issues the document (Mẫu 1.3): its own number,
    subject, articles, recipients and signer; the document follows it."""

    number: int
    symbol: str
    subject: str
    authority_line: str
    bases: tuple[str, ...]
    articles: tuple[str, ...]
    attached_line: str


@dataclass(frozen=True)
class Content:
    key: str
    issuer: tuple[str, ...]
    number: int | None
    symbol: str
    place: str
    date: tuple[int, int, int | None]
    doc_type: str  # the type line: "KẾ HOẠCH" / "BÁO CÁO"
    subject: str
    opening: tuple[str, ...]
    body: tuple[tuple, ...]
    recipients: tuple[str, ...]
    archive: str
    authority: tuple[str, ...]
    signer: str
    parent: str | None = None
    decision: Decision | None = None
    appendix: tuple | None = None  # (title, header row, rows, total row)
    type_key: str = "ke_hoach"
    extra: dict = field(default_factory=dict)

    @property
    def divisions(self) -> list[str]:
        return [text for kind, _, text in self.body if kind == "division"]

    @property
    def date_line(self) -> str:
        year, month, day = self.date
        shown_day = f"{day:02d}" if day else "     "
        shown_month = f"{month:02d}" if month <= 2 else str(month)
        return f"{self.place}, ngày {shown_day} tháng {shown_month} năm {year}"

    @property
    def number_line(self) -> str:
        return f"Số: {self.number:02d}/{self.symbol}" if self.number else f"Số:      /{self.symbol}"

    def facts(self) -> dict:
        """The facts an import must give (bench/import_facts.py)."""
        facts = {
            "issuer": {"parent": self.parent, "body": " ".join(self.issuer)},
            "number": self.number, "symbol": self.symbol, "place": self.place, "date": list(self.date),
            "type": self.type_key, "subject": self.subject, "sections": self.divisions,
            "signer": {"authority": list(self.authority), "name": self.signer},
            "recipients": list(self.recipients),
        }
        if self.decision:
            facts.update(number=self.decision.number, symbol=self.decision.symbol, issued_by_decision=True)
        return facts


QUANG_NGAI = Content(
    key="tinh_quang_ngai",
    issuer=("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"),
    number=45, symbol="KH-UBND", place="Quảng Ngãi", date=(2025, 2, 12),
    doc_type="KẾ HOẠCH",
    subject="Triển khai Tháng hành động vì an toàn thực phẩm năm 2025 trên địa bàn tỉnh Quảng Ngãi",
    opening=(
        "Thực hiện Kế hoạch số 12/KH-BCĐTƯ ngày 20/01/2025 của Ban Chỉ đạo liên ngành Trung ương về vệ sinh "
        "an toàn thực phẩm, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai Tháng hành động vì an toàn thực "
        "phẩm năm 2025 như sau:",
    ),
    body=(
        ("division", "I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("heading", "1.", "Mục đích"),
        ("bullet", "-", "Nâng cao nhận thức của người sản xuất, kinh doanh và người tiêu dùng về an toàn thực phẩm."),
        ("bullet", "-", "Tăng cường kiểm tra, phát hiện và xử lý nghiêm các hành vi vi phạm."),
        ("heading", "2.", "Yêu cầu"),
        ("bullet", "-", "Triển khai đồng bộ, thiết thực, tránh hình thức, lãng phí."),
        ("division", "II.", "NỘI DUNG THỰC HIỆN"),
        ("heading", "1.", "Thời gian"),
        ("paragraph", None, "Từ ngày 15/4/2025 đến ngày 15/5/2025 trên phạm vi toàn tỉnh."),
        ("heading", "2.", "Công tác tuyên truyền"),
        ("bullet", "-", "Phát sóng phóng sự, tin bài trên Báo và Đài Phát thanh - Truyền hình tỉnh."),
        ("bullet", "-", "Treo băng rôn, khẩu hiệu tại các chợ, trường học và khu dân cư."),
        ("heading", "3.", "Công tác kiểm tra"),
        ("paragraph", None, "Thành lập 03 đoàn kiểm tra liên ngành cấp tỉnh; mỗi huyện thành lập ít nhất 01 đoàn."),
        ("division", "III.", "TỔ CHỨC THỰC HIỆN"),
        ("unit", "1.", "Sở Y tế"),
        ("bullet", "-", "Chủ trì, hướng dẫn các địa phương triển khai Tháng hành động."),
        ("bullet", "-", "Tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 30/5/2025."),
        ("unit", "2.", "Công an tỉnh"),
        ("bullet", "-", "Phối hợp kiểm tra, xử lý các cơ sở vi phạm về an toàn thực phẩm."),
        ("unit", "3.", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("bullet", "-", "Vận động hội viên, đoàn viên tham gia giám sát an toàn thực phẩm."),
        ("unit", "4.", "UBND các huyện, thị xã, thành phố"),
        ("bullet", "-", "Xây dựng kế hoạch của địa phương và tổ chức thực hiện./."),
    ),
    recipients=("Bộ Y tế (để báo cáo)", "Thường trực Tỉnh ủy", "Các sở, ban, ngành tỉnh",
                "UBND các huyện, thị xã, thành phố"),
    archive="VT, KGVX",
    authority=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), signer="Trần Minh Khoa",
)

HOA_PHONG = Content(
    key="xa_hoa_phong",
    issuer=("ỦY BAN NHÂN DÂN", "XÃ HÒA PHONG"),
    number=17, symbol="KH-UBND", place="Hòa Phong", date=(2024, 3, 14),
    doc_type="KẾ HOẠCH",
    subject="Ra quân tổng vệ sinh môi trường hưởng ứng Ngày Nước thế giới năm 2024",
    opening=(
        "Căn cứ Kế hoạch số 38/KH-UBND ngày 04/3/2024 của UBND huyện Hòa Vang về bảo vệ môi trường năm 2024;",
        "Ủy ban nhân dân xã Hòa Phong xây dựng Kế hoạch như sau:",
    ),
    body=(
        ("division", "A.", "MỤC ĐÍCH, YÊU CẦU"),
        ("bullet", "-", "Huy động toàn dân tham gia làm sạch đường làng, ngõ xóm và kênh mương."),
        ("bullet", "-", "Hình thành thói quen phân loại rác thải tại hộ gia đình."),
        ("division", "B.", "NỘI DUNG"),
        ("heading", "1.", "Thời gian, địa điểm"),
        ("paragraph", None, "Ngày 22/3/2024, tại 10 thôn trên địa bàn xã."),
        ("heading", "2.", "Lực lượng tham gia"),
        ("paragraph", None, "Cán bộ, công chức xã, đoàn viên thanh niên, hội viên các hội và Nhân dân."),
        ("division", "C.", "TỔ CHỨC THỰC HIỆN"),
        ("unit", "1.", "Công chức Địa chính - Xây dựng"),
        ("bullet", "-", "Chủ trì, phân công địa bàn cho các thôn."),
        ("unit", "2.", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
        ("bullet", "-", "Vận động Nhân dân cùng tham gia./."),
    ),
    recipients=("UBND huyện (b/c)", "Đảng ủy xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Công chức Địa chính - Xây dựng",
                "Các thôn"),
    archive="VT",
    authority=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), signer="Lê Thị Hồng Nhung",
)

CAM_THANH = Content(
    key="phuong_cam_thanh",
    issuer=("ỦY BAN NHÂN DÂN", "PHƯỜNG CẨM THÀNH"),
    number=8, symbol="KH-UBND", place="Cẩm Thành", date=(2025, 8, 5),
    doc_type="KẾ HOẠCH",
    subject="Hướng dẫn người dân sử dụng dịch vụ công trực tuyến sau khi sắp xếp đơn vị hành chính",
    opening=(
        "Thực hiện Kế hoạch số 102/KH-UBND ngày 15/7/2025 của UBND tỉnh Quảng Ngãi về chuyển đổi số năm 2025, "
        "UBND phường Cẩm Thành ban hành Kế hoạch như sau:",
    ),
    body=(
        ("division", "I.", "Mục đích, yêu cầu"),
        ("bullet", "-", "Bảo đảm người dân được hướng dẫn nộp hồ sơ trực tuyến tại trụ sở mới của phường."),
        ("bullet", "-", "Không để gián đoạn việc giải quyết thủ tục hành chính."),
        ("division", "II.", "Nội dung thực hiện"),
        ("heading", "1.", "Bố trí tổ hướng dẫn"),
        ("paragraph", None, "Mỗi tổ dân phố cử 02 đoàn viên tham gia tổ công nghệ số cộng đồng."),
        ("heading", "2.", "Thời gian"),
        ("paragraph", None, "Từ ngày 11/8/2025 đến ngày 30/9/2025."),
        ("division", "III.", "Tổ chức thực hiện"),
        ("unit", "1.", "Văn phòng HĐND và UBND phường"),
        ("bullet", "-", "Theo dõi, tổng hợp kết quả hằng tuần."),
        ("unit", "2.", "Công an phường"),
        ("bullet", "-", "Hướng dẫn kích hoạt tài khoản định danh điện tử mức 2./."),
    ),
    recipients=("UBND tỉnh (b/c)", "Thường trực Đảng ủy phường", "Văn phòng HĐND và UBND phường", "Công an phường",
                "Các tổ dân phố"),
    archive="VT, VP",
    authority=("CHỦ TỊCH",), signer="Nguyễn Thị Mai Anh",
)

LY_SON = Content(
    key="dac_khu_ly_son",
    issuer=("ỦY BAN NHÂN DÂN", "ĐẶC KHU LÝ SƠN"),
    number=21, symbol="KH-UBND", place="Lý Sơn", date=(2025, 9, 20),
    doc_type="KẾ HOẠCH",
    subject="Phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão năm 2025",
    opening=(
        "Căn cứ Luật Phòng, chống thiên tai;",
        "Ủy ban nhân dân đặc khu Lý Sơn ban hành Kế hoạch phòng, chống thiên tai mùa mưa bão năm 2025 như sau:",
    ),
    body=(
        ("division", "I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("bullet", "-", "Chủ động phòng ngừa, ứng phó kịp thời, giảm thiểu thiệt hại về người và tài sản."),
        ("division", "II.", "NHIỆM VỤ, GIẢI PHÁP"),
        ("heading", "1.", "Trước mùa mưa bão"),
        ("bullet", "-", "Rà soát khu dân cư ven biển có nguy cơ sạt lở."),
        ("bullet", "-", "Kiểm tra phương tiện, trang thiết bị cứu hộ."),
        ("heading", "2.", "Khi có bão"),
        ("bullet", "-", "Kêu gọi tàu thuyền vào nơi tránh trú an toàn."),
        ("division", "III.", "TỔ CHỨC THỰC HIỆN"),
        ("unit", "1.", "Ban Chỉ huy quân sự đặc khu"),
        ("bullet", "-", "Chủ trì lực lượng tìm kiếm cứu nạn."),
        ("unit", "2.", "Trạm Y tế đặc khu"),
        ("bullet", "-", "Bảo đảm thuốc, cơ số cấp cứu./."),
    ),
    recipients=("UBND tỉnh (b/c)", "Ban Chỉ huy Phòng thủ dân sự tỉnh", "Ban Chỉ huy quân sự đặc khu",
                "Trạm Y tế đặc khu", "Các thôn"),
    archive="VT",
    authority=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), signer="Võ Đức Thắng",
)

IA_KHA_POLICE = Content(
    key="cong_an_xa_ia_kha",
    parent="CÔNG AN TỈNH GIA LAI",
    issuer=("CÔNG AN XÃ IA KHA",),
    number=3, symbol="KH-CAX", place="Ia Kha", date=(2026, 1, 3),
    doc_type="KẾ HOẠCH",
    subject="Bảo đảm an ninh, trật tự dịp Tết Nguyên đán Bính Ngọ năm 2026",
    opening=(
        "Thực hiện Kế hoạch số 115/KH-CAT-PV01 ngày 26/12/2025 của Công an tỉnh Gia Lai, Công an xã Ia Kha xây "
        "dựng Kế hoạch như sau:",
    ),
    body=(
        ("division", "1.", "MỤC ĐÍCH, YÊU CẦU"),
        ("bullet", "-", "Giữ vững an ninh chính trị, trật tự an toàn xã hội trước, trong và sau Tết."),
        ("division", "2.", "NỘI DUNG"),
        ("heading", "2.1.", "Tuần tra, kiểm soát"),
        ("bullet", "-", "Tổ chức tuần tra ban đêm tại các thôn, làng."),
        ("heading", "2.2.", "Phòng cháy, chữa cháy"),
        ("bullet", "-", "Kiểm tra an toàn phòng cháy tại chợ, nơi đông người."),
        ("division", "3.", "TỔ CHỨC THỰC HIỆN"),
        ("paragraph", None, "Các tổ công tác căn cứ Kế hoạch này triển khai thực hiện nghiêm túc./."),
    ),
    recipients=("Công an tỉnh (b/c)", "Đảng ủy xã", "UBND xã"),
    archive="VT",
    authority=("TRƯỞNG CÔNG AN XÃ",), signer="Huỳnh Thanh Sơn",
)

DAK_LAK_REPORT = Content(
    key="bao_cao_dak_lak",
    issuer=("ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"),
    number=312, symbol="BC-UBND", place="Đắk Lắk", date=(2025, 11, 28),
    doc_type="BÁO CÁO", type_key="bao_cao",
    subject="Kết quả thực hiện Chiến dịch mùa hè số cùng VNeID năm 2025",
    opening=(
        "Thực hiện Kế hoạch số 210/KH-UBND ngày 16/6/2025 của UBND tỉnh về triển khai Chiến dịch mùa hè số cùng "
        "VNeID, UBND tỉnh báo cáo kết quả như sau:",
    ),
    body=(
        ("division", "Phần thứ nhất", "KẾT QUẢ THỰC HIỆN"),
        ("heading", "1.", "Công tác chỉ đạo"),
        ("paragraph", None, "UBND tỉnh đã ban hành 04 văn bản chỉ đạo, đôn đốc các sở, ngành và địa phương."),
        ("heading", "2.", "Kết quả cụ thể"),
        ("bullet", "-", "Kích hoạt 152.340 tài khoản định danh điện tử mức 2."),
        ("bullet", "-", "Hướng dẫn 48.120 lượt người dân sử dụng dịch vụ công trực tuyến."),
        ("division", "Phần thứ hai", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
        ("bullet", "-", "Duy trì các tổ công nghệ số cộng đồng tại thôn, buôn."),
        ("bullet", "-", "Đẩy mạnh thanh toán không dùng tiền mặt trong các dịch vụ công./."),
    ),
    recipients=("Bộ Công an (để báo cáo)", "Thường trực Tỉnh ủy", "Các sở, ban, ngành tỉnh"),
    archive="VT, NC",
    authority=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), signer="Đặng Quốc Bảo",
)

TAN_LAP_REPORT = Content(
    key="bao_cao_xa_tan_lap",
    issuer=("ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"),
    number=56, symbol="BC-UBND", place="Tân Lập", date=(2024, 12, 9),
    doc_type="BÁO CÁO", type_key="bao_cao",
    subject="Kết quả thực hiện công tác phòng, chống dịch bệnh trên cây trồng năm 2024",
    opening=("Thực hiện chỉ đạo của UBND huyện, UBND xã Tân Lập báo cáo kết quả như sau:",),
    body=(
        ("division", "I.", "TÌNH HÌNH TRIỂN KHAI"),
        ("paragraph", None, "UBND xã đã tổ chức 05 hội nghị tập huấn cho nông dân tại các thôn."),
        ("division", "II.", "KẾT QUẢ THỰC HIỆN"),
        ("bullet", "-", "Phun thuốc phòng trừ sâu bệnh trên 320 ha lúa."),
        ("bullet", "-", "Không để dịch bệnh lây lan trên diện rộng."),
        ("division", "III.", "KHÓ KHĂN, VƯỚNG MẮC"),
        ("bullet", "-", "Kinh phí hỗ trợ thuốc bảo vệ thực vật còn hạn chế."),
        ("division", "IV.", "ĐỀ XUẤT, KIẾN NGHỊ"),
        ("bullet", "-", "Đề nghị UBND huyện hỗ trợ thêm kinh phí cho vụ Đông Xuân năm 2025./."),
    ),
    recipients=("UBND huyện (b/c)", "Phòng Nông nghiệp và PTNT huyện", "Đảng ủy xã"),
    archive="VT",
    authority=("CHỦ TỊCH",), signer="Phạm Văn Tài",
)

DONG_HOA_DECISION = Content(
    key="quyet_dinh_xa_dong_hoa",
    issuer=("ỦY BAN NHÂN DÂN", "XÃ ĐÔNG HÒA"),
    number=None, symbol="KH-UBND", place="Đông Hòa", date=(2025, 4, 7),
    doc_type="KẾ HOẠCH",
    subject="Phòng, chống dịch bệnh sốt xuất huyết trên địa bàn xã Đông Hòa năm 2025",
    opening=("Nhằm chủ động phòng, chống dịch bệnh sốt xuất huyết, UBND xã Đông Hòa xây dựng Kế hoạch như sau:",),
    body=(
        ("division", "I.", "MỤC TIÊU"),
        ("bullet", "-", "Giảm số ca mắc sốt xuất huyết so với năm 2024."),
        ("bullet", "-", "Không để xảy ra tử vong do sốt xuất huyết."),
        ("division", "II.", "GIẢI PHÁP"),
        ("heading", "1.", "Diệt lăng quăng"),
        ("paragraph", None, "Tổ chức 02 đợt chiến dịch diệt lăng quăng vào tháng 5 và tháng 8."),
        ("heading", "2.", "Giám sát ca bệnh"),
        ("paragraph", None, "Trạm Y tế xã báo cáo ca bệnh trong vòng 24 giờ."),
        ("division", "III.", "TỔ CHỨC THỰC HIỆN"),
        ("unit", "1.", "Trạm Y tế xã"),
        ("bullet", "-", "Chủ trì triển khai Kế hoạch./."),
    ),
    recipients=("Như Điều 3", "UBND huyện (b/c)", "Trung tâm Y tế huyện"),
    archive="VT",
    authority=("CHỦ TỊCH",), signer="Bùi Thị Lan",
    decision=Decision(
        number=112, symbol="QĐ-UBND",
        subject="Về việc ban hành Kế hoạch phòng, chống dịch bệnh sốt xuất huyết trên địa bàn xã Đông Hòa năm 2025",
        authority_line="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG HÒA",
        bases=("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
               "Theo đề nghị của Trưởng Trạm Y tế xã."),
        articles=(
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh sốt xuất huyết trên địa bàn "
            "xã Đông Hòa năm 2025.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Văn phòng HĐND và UBND xã, Trạm Y tế xã và các thôn chịu trách nhiệm thi hành Quyết định "
            "này./.",
        ),
        attached_line="(Ban hành kèm theo Quyết định số 112/QĐ-UBND ngày 07/4/2025 của Chủ tịch UBND xã Đông Hòa)",
    ),
)

ALL = {c.key: c for c in (QUANG_NGAI, HOA_PHONG, CAM_THANH, LY_SON, IA_KHA_POLICE, DAK_LAK_REPORT,
                          TAN_LAP_REPORT, DONG_HOA_DECISION)}
