"""Demo content for ``manage.py quickstart``: sections, reporters and articles.

Everything here is fictional and written for the demo: the city, its wards and
streets are generic, and the reporters are invented. Each section's articles
live in their own module under ``demo.sections``; this module puts
them together in display order and fills in each article's ``"section"``.

Article dicts have ``title``, ``lead`` (without the outlet code, which the site
adds), ``body`` (HTML), ``bylines`` as ``(author name, role)`` pairs,
``photos`` as ``{"caption", "credit", "alt"}`` dicts, ``days_ago`` and
``time`` ("HH:MM"), plus ``section`` added here.
"""

from demo.sections import do_thi, kinh_te, thoi_su, van_hoa_xa_hoi

_SECTION_MODULES = (thoi_su, kinh_te, van_hoa_xa_hoi, do_thi)

SECTIONS: list[dict] = [dict(module.SECTION) for module in _SECTION_MODULES]

AUTHORS: list[dict] = [
    {
        "name": "Nguyễn Thu Hà",
        "bio": (
            "Phóng viên mảng thời sự, theo dõi hoạt động của HĐND, UBND thành phố và "
            "công tác cải cách hành chính."
        ),
    },
    {
        "name": "Trần Minh Khang",
        "bio": (
            "Phóng viên kinh tế, viết về thị trường, doanh nghiệp nhỏ và đời sống của tiểu thương."
        ),
    },
    {
        "name": "Lê Phương Thảo",
        "bio": "Phóng viên văn hóa - xã hội, yêu thích lễ hội, sân khấu và sách.",
    },
    {
        "name": "Phạm Gia Huy",
        "bio": "Phóng viên mảng đô thị, giao thông và môi trường.",
    },
    {
        "name": "Võ Ngọc Lan",
        "bio": "Phóng viên mảng y tế, giáo dục và các vấn đề dân sinh ở cơ sở.",
    },
    {
        "name": "Đặng Quốc Bảo",
        "bio": "Phóng viên ảnh, hơn mười năm ghi lại nhịp sống phố phường.",
    },
    {
        "name": "Đỗ Thanh Tùng",
        "bio": "Phóng viên ảnh và video, thường có mặt ở các sự kiện, công trình của thành phố.",
    },
]

ARTICLES: list[dict] = [
    {**article, "section": module.SECTION["name"]}
    for module in _SECTION_MODULES
    for article in module.ARTICLES
]
