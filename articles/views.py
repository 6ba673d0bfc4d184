import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView

from articles import corrections, selectors, sitemaps, workflow
from articles.attachments import content_disposition
from articles.models import Article, Author, Section
from articles.renditions import ARTICLE_IMAGE_SIZES
from core.dependencies import RecordedLazy

logger = logging.getLogger("articles")


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fronts=selectors.home_fronts(), **kwargs)


class SectionView(ListView):
    template_name = "articles/section_detail.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["section_slug"])
        return selectors.section_articles(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class AuthorView(ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["author_slug"])
        return selectors.author_articles(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class SearchView(ListView):
    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")[:200].strip()
        return selectors.search_articles(self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


@require_safe
def article_detail(request: HttpRequest, section_slug: str, slug: str, pk: int) -> HttpResponse:
    article = selectors.article_for_reader(pk=pk)
    if article is None:
        raise Http404(_("Không tìm thấy bài viết."))
    canonical = article.get_absolute_url()
    if request.path != canonical:
        # Old links (a changed title or section) keep working and point search
        # engines at the one current address.
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    return render(request, "articles/article_detail.html", article_page_context(article))


@never_cache
@login_required(login_url="admin:login")
@permission_required("articles.view_article", raise_exception=True)
def article_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show any article, draft or scheduled, as readers will see it, to staff only."""
    article = selectors.article_for_preview(pk=pk)
    if article is None:
        raise Http404(_("Không tìm thấy bài viết."))
    if not workflow.user_may_view(user=request.user, article=article):
        raise PermissionDenied  # a colleague's unpublished work
    context = article_page_context(article)
    context["preview"] = True
    response = render(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def attachment_download(
    request: HttpRequest, pk: int, slug: str, extension: str
) -> HttpResponseBase:
    """A document attached to a published article, as a download under its Vietnamese title.

    Served with the type detected at upload, never one guessed from the name, and
    ``nosniff`` so no browser renders it as a page of this site. Staff reach the
    documents of drafts and scheduled articles from the admin.
    """
    attachment = selectors.attachment_for_reader(pk=pk)
    if attachment is None:
        raise Http404(_("Không tìm thấy văn bản."))
    canonical = attachment.get_absolute_url()
    if request.path != canonical:
        return HttpResponsePermanentRedirect(canonical)
    try:
        handle = attachment.file.open("rb")
    except OSError:
        logger.exception("attachment file missing", extra={"attachment": attachment.pk})
        raise Http404(_("Không tìm thấy văn bản.")) from None
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(attachment.title, attachment.kind)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def article_page_context(article: Article) -> dict:
    """The article page's parts, read only if the template renders them.

    The page cache keeps the parts that did not change as fragments
    (``templates/articles/article_detail.html``): after a comment is approved,
    the photos, bylines and newer/older lists are neither read nor rendered.
    """
    parts = RecordedLazy(lambda: selectors.article_parts(article))
    return {
        "article": article,
        "bylines": RecordedLazy(lambda: parts().bylines),
        "photos": RecordedLazy(lambda: parts().photos),
        "attachments": RecordedLazy(lambda: parts().attachments),
        "image_sizes": ARTICLE_IMAGE_SIZES,
        "newer_articles": RecordedLazy(lambda: parts().newer),
        "older_articles": RecordedLazy(lambda: parts().older),
        "corrections": RecordedLazy(lambda: corrections.article_corrections(article=article)),
    }


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The sitemap index, with every page of every sitemap, on the configured site.

    Django's own index takes the domain from the request's Host; this one, like
    the sitemaps themselves, from ``NEWSROOM_SITE_URL``.
    """
    entries = []
    for name, sitemap_class in sitemaps.SITEMAPS.items():
        location = settings.NEWSROOM_SITE_URL + reverse("sitemap", kwargs={"section": name})
        for page in sitemap_class().paginator.page_range:
            entries.append(SitemapIndexItem(location if page == 1 else f"{location}?p={page}"))
    entries.append(SitemapIndexItem(settings.NEWSROOM_SITE_URL + reverse("news_sitemap")))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    # Django's signature takes classes or instances; a plain dict of classes is fine.
    available: dict[str, Any] = dict(sitemaps.SITEMAPS)
    return sitemap_views.sitemap(request, available, section=section)


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(
        request,
        {"news": sitemaps.NewsSitemap},
        template_name="sitemaps/news.xml",
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
