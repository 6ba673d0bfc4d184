"""Bulk data for benchmarks and load tests: many articles, fast.

Rows go in with ``bulk_create`` in batches, bypassing the per-article services
(no sanitising or rendition work: the text is ours and there are no photos),
so 100,000 articles take seconds, not hours.
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Author, Byline, Section
from core.text import plain_text_from_html, search_document, vietnamese_slugify

BULK_SECTIONS = ("Thời sự", "Kinh tế", "Văn hóa - Xã hội", "Đô thị", "Giáo dục", "Y tế")
TOPICS = (
    "Phường Hòa Bình ra quân làm sạch kênh mương",
    "Thành phố khởi công nút giao thông mới",
    "Chợ truyền thống được cải tạo trước mùa lễ hội",
    "Trường tiểu học đón học sinh vào năm học mới",
    "Bệnh viện quận mở thêm phòng khám buổi tối",
    "Người dân góp ý dự thảo quy hoạch khu đô thị",
    "Lễ hội đường phố thu hút hàng nghìn du khách",
    "Doanh nghiệp nhỏ được hỗ trợ chuyển đổi số",
    # Two that search must tell apart ("da nang"): a city and a word.
    "Đà Nẵng đón đoàn du khách quốc tế đầu tiên của năm",
    "Trường vùng cao nhận máy lọc nước đa năng",
)
LEAD = "Sáng nay, đại diện chính quyền địa phương cùng người dân đã tham dự sự kiện."
BODY = (
    "<p>Theo ban tổ chức, hoạt động diễn ra trong không khí phấn khởi.</p>"
    "<p>Nhiều ý kiến đóng góp đã được ghi nhận để hoàn thiện kế hoạch năm tới.</p>"
)


def _sections() -> list[Section]:
    sections = list(Section.objects.all())
    existing = {s.name for s in sections}
    for order, name in enumerate(BULK_SECTIONS, start=len(sections) + 1):
        if name not in existing:
            sections.append(
                Section.objects.create(name=name, slug=vietnamese_slugify(name), order=order)
            )
    return sections


def _authors(count: int = 40) -> list[Author]:
    authors = list(Author.objects.all()[:count])
    for n in range(len(authors), count):
        name = f"Phóng viên {n + 1}"
        authors.append(Author.objects.create(name=name, slug=f"phong-vien-bulk-{n + 1}"))
    return authors


def seed_articles(
    *,
    count: int,
    days: int = 365,
    batch_size: int = 2000,
    seed: int = 1,
    now: datetime | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> list[int]:
    """Create ``count`` published articles spread over ``days``; return their ids."""
    rng = random.Random(seed)  # noqa: S311 (repeatable fake data, not security)
    now = now or timezone.now()
    sections = _sections()
    authors = _authors()
    ids: list[int] = []
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        with transaction.atomic():
            batch = []
            for n in range(start, start + size):
                title = f"{rng.choice(TOPICS)} (số {n + 1})"
                batch.append(
                    Article(
                        title=title,
                        slug=vietnamese_slugify(title),
                        section=rng.choice(sections),
                        lead=LEAD,
                        body=BODY,
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(seconds=rng.randrange(days * 86400) + 60),
                        search_text=search_document(
                            title=title, text=f"{LEAD} {plain_text_from_html(BODY)}"
                        ),
                    )
                )
            created = Article.objects.bulk_create(batch)
            Byline.objects.bulk_create(
                Byline(article=article, author=rng.choice(authors), order=1) for article in created
            )
            ids.extend(article.pk for article in created)
        if on_batch is not None:
            on_batch(size)
    return ids
