from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Author, Byline, Photo, Section, Tag
from core.text import plain_text_from_html, search_document, vietnamese_slugify


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.LazyAttribute(lambda o: vietnamese_slugify(o.name))
    order = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Phóng viên {n}")
    slug = factory.LazyAttribute(lambda o: vietnamese_slugify(o.name))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Bài viết số {n} về đô thị")
    slug = factory.LazyAttribute(lambda o: vietnamese_slugify(o.title))
    section = factory.SubFactory(SectionFactory)
    lead = "Sáng nay, phường Hòa Bình ra quân làm sạch đường phố."
    body = "<p>Nội dung bài viết.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    # What articles.services.article_prepare stores, so SQLite's search finds factory articles.
    search_text = factory.LazyAttribute(
        lambda o: search_document(title=o.title, text=f"{o.lead} {plain_text_from_html(o.body)}")
    )


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Từ khóa {n}")
    slug = factory.LazyAttribute(lambda o: vietnamese_slugify(o.name))


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    order = factory.Sequence(int)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    caption = "Người dân dự lễ khai mạc."
    credit = "Quốc Huy"
    alt_text = "Đám đông trước sân khấu ngoài trời"
    order = factory.Sequence(int)

    @factory.lazy_attribute
    def image(self):
        from tests.conftest import image_bytes

        return ContentFile(image_bytes(size=(120, 80)), name="anh.jpg")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "comments.Comment"

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    title = factory.Sequence(lambda n: f"Ý kiến số {n}")
    body = "Tôi đồng ý với bài viết.\nCảm ơn tòa soạn."
    status = "pending"
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (thử nghiệm)"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Keep the article's stored count true, as the moderation services do.
        from comments.services import approved_counts_refresh

        comment = super()._create(model_class, *args, **kwargs)
        approved_counts_refresh(article_ids=[comment.article_id])
        return comment


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "articles.Attachment"

    article = factory.SubFactory(ArticleFactory)
    title = "Quyết định số 12/QĐ-UBND"
    kind = "pdf"
    order = factory.Sequence(int)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%%EOF\n", name="quyet-dinh.pdf"))
    size = factory.LazyAttribute(lambda o: o.file.size)
