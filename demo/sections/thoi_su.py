"""Demo articles for the “Thời sự” section."""

SECTION = {
    "name": "Thời sự",
    "description": (
        "Tin tức về hoạt động của chính quyền thành phố, cải cách hành chính "
        "và những sự kiện nổi bật trong ngày."
    ),
}

ARTICLES = [
    {
        # The home page's "Tiêu điểm".
        "featured": True,
        "title": "Thành phố khai trương Trung tâm Phục vụ hành chính công tập trung",
        "lead": (
            "Sáng nay, UBND thành phố đã khai trương Trung tâm Phục vụ hành chính công "
            "tại số 12 đường Lê Lợi, phường Hòa Bình. Người dân và doanh nghiệp có thể "
            "nộp hồ sơ của tất cả các sở, ngành tại một đầu mối duy nhất."
        ),
        "body": (
            "<p>Trung tâm có diện tích gần 2.000 m², bố trí 48 quầy tiếp nhận và trả kết "
            "quả, khu chờ có máy lấy số tự động, màn hình tra cứu tình trạng hồ sơ và góc "
            "hỗ trợ nộp hồ sơ trực tuyến. Trong ngày đầu hoạt động, trung tâm đã tiếp nhận "
            "hơn 350 hồ sơ, phần lớn thuộc lĩnh vực đất đai, hộ tịch và đăng ký kinh "
            "doanh.</p>"
            "<h2>Một đầu mối, một quy trình</h2>"
            "<p>Theo lãnh đạo UBND thành phố, việc tập trung bộ phận một cửa của các sở về "
            "một địa điểm giúp người dân bớt thời gian đi lại, đồng thời tạo điều kiện "
            "giám sát chặt chẽ quá trình giải quyết hồ sơ. Mỗi hồ sơ được gắn mã số riêng; "
            "người nộp có thể theo dõi tiến độ qua tin nhắn hoặc trên "
            '<a href="https://dichvucong.example.vn/tra-cuu">Cổng dịch vụ công của thành '
            "phố</a>.</p>"
            "<p>Trung tâm làm việc từ thứ Hai đến sáng thứ Bảy, cụ thể:</p>"
            "<ul>"
            "<li><strong>Thứ Hai – thứ Sáu:</strong> 7 giờ 30 – 17 giờ;</li>"
            "<li><strong>Sáng thứ Bảy:</strong> 7 giờ 30 – 11 giờ 30, chỉ tiếp nhận hồ sơ "
            "hộ tịch và chứng thực;</li>"
            "<li>Người cao tuổi, người khuyết tật và phụ nữ mang thai được ưu tiên tại "
            "quầy số 1.</li>"
            "</ul>"
            "<blockquote>“Trước đây tôi phải đi ba nơi mới làm xong thủ tục chuyển nhượng "
            "đất, giờ chỉ cần đến một chỗ, cán bộ hướng dẫn rất tận tình”, ông Tâm, 62 "
            "tuổi, ở phường Tân Tiến chia sẻ.</blockquote>"
        ),
        "bylines": [("Nguyễn Thu Hà", ""), ("Đặng Quốc Bảo", "Ảnh")],
        "photos": [
            {
                "caption": (
                    "Người dân lấy số thứ tự tại khu chờ của Trung tâm Phục vụ hành chính "
                    "công trong ngày đầu khai trương."
                ),
                "credit": "Đặng Quốc Bảo",
                "alt": "Người dân ngồi chờ trước các quầy tiếp nhận hồ sơ",
            },
            {
                "caption": (
                    "Cán bộ hướng dẫn một người cao tuổi nộp hồ sơ trực tuyến tại góc hỗ trợ."
                ),
                "credit": "Đặng Quốc Bảo",
                "alt": "Cán bộ trẻ hướng dẫn cụ ông thao tác trên máy tính",
            },
            {
                "caption": "Màn hình điện tử cập nhật tình trạng giải quyết hồ sơ.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Màn hình lớn hiển thị danh sách hồ sơ",
            },
        ],
        "days_ago": 0,
        "time": "09:15",
    },
    {
        "title": "Sở KH&CN đưa thêm 120 thủ tục lên dịch vụ công trực tuyến toàn trình",
        "lead": (
            "Chiều qua, Sở Khoa học và Công nghệ cho biết từ đầu tháng tới, thêm 120 thủ "
            "tục hành chính sẽ được cung cấp trực tuyến toàn trình, nâng tổng số thủ tục "
            "người dân có thể làm hoàn toàn qua mạng lên hơn 800."
        ),
        "body": (
            "<p>Các thủ tục được bổ sung tập trung vào những lĩnh vực có nhiều hồ sơ như cấp "
            "giấy phép xây dựng nhà ở riêng lẻ, đăng ký hộ kinh doanh, cấp phiếu lý lịch "
            "tư pháp và đổi giấy phép lái xe. Người dân đăng nhập bằng tài khoản định danh "
            "điện tử, kê khai, nộp phí và nhận kết quả bản điện tử mà không phải đến cơ quan "
            "nhà nước.</p>"
            "<table>"
            "<thead><tr><th>Lĩnh vực</th><th>Số thủ tục bổ sung</th>"
            "<th>Thời gian giải quyết trung bình</th></tr></thead>"
            "<tbody>"
            "<tr><td>Xây dựng</td><td>28</td><td>12 ngày làm việc</td></tr>"
            "<tr><td>Kinh doanh, đầu tư</td><td>35</td><td>3 ngày làm việc</td></tr>"
            "<tr><td>Tư pháp, hộ tịch</td><td>31</td><td>5 ngày làm việc</td></tr>"
            "<tr><td>Giao thông vận tải</td><td>26</td><td>7 ngày làm việc</td></tr>"
            "</tbody>"
            "</table>"
            "<p>Theo Sở KH&amp;CN, tỷ lệ hồ sơ nộp trực tuyến của thành phố hiện đạt khoảng "
            "68%, tăng gần 20 điểm phần trăm so với cùng kỳ năm trước. Tuy nhiên, một bộ "
            "phận người dân, nhất là người cao tuổi, vẫn gặp khó khăn khi thao tác trên "
            "điện thoại.</p>"
            "<p>Để hỗ trợ, các phường duy trì tổ công nghệ số cộng đồng, hướng dẫn trực tiếp "
            "tại nhà văn hóa khu phố vào tối thứ Ba và thứ Năm hằng tuần. Danh sách thủ tục "
            "và hướng dẫn chi tiết được đăng tải tại "
            '<a href="https://dichvucong.example.vn/thu-tuc-moi">trang thông tin của '
            "Sở</a>.</p>"
        ),
        "bylines": [("Nguyễn Thu Hà", "")],
        "photos": [
            {
                "caption": (
                    "Một người dân nộp hồ sơ đổi giấy phép lái xe qua ứng dụng trên điện thoại."
                ),
                "credit": "Đỗ Thanh Tùng",
                "alt": "Bàn tay cầm điện thoại đang mở ứng dụng dịch vụ công",
            },
        ],
        "days_ago": 2,
        "time": "08:20",
    },
    {
        "title": "Đại biểu HĐND thành phố tiếp xúc cử tri phường Hòa Bình",
        "lead": (
            "Chiều nay, Tổ đại biểu HĐND thành phố đã tiếp xúc cử tri phường Hòa Bình "
            "trước kỳ họp thường lệ cuối năm. Các ý kiến tập trung vào tình trạng ngập úng, "
            "an toàn giao thông quanh trường học và tiến độ cấp giấy chứng nhận quyền sử "
            "dụng đất."
        ),
        "body": (
            "<p>Gần 200 cử tri đã tham dự buổi tiếp xúc, 14 ý kiến được phát biểu trực "
            "tiếp. Nhiều cử tri khu phố 3 phản ánh đoạn đường Lê Lợi trước chợ thường xuyên "
            "ngập sâu sau những trận mưa lớn, gây khó khăn cho việc đi lại và buôn bán.</p>"
            "<h2>Những vấn đề cử tri quan tâm</h2>"
            "<ul>"
            "<li>Sớm cải tạo hệ thống thoát nước khu vực chợ và các con hẻm xung quanh;</li>"
            "<li>Bố trí lực lượng điều tiết giao thông giờ tan trường tại cổng Trường Tiểu "
            "học Hòa Bình;</li>"
            "<li>Đẩy nhanh việc cấp giấy chứng nhận cho các hộ dân đã nộp hồ sơ từ hai năm "
            "trước;</li>"
            "<li>Tăng cường kiểm tra tình trạng lấn chiếm vỉa hè để kinh doanh.</li>"
            "</ul>"
            "<p>Thay mặt tổ đại biểu, đại diện lãnh đạo thành phố ghi nhận các ý kiến và cho "
            "biết dự án cải tạo thoát nước khu vực chợ đã được phê duyệt, dự kiến khởi công "
            "trong quý tới. Các kiến nghị thuộc thẩm quyền của phường sẽ được trả lời bằng "
            "văn bản trong vòng 15 ngày.</p>"
        ),
        "bylines": [("Nguyễn Thu Hà", "")],
        "photos": [
            {
                "caption": "Cử tri phường Hòa Bình phát biểu ý kiến tại buổi tiếp xúc.",
                "credit": "Nguyễn Thu Hà",
                "alt": "Một cụ bà đứng phát biểu, tay cầm micro",
            },
            {
                "caption": "Quang cảnh buổi tiếp xúc cử tri tại nhà văn hóa phường.",
                "credit": "Nguyễn Thu Hà",
                "alt": "Hội trường đông người ngồi theo hàng ghế",
            },
        ],
        "days_ago": 5,
        "time": "18:30",
    },
    {
        "title": "Diễn tập chữa cháy, cứu nạn tại chung cư cao tầng phường Tân Tiến",
        "lead": (
            "Sáng nay, Công an thành phố phối hợp với UBND phường Tân Tiến tổ chức diễn tập "
            "phương án chữa cháy và cứu nạn, cứu hộ tại một tòa chung cư 25 tầng với sự "
            "tham gia của hơn 300 người."
        ),
        "body": (
            "<p>Tình huống giả định: đám cháy phát sinh tại căn hộ tầng 14 do chập điện, "
            "khói lan nhanh ra hành lang và cầu thang bộ. Hệ thống báo cháy tự động kích "
            "hoạt, ban quản lý tòa nhà phát loa hướng dẫn cư dân thoát nạn theo cầu thang "
            "thoát hiểm, đồng thời gọi lực lượng chữa cháy chuyên nghiệp.</p>"
            "<p>Chỉ sau 7 phút, các xe chữa cháy và xe thang đã có mặt. Lực lượng cứu nạn "
            "dùng thang cao 52 m đưa người mắc kẹt ở ban công xuống đất an toàn, trong khi "
            "tổ y tế sơ cứu cho những người bị ngạt khói.</p>"
            "<h2>Cư dân được hướng dẫn kỹ năng thoát nạn</h2>"
            "<p>Sau phần diễn tập, cán bộ cảnh sát phòng cháy hướng dẫn cư dân cách sử dụng "
            "bình chữa cháy, mặt nạ lọc độc và dùng khăn ướt che mũi miệng khi di chuyển "
            "trong khói. Cư dân được khuyến cáo <strong>tuyệt đối không sử dụng thang "
            "máy</strong> khi có cháy và không để đồ đạc chắn lối thoát hiểm.</p>"
            "<p>Bà Hạnh, cư dân tầng 9, cho biết đây là lần đầu gia đình bà tham gia diễn "
            "tập đầy đủ như vậy: “Giờ tôi đã biết lối thoát nạn gần nhất và biết cách dùng "
            "bình chữa cháy đặt ở hành lang”.</p>"
        ),
        "bylines": [("Phạm Gia Huy", ""), ("Đỗ Thanh Tùng", "Ảnh")],
        "photos": [
            {
                "caption": "Xe thang chữa cháy tiếp cận tòa chung cư trong buổi diễn tập.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Xe thang màu đỏ vươn cao bên tòa nhà chung cư",
            },
            {
                "caption": (
                    "Lực lượng cứu nạn đưa người mắc kẹt từ ban công tầng 14 xuống mặt đất."
                ),
                "credit": "Đỗ Thanh Tùng",
                "alt": "Lính cứu hỏa dìu một người trong giỏ thang",
            },
            {
                "caption": (
                    "Cư dân di chuyển theo cầu thang thoát hiểm, dùng khăn ướt che mũi miệng."
                ),
                "credit": "Đỗ Thanh Tùng",
                "alt": "Hàng người đi xuống cầu thang bộ, tay che mặt",
            },
            {
                "caption": "Tổ y tế sơ cứu cho người bị ngạt khói giả định.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Nhân viên y tế đặt mặt nạ thở cho một người nằm trên cáng",
            },
            {
                "caption": "Cán bộ phòng cháy hướng dẫn cư dân sử dụng bình chữa cháy.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Cán bộ mặc đồng phục cầm bình chữa cháy trước nhóm cư dân",
            },
        ],
        "days_ago": 8,
        "time": "11:20",
    },
    {
        "title": "Ra quân cao điểm bảo đảm trật tự an toàn giao thông dịp cuối năm",
        "lead": (
            "Tối qua, Ban An toàn giao thông thành phố đã ban hành kế hoạch ra quân cao "
            "điểm bảo đảm trật tự an toàn giao thông, tập trung xử lý vi phạm nồng độ cồn, "
            "chạy quá tốc độ và chở hàng cồng kềnh."
        ),
        "body": (
            "<p>Đợt cao điểm kéo dài đến hết tháng Giêng, với sự tham gia của cảnh sát giao "
            "thông, thanh tra giao thông và công an các phường. Các tổ công tác sẽ kiểm tra "
            "cả ban ngày lẫn ban đêm tại các tuyến cửa ngõ, khu vực quanh bến xe, nhà ga và "
            "những tuyến phố có nhiều nhà hàng.</p>"
            "<p>Theo Ban An toàn giao thông, từ đầu năm đến nay thành phố xảy ra 86 vụ tai "
            "nạn giao thông, giảm 11 vụ so với cùng kỳ; tuy nhiên số vụ liên quan đến người "
            "điều khiển phương tiện có nồng độ cồn vẫn chiếm tỷ lệ đáng kể.</p>"
            "<h2>Những nhóm vi phạm được ưu tiên xử lý</h2>"
            "<ol>"
            "<li>Điều khiển phương tiện khi trong máu hoặc hơi thở có nồng độ cồn;</li>"
            "<li>Chạy quá tốc độ quy định, lạng lách, đánh võng;</li>"
            "<li>Xe khách đón trả khách sai quy định, chở quá số người;</li>"
            "<li>Xe tải chở hàng cồng kềnh, quá tải trọng.</li>"
            "</ol>"
            "<p>Ban An toàn giao thông đề nghị người dân thực hiện nghiêm quy định "
            "<em>“đã uống rượu bia thì không lái xe”</em>, chủ động sử dụng taxi, xe công "
            "nghệ hoặc nhờ người thân đưa đón khi tham gia tiệc tùng cuối năm.</p>"
        ),
        "bylines": [("Phạm Gia Huy", "")],
        "photos": [
            {
                "caption": (
                    "Cảnh sát giao thông kiểm tra nồng độ cồn người điều khiển xe máy trên "
                    "đường Lê Lợi."
                ),
                "credit": "Đỗ Thanh Tùng",
                "alt": "Cảnh sát giao thông cầm máy đo nồng độ cồn cạnh người đi xe máy",
            },
        ],
        "days_ago": 12,
        "time": "07:40",
    },
    {
        "title": "HĐND thành phố thông qua 9 nghị quyết tại kỳ họp chuyên đề",
        "lead": (
            "Chiều nay, kỳ họp chuyên đề HĐND thành phố đã bế mạc sau một ngày làm việc, "
            "thông qua 9 nghị quyết về đầu tư công, chính sách hỗ trợ giáo dục và chỉnh "
            "trang đô thị."
        ),
        "body": (
            "<p>Đáng chú ý trong số các nghị quyết được thông qua là nghị quyết điều chỉnh "
            "kế hoạch đầu tư công trung hạn, bổ sung vốn cho 6 dự án cải tạo hệ thống thoát "
            "nước và 4 dự án xây mới trường học tại các phường có mật độ dân cư cao.</p>"
            "<h2>Hỗ trợ học phí, nâng chuẩn trường học</h2>"
            "<p>Kỳ họp cũng thông qua chính sách hỗ trợ học phí cho học sinh trung học cơ sở "
            "thuộc hộ cận nghèo và học sinh có cha mẹ là lao động tự do thu nhập thấp. Dự "
            "kiến khoảng 4.500 học sinh được hưởng chính sách trong năm học tới.</p>"
            "<p>Các đại biểu thảo luận kỹ về nghị quyết quy định mức thu phí sử dụng tạm "
            "thời lòng đường, vỉa hè. Nhiều ý kiến đề nghị công khai vị trí được phép sử "
            "dụng và <strong>tăng cường giám sát</strong> để vỉa hè không bị biến thành nơi "
            "buôn bán lấn chiếm.</p>"
            "<blockquote>“Mỗi nghị quyết phải đi vào cuộc sống, người dân phải nhìn thấy sự "
            "thay đổi ở con đường, ngôi trường gần nhà mình”, chủ tọa kỳ họp nhấn mạnh khi "
            "bế mạc.</blockquote>"
        ),
        "bylines": [("Nguyễn Thu Hà", "")],
        "photos": [
            {
                "caption": "Các đại biểu biểu quyết thông qua nghị quyết tại kỳ họp.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Đại biểu giơ thẻ biểu quyết trong hội trường",
            },
            {
                "caption": (
                    "Một đại biểu phát biểu thảo luận về nghị quyết sử dụng tạm thời vỉa hè."
                ),
                "credit": "Đặng Quốc Bảo",
                "alt": "Đại biểu đứng phát biểu tại bục",
            },
        ],
        "days_ago": 18,
        "time": "17:30",
    },
    {
        "title": "Ra mắt tổng đài tiếp nhận phản ánh, kiến nghị của người dân 24/7",
        "lead": (
            "Sáng nay, UBND thành phố đưa vào vận hành tổng đài tiếp nhận phản ánh, kiến "
            "nghị hoạt động 24 giờ mỗi ngày, kết nối trực tiếp với các sở, ngành và UBND "
            "các phường."
        ),
        "body": (
            "<p>Người dân có thể phản ánh các vấn đề về hạ tầng, vệ sinh môi trường, trật "
            "tự đô thị hay thái độ phục vụ của cán bộ qua điện thoại, ứng dụng di động hoặc "
            'tại <a href="https://phananh.example.vn">trang tiếp nhận phản ánh trực '
            "tuyến</a>. Mỗi phản ánh được chuyển đến đơn vị có thẩm quyền trong vòng 2 giờ "
            "làm việc.</p>"
            "<p>Theo quy chế, các đơn vị phải phản hồi người phản ánh trong tối đa 5 ngày "
            "làm việc; những việc khẩn cấp như cây đổ, ngập nước, sự cố điện, nước phải "
            "được xử lý ngay. Kết quả xử lý được công khai để người dân theo dõi và đánh "
            "giá mức độ hài lòng.</p>"
            "<h3>Thông tin người phản ánh được bảo mật</h3>"
            "<p>Thông tin cá nhân của người phản ánh được giữ bí mật. Thành phố cũng đưa chỉ "
            "số hài lòng của người dân vào tiêu chí đánh giá, xếp loại hằng năm đối với "
            "người đứng đầu các cơ quan, đơn vị.</p>"
        ),
        "bylines": [("Nguyễn Thu Hà", "")],
        "photos": [],
        "days_ago": 25,
        "time": "10:05",
    },
    {
        "title": "Phường Thống Nhất lấy ý kiến người dân về sắp xếp tổ dân phố",
        "lead": (
            "Từ nay đến cuối tháng, UBND phường Thống Nhất lấy ý kiến cử tri về phương án "
            "sáp nhập 42 tổ dân phố thành 24 tổ dân phố mới, nhằm tinh gọn bộ máy và nâng "
            "cao hiệu quả quản lý ở cơ sở."
        ),
        "body": (
            "<p>Theo phương án, các tổ dân phố có quy mô dưới 150 hộ sẽ được sáp nhập với "
            "tổ liền kề, bảo đảm mỗi tổ mới có từ 250 đến 400 hộ dân. Tên gọi của tổ dân "
            "phố mới được đặt theo số thứ tự, thuận tiện cho việc quản lý và tra cứu địa "
            "chỉ.</p>"
            "<p>Việc lấy ý kiến được thực hiện bằng phiếu phát đến từng hộ gia đình. Cử tri "
            "có thể ghi thêm đề xuất vào phiếu hoặc góp ý trực tiếp tại các buổi họp tổ dân "
            "phố vào tối thứ Sáu hằng tuần.</p>"
            "<p>Lãnh đạo phường cho biết, sau khi sáp nhập, số người hoạt động không chuyên "
            "trách ở tổ dân phố sẽ giảm khoảng một phần ba; kinh phí tiết kiệm được dùng để "
            "tăng phụ cấp và hỗ trợ trang thiết bị cho các tổ mới. Người dân "
            "<strong>không phải làm thủ tục điều chỉnh giấy tờ</strong> do thay đổi tổ dân "
            "phố.</p>"
        ),
        "bylines": [("Võ Ngọc Lan", "")],
        "photos": [
            {
                "caption": (
                    "Người dân khu phố 2 điền phiếu lấy ý kiến về phương án sáp nhập tổ dân phố."
                ),
                "credit": "Võ Ngọc Lan",
                "alt": "Người dân ngồi quanh bàn điền phiếu tại nhà văn hóa",
            },
        ],
        "days_ago": 33,
        "time": "15:00",
    },
]
