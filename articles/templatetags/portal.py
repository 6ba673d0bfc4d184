import json
import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# The label the page prints before a credit, as editors also often type it
# themselves: "Ảnh: Phạm Gia Huy", "ẢNH - Phạm Gia Huy", "Photo: …".
# Compared in NFC, where "Ảnh" is three characters; IGNORECASE knows "ẢNH".
_CREDIT_LABEL = re.compile(r"^\s*(ảnh|anh|photo)\s*[:\-–]\s*", re.IGNORECASE)

# The portal's house style for times: "05:33 20/01/2017", in Vietnam time.
PORTAL_DATETIME_FORMAT = "%H:%M %d/%m/%Y"
PORTAL_DATE_FORMAT = "%d/%m/%Y"


@register.filter
def portal_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(PORTAL_DATETIME_FORMAT)


@register.filter
def compact_datetime(value: datetime | None) -> str:
    """A time for list columns: "02:18 02/12", with the year only when it is not this one."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.year == timezone.localtime().year:
        return local.strftime("%H:%M %d/%m")
    return local.strftime(PORTAL_DATETIME_FORMAT)


@register.filter
def portal_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(PORTAL_DATE_FORMAT)


@register.filter
def photo_credit(value: str) -> str:
    """A photo's credit without a typed "Ảnh:" label, which the page adds itself.

    Done where the credit is shown, so credits stored before this rule show
    right too: "Ảnh: Phạm Gia Huy" reads "(Ảnh: Phạm Gia Huy)", not "(Ảnh: Ảnh: …)".
    """
    # NFC so a pasted, decomposed "Ảnh" matches too; nothing else is changed:
    # the credit is shown as stored.
    credit = unicodedata.normalize("NFC", value or "")
    label = _CREDIT_LABEL.match(credit)
    if label is None or not credit[label.end() :].strip():
        return value
    return credit[label.end() :].rstrip(" ")


@register.filter
def iso_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="minutes")


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """Minutes in a duration, rounded up: 90 s is "2 phút", never "1 phút"."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)


def _json_for_script(data: object) -> SafeString:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("'", "\\u0027"),
    ):
        text = text.replace(character, escape)
    return mark_safe(text)  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def article_structured_data(context, article, photos, bylines) -> SafeString:
    """JSON-LD for search engines: the article as a NewsArticle, and where it sits on the site."""
    site_url = settings.NEWSROOM_SITE_URL
    url = site_url + article.get_absolute_url()
    images: list[str] = []
    for photo in photos:
        images.extend(
            site_url + photo.image.storage.url(rendition["jpg"]) for rendition in photo.renditions
        )
        if not photo.renditions:
            images.append(site_url + photo.image.url)
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(article.updated_at),
        "articleSection": article.section.name,
        "inLanguage": "vi",
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": site_url + byline.author.get_absolute_url(),
            }
            for byline in bylines
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": site_url + "/",
            "logo": {"@type": "ImageObject", "url": site_url + static("favicon.svg")},
        },
    }
    if images:
        news_article["image"] = images
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": _("Trang chủ"), "item": site_url + "/"},
            {
                "@type": "ListItem",
                "position": 2,
                "name": article.section.name,
                "item": site_url + article.section.get_absolute_url(),
            },
            {"@type": "ListItem", "position": 3, "name": article.title, "item": url},
        ],
    }
    return format_html(
        '<script type="application/ld+json">{}</script>\n'
        '<script type="application/ld+json">{}</script>',
        _json_for_script(news_article),
        _json_for_script(breadcrumbs),
    )


@register.simple_tag
def page_numbers(page: Page[Any]) -> list[int | str]:
    """The page numbers a pagination bar shows: 1 2 … 7 8 [9] 10 11 … 40 41."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.simple_tag
def page_url(number: int, query: str = "") -> str:
    """The query string of page ``number`` of a list; page 1 is the list's own address."""
    parameters: dict[str, str | int] = {"q": query} if query else {}
    if number > 1:
        parameters["page"] = number
    return "?" + urlencode(parameters, quote_via=quote) if parameters else "."


# Plain links to each network's own share page: no third-party script on our
# pages, so readers are not tracked here and the CSP stays strict.
SHARE_TARGETS = (
    ("facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("zalo", "https://sp.zalo.me/share_inline?url={url}"),
)


@register.simple_tag
def share_links(article: Any) -> dict[str, str]:
    """The article's absolute address and where each share link points, URL-encoded."""
    address = settings.NEWSROOM_SITE_URL + article.get_absolute_url()
    encoded = quote(address, safe="")
    links = {name: pattern.format(url=encoded) for name, pattern in SHARE_TARGETS}
    links["email"] = f"mailto:?subject={quote(article.title, safe='')}&body={encoded}"
    links["address"] = address
    return links
