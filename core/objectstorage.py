"""Media on S3-compatible object storage, for several app servers that share it.

Switched on by ``MEDIA_S3_BUCKET`` (``core.env.media_storage_from_env``). Two
choices matter for readers' pages:

* **A URL is a string, never a request.** django-storages builds a file's
  address through boto3 (a signed-URL routine that it then strips), which
  needs a client, credentials and a region. Here ``url()`` joins the public
  address and the name: an article with ten photos and thirty renditions costs
  the page nothing, and no page can fail because the storage is slow.
* **A name is written once.** Uploads never overwrite each other (two photos
  called ``anh.jpg`` get two names) and renditions are named by their content
  (``articles/renditions.py``), so every object can be cached by browsers and a
  CDN for a year: what is at an address never changes.
"""

from typing import Any

from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# What is at an address never changes (see above), so it may be kept for a year.
IMMUTABLE = "public, max-age=31536000, immutable"


class ObjectMediaStorage(S3Storage):  # type: ignore[misc]  # django-storages has no types
    def __init__(self, *, public_url: str, **options: Any) -> None:
        options.setdefault("file_overwrite", False)
        # Readers fetch files straight from the bucket (or a CDN in front), unsigned.
        options.setdefault("querystring_auth", False)
        options.setdefault("object_parameters", {"CacheControl": IMMUTABLE})
        super().__init__(**options)
        self.public_url = public_url.rstrip("/")

    def url(
        self,
        name: str,
        parameters: dict[str, str] | None = None,
        expire: int | None = None,
        http_method: str | None = None,
    ) -> str:
        key: str = self._normalize_name(clean_name(name))
        return f"{self.public_url}/{filepath_to_uri(key)}"
