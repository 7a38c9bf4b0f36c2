# ruff: noqa: E501 - the mails are typed as agencies type them, one sentence a line
"""Invitation e-mails as agencies send them, written for the tests (every name, number
and address is made up). Each has what a person reads in it: title, start, place.

Layouts: the letter typed in the body, the letter as a PDF or a DOCX attachment with a
short covering note, forwarded ("---------- Forwarded message ----------"), a reply
chain with the invitation quoted, HTML-only, and Vietnamese with or without diacritics.
All are received on 1 December 2026 at 09:00 (Asia/Ho_Chi_Minh).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    subject: str
    body: str
    title: str
    start: tuple  # (year, month, day, hour, minute)
    place: str
    attachment: str = ""  # "pdf" or "docx": the letter goes there, `letter` holds it
    letter: str = ""
    html: bool = False


LETTER_HEAD = """UBND HUYỆN KON RẪY
PHÒNG VĂN HÓA VÀ THÔNG TIN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Kon Rẫy, ngày 28 tháng 11 năm 2026
"""

CASES = [
    Case(
        "typed letter, full Vietnamese date",
        "Giấy mời dự Lễ khai mạc Hội thi văn nghệ",
        LETTER_HEAD
        + """GIẤY MỜI
V/v dự Lễ khai mạc Hội thi văn nghệ quần chúng năm 2026
Kính mời: Phóng viên Trung tâm VH-TT-DL&TT huyện
Thời gian: vào lúc 08 giờ 00 phút, ngày 15 tháng 12 năm 2026.
Địa điểm: Hội trường UBND xã Đăk Ruồng.
Liên hệ: đồng chí Nguyễn Văn Mẫu, ĐT: 0912 000 111.""",
        "Lễ khai mạc Hội thi văn nghệ quần chúng năm 2026",
        (2026, 12, 15, 8, 0),
        "Hội trường UBND xã Đăk Ruồng",
    ),
    Case(
        "typed letter, 8h00 dd/mm/yyyy",
        "V/v Hội nghị tổng kết công tác dân vận năm 2026",
        """Kính gửi: Trung tâm VH-TT-DL&TT huyện Kon Rẫy
Ban Dân vận Huyện ủy tổ chức Hội nghị tổng kết công tác dân vận năm 2026.
Thời gian: 8h00 ngày 10/12/2026.
Địa điểm: Hội trường Huyện ủy.
Kính mời Trung tâm cử phóng viên đến dự và đưa tin.""",
        "Hội nghị tổng kết công tác dân vận năm 2026",
        (2026, 12, 10, 8, 0),
        "Hội trường Huyện ủy",
    ),
    Case(
        "weekday and short date",
        "Giấy mời họp",
        """Kính mời phóng viên Trung tâm đến dự và đưa tin Hội nghị sơ kết mô hình dân vận khéo.
Thời gian: 14 giờ 30, thứ Ba (15/12).
Địa điểm: Phòng họp UBND xã Tân Lập.
Trân trọng.""",
        "Hội nghị sơ kết mô hình dân vận khéo",
        (2026, 12, 15, 14, 30),
        "Phòng họp UBND xã Tân Lập",
    ),
    Case(
        "session only: morning default",
        "Mời dự gặp mặt",
        """Kính mời Trung tâm dự buổi gặp mặt người có uy tín trong đồng bào dân tộc thiểu số sáng ngày 18/12 tại Nhà văn hóa thôn 3, xã Đăk Ruồng.
Trân trọng kính mời.""",
        "Buổi gặp mặt người có uy tín trong đồng bào dân tộc thiểu số",
        (2026, 12, 18, 8, 0),
        "Nhà văn hóa thôn 3, xã Đăk Ruồng",
    ),
    Case(
        "no diacritics, typed",
        "Giay moi du le ra quan",
        """Kinh gui: Trung tam VH-TT-DL&TT huyen
V/v Le ra quan huan luyen dan quan tu ve nam 2027
Thoi gian: 7 gio 30 phut, ngay 05 thang 01 nam 2027
Dia diem: San van dong xa Tan Lap
Lien he: anh Tran Van Bon, DT 0905 111 222""",
        "Le ra quan huan luyen dan quan tu ve nam 2027",
        (2027, 1, 5, 7, 30),
        "San van dong xa Tan Lap",
    ),
    Case(
        "PDF attachment with a covering note",
        "Gửi giấy mời",
        "Kính gửi Trung tâm, Phòng gửi giấy mời (file đính kèm). Trân trọng.",
        "Hội nghị triển khai nhiệm vụ năm 2027",
        (2026, 12, 22, 8, 30),
        "Hội trường UBND huyện",
        attachment="pdf",
        letter=LETTER_HEAD
        + """GIẤY MỜI
V/v dự Hội nghị triển khai nhiệm vụ năm 2027
Kính mời: Lãnh đạo Trung tâm và phóng viên
Thời gian: vào lúc 08 giờ 30 phút, ngày 22 tháng 12 năm 2026
Địa điểm: Hội trường UBND huyện""",
    ),
    Case(
        "DOCX attachment with a covering note",
        "Giay moi",
        "Gui Trung tam giay moi dinh kem.",
        "Lễ phát động Tết trồng cây",
        (2027, 1, 20, 7, 0),
        "Khu tái định cư thôn 5",
        attachment="docx",
        letter="""UBND XÃ ĐĂK RUỒNG
GIẤY MỜI
Kính mời: Phóng viên Trung tâm
Tới dự: Lễ phát động Tết trồng cây
Thời gian: 7h00 ngày 20/01/2027
Địa điểm: Khu tái định cư thôn 5""",
    ),
    Case(
        "forwarded",
        "Fwd: V/v Hội thảo chuyển đổi số trong nông nghiệp",
        """Chuyển Trung tâm để đưa tin.

---------- Forwarded message ----------
From: Phòng Nông nghiệp <nongnghiep@agency.test>
Date: Mon, 30 Nov 2026 16:00
Subject: V/v Hội thảo chuyển đổi số trong nông nghiệp
To: <vanphong@agency.test>

Kính mời tham dự Hội thảo chuyển đổi số trong nông nghiệp.
Thời gian: 13h30 ngày 11/12/2026
Địa điểm: Hội trường Trung tâm Chính trị huyện""",
        "Hội thảo chuyển đổi số trong nông nghiệp",
        (2026, 12, 11, 13, 30),
        "Hội trường Trung tâm Chính trị huyện",
    ),
    Case(
        "reply chain with the invitation quoted",
        "Re: Giấy mời Đại hội Hội Nông dân xã",
        """Dạ, gửi lại Trung tâm thông tin thời gian chính thức ạ.

Vào Th 2, 30 thg 11, 2026 lúc 10:15 Văn phòng <vanphong@agency.test> đã viết:
> Kính mời Trung tâm dự Đại hội đại biểu Hội Nông dân xã Tân Lập nhiệm kỳ 2026 - 2031.
> Thời gian: 08 giờ 00, ngày 16/12/2026.
> Địa điểm: Hội trường UBND xã Tân Lập.""",
        "Đại hội đại biểu Hội Nông dân xã Tân Lập nhiệm kỳ 2026 - 2031",
        (2026, 12, 16, 8, 0),
        "Hội trường UBND xã Tân Lập",
    ),
    Case(
        "HTML only",
        "Giấy mời dự Lễ kỷ niệm ngày thành lập Quân đội",
        "",
        "Lễ kỷ niệm 82 năm Ngày thành lập Quân đội nhân dân Việt Nam",
        (2026, 12, 21, 8, 0),
        "Hội trường Ban Chỉ huy Quân sự huyện",
        html=True,
        letter="""<html><head><style>p{color:red}</style><script>alert(1)</script></head>
<body><p>Kính gửi Trung tâm,</p>
<p><b>V/v</b> Lễ kỷ niệm 82 năm Ngày thành lập Quân đội nhân dân Việt Nam</p>
<p>Thời gian: 08h00 ngày 21/12/2026</p>
<p>Địa điểm: Hội trường Ban Chỉ huy Quân sự huyện</p></body></html>""",
    ),
    Case(
        "time after the date",
        "V/v Giải việt dã Báo Kon Tum",
        """Trân trọng kính mời Trung tâm đưa tin Giải việt dã Báo Kon Tum mở rộng lần thứ 20.
Thời gian: ngày 13/12/2026, lúc 6 giờ 30.
Địa điểm xuất phát: Quảng trường huyện.""",
        "Giải việt dã Báo Kon Tum",
        (2026, 12, 13, 6, 30),
        "Quảng trường huyện",
    ),
    Case(
        "afternoon with a bare hour",
        "Mời dự họp báo",
        """Kính mời phóng viên dự họp báo công bố kết quả Hội chợ nông sản.
Thời gian: 15h, ngày 04/12/2026.
Địa điểm: Phòng họp số 2, UBND huyện.""",
        "Họp báo công bố kết quả Hội chợ nông sản",
        (2026, 12, 4, 15, 0),
        "Phòng họp số 2, UBND huyện",
    ),
    Case(
        "urgent, đột xuất",
        "KHẨN: Giấy mời làm việc đột xuất",
        """Kính mời Trung tâm cử phóng viên dự buổi làm việc đột xuất với Đoàn kiểm tra của tỉnh.
Thời gian: 14 giờ 00 phút, ngày 01/12/2026.
Địa điểm: Phòng họp UBND huyện.""",
        "Buổi làm việc đột xuất với Đoàn kiểm tra của tỉnh",
        (2026, 12, 1, 14, 0),
        "Phòng họp UBND huyện",
    ),
    Case(
        "tại Hội trường in the sentence",
        "Giấy mời",
        """Kính mời Trung tâm tới dự Lễ trao nhà đại đoàn kết vào lúc 9 giờ 00 ngày 12/12/2026 tại Nhà văn hóa thôn Kon Bỉ, xã Đăk Ruồng.""",
        "Lễ trao nhà đại đoàn kết",
        (2026, 12, 12, 9, 0),
        "Nhà văn hóa thôn Kon Bỉ, xã Đăk Ruồng",
    ),
    Case(
        "no diacritics, forwarded, 8h30",
        "FW: Moi du khai giang lop hoc",
        """---------- Forwarded message ---------
From: Truong Trung cap <truong@agency.test>
Subject: Moi du khai giang

Kinh moi Trung tam du Le khai giang lop boi duong nghiep vu.
Thoi gian: 8h30 ngay 07/12/2026
Dia diem: Hoi truong Truong Trung cap nghe""",
        "Le khai giang lop boi duong nghiep vu",
        (2026, 12, 7, 8, 30),
        "Hoi truong Truong Trung cap nghe",
    ),
    Case(
        "colon clock",
        "V/v Tọa đàm về phát triển du lịch cộng đồng",
        """Thời gian: 14:00 ngày 09/12/2026
Địa điểm: Nhà rông thôn Kon Rẫy""",
        "Tọa đàm về phát triển du lịch cộng đồng",
        (2026, 12, 9, 14, 0),
        "Nhà rông thôn Kon Rẫy",
    ),
    Case(
        "PDF, no diacritics",
        "giay moi hop",
        "Xin gui file.",
        "Hoi nghi giao ban khoi van hoa xa hoi quy IV",
        (2026, 12, 17, 14, 0),
        "Phong hop so 1 UBND huyen",
        attachment="pdf",
        letter="""UBND HUYEN KON RAY
GIAY MOI
V/v Hoi nghi giao ban khoi van hoa xa hoi quy IV
Thoi gian: 14 gio 00 phut, ngay 17 thang 12 nam 2026
Dia diem: Phong hop so 1 UBND huyen""",
    ),
    Case(
        "DOCX with a table",
        "Giấy mời",
        "Trung tâm xem giấy mời đính kèm.",
        "Lễ bàn giao công trình nước sạch",
        (2026, 12, 19, 9, 30),
        "Thôn 2, xã Tân Lập",
        attachment="docx",
        letter="""BAN QUẢN LÝ DỰ ÁN
GIẤY MỜI
V/v Lễ bàn giao công trình nước sạch
Thời gian: 09 giờ 30 phút, ngày 19 tháng 12 năm 2026
Địa điểm: Thôn 2, xã Tân Lập""",
    ),
    Case(
        "evening performance",
        "Mời xem chương trình nghệ thuật",
        """Kính mời Trung tâm dự Chương trình nghệ thuật chào năm mới 2027.
Thời gian: 19 giờ 30, ngày 31/12/2026.
Địa điểm: Quảng trường trung tâm huyện.""",
        "Chương trình nghệ thuật chào năm mới 2027",
        (2026, 12, 31, 19, 30),
        "Quảng trường trung tâm huyện",
    ),
    Case(
        "chiều with a 12-hour clock",
        "Giấy mời",
        """Kính mời Trung tâm dự Hội nghị đối thoại với nông dân vào 2 giờ chiều ngày 08/12/2026 tại Hội trường UBND xã Đăk Ruồng.""",
        "Hội nghị đối thoại với nông dân",
        (2026, 12, 8, 14, 0),
        "Hội trường UBND xã Đăk Ruồng",
    ),
    Case(
        "year in two digits",
        "V/v Lễ ra mắt Câu lạc bộ cồng chiêng",
        """Thời gian: 15h00 ngày 06/12/26.
Địa điểm: Nhà văn hóa xã Tân Lập.""",
        "Lễ ra mắt Câu lạc bộ cồng chiêng",
        (2026, 12, 6, 15, 0),
        "Nhà văn hóa xã Tân Lập",
    ),
    Case(
        "letter date before the event date",
        "Giấy mời dự Hội nghị",
        LETTER_HEAD
        + """V/v Hội nghị tập huấn công tác phòng cháy chữa cháy
Thời gian: 7 giờ 30 phút, ngày 14 tháng 12 năm 2026
Địa điểm: Hội trường Công an huyện""",
        "Hội nghị tập huấn công tác phòng cháy chữa cháy",
        (2026, 12, 14, 7, 30),
        "Hội trường Công an huyện",
    ),
    Case(
        "dots in the date",
        "V/v Lễ tuyên dương học sinh giỏi",
        """Thời gian: 8h00, ngày 11.12.2026
Địa điểm: Hội trường Phòng Giáo dục""",
        "Lễ tuyên dương học sinh giỏi",
        (2026, 12, 11, 8, 0),
        "Hội trường Phòng Giáo dục",
    ),
    Case(
        "reply chain, no diacritics",
        "Re: moi du le khanh thanh",
        """Da nhan, cam on.

On Mon, Nov 30, 2026 at 3:00 PM Van phong <vp@agency.test> wrote:
> Kinh moi Trung tam du Le khanh thanh cau treo thon 7.
> Thoi gian: 9h00 ngay 20/12/2026
> Dia diem: Thon 7, xa Dak Ruong""",
        "Le khanh thanh cau treo thon 7",
        (2026, 12, 20, 9, 0),
        "Thon 7, xa Dak Ruong",
    ),
    Case(
        "time on the next line",
        "V/v Hội nghị học tập chuyên đề năm 2027",
        """Thời gian: 07 giờ 30 phút
ngày 03 tháng 12 năm 2026
Địa điểm: Hội trường Huyện ủy""",
        "Hội nghị học tập chuyên đề năm 2027",
        (2026, 12, 3, 7, 30),
        "Hội trường Huyện ủy",
    ),
    Case(
        "afternoon session only",
        "Mời dự kiểm tra",
        """Kính mời Trung tâm cử phóng viên đi cùng Đoàn kiểm tra công tác an toàn thực phẩm chiều ngày 10/12/2026 tại Chợ trung tâm huyện.""",
        "Đoàn kiểm tra công tác an toàn thực phẩm",
        (2026, 12, 10, 14, 0),
        "Chợ trung tâm huyện",
    ),
    Case(
        "PDF forwarded",
        "Fwd: Giấy mời Hội nghị",
        """---------- Forwarded message ----------
From: UBND xã <xa@agency.test>
Subject: Giấy mời Hội nghị

Gửi anh chị giấy mời.""",
        "Hội nghị tiếp xúc cử tri",
        (2026, 12, 9, 8, 0),
        "Hội trường UBND xã Tân Lập",
        attachment="pdf",
        letter="""UBND XÃ TÂN LẬP
GIẤY MỜI
Kính mời: Phóng viên Trung tâm
Tới dự: Hội nghị tiếp xúc cử tri
Thời gian: 8h00 ngày 09/12/2026
Địa điểm: Hội trường UBND xã Tân Lập""",
    ),
    Case(
        "Kính mời, then the event on its own line",
        "Giấy mời",
        """Kính mời Trung tâm VH-TT-DL&TT huyện tới dự:
Lễ đón nhận danh hiệu xã đạt chuẩn nông thôn mới
vào lúc 8 giờ 00 phút ngày 23/12/2026 tại Sân UBND xã Đăk Ruồng.""",
        "Lễ đón nhận danh hiệu xã đạt chuẩn nông thôn mới",
        (2026, 12, 23, 8, 0),
        "Sân UBND xã Đăk Ruồng",
    ),
    Case(
        "two dates: the event and the reply deadline",
        "V/v Hội thi tuyên truyền viên giỏi",
        """Thời gian: 07h30 ngày 26/12/2026.
Địa điểm: Nhà văn hóa huyện.
Đề nghị Trung tâm xác nhận tham dự trước ngày 20/12/2026.""",
        "Hội thi tuyên truyền viên giỏi",
        (2026, 12, 26, 7, 30),
        "Nhà văn hóa huyện",
    ),
    Case(
        "HTML only, no diacritics",
        "Moi du",
        "",
        "Le ky niem ngay Nha giao",
        (2026, 12, 5, 7, 30),
        "San truong THCS xa Tan Lap",
        html=True,
        letter="""<div>Kinh moi Trung tam du Le ky niem ngay Nha giao.</div>
<div>Thoi gian: 7h30 ngay 05/12/2026</div><div>Dia diem: San truong THCS xa Tan Lap</div>""",
    ),
    Case(
        "DOCX, no diacritics",
        "giay moi",
        "File dinh kem.",
        "Hoi nghi tong ket mua vu",
        (2026, 12, 12, 14, 0),
        "Hoi truong HTX nong nghiep",
        attachment="docx",
        letter="""HOP TAC XA NONG NGHIEP
GIAY MOI
V/v Hoi nghi tong ket mua vu
Thoi gian: 14h00 ngay 12/12/2026
Dia diem: Hoi truong HTX nong nghiep""",
    ),
    Case(
        "end time given",
        "V/v Ngày hội văn hóa các dân tộc",
        """Thời gian: từ 7h30 đến 11h00 ngày 27/12/2026
Địa điểm: Sân vận động huyện""",
        "Ngày hội văn hóa các dân tộc",
        (2026, 12, 27, 7, 30),
        "Sân vận động huyện",
    ),
    Case(
        "Sunday",
        "Giấy mời",
        """Kính mời Trung tâm đến dự và đưa tin Ngày hội đại đoàn kết toàn dân tộc thôn 4.
Thời gian: 8 giờ 00, Chủ nhật (13/12/2026).
Địa điểm: Nhà văn hóa thôn 4, xã Tân Lập.""",
        "Ngày hội đại đoàn kết toàn dân tộc thôn 4",
        (2026, 12, 13, 8, 0),
        "Nhà văn hóa thôn 4, xã Tân Lập",
    ),
]
