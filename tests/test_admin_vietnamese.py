"""A Vietnamese editor meets no English in the article admin.

Django 6.1's admin has strings that its own Vietnamese catalog lacks (screen-reader
headings and labels, the calendar's, the time-zone note); core/translation_gaps.py
and core/translation_gaps.js put them in our catalogs.
"""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import ArticleFactory, BylineFactory, PhotoFactory

pytestmark = pytest.mark.django_db

# What editors met in English, in what they see and what screen readers read out.
ENGLISH = (
    "Search ",
    "Pagination",
    "Select this object",
    "Select all objects",
    "View selected",
    "History",
    "Bản ghi nhớ",  # Django's vi word for History: "a memo"
    "entry",
    "entries",
    "Note:",
    "Today",
    "Choose",
    "Enter a valid",
)


def visible_text_and_labels(html: str) -> str:
    """Text, plus the attributes read out or shown: aria-label, title, placeholder, alt."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    attributes = re.findall(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join([text, *attributes])


@pytest.fixture
def article():
    article = ArticleFactory(
        title="Đà Nẵng đón Tết",
        published_at=datetime(2026, 1, 20, 5, 33, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    BylineFactory(article=article)
    PhotoFactory(article=article)
    return article


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/",
        "/admin/articles/article/?q=tet",
        "/admin/articles/article/add/",
        "/admin/articles/article/{pk}/change/",
        "/admin/articles/article/{pk}/history/",
    ],
)
def test_article_admin_pages_have_no_english(editor_client, article, url):
    html = editor_client.get(url.format(pk=article.pk)).content.decode()
    shown = visible_text_and_labels(html)
    assert [word for word in ENGLISH if word in shown] == []


def test_history_is_called_lich_su(editor_client, article):
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert re.search(r'<a href="[^"]*/history/" class="historylink">Lịch sử</a>', html)


def test_change_list_headings_for_screen_readers_are_vietnamese(editor_client, article):
    html = editor_client.get("/admin/articles/article/").content.decode()
    assert ">Tìm bài viết</h2>" in html
    assert ">Các trang danh sách bài viết</h2>" in html
    assert 'aria-label="Chọn mục này để thực hiện thao tác - Đà Nẵng đón Tết"' in html


# A published article's time is the editor-in-chief's to change (the workflow).
def test_date_box_shows_day_month_year(approver_client, article):
    html = approver_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'name="published_at_0" value="20/01/2026"' in html


def test_date_typed_day_first_is_read_day_first(approver_client, article):
    from tests.articles.test_admin_slugs import article_form_data

    response = approver_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        article_form_data(
            article,
            status="published",
            published_at_0="03/02/2026",
            published_at_1="08:15",
            **{"bylines-TOTAL_FORMS": "0", "photos-TOTAL_FORMS": "0"},
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    local = article.published_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (local.day, local.month, local.hour) == (3, 2, 8)


def javascript_catalog(client) -> dict:
    script = client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    formats = json.loads(re.search(r"django.formats = (\{.*?\});", script, re.S).group(1))
    return {**catalog, "formats": formats}


def test_admin_javascript_speaks_vietnamese(editor_client):
    catalog = javascript_catalog(editor_client)
    # The calendar's and clock's labels, with the date day first.
    assert catalog["Today (%(date)s)"] == "Hôm nay (%(date)s)"
    assert catalog["%(month)s %(day)s, %(year)s"] == "ngày %(day)s %(month)s năm %(year)s"
    note = "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)"
    assert catalog[note][0].startswith("Lưu ý: nhập giờ theo múi giờ %(timezone)s")
    # What the calendar writes into the date box.
    assert catalog["formats"]["DATE_INPUT_FORMATS"][0] == "%d/%m/%Y"
