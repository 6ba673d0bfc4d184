from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from articles import views as article_views
from articles.uploads import ckeditor_browse, ckeditor_upload
from comments.reader_views import captcha_audio
from comments.views import captcha_refresh, unreadable_comment_page
from core import errors
from core.views import choose_language, healthz, media_file


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a comment refused for its charset keeps its text; anything else, the 400 page."""
    return unreadable_comment_page(request, exception) or errors.bad_request(request, exception)


handler400 = bad_request
handler403 = "core.errors.permission_denied"
handler500 = "core.errors.server_error"

admin.site.site_header = "Tòa soạn"
admin.site.site_title = "Tòa soạn"
admin.site.index_title = _("Quản lý nội dung")

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("robots.txt", article_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", article_views.sitemap_index, name="sitemap_index"),
    path("sitemap-tin-tuc.xml", article_views.news_sitemap, name="news_sitemap"),
    path("sitemap-<slug:section>.xml", article_views.sitemap_section, name="sitemap"),
    path("ngon-ngu/<str:language>/", choose_language, name="choose_language"),
    path("admin/", admin.site.urls),
    # Our own upload view (permission and image checks) under the name the
    # CKEditor widget reverses; browsing keeps django-ckeditor's view.
    path("ckeditor/upload/", ckeditor_upload, name="ckeditor_upload"),
    path(
        "ckeditor/browse/",
        never_cache(staff_member_required(ckeditor_browse)),
        name="ckeditor_browse",
    ),
    # Ahead of django-simple-captcha's own refresh view: ours counts challenges per address.
    path("captcha/refresh/", captcha_refresh, name="captcha-refresh"),
    # Likewise for the spoken captcha: a per-address limit (each one runs flite).
    re_path(r"^captcha/audio/(?P<key>\w+)\.wav$", captcha_audio, name="captcha-audio"),
    path("captcha/", include("captcha.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media_file),
    ]

urlpatterns += [
    path("binh-luan/", include("comments.urls")),
    path("", include("articles.urls")),
]
