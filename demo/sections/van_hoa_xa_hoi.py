"""Demo articles for the “Văn hóa - Xã hội” section."""

SECTION = {
    "name": "Văn hóa - Xã hội",
    "description": ("Văn hóa, giáo dục, y tế, lễ hội và những câu chuyện đời sống thường ngày."),
}

ARTICLES = [
    {
        "title": "Lễ hội đường phố mùa thu quy tụ 30 đội nghệ thuật",
        "lead": (
            "Tối nay, hàng nghìn người dân và du khách đã đổ về các tuyến phố trung tâm để "
            "theo dõi màn diễu hành mở màn Lễ hội đường phố mùa thu với sự tham gia của 30 "
            "đội nghệ thuật quần chúng."
        ),
        "body": (
            "<p>Đoàn diễu hành xuất phát từ Quảng trường Trung tâm, đi qua đường Lê Lợi, "
            "đường Bạch Đằng rồi trở về điểm đầu, dài khoảng 3 km. Mỗi đội mang đến một chủ "
            "đề riêng: múa lân sư rồng, trống hội, áo dài, trang phục dân tộc và những xe "
            "hoa tái hiện các công trình tiêu biểu của thành phố.</p>"
            "<h2>Nhiều hoạt động kéo dài đến cuối tuần</h2>"
            "<p>Trong ba ngày lễ hội, Ban tổ chức bố trí chuỗi hoạt động tại nhiều điểm:</p>"
            "<ul>"
            "<li>Không gian trò chơi dân gian và làm đèn lồng cho thiếu nhi tại công viên "
            "Hòa Bình;</li>"
            "<li>Chợ phiên ẩm thực với hơn 50 món ăn truyền thống;</li>"
            "<li>Đêm nhạc ngoài trời bên bờ sông vào tối thứ Bảy;</li>"
            "<li>Triển lãm ảnh “Thành phố của chúng ta” tại Nhà Văn hóa thành phố.</li>"
            "</ul>"
            "<p>Để bảo đảm an toàn, các tuyến phố có đoàn diễu hành đi qua được cấm phương "
            "tiện từ 17 giờ đến 23 giờ. Người dân nên đi xe buýt hoặc gửi xe tại các điểm "
            "trông giữ được công bố trên "
            '<a href="https://lehoi.example.vn/ban-do">bản đồ lễ hội</a>.</p>'
        ),
        "bylines": [("Lê Phương Thảo", ""), ("Đặng Quốc Bảo", "Ảnh")],
        "photos": [
            {
                "caption": "Đội múa lân sư rồng biểu diễn mở màn lễ hội.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Con lân đỏ vàng nhảy múa giữa đường phố",
            },
            {
                "caption": "Các thiếu nữ trong tà áo dài diễu hành trên đường Lê Lợi.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Hàng thiếu nữ mặc áo dài nhiều màu đi trên phố",
            },
            {
                "caption": "Xe hoa tái hiện cây cầu biểu tượng của thành phố.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Xe hoa trang trí hình cây cầu phát sáng",
            },
            {
                "caption": "Người dân đứng kín hai bên đường theo dõi đoàn diễu hành.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Đám đông đứng sau rào chắn, giơ điện thoại chụp ảnh",
            },
            {
                "caption": "Thiếu nhi rước đèn ông sao theo sau đoàn diễu hành.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Trẻ em cầm đèn ông sao màu đỏ đi trên phố",
            },
        ],
        "days_ago": 1,
        "time": "22:40",
    },
    {
        "title": "Tiêm bổ sung vắc xin sởi cho trẻ em tại 45 trạm y tế phường",
        "lead": (
            "Từ sáng nay, Trung tâm Kiểm soát bệnh tật thành phố triển khai chiến dịch tiêm "
            "bổ sung vắc xin sởi – rubella cho trẻ từ 1 đến 5 tuổi tại 45 trạm y tế phường "
            "và các điểm tiêm lưu động ở trường mầm non."
        ),
        "body": (
            "<p>Chiến dịch nhằm tăng tỷ lệ miễn dịch cộng đồng sau khi thành phố ghi nhận "
            "số ca sốt phát ban nghi sởi tăng trong những tháng gần đây. Khoảng 38.000 trẻ "
            "thuộc diện được tiêm, trong đó có những trẻ chưa tiêm đủ hai mũi theo lịch "
            "tiêm chủng mở rộng.</p>"
            "<h2>Phụ huynh cần chuẩn bị gì?</h2>"
            "<ul>"
            "<li>Mang theo sổ hoặc phiếu tiêm chủng của trẻ;</li>"
            "<li>Báo cho nhân viên y tế nếu trẻ đang sốt, mắc bệnh cấp tính hoặc từng bị "
            "phản ứng sau tiêm;</li>"
            "<li>Ở lại điểm tiêm ít nhất 30 phút sau tiêm để theo dõi;</li>"
            "<li>Tiếp tục theo dõi trẻ tại nhà trong 24 giờ.</li>"
            "</ul>"
            "<p>Vắc xin được cung cấp miễn phí. Lịch tiêm của từng phường được thông báo qua "
            "tổ dân phố, nhà trường và đăng tải trên "
            '<a href="https://yte.example.vn/lich-tiem">trang thông tin của ngành y '
            "tế</a>.</p>"
            "<p>Bác sĩ khuyến cáo sởi là bệnh lây rất nhanh qua đường hô hấp và có thể gây "
            "biến chứng nặng như viêm phổi, viêm não; <strong>tiêm vắc xin đủ mũi</strong> "
            "là biện pháp phòng bệnh hiệu quả nhất.</p>"
        ),
        "bylines": [("Võ Ngọc Lan", "")],
        "photos": [
            {
                "caption": "Nhân viên y tế tiêm vắc xin cho một bé tại trạm y tế phường Tân Tiến.",
                "credit": "Võ Ngọc Lan",
                "alt": "Nữ điều dưỡng tiêm vào cánh tay em bé đang được mẹ bế",
            },
            {
                "caption": "Phụ huynh đưa con đến điểm tiêm tại một trường mầm non.",
                "credit": "Võ Ngọc Lan",
                "alt": "Các phụ huynh bế con ngồi chờ trên ghế nhựa",
            },
        ],
        "days_ago": 2,
        "time": "11:10",
    },
    {
        "title": "Trường THCS Hòa Bình khánh thành thư viện xanh",
        "lead": (
            "Sáng nay, Trường THCS Hòa Bình đã khánh thành thư viện xanh rộng 300 m² được "
            "cải tạo từ dãy phòng học cũ, với hơn 8.000 đầu sách và không gian đọc ngoài "
            "trời dưới tán cây."
        ),
        "body": (
            "<p>Thư viện được thiết kế mở, không có vách ngăn cứng, sử dụng bàn ghế gỗ tái "
            "chế và nhiều cây xanh. Bên cạnh khu đọc truyền thống, trường bố trí góc đọc "
            "sách điện tử, khu thảo luận nhóm và một “bức tường ý tưởng”, nơi học sinh giới "
            "thiệu cuốn sách mình yêu thích.</p>"
            "<p>Kinh phí cải tạo khoảng 1,2 tỷ đồng, phần lớn do cựu học sinh và phụ huynh "
            "đóng góp. Riêng chương trình “Mỗi lớp một tủ sách” đã quyên góp được gần 3.000 "
            "cuốn.</p>"
            "<blockquote>“Giờ ra chơi, chúng em thích lên thư viện hơn. Ở đây mát, nhiều "
            "truyện và sách khoa học hay”, em Minh Anh, học sinh lớp 8A, hào hứng "
            "nói.</blockquote>"
            "<p>Nhà trường cho biết thư viện mở cửa cả buổi trưa và chiều thứ Bảy, đồng thời "
            "tổ chức giao lưu với tác giả và câu lạc bộ đọc sách theo chủ đề mỗi tháng.</p>"
        ),
        "bylines": [("Võ Ngọc Lan", ""), ("Đỗ Thanh Tùng", "Ảnh")],
        "photos": [
            {
                "caption": "Học sinh đọc sách tại không gian đọc ngoài trời của thư viện.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Nhóm học sinh ngồi đọc sách trên ghế gỗ dưới tán cây",
            },
            {
                "caption": "Kệ sách làm từ gỗ tái chế với hơn 8.000 đầu sách.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Kệ sách gỗ cao đầy sách nhiều màu",
            },
            {
                "caption": "Học sinh viết cảm nhận lên “bức tường ý tưởng”.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Bức tường dán giấy nhớ nhiều màu, một em học sinh đang viết",
            },
        ],
        "days_ago": 4,
        "time": "10:30",
    },
    {
        "title": "Đêm nhạc “Phố cũ” gây quỹ học bổng cho học sinh khó khăn",
        "lead": (
            "Tối nay, đêm nhạc “Phố cũ” tại Nhà hát thành phố đã quyên góp được hơn 850 "
            "triệu đồng cho quỹ học bổng dành cho học sinh có hoàn cảnh khó khăn."
        ),
        "body": (
            "<p>Chương trình gồm 18 tiết mục do các nghệ sĩ, ca sĩ trẻ của thành phố và "
            "nhóm hợp xướng thiếu nhi biểu diễn. Những ca khúc quen thuộc về phố phường, "
            "dòng sông và những con người bình dị đã đưa khán giả trở về với ký ức của "
            "thành phố qua nhiều thời kỳ.</p>"
            "<p>Toàn bộ tiền bán vé và tiền ủng hộ sẽ được dùng để trao 500 suất học bổng, "
            "mỗi suất 1,5 triệu đồng, cùng xe đạp và sách vở cho học sinh tiểu học, trung "
            "học cơ sở thuộc hộ nghèo, cận nghèo.</p>"
            "<p>Đây là năm thứ năm chương trình được tổ chức. Theo Ban tổ chức, qua bốn mùa "
            "trước, hơn 1.800 học sinh đã nhận học bổng; nhiều em nay đã vào đại học và "
            "quay lại làm tình nguyện viên cho chương trình.</p>"
        ),
        "bylines": [("Lê Phương Thảo", "")],
        "photos": [
            {
                "caption": "Nhóm hợp xướng thiếu nhi trình diễn trong đêm nhạc “Phố cũ”.",
                "credit": "Lê Phương Thảo",
                "alt": "Các em nhỏ mặc áo trắng đứng hát trên sân khấu",
            },
        ],
        "days_ago": 9,
        "time": "23:05",
    },
    {
        "title": "Triển lãm ảnh “Thành phố qua những mùa hoa”",
        "lead": (
            "Chiều nay, Bảo tàng thành phố khai mạc triển lãm ảnh “Thành phố qua những mùa "
            "hoa” với 120 tác phẩm của các nhiếp ảnh gia chuyên nghiệp và nghiệp dư, ghi "
            "lại vẻ đẹp của phố phường qua bốn mùa."
        ),
        "body": (
            "<p>Triển lãm chia thành bốn phần ứng với bốn mùa: hoa đào, hoa mai ngày xuân; "
            "phượng vĩ, bằng lăng mùa hạ; hoa sữa, cúc họa mi mùa thu và những gánh hàng "
            "hoa rực rỡ giữa mùa đông. Nhiều bức ảnh tư liệu chụp từ vài chục năm trước được "
            "đặt cạnh ảnh chụp cùng góc phố ngày nay, giúp người xem thấy rõ sự đổi thay của "
            "đô thị.</p>"
            "<h2>Khuyến khích người trẻ yêu nhiếp ảnh</h2>"
            "<p>Điểm mới năm nay là khu trưng bày 30 bức ảnh của học sinh, sinh viên được "
            "chọn từ cuộc thi ảnh trên mạng xã hội. Ban tổ chức cũng mở các buổi hướng dẫn "
            "chụp ảnh bằng điện thoại vào sáng Chủ nhật.</p>"
            "<p>Triển lãm mở cửa miễn phí đến hết tháng, từ 8 giờ đến 17 giờ hằng ngày, trừ "
            "thứ Hai.</p>"
        ),
        "bylines": [("Lê Phương Thảo", ""), ("Đặng Quốc Bảo", "Ảnh")],
        "photos": [
            {
                "caption": "Khách tham quan xem các tác phẩm tại khu trưng bày mùa xuân.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Người xem đứng trước bức ảnh lớn chụp cây đào",
            },
            {
                "caption": (
                    "Ảnh tư liệu và ảnh chụp hôm nay của cùng một góc phố được đặt cạnh nhau."
                ),
                "credit": "Đặng Quốc Bảo",
                "alt": "Hai khung ảnh đen trắng và ảnh màu treo sát nhau",
            },
            {
                "caption": "Một bạn trẻ chụp lại tác phẩm ảnh hoa phượng bằng điện thoại.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Cô gái giơ điện thoại chụp bức ảnh hoa phượng đỏ",
            },
            {
                "caption": "Khu trưng bày ảnh của học sinh, sinh viên.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Dãy ảnh nhỏ treo trên vách ngăn màu trắng",
            },
        ],
        "days_ago": 15,
        "time": "17:15",
    },
    {
        "title": "Khám sàng lọc tăng huyết áp miễn phí cho người cao tuổi",
        "lead": (
            "Hôm qua, Trung tâm Y tế thành phố phối hợp với Hội Người cao tuổi tổ chức khám "
            "sàng lọc tăng huyết áp, đái tháo đường miễn phí cho gần 600 người cao tuổi tại "
            "phường Tân Tiến và phường Thống Nhất."
        ),
        "body": (
            "<p>Người cao tuổi được đo huyết áp, xét nghiệm đường huyết mao mạch, đo chỉ số "
            "khối cơ thể và được bác sĩ tư vấn trực tiếp. Kết quả cho thấy khoảng 42% người "
            "được khám có huyết áp cao, trong đó gần một nửa chưa từng được chẩn đoán hoặc "
            "không điều trị thường xuyên.</p>"
            "<h2>Quản lý bệnh ngay tại trạm y tế</h2>"
            "<p>Những trường hợp phát hiện bệnh được lập hồ sơ quản lý tại trạm y tế phường "
            "và cấp thuốc định kỳ theo bảo hiểm y tế. Người có nhiều bệnh nền sẽ được chuyển "
            "lên tuyến trên để khám chuyên khoa.</p>"
            "<p>Bác sĩ khuyến cáo người trên 40 tuổi nên đo huyết áp ít nhất mỗi năm một "
            "lần; hạn chế muối, rượu bia, tăng cường vận động và <strong>không tự ý ngừng "
            "thuốc</strong> khi thấy huyết áp đã ổn định.</p>"
        ),
        "bylines": [("Võ Ngọc Lan", "")],
        "photos": [
            {
                "caption": "Bác sĩ đo huyết áp cho một cụ ông tại buổi khám sàng lọc.",
                "credit": "Võ Ngọc Lan",
                "alt": "Bác sĩ quấn vòng bít máy đo huyết áp vào tay cụ ông",
            },
        ],
        "days_ago": 22,
        "time": "08:00",
    },
    {
        "title": "Thư viện thành phố mở cửa đến 21 giờ vào cuối tuần",
        "lead": (
            "Từ tháng này, Thư viện thành phố kéo dài giờ phục vụ đến 21 giờ vào thứ Bảy và "
            "Chủ nhật, đồng thời miễn phí thẻ đọc cho học sinh, sinh viên và người cao tuổi."
        ),
        "body": (
            "<p>Việc điều chỉnh giờ mở cửa xuất phát từ nhu cầu của bạn đọc, đặc biệt là học "
            "sinh, sinh viên và người đi làm chỉ rảnh vào buổi tối cuối tuần. Thư viện bố "
            "trí thêm nhân viên trực, tăng cường chiếu sáng và mở phòng tự học có ổ cắm "
            "điện, wifi tốc độ cao.</p>"
            "<p>Bạn đọc có thể đăng ký thẻ trực tuyến, tra cứu và đặt mượn trước trong hơn "
            '200.000 đầu sách qua <a href="https://thuvien.example.vn">cổng thư viện '
            "số</a>, sau đó nhận sách tại quầy mà không phải chờ đợi.</p>"
            "<h3>Giờ phục vụ mới</h3>"
            "<ul>"
            "<li>Thứ Ba – thứ Sáu: 8 giờ – 18 giờ;</li>"
            "<li>Thứ Bảy, Chủ nhật: 8 giờ – 21 giờ;</li>"
            "<li>Thứ Hai: nghỉ để vệ sinh, sắp xếp kho sách.</li>"
            "</ul>"
        ),
        "bylines": [("Lê Phương Thảo", "")],
        "photos": [],
        "days_ago": 30,
        "time": "13:25",
    },
    {
        "title": "Đội tình nguyện dạy bơi miễn phí cho trẻ em dịp hè",
        "lead": (
            "Chiều qua, Đoàn Thanh niên thành phố khai giảng lớp dạy bơi miễn phí đầu tiên "
            "của chương trình “Hè an toàn”, với 120 trẻ từ 7 đến 14 tuổi tham gia tại bể "
            "bơi Nhà thi đấu thành phố."
        ),
        "body": (
            "<p>Chương trình do 40 tình nguyện viên là sinh viên ngành giáo dục thể chất và "
            "huấn luyện viên bơi lội đảm nhận. Mỗi khóa kéo dài 10 buổi, trẻ được học kỹ "
            "năng nổi, thở dưới nước, bơi ếch cơ bản và cách xử lý khi gặp người đuối "
            "nước.</p>"
            "<p>Theo Đoàn Thanh niên thành phố, mùa hè năm nay chương trình dự kiến dạy bơi "
            "cho khoảng 2.000 trẻ, ưu tiên con em các gia đình có hoàn cảnh khó khăn và trẻ "
            "sống gần sông, hồ.</p>"
            "<blockquote>“Năm nào đi biển con tôi cũng chỉ dám đứng trên bờ. Học xong khóa "
            "này hy vọng cháu tự tin hơn, tôi cũng yên tâm”, một phụ huynh chia "
            "sẻ.</blockquote>"
            "<p>Phụ huynh có thể đăng ký cho con qua đoàn thanh niên phường nơi cư trú hoặc "
            "trực tiếp tại nhà thi đấu trước mỗi khóa học.</p>"
        ),
        "bylines": [("Lê Phương Thảo", ""), ("Đỗ Thanh Tùng", "Video")],
        "photos": [
            {
                "caption": "Tình nguyện viên hướng dẫn trẻ tập thở dưới nước.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Thanh niên đứng trong bể bơi đỡ một bé trai",
            },
            {
                "caption": "Các em nhỏ khởi động trước giờ học bơi.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Hàng trẻ em mặc đồ bơi tập thể dục bên thành bể",
            },
        ],
        "days_ago": 41,
        "time": "17:50",
    },
]
