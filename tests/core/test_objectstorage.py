"""Media on S3-compatible storage: settings, where files go, and pages that never ask it."""

import json
import re
import subprocess
import sys

import boto3
import pytest
from botocore.endpoint import Endpoint
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from moto import mock_aws

from articles import services
from core.env import media_storage_from_env
from core.objectstorage import IMMUTABLE
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, AttachmentFactory, PhotoFactory

BUCKET = "toasoan-media"
PUBLIC = f"https://{BUCKET}.s3.us-east-1.amazonaws.com"


def test_without_a_bucket_media_stays_on_local_disk():
    assert media_storage_from_env(environ={}) is None


def test_a_bucket_with_an_endpoint_is_addressed_path_style_by_default():
    storage = media_storage_from_env(
        environ={"MEDIA_S3_BUCKET": "anh", "MEDIA_S3_ENDPOINT_URL": "http://minio:9000/"}
    )
    assert storage == {
        "BACKEND": "core.objectstorage.ObjectMediaStorage",
        "OPTIONS": {
            "bucket_name": "anh",
            "region_name": "us-east-1",
            "public_url": "http://minio:9000/anh",
            "location": "",
            "endpoint_url": "http://minio:9000",
        },
    }


def test_a_cdn_address_and_a_prefix_are_taken_as_given():
    options = media_storage_from_env(
        environ={
            "MEDIA_S3_BUCKET": "anh",
            "MEDIA_S3_PUBLIC_URL": "https://media.tin.example.vn/",
            "MEDIA_S3_PREFIX": "/toasoan/",
        }
    )["OPTIONS"]
    assert options["public_url"] == "https://media.tin.example.vn"
    assert options["location"] == "toasoan"
    assert "endpoint_url" not in options


def test_a_malformed_storage_address_stops_the_process():
    with pytest.raises(ImproperlyConfigured, match="MEDIA_S3_ENDPOINT_URL='minio:9000'"):
        media_storage_from_env(
            environ={"MEDIA_S3_BUCKET": "anh", "MEDIA_S3_ENDPOINT_URL": "minio:9000"}
        )


def test_settings_with_a_bucket_send_media_there_and_let_pages_show_its_images():
    script = (
        "import json; from newsroom import settings as s; print(json.dumps({"
        "'backend': s.STORAGES['default']['BACKEND'], 'media_url': s.MEDIA_URL,"
        "'serve_media': s.SERVE_MEDIA, 'img_src': s.SECURE_CSP['img-src']}))"
    )
    environment = {
        "PATH": "/usr/bin:/bin",
        "MEDIA_S3_BUCKET": "anh",
        "MEDIA_S3_PUBLIC_URL": "https://media.tin.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == {
        "backend": "core.objectstorage.ObjectMediaStorage",
        "media_url": "https://media.tin.example.vn/",
        "serve_media": False,
        "img_src": ["'self'", "data:", "https://media.tin.example.vn"],
    }


@pytest.fixture
def bucket(settings, monkeypatch):
    """Media in a bucket of moto's in-process S3 (nothing leaves the process)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "core.objectstorage.ObjectMediaStorage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "public_url": PUBLIC,
                    "location": "",
                },
            },
        }
        yield client


def stored_names(client) -> list[str]:
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.fixture
def refuse_storage_requests(monkeypatch):
    """Call it, and every request boto3 sends from then on is recorded and fails."""
    sent = []

    def refuse(self, operation_model, request_dict):
        sent.append(operation_model.name)
        raise AssertionError(f"storage asked: {operation_model.name}")

    def start():
        monkeypatch.setattr(Endpoint, "make_request", refuse)
        return sent

    return start


@pytest.mark.django_db
def test_a_photo_and_its_renditions_are_written_to_the_bucket_not_to_disk(bucket, settings):
    photo = PhotoFactory(
        article=ArticleFactory(), image=ContentFile(image_bytes(size=(1000, 600)), name="le.jpg")
    )
    services.photo_renditions_build(photo=photo)
    names = stored_names(bucket)
    assert photo.image.name in names and photo.image.name.startswith("photos/")
    renditions = sorted(r[ext] for r in photo.renditions for ext in ("webp", "jpg"))
    assert [n for n in names if "/renditions/" in n] == renditions
    assert len(renditions) == 6
    head = bucket.head_object(Bucket=BUCKET, Key=photo.renditions[0]["webp"])
    assert head["CacheControl"] == IMMUTABLE
    assert not (settings.MEDIA_ROOT / "photos").exists()


@pytest.mark.django_db
def test_two_uploads_with_one_name_keep_both_files(bucket):
    first = PhotoFactory(image=ContentFile(image_bytes(), name="anh.jpg"))
    second = PhotoFactory(image=ContentFile(image_bytes(size=(30, 30)), name="anh.jpg"))
    assert first.image.name != second.image.name
    assert set(stored_names(bucket)) == {first.image.name, second.image.name}


@pytest.mark.django_db
def test_the_article_page_names_renditions_on_the_bucket_without_asking_it(
    bucket, client, refuse_storage_requests, django_assert_max_num_queries
):
    article = ArticleFactory()
    for order in range(3):
        photo = PhotoFactory(
            article=article,
            order=order,
            image=ContentFile(image_bytes(size=(900, 500)), name="a.jpg"),
        )
        services.photo_renditions_build(photo=photo)
    sent = refuse_storage_requests()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert sent == []
    srcsets = re.findall(r'srcset="([^"]+)"', html)
    assert len(srcsets) == 6  # WebP and JPEG for each of the three photos
    for srcset in srcsets:
        for candidate in srcset.split(", "):
            assert re.fullmatch(
                rf"{PUBLIC}/photos/renditions/\d+/\d+-[0-9a-f]{{16}}\.(webp|jpg) \d+w", candidate
            )
    assert f'src="{PUBLIC}/photos/renditions/' in html


@pytest.mark.django_db
def test_an_attached_document_in_the_bucket_is_downloaded_through_the_site(bucket, client):
    attachment = AttachmentFactory(
        article=ArticleFactory(),
        file=ContentFile(b"%PDF-1.4\n% quyet dinh\n%%EOF\n", name="quyet-dinh.pdf"),
    )
    assert attachment.file.name in stored_names(bucket)
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n% quyet dinh\n%%EOF\n"


def test_a_url_is_the_public_address_and_the_name(bucket, refuse_storage_requests):
    from django.core.files.storage import default_storage

    sent = refuse_storage_requests()
    url = default_storage.url("photos/renditions/7/800-abc.webp")
    assert url == f"{PUBLIC}/photos/renditions/7/800-abc.webp"
    assert default_storage.url("photos/2026/12/Đà Nẵng.jpg") == (
        f"{PUBLIC}/photos/2026/12/%C4%90%C3%A0%20N%E1%BA%B5ng.jpg"
    )
    assert sent == []
