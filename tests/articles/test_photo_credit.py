"""A credit typed with its own "Ảnh:" label is shown with the label once."""

import re

import pytest

from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    ["Ảnh: Phạm Gia Huy", "ảnh:Phạm Gia Huy", "ẢNH - Phạm Gia Huy", " Ảnh : Phạm Gia Huy "],
)
def test_credit_typed_with_its_label_shows_the_label_once(client, typed):
    article = ArticleFactory()
    PhotoFactory(article=article, caption="Phố đi bộ.", credit=typed)
    html = client.get(article.get_absolute_url()).content.decode()
    caption = re.search(r"<figcaption>.*?</figcaption>", html, re.S).group(0)
    assert "(Ảnh: Phạm Gia Huy)" in caption


def test_a_name_that_merely_starts_like_the_label_is_kept(client):
    article = ArticleFactory()
    PhotoFactory(article=article, caption="Phố đi bộ.", credit="Anh Tuấn")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "(Ảnh: Anh Tuấn)" in html
