import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from articles import services
from articles.models import Photo
from articles.renditions import rendition_widths
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def large_photo(article, *, size=(1600, 1000), order=0):
    photo = PhotoFactory(
        article=article, order=order, image=ContentFile(image_bytes(size=size), name="lon.jpg")
    )
    return services.photo_renditions_build(photo=photo)


def test_rendition_widths_never_upscale():
    assert rendition_widths(4000) == [480, 800, 1200]
    assert rendition_widths(1000) == [480, 800, 1000]
    assert rendition_widths(300) == [300]


def test_renditions_are_webp_and_jpeg_at_each_width(settings):
    photo = large_photo(ArticleFactory())
    assert Photo.objects.filter(pk=photo.pk, width=1600, height=1000).exists()
    assert [(r["width"], r["height"]) for r in photo.renditions] == [
        (480, 300),
        (800, 500),
        (1200, 750),
    ]
    for rendition in photo.renditions:
        with Image.open(settings.MEDIA_ROOT / rendition["webp"]) as webp:
            assert webp.format == "WEBP" and webp.width == rendition["width"]
        with Image.open(settings.MEDIA_ROOT / rendition["jpg"]) as jpeg:
            assert jpeg.format == "JPEG" and jpeg.height == rendition["height"]


def test_article_page_offers_picture_with_srcset_sizes_and_dimensions(client):
    article = ArticleFactory()
    first = large_photo(article, order=1)
    large_photo(article, order=2, size=(900, 600))
    html = client.get(article.get_absolute_url()).content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 2
    folder = f"/media/photos/renditions/{first.pk}"
    assert re.search(rf'srcset="{folder}/480-[0-9a-f]{{16}}\.webp 480w, ', pictures[0])
    assert re.search(r"1200-[0-9a-f]{16}\.webp 1200w", pictures[0])
    assert re.search(r"1200-[0-9a-f]{16}\.jpg 1200w", pictures[0])
    assert re.search(rf'src="{folder}/800-[0-9a-f]{{16}}\.jpg"', pictures[0])
    assert 'width="1600" height="1000"' in pictures[0]
    assert 'sizes="(min-width: 48rem) 46rem, 100vw"' in pictures[0]
    assert 'loading="lazy"' not in pictures[0]
    assert 'loading="lazy"' in pictures[1]
    assert re.search(r"900-[0-9a-f]{16}\.webp 900w", pictures[1])


def test_reading_the_page_does_not_make_renditions(client, settings, django_assert_num_queries):
    article = ArticleFactory()
    PhotoFactory(article=article)  # saved without renditions
    client.get(article.get_absolute_url())
    assert not (settings.MEDIA_ROOT / "photos" / "renditions").exists()


def test_rebuild_command_makes_missing_renditions_with_progress(settings, capsys):
    article = ArticleFactory()
    photos = [PhotoFactory(article=article, order=n) for n in range(3)]
    call_command("rebuild_renditions", "--missing")
    out = capsys.readouterr().out
    assert "100% 3/3" in out
    assert "Rebuilt renditions for 3 of 3 photos" in out
    for photo in photos:
        photo.refresh_from_db()
        assert [r["width"] for r in photo.renditions] == [120]


def test_rebuilding_keeps_files_and_removes_stale_ones(settings):
    photo = large_photo(ArticleFactory())
    services.photo_renditions_build(photo=photo)
    for rendition in photo.renditions:
        assert (settings.MEDIA_ROOT / rendition["webp"]).exists()
    photo.image.save("nho.jpg", ContentFile(image_bytes(size=(600, 400))))
    services.photo_renditions_build(photo=photo)
    folder = settings.MEDIA_ROOT / "photos" / "renditions" / str(photo.pk)
    assert sorted(re.sub(r"-[0-9a-f]{16}", "", p.name) for p in folder.iterdir()) == [
        "480.jpg",
        "480.webp",
        "600.jpg",
        "600.webp",
    ]
    assert sorted(f"{folder}/{p.name}" for p in folder.iterdir()) == sorted(
        str(settings.MEDIA_ROOT / r[ext]) for r in photo.renditions for ext in ("webp", "jpg")
    )


def test_rebuilding_an_unchanged_photo_writes_nothing_again(settings, monkeypatch):
    photo = large_photo(ArticleFactory())
    names = [r["webp"] for r in photo.renditions]
    writes = []
    storage = photo.image.storage
    original_save = storage.save
    monkeypatch.setattr(
        storage, "save", lambda *a, **k: writes.append(a[0]) or original_save(*a, **k)
    )
    monkeypatch.setattr(storage, "exists", lambda name: pytest.fail(f"asked storage about {name}"))
    services.photo_renditions_build(photo=photo)
    assert writes == []
    assert [r["webp"] for r in Photo.objects.get(pk=photo.pk).renditions] == names
    assert all((settings.MEDIA_ROOT / name).exists() for name in names)
