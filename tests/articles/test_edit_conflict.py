"""Two editors saving the same article: the second is stopped, nothing is lost.

The article is a draft: editors may edit anything not yet published (articles/workflow.py).
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from articles.models import Article
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP
from tests.admin_forms import NO_INLINE_ROWS
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def editor_client(username: str, group: str = EDITORS_GROUP) -> Client:
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def form_data(article: Article, *, title: str, loaded_version: str) -> dict:
    return {
        "title": title,
        "section": article.section_id,
        "lead": article.lead,
        "body": article.body,
        "status": article.status,
        "published_at_0": "01/01/2024",
        "published_at_1": "08:00:00",
        "loaded_version": loaded_version,
        **NO_INLINE_ROWS,
    }


def loaded_version(html: str) -> str:
    return re.search(r'name="loaded_version" value="(\d+)"', html).group(1)


def test_second_editor_is_stopped_and_sees_both_versions():
    article = ArticleFactory(title="Tiêu đề gốc", status=Article.Status.DRAFT, published_at=None)
    url = f"/admin/articles/article/{article.pk}/change/"
    lan, minh = editor_client("lan"), editor_client("minh")
    lan_version = loaded_version(lan.get(url).content.decode())
    minh_version = loaded_version(minh.get(url).content.decode())

    first = lan.post(url, form_data(article, title="Bản của Lan", loaded_version=lan_version))
    assert first.status_code == 302

    second = minh.post(url, form_data(article, title="Bản của Minh", loaded_version=minh_version))
    html = second.content.decode()
    assert second.status_code == 200
    assert "lan đã lưu bài này lúc" in html
    assert 'value="Bản của Minh"' in html  # what Minh typed is still in the form
    assert "<dd>Bản của Lan</dd>" in html  # and Lan's saved version is shown beside it
    article.refresh_from_db()
    assert article.title == "Bản của Lan"

    # Saving again from the re-displayed form is a deliberate overwrite.
    again = minh.post(
        url, form_data(article, title="Bản của Minh", loaded_version=loaded_version(html))
    )
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản của Minh"
    assert article.version == 3


def test_publishing_from_the_list_counts_as_a_change():
    article = ArticleFactory(status=Article.Status.AWAITING_APPROVAL, published_at=None)
    url = f"/admin/articles/article/{article.pk}/change/"
    editor = editor_client("lan", APPROVERS_GROUP)  # publishing is the editor-in-chief's
    version = loaded_version(editor.get(url).content.decode())
    editor.post(
        "/admin/articles/article/", {"action": "publish_now", "_selected_action": [article.pk]}
    )
    response = editor.post(
        url, form_data(article, title="Sửa sau khi đăng", loaded_version=version)
    )
    assert response.status_code == 200
    assert "đã lưu bài này lúc" in response.content.decode()


def test_a_save_that_does_not_say_which_version_it_edits_is_refused_like_a_stale_one():
    article = ArticleFactory(title="Tiêu đề gốc", status=Article.Status.DRAFT, published_at=None)
    url = f"/admin/articles/article/{article.pk}/change/"
    lan, minh = editor_client("lan"), editor_client("minh")
    minh.get(url)
    first = lan.post(url, form_data(article, title="Bản của Lan", loaded_version="1"))
    assert first.status_code == 302
    data = form_data(article, title="Bản của Minh", loaded_version="")
    del data["loaded_version"]  # a form without the hidden field (an old tab, a script)

    response = minh.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "lan đã lưu bài này lúc" in html
    assert 'value="Bản của Minh"' in html
    assert "<dd>Bản của Lan</dd>" in html
    article.refresh_from_db()
    assert (article.title, article.version) == ("Bản của Lan", 2)
    # The form shown again carries the version saved, so saving it is a deliberate overwrite.
    again = minh.post(
        url, form_data(article, title="Bản của Minh", loaded_version=loaded_version(html))
    )
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản của Minh"


def test_an_empty_version_is_refused_too_but_adding_an_article_needs_none(editor_client):
    article = ArticleFactory(title="Tiêu đề gốc", status=Article.Status.DRAFT, published_at=None)
    url = f"/admin/articles/article/{article.pk}/change/"
    response = editor_client.post(url, form_data(article, title="Sửa mù", loaded_version=""))
    assert response.status_code == 200
    assert "đã lưu bài này lúc" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Tiêu đề gốc"

    data = form_data(article, title="Bài mới hoàn toàn", loaded_version="")
    del data["loaded_version"]
    added = editor_client.post("/admin/articles/article/add/", data)
    assert added.status_code == 302
    assert Article.objects.filter(title="Bài mới hoàn toàn").exists()
