"""Demo articles for the “Kinh tế” section."""

SECTION = {
    "name": "Kinh tế",
    "description": (
        "Thị trường, doanh nghiệp, đầu tư và đời sống kinh tế của người dân thành phố."
    ),
}

ARTICLES = [
    {
        "title": "Chợ Đông Hòa hoàn thành cải tạo, tiểu thương trở lại kinh doanh",
        "lead": (
            "Sáng qua, sau 8 tháng thi công, chợ Đông Hòa đã chính thức mở cửa trở lại với "
            "diện mạo khang trang, hệ thống phòng cháy hiện đại và hơn 400 sạp hàng được bố "
            "trí lại theo ngành hàng."
        ),
        "body": (
            "<p>Công trình được cải tạo với tổng vốn khoảng 65 tỷ đồng, gồm hai tầng nhà "
            "lồng chợ, khu bán thực phẩm tươi sống có sàn chống trơn và hệ thống thoát nước "
            "riêng, khu ăn uống và bãi giữ xe cho khoảng 500 xe máy. Toàn bộ hệ thống điện "
            "được đi ngầm, lắp đặt đầu báo khói và họng nước chữa cháy vách tường.</p>"
            "<p>Các tiểu thương được giữ nguyên vị trí sạp theo kết quả bốc thăm trước khi "
            "di dời tạm, đồng thời được miễn tiền thuê sạp trong 3 tháng đầu để ổn định "
            "việc kinh doanh.</p>"
            "<blockquote>“Chợ mới sạch sẽ, thoáng mát, khách vào đông hơn hẳn. Mấy tháng "
            "bán ở chợ tạm vất vả, giờ ai cũng mừng”, bà Thu, tiểu thương bán rau hơn 20 "
            "năm, nói.</blockquote>"
            "<p>Ban quản lý chợ cho biết sẽ triển khai thanh toán bằng mã QR tại tất cả các "
            "sạp và niêm yết giá công khai. Khu vực xung quanh chợ cũng được phân làn, xe "
            "giao hàng chỉ được ra vào từ 4 giờ đến 6 giờ sáng.</p>"
        ),
        "bylines": [("Trần Minh Khang", ""), ("Đặng Quốc Bảo", "Ảnh")],
        "photos": [
            {
                "caption": "Nhà lồng chợ Đông Hòa sau cải tạo với mái che cao, thoáng.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Mặt tiền chợ hai tầng sơn màu vàng nhạt",
            },
            {
                "caption": "Khu bán thực phẩm tươi sống được lát sàn chống trơn.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Dãy sạp thịt cá sạch sẽ trong nhà chợ",
            },
            {
                "caption": "Tiểu thương bày hàng trong ngày đầu chợ mở cửa trở lại.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Người phụ nữ xếp rau củ lên sạp hàng",
            },
            {
                "caption": "Khách hàng thanh toán bằng mã QR tại một sạp trái cây.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Khách hàng quét mã QR bằng điện thoại trước sạp trái cây",
            },
        ],
        "days_ago": 1,
        "time": "06:30",
    },
    {
        "title": "Giá rau xanh, thực phẩm dần ổn định sau đợt mưa lớn",
        "lead": (
            "Sau gần một tuần tăng mạnh do mưa lớn kéo dài, giá nhiều loại rau xanh tại các "
            "chợ đầu mối và chợ dân sinh trên địa bàn thành phố đã giảm trở lại từ sáng hôm "
            "qua."
        ),
        "body": (
            "<p>Ghi nhận tại chợ đầu mối phía Nam thành phố, lượng rau về chợ mỗi đêm đã "
            "đạt khoảng 500 tấn, tương đương thời điểm trước mưa. Giá các loại rau ăn lá "
            "như cải xanh, rau muống, mồng tơi giảm 20–30% so với tuần trước, dù vẫn cao "
            "hơn mức bình thường.</p>"
            "<p>Giá bán lẻ một số mặt hàng tại chợ dân sinh ghi nhận hôm qua:</p>"
            "<ul>"
            "<li>Cải xanh: 22.000 đồng/kg, giảm 8.000 đồng so với tuần trước;</li>"
            "<li>Rau muống: 18.000 đồng/kg, giảm 7.000 đồng;</li>"
            "<li>Cà chua: 28.000 đồng/kg, giảm 7.000 đồng;</li>"
            "<li>Thịt lợn nạc và trứng gà gần như không đổi, lần lượt khoảng 122.000 "
            "đồng/kg và 33.000 đồng/chục.</li>"
            "</ul>"
            "<p>Sở Công Thương cho biết nguồn cung hàng thiết yếu trên địa bàn vẫn được bảo "
            "đảm. Các doanh nghiệp tham gia chương trình bình ổn thị trường cam kết giữ giá "
            "bán tại hệ thống siêu thị và điểm bán lưu động đến hết tháng.</p>"
            "<p>Người tiêu dùng có thể tra cứu giá tham khảo của các mặt hàng thiết yếu, "
            'được cập nhật hằng ngày, trên <a href="https://giaca.example.vn">chuyên trang '
            "giá cả thị trường</a> của thành phố.</p>"
        ),
        "bylines": [("Trần Minh Khang", "")],
        "photos": [
            {
                "caption": "Tiểu thương bốc dỡ rau tại chợ đầu mối lúc rạng sáng.",
                "credit": "Trần Minh Khang",
                "alt": "Những bao rau xếp chồng trên xe đẩy trong chợ đầu mối",
            },
            {
                "caption": "Người dân mua rau tại một chợ dân sinh ở phường Hòa Bình.",
                "credit": "Trần Minh Khang",
                "alt": "Người phụ nữ chọn rau tại sạp hàng",
            },
        ],
        "days_ago": 3,
        "time": "05:33",
    },
    {
        "title": "Thu ngân sách 10 tháng đạt 87% dự toán năm",
        "lead": (
            "Theo báo cáo vừa được Sở Tài chính công bố, tổng thu ngân sách nhà nước trên "
            "địa bàn thành phố trong 10 tháng đạt hơn 18.700 tỷ đồng, bằng 87% dự toán năm "
            "và tăng 9% so với cùng kỳ."
        ),
        "body": (
            "<p>Thu nội địa tiếp tục là nguồn đóng góp chính, chiếm khoảng 82% tổng thu. "
            "Các khoản thu từ khu vực doanh nghiệp ngoài nhà nước và thuế thu nhập cá nhân "
            "tăng khá nhờ hoạt động sản xuất, kinh doanh phục hồi và thương mại điện tử phát "
            "triển.</p>"
            "<table>"
            "<thead><tr><th>Khoản thu</th><th>Thực hiện 10 tháng (tỷ đồng)</th>"
            "<th>So với dự toán</th></tr></thead>"
            "<tbody>"
            "<tr><td>Thu nội địa (không kể tiền sử dụng đất)</td><td>15.340</td>"
            "<td>88%</td></tr>"
            "<tr><td>Thu từ hoạt động xuất nhập khẩu</td><td>2.210</td><td>84%</td></tr>"
            "<tr><td>Thu tiền sử dụng đất</td><td>1.150</td><td>79%</td></tr>"
            "<tr><td><strong>Tổng cộng</strong></td><td><strong>18.700</strong></td>"
            "<td><strong>87%</strong></td></tr>"
            "</tbody>"
            "</table>"
            "<p>Khoản thu tiền sử dụng đất đạt thấp do một số dự án chậm đấu giá. Sở Tài "
            "chính đề nghị các đơn vị đẩy nhanh tiến độ, đồng thời tăng cường chống thất thu "
            "thuế trong lĩnh vực kinh doanh trên nền tảng số và cho thuê nhà.</p>"
            "<p>Về chi ngân sách, giải ngân vốn đầu tư công 10 tháng đạt 61% kế hoạch. UBND "
            "thành phố yêu cầu các chủ đầu tư <strong>tập trung giải ngân</strong> trong "
            "hai tháng cuối năm, nhất là các công trình trường học, y tế và hạ tầng thoát "
            "nước.</p>"
        ),
        "bylines": [("Trần Minh Khang", "")],
        "photos": [],
        "days_ago": 6,
        "time": "15:20",
    },
    {
        "title": "Hội chợ hàng Việt cuối năm quy tụ hơn 200 gian hàng",
        "lead": (
            "Tối nay, Hội chợ hàng Việt cuối năm đã khai mạc tại Quảng trường Trung tâm với "
            "hơn 200 gian hàng của doanh nghiệp, hợp tác xã và cơ sở sản xuất trong và "
            "ngoài thành phố."
        ),
        "body": (
            "<p>Hội chợ kéo dài 7 ngày, giới thiệu các nhóm hàng tiêu dùng, thực phẩm chế "
            "biến, thủ công mỹ nghệ, đặc sản vùng miền và sản phẩm OCOP. Nhiều doanh nghiệp "
            "giảm giá từ 10% đến 30%, tặng quà cho khách mua hàng trong những ngày đầu.</p>"
            "<h2>Không gian cho sản phẩm địa phương</h2>"
            "<p>Ban tổ chức dành riêng một khu cho 40 gian hàng của các hợp tác xã, làng "
            "nghề trong thành phố như gốm, mây tre đan, bánh kẹo truyền thống và trà. Đây là "
            "cơ hội để các cơ sở nhỏ tìm kiếm nhà phân phối và đưa sản phẩm vào hệ thống "
            "siêu thị.</p>"
            "<ul>"
            "<li>Thời gian mở cửa: 9 giờ – 22 giờ hằng ngày;</li>"
            "<li>Vào cửa miễn phí;</li>"
            "<li>Tối thứ Bảy và Chủ nhật có chương trình biểu diễn nghệ thuật và ẩm thực "
            "đường phố.</li>"
            "</ul>"
            "<p>Ban tổ chức lưu ý người dân gửi xe tại các điểm trông giữ được cấp phép "
            "quanh quảng trường và giữ gìn vệ sinh chung.</p>"
        ),
        "bylines": [("Trần Minh Khang", ""), ("Đỗ Thanh Tùng", "Ảnh")],
        "photos": [
            {
                "caption": "Đông đảo người dân tham quan hội chợ trong tối khai mạc.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Dòng người đi giữa hai dãy gian hàng sáng đèn",
            },
            {
                "caption": "Gian hàng gốm của một làng nghề thu hút khách tham quan.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Bình gốm men xanh bày trên kệ gỗ",
            },
            {
                "caption": "Khách hàng nếm thử trà tại gian hàng của một hợp tác xã.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Người bán rót trà mời khách",
            },
            {
                "caption": "Sản phẩm mây tre đan được nhiều khách nước ngoài quan tâm.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Giỏ mây và đèn tre treo trong gian hàng",
            },
            {
                "caption": "Tiết mục múa chào mừng hội chợ trên sân khấu chính.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Nhóm vũ công mặc áo dài biểu diễn trên sân khấu",
            },
        ],
        "days_ago": 10,
        "time": "21:05",
    },
    {
        "title": "Doanh nghiệp nhỏ được hỗ trợ chuyển đổi số miễn phí",
        "lead": (
            "Chiều qua, Trung tâm Hỗ trợ doanh nghiệp nhỏ và vừa thành phố khởi động chương "
            "trình hỗ trợ chuyển đổi số năm nay, dự kiến giúp 500 doanh nghiệp và hộ kinh "
            "doanh ứng dụng phần mềm quản lý, hóa đơn điện tử và bán hàng trực tuyến."
        ),
        "body": (
            "<p>Doanh nghiệp tham gia được chuyên gia khảo sát, đánh giá mức độ sẵn sàng và "
            "tư vấn lộ trình phù hợp. Chương trình hỗ trợ 100% chi phí tư vấn và tối đa 50% "
            "chi phí thuê phần mềm trong năm đầu, với mức trần 30 triệu đồng mỗi doanh "
            "nghiệp.</p>"
            "<h2>Ba nhóm giải pháp được ưu tiên</h2>"
            "<ol>"
            "<li>Quản lý bán hàng, kho và hóa đơn điện tử;</li>"
            "<li>Kế toán, nhân sự và chữ ký số;</li>"
            "<li>Tiếp thị và bán hàng trên các sàn thương mại điện tử.</li>"
            "</ol>"
            "<p>Theo khảo sát của trung tâm, hơn 60% doanh nghiệp siêu nhỏ trên địa bàn vẫn "
            "quản lý sổ sách thủ công hoặc bằng bảng tính. Nhiều chủ cơ sở e ngại chi phí và "
            "thiếu nhân lực có kỹ năng số.</p>"
            "<p>Doanh nghiệp quan tâm có thể đăng ký tại "
            '<a href="https://doanhnghiep.example.vn/chuyen-doi-so">trang thông tin của '
            "chương trình</a>; hồ sơ được nhận đến hết tháng sau.</p>"
        ),
        "bylines": [("Trần Minh Khang", "")],
        "photos": [
            {
                "caption": (
                    "Chuyên gia tư vấn phần mềm quản lý bán hàng cho chủ một cửa hàng tạp hóa."
                ),
                "credit": "Trần Minh Khang",
                "alt": "Hai người xem màn hình máy tính bảng tại quầy thu ngân",
            },
        ],
        "days_ago": 14,
        "time": "08:45",
    },
    {
        "title": "Phố đi bộ ven sông giúp hộ kinh doanh tăng doanh thu",
        "lead": (
            "Sau ba tháng vận hành, tuyến phố đi bộ ven sông trên đường Bạch Đằng đón trung "
            "bình 15.000 lượt khách mỗi tối cuối tuần, giúp doanh thu của nhiều hộ kinh "
            "doanh tăng 30–40%."
        ),
        "body": (
            "<p>Tuyến phố dài khoảng 800 m, cấm phương tiện từ 18 giờ tối thứ Sáu đến 24 "
            "giờ Chủ nhật. Các nhà hàng, quán cà phê hai bên đường được kê bàn ghế trong "
            "phạm vi vạch sơn, còn lòng đường dành cho biểu diễn đường phố, trò chơi dân "
            "gian và khu ẩm thực.</p>"
            "<blockquote>“Trước đây buổi tối quán chỉ lèo tèo vài bàn, từ khi có phố đi bộ "
            "phải thuê thêm bốn nhân viên mới phục vụ kịp”, chủ một quán bún chả ven sông "
            "cho biết.</blockquote>"
            "<p>Tuy nhiên, một số cư dân phản ánh tiếng ồn kéo dài sau 23 giờ và tình trạng "
            "gửi xe tràn lan ở các con hẻm lân cận. UBND phường đã yêu cầu các điểm biểu "
            "diễn giảm âm lượng sau 22 giờ và bố trí thêm ba bãi giữ xe có niêm yết giá.</p>"
            "<p>Thành phố dự kiến đánh giá hiệu quả mô hình vào cuối năm để xem xét mở rộng "
            "sang các tuyến phố cổ lân cận.</p>"
        ),
        "bylines": [("Trần Minh Khang", ""), ("Đặng Quốc Bảo", "Ảnh")],
        "photos": [
            {
                "caption": "Du khách dạo bước trên phố đi bộ ven sông vào tối thứ Bảy.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Phố đi bộ đông người, đèn lồng treo dọc hai bên",
            },
            {
                "caption": "Nhóm nghệ sĩ đường phố biểu diễn nhạc mộc.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Ba thanh niên chơi guitar và hát giữa phố",
            },
            {
                "caption": "Khu ẩm thực với những món ăn đặc trưng của thành phố.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Quầy hàng ăn nghi ngút khói, khách xếp hàng chờ mua",
            },
        ],
        "days_ago": 20,
        "time": "21:10",
    },
    {
        "title": "Chợ truyền thống đẩy mạnh thanh toán không dùng tiền mặt",
        "lead": (
            "Sáng nay, Sở Công Thương phối hợp với các ngân hàng thương mại ra mắt mô hình "
            "“Chợ 4.0” tại 12 chợ truyền thống, hướng dẫn tiểu thương nhận thanh toán qua "
            "mã QR và ví điện tử."
        ),
        "body": (
            "<p>Mỗi tiểu thương tham gia được mở tài khoản miễn phí, cấp bảng mã QR in sẵn "
            "và loa thông báo khi nhận tiền. Các ngân hàng cũng cử nhân viên túc trực tại "
            "chợ trong tháng đầu để hướng dẫn và xử lý sự cố.</p>"
            "<p>Tại chợ Hòa Bình, đến nay đã có hơn 80% sạp hàng nhận thanh toán không dùng "
            "tiền mặt. Nhiều người bán cho biết cách này giúp tránh nhầm lẫn khi trả tiền "
            "lẻ và không lo nhận phải tiền giả.</p>"
            "<h3>Lưu ý an toàn khi thanh toán</h3>"
            "<ul>"
            "<li>Kiểm tra tên tài khoản hiển thị trước khi xác nhận chuyển tiền;</li>"
            "<li>Không để người lạ dán đè mã QR lên bảng mã của sạp;</li>"
            "<li>Không cung cấp mã OTP cho bất kỳ ai, kể cả người xưng là nhân viên ngân "
            "hàng.</li>"
            "</ul>"
            "<p>Sở Công Thương đặt mục tiêu đến cuối năm sau, toàn bộ chợ hạng 1 và hạng 2 "
            "trên địa bàn đều triển khai mô hình này.</p>"
        ),
        "bylines": [("Trần Minh Khang", ""), ("Đỗ Thanh Tùng", "Video")],
        "photos": [
            {
                "caption": "Một khách hàng quét mã QR thanh toán tại sạp cá ở chợ Hòa Bình.",
                "credit": "Trần Minh Khang",
                "alt": "Điện thoại quét mã QR dán trên sạp cá",
            },
            {
                "caption": "Nhân viên ngân hàng hướng dẫn tiểu thương cài đặt ứng dụng.",
                "credit": "Trần Minh Khang",
                "alt": "Nhân viên mặc đồng phục cầm điện thoại giải thích cho người bán hàng",
            },
        ],
        "days_ago": 27,
        "time": "11:00",
    },
    {
        "title": "Hợp tác xã ven đô đưa sản phẩm OCOP lên sàn thương mại điện tử",
        "lead": (
            "Sau hai năm được hỗ trợ, Hợp tác xã Nông nghiệp Phú Thịnh đã bán hơn 30% sản "
            "lượng rau hữu cơ và mật ong qua các sàn thương mại điện tử, mở ra hướng đi mới "
            "cho nông sản ven đô."
        ),
        "body": (
            "<p>Hợp tác xã hiện có 56 thành viên, canh tác 25 ha rau theo tiêu chuẩn hữu cơ "
            "và nuôi gần 400 đàn ong. Hai sản phẩm mật ong hoa nhãn và rau hữu cơ đóng gói "
            "đã đạt chứng nhận OCOP 4 sao.</p>"
            "<h2>Học cách bán hàng trên mạng</h2>"
            "<p>Ban đầu, các thành viên phần lớn là nông dân lớn tuổi, chưa quen dùng điện "
            "thoại thông minh. Được thành phố hỗ trợ, hợp tác xã cử ba thành viên trẻ tham "
            "gia khóa đào tạo về chụp ảnh sản phẩm, viết mô tả và livestream bán hàng.</p>"
            "<blockquote>“Có tuần chúng tôi livestream ngay tại vườn, khách xem rau được thu "
            "hoạch thế nào rồi đặt hàng luôn. Đơn hàng đi khắp các tỉnh”, giám đốc hợp tác "
            "xã kể.</blockquote>"
            "<p>Để giữ uy tín, mỗi sản phẩm đều có mã truy xuất nguồn gốc, ghi rõ ngày gieo "
            "trồng, thu hoạch. Hợp tác xã đang đầu tư thêm kho lạnh để rút ngắn thời gian "
            "giao hàng và giảm tỷ lệ hao hụt.</p>"
        ),
        "bylines": [("Trần Minh Khang", "Thực hiện")],
        "photos": [
            {
                "caption": "Thành viên hợp tác xã livestream giới thiệu rau hữu cơ ngay tại vườn.",
                "credit": "Trần Minh Khang",
                "alt": "Cô gái cầm điện thoại quay trước luống rau xanh",
            },
            {
                "caption": "Mật ong hoa nhãn được đóng chai, dán tem truy xuất nguồn gốc.",
                "credit": "Trần Minh Khang",
                "alt": "Những chai mật ong xếp thẳng hàng trên bàn",
            },
        ],
        "days_ago": 38,
        "time": "09:30",
    },
]
