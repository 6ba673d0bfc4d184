"""Demo articles for the “Đô thị” section."""

SECTION = {
    "name": "Đô thị",
    "description": ("Quy hoạch, giao thông, hạ tầng, môi trường và chất lượng sống ở đô thị."),
}

ARTICLES = [
    {
        "title": "Phân luồng giao thông để thi công cầu vượt nút giao Lê Lợi – Bạch Đằng",
        "lead": (
            "Từ 22 giờ tối nay, Sở Xây dựng tổ chức phân luồng giao thông quanh nút giao "
            "đường Lê Lợi – đường Bạch Đằng để thi công cầu vượt; thời gian thi công dự kiến "
            "kéo dài 14 tháng."
        ),
        "body": (
            "<p>Theo phương án, phần giữa đường Lê Lợi trên đoạn dài khoảng 400 m sẽ được "
            "rào chắn làm mặt bằng thi công. Các phương tiện đi hai bên rào chắn với tốc độ "
            "tối đa 40 km/h; xe tải trên 10 tấn không được đi qua nút giao từ 6 giờ đến 21 "
            "giờ.</p>"
            "<h2>Lộ trình đề xuất cho người tham gia giao thông</h2>"
            "<ul>"
            "<li>Xe đi từ trung tâm ra cửa ngõ phía Bắc: rẽ phải vào đường Thống Nhất, đi "
            "tiếp đường Hòa Bình;</li>"
            "<li>Xe từ phía Bắc vào trung tâm: đi theo đường Bạch Đằng, rẽ trái vào đường "
            "Thanh Niên;</li>"
            "<li>Xe buýt các tuyến 03, 08 và 15 điều chỉnh điểm dừng, thông tin chi tiết "
            "được dán tại các nhà chờ.</li>"
            "</ul>"
            "<p>Cầu vượt dài 620 m, hai làn xe, tổng mức đầu tư khoảng 780 tỷ đồng. Khi hoàn "
            "thành, công trình sẽ giải quyết tình trạng ùn tắc thường xuyên tại nút giao vào "
            "giờ cao điểm, nơi mỗi ngày có khoảng 90.000 lượt phương tiện qua lại.</p>"
            "<p>Sở Xây dựng đề nghị người dân chủ động chọn lộ trình phù hợp, chấp hành "
            "hướng dẫn của lực lượng điều tiết và biển báo tại công trường. Sơ đồ phân luồng "
            'được đăng tại <a href="https://giaothong.example.vn/phan-luong">trang thông '
            "tin giao thông của thành phố</a>.</p>"
        ),
        "bylines": [("Phạm Gia Huy", ""), ("Đặng Quốc Bảo", "Ảnh")],
        "photos": [
            {
                "caption": (
                    "Nút giao đường Lê Lợi – đường Bạch Đằng vào giờ cao điểm, trước khi "
                    "rào chắn thi công."
                ),
                "credit": "Đặng Quốc Bảo",
                "alt": "Ngã tư đông đúc xe máy và ô tô",
            },
            {
                "caption": "Công nhân lắp đặt biển báo phân luồng tại nút giao.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Công nhân mặc áo phản quang dựng biển báo bên đường",
            },
        ],
        "days_ago": 0,
        "time": "06:05",
    },
    {
        "title": "Nạo vét 12 km kênh mương thoát nước trước mùa mưa",
        "lead": (
            "Công ty Thoát nước đô thị thành phố đang gấp rút nạo vét 12 km kênh, mương và "
            "hơn 3.000 hố ga trên địa bàn, phấn đấu hoàn thành trước khi mùa mưa đến."
        ),
        "body": (
            "<p>Ghi nhận tại kênh Đông Hòa, nhiều đoạn bị bồi lắng dày hơn 60 cm, lẫn nhiều "
            "rác thải sinh hoạt như túi ni lông, chai nhựa, thậm chí cả nệm cũ, tủ gỗ. Đơn "
            "vị thi công dùng máy xúc gầu dài kết hợp với thủ công để nạo vét những đoạn "
            "hẹp, sát nhà dân.</p>"
            "<p>Theo đại diện công ty, mỗi năm đơn vị vớt hàng trăm tấn rác từ hệ thống "
            "kênh, mương. Tình trạng xả rác xuống kênh là một trong những nguyên nhân khiến "
            "dòng chảy bị tắc nghẽn, gây ngập cục bộ khi mưa lớn.</p>"
            "<p>Bên cạnh nạo vét, thành phố lắp thêm 40 song chắn rác tại các cửa xả và bố "
            "trí 5 trạm bơm di động tại những điểm thường xuyên ngập. UBND các phường được "
            "yêu cầu vận động người dân <strong>không xả rác xuống kênh, hố ga</strong> và "
            "báo ngay khi phát hiện nắp hố ga hư hỏng.</p>"
        ),
        "bylines": [("Phạm Gia Huy", "")],
        "photos": [
            {
                "caption": "Máy xúc nạo vét bùn dưới lòng kênh Đông Hòa.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Máy xúc gầu dài múc bùn đen dưới kênh",
            },
            {
                "caption": "Công nhân vớt rác thải tại một cửa xả.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Hai công nhân đứng trên thuyền vớt rác bằng vợt",
            },
            {
                "caption": "Rác thải cồng kềnh được vớt lên từ lòng kênh.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Đống rác gồm nệm cũ và chai nhựa chất trên bờ kênh",
            },
        ],
        "days_ago": 3,
        "time": "09:50",
    },
    {
        "title": "Hoàn thành lát đá vỉa hè đường Thanh Niên",
        "lead": (
            "Sau 4 tháng thi công, vỉa hè hai bên đường Thanh Niên đã được lát đá tự nhiên, "
            "hạ ngầm dây cáp và bố trí lối đi riêng cho người khiếm thị."
        ),
        "body": (
            "<p>Tuyến đường dài 1,6 km, là một trong những trục phố chính dẫn vào khu trung "
            "tâm hành chính. Trước khi cải tạo, vỉa hè lát gạch cũ bị bong tróc, lồi lõm, "
            "nhiều đoạn bị ô tô đỗ làm vỡ, gây mất an toàn cho người đi bộ.</p>"
            "<p>Đá lát mới dày 6 cm, có độ bền cao và chống trơn trượt khi trời mưa. Toàn "
            "bộ dây điện, cáp viễn thông được đưa vào hào kỹ thuật, trả lại không gian thông "
            "thoáng cho tuyến phố. Các ô trồng cây cũng được mở rộng để cây xanh phát triển "
            "tốt hơn.</p>"
            "<h3>Vỉa hè không dành để đỗ ô tô</h3>"
            "<p>UBND phường đã cắm biển cấm dừng, đỗ ô tô trên vỉa hè và lắp cột chắn tại "
            "các lối lên xuống. Lực lượng trật tự đô thị sẽ kiểm tra thường xuyên để giữ vỉa "
            "hè cho người đi bộ.</p>"
        ),
        "bylines": [("Phạm Gia Huy", "")],
        "photos": [
            {
                "caption": "Vỉa hè đường Thanh Niên sau khi được lát đá mới.",
                "credit": "Phạm Gia Huy",
                "alt": "Vỉa hè lát đá xám rộng rãi, hàng cây xanh bên đường",
            },
        ],
        "days_ago": 7,
        "time": "14:35",
    },
    {
        "title": "Phân loại rác tại nguồn: thí điểm ở ba phường",
        "lead": (
            "Từ đầu tháng tới, các hộ gia đình tại phường Hòa Bình, phường Tân Tiến và "
            "phường Thống Nhất sẽ phân loại rác thành ba nhóm trước khi chuyển giao cho đơn "
            "vị thu gom."
        ),
        "body": (
            "<p>Theo hướng dẫn của Sở Nông nghiệp và Môi trường, rác sinh hoạt được chia "
            "thành chất thải thực phẩm, chất thải có khả năng tái chế và chất thải sinh hoạt "
            "khác. Mỗi hộ được phát miễn phí hai thùng có màu khác nhau cùng tờ hướng dẫn "
            "phân loại.</p>"
            "<table>"
            "<thead><tr><th>Nhóm rác</th><th>Ví dụ</th><th>Lịch thu gom</th></tr></thead>"
            "<tbody>"
            "<tr><td>Chất thải thực phẩm</td><td>Rau củ, thức ăn thừa, vỏ trái cây</td>"
            "<td>Hằng ngày, 18 – 21 giờ</td></tr>"
            "<tr><td>Chất thải có khả năng tái chế</td>"
            "<td>Giấy, bìa, chai nhựa, lon kim loại</td><td>Thứ Tư và thứ Bảy</td></tr>"
            "<tr><td>Chất thải sinh hoạt khác</td>"
            "<td>Tã bỉm, sành sứ vỡ, túi ni lông bẩn</td>"
            "<td>Thứ Hai, thứ Tư, thứ Sáu</td></tr>"
            "</tbody>"
            "</table>"
            "<p>Đơn vị thu gom sẽ dùng xe có khoang riêng cho từng loại rác để tránh tình "
            "trạng “phân loại xong lại đổ chung”. Rác tái chế có thể bán cho cơ sở thu mua "
            "hoặc tặng các tổ chức từ thiện.</p>"
            "<p>Sau giai đoạn tuyên truyền, từ năm sau, hộ gia đình không phân loại rác theo "
            "quy định có thể bị từ chối thu gom và bị xử phạt. Thành phố dự kiến nhân rộng "
            "mô hình ra tất cả các phường trong hai năm tới.</p>"
        ),
        "bylines": [("Nguyễn Thu Hà", "")],
        "photos": [
            {
                "caption": "Người dân phường Hòa Bình nhận thùng đựng rác đã phân loại.",
                "credit": "Nguyễn Thu Hà",
                "alt": "Người dân nhận hai thùng rác màu xanh và màu xám",
            },
            {
                "caption": "Xe thu gom có khoang riêng cho từng loại rác.",
                "credit": "Nguyễn Thu Hà",
                "alt": "Xe chở rác màu xanh với các khoang tách biệt",
            },
        ],
        "days_ago": 11,
        "time": "10:10",
    },
    {
        "title": "Thêm 5 tuyến xe buýt điện kết nối các khu đô thị mới",
        "lead": (
            "Sáng nay, thành phố đưa vào khai thác 5 tuyến xe buýt điện mới với 62 xe, kết "
            "nối các khu đô thị phía Tây và phía Nam với trung tâm, nhà ga và bến xe."
        ),
        "body": (
            "<p>Các tuyến mới có tần suất 10–15 phút/chuyến vào giờ cao điểm, hoạt động từ "
            "5 giờ đến 22 giờ hằng ngày. Xe được trang bị điều hòa, wifi miễn phí, camera "
            "giám sát, sàn thấp và bệ lên xuống cho người đi xe lăn.</p>"
            "<h2>Thanh toán không dùng tiền mặt</h2>"
            "<p>Hành khách có thể trả tiền vé bằng thẻ ngân hàng, mã QR hoặc thẻ xe buýt "
            "điện tử. Giá vé lượt từ 7.000 đến 9.000 đồng tùy cự ly; người cao tuổi, người "
            "khuyết tật và trẻ em cao dưới 1,3 m được miễn phí.</p>"
            "<p>Với 5 tuyến mới, mạng lưới xe buýt thành phố có 38 tuyến, trong đó 14 tuyến "
            "dùng xe điện. Thành phố đặt mục tiêu chuyển toàn bộ xe buýt sang năng lượng "
            "xanh trước năm 2030, góp phần giảm ô nhiễm không khí và tiếng ồn.</p>"
            "<p>Lộ trình, giờ chạy và vị trí xe theo thời gian thực được cập nhật trên "
            '<a href="https://xebuyt.example.vn">ứng dụng xe buýt của thành phố</a>.</p>'
        ),
        "bylines": [("Phạm Gia Huy", ""), ("Đỗ Thanh Tùng", "Ảnh")],
        "photos": [
            {
                "caption": "Đoàn xe buýt điện xuất phát trong ngày đầu khai thác.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Hàng xe buýt điện màu xanh lá đỗ tại bến",
            },
            {
                "caption": "Hành khách trải nghiệm chuyến xe buýt điện đầu tiên.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Hành khách ngồi trong khoang xe buýt sạch sẽ",
            },
            {
                "caption": "Hành khách thanh toán vé bằng thẻ ngân hàng ngay trên xe.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Bàn tay chạm thẻ vào máy đọc thẻ trên xe buýt",
            },
            {
                "caption": "Bệ lên xuống hỗ trợ người đi xe lăn.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Bệ dốc hạ xuống từ cửa xe buýt",
            },
            {
                "caption": "Xe buýt điện dừng đón khách tại nhà chờ khu đô thị phía Tây.",
                "credit": "Đỗ Thanh Tùng",
                "alt": "Xe buýt đỗ cạnh nhà chờ có mái kính",
            },
        ],
        "days_ago": 16,
        "time": "15:45",
    },
    {
        "title": "Trồng mới 3.000 cây xanh trên các tuyến phố",
        "lead": (
            "Hôm qua, thành phố phát động chương trình trồng mới 3.000 cây xanh trên 45 "
            "tuyến phố và trong khuôn viên trường học, nhằm tăng độ che phủ và giảm nhiệt "
            "đô thị."
        ),
        "body": (
            "<p>Các loài cây được chọn gồm sao đen, lim xẹt, muồng hoàng yến, bằng lăng và "
            "giáng hương — những loài có tán rộng, rễ ăn sâu, ít gãy đổ khi mưa bão và phù "
            "hợp với khí hậu địa phương. Cây trồng mới cao từ 3 đến 4 m, đường kính thân "
            "khoảng 8 cm.</p>"
            "<p>Đợt này, thành phố ưu tiên các tuyến phố mới mở, khu dân cư thiếu bóng mát "
            "và những tuyến đường có nhiều cây cũ bị sâu mục cần thay thế. Mỗi cây đều được "
            "gắn mã số và đưa vào cơ sở dữ liệu quản lý cây xanh trực tuyến.</p>"
            "<ul>"
            "<li>Người dân có thể tra cứu thông tin từng cây bằng cách quét mã QR trên thân "
            "cây;</li>"
            "<li>Phản ánh về cây nghiêng, sâu bệnh, cành khô được tiếp nhận qua tổng đài "
            "phản ánh của thành phố;</li>"
            "<li>Nghiêm cấm đóng đinh, treo biển quảng cáo, đổ hóa chất vào gốc cây.</li>"
            "</ul>"
            "<p>Từ đầu năm đến nay, các phường và cộng đồng dân cư đã trồng thêm hơn 12.000 "
            "cây xanh các loại.</p>"
        ),
        "bylines": [("Phạm Gia Huy", ""), ("Đặng Quốc Bảo", "Ảnh")],
        "photos": [
            {
                "caption": "Học sinh cùng công nhân trồng cây bằng lăng trước cổng trường.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Học sinh cầm xẻng vun đất quanh gốc cây non",
            },
            {
                "caption": "Cây xanh mới trồng được chằng chống cẩn thận trên vỉa hè.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Cây non có cọc tre chống quanh thân trên vỉa hè",
            },
            {
                "caption": "Thẻ mã QR gắn trên thân cây để tra cứu thông tin.",
                "credit": "Đặng Quốc Bảo",
                "alt": "Tấm thẻ nhỏ có mã QR buộc vào thân cây",
            },
        ],
        "days_ago": 24,
        "time": "07:25",
    },
    {
        "title": "Công viên Hòa Bình thành không gian mở, không còn hàng rào",
        "lead": (
            "Chiều nay, công viên Hòa Bình chính thức mở cửa trở lại sau hơn nửa năm cải "
            "tạo; toàn bộ hàng rào bao quanh được dỡ bỏ để người dân tự do ra vào, tập thể "
            "dục và vui chơi."
        ),
        "body": (
            "<p>Công viên rộng gần 5 ha được bố trí lại với đường dạo bộ quanh hồ dài 1,2 "
            "km, sân chơi cho trẻ em, khu tập thể dục ngoài trời, sân cầu lông và bãi cỏ "
            "cho các hoạt động cộng đồng. Hệ thống chiếu sáng được thay bằng đèn LED tiết "
            "kiệm điện, lắp thêm camera an ninh và nhà vệ sinh công cộng.</p>"
            "<h2>Dỡ rào, mở không gian cho cộng đồng</h2>"
            "<p>Theo Sở Xây dựng, việc bỏ hàng rào giúp công viên kết nối liền mạch với vỉa "
            "hè và các tuyến phố xung quanh, tạo cảm giác thân thiện, gần gũi. Mô hình "
            "“công viên không rào” đã được người dân hưởng ứng sau thời gian thí điểm tại "
            "một số vườn hoa nhỏ.</p>"
            "<blockquote>“Sáng nào tôi cũng đi bộ ở đây. Không còn rào, vào từ phía nào cũng "
            "tiện, buổi tối đèn sáng nên cũng yên tâm hơn”, một cư dân sống gần công viên "
            "cho biết.</blockquote>"
            "<p>Ban quản lý công viên đề nghị người dân giữ gìn vệ sinh, không thả rông chó, "
            "không bán hàng rong và không đi xe máy vào lối dạo bộ.</p>"
        ),
        "bylines": [("Lê Phương Thảo", "")],
        "photos": [
            {
                "caption": "Đường dạo bộ quanh hồ trong công viên Hòa Bình sau cải tạo.",
                "credit": "Lê Phương Thảo",
                "alt": "Lối đi lát gạch uốn quanh mặt hồ, hai bên có hàng cây",
            },
            {
                "caption": "Trẻ em vui chơi tại khu sân chơi mới.",
                "credit": "Lê Phương Thảo",
                "alt": "Trẻ em chơi cầu trượt nhiều màu sắc",
            },
            {
                "caption": "Người dân tập thể dục với các thiết bị ngoài trời.",
                "credit": "Lê Phương Thảo",
                "alt": "Hai người lớn tuổi tập trên máy tập ngoài trời",
            },
            {
                "caption": "Công viên không còn hàng rào, nối liền với vỉa hè.",
                "credit": "Lê Phương Thảo",
                "alt": "Bãi cỏ rộng nối liền với vỉa hè, không có hàng rào",
            },
        ],
        "days_ago": 35,
        "time": "17:20",
    },
    {
        "title": "Tìm giải pháp xử lý dứt điểm ngập úng tại khu dân cư Đông Hòa",
        "lead": (
            "Sáng nay, UBND thành phố làm việc với các sở, ngành về phương án xử lý dứt "
            "điểm tình trạng ngập úng kéo dài nhiều năm tại khu dân cư Đông Hòa, nơi hơn "
            "1.200 hộ dân thường xuyên bị ảnh hưởng mỗi khi mưa lớn."
        ),
        "body": (
            "<p>Khu dân cư Đông Hòa nằm ở vùng trũng, cốt nền thấp hơn mặt đường xung quanh "
            "từ 30 đến 50 cm. Hệ thống cống thoát nước xây dựng từ nhiều năm trước có tiết "
            "diện nhỏ, nhiều đoạn đã xuống cấp, không đáp ứng được lượng nước khi mưa trên "
            "80 mm.</p>"
            "<h2>Ba nhóm giải pháp</h2>"
            "<ol>"
            "<li><strong>Trước mắt:</strong> bố trí trạm bơm di động công suất 2.000 "
            "m³/giờ, nạo vét toàn bộ cống và hố ga trong khu dân cư;</li>"
            "<li><strong>Trung hạn:</strong> xây dựng tuyến cống hộp mới dẫn nước ra kênh "
            "Đông Hòa, hoàn thành trong năm tới;</li>"
            "<li><strong>Lâu dài:</strong> đầu tư hồ điều hòa rộng khoảng 3 ha ở phía Nam "
            "khu dân cư, kết hợp làm công viên.</li>"
            "</ol>"
            "<p>Lãnh đạo thành phố yêu cầu các đơn vị khẩn trương hoàn thiện hồ sơ, công "
            "khai tiến độ để người dân giám sát. Trong thời gian chờ triển khai, UBND phường "
            "Đông Hòa phải có phương án hỗ trợ kịp thời những hộ bị ngập sâu, nhất là người "
            "cao tuổi và người khuyết tật.</p>"
        ),
        "bylines": [("Nguyễn Thu Hà", ""), ("Phạm Gia Huy", "")],
        "photos": [],
        "days_ago": 45,
        "time": "11:40",
    },
]
