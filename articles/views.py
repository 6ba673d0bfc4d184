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
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import ListView

from articles import corrections, readership, search, selectors, sitemaps, workflow
from articles.attachments import content_disposition
from articles.models import Article, Author, Section, Tag
from articles.renditions import ARTICLE_IMAGE_SIZES
from core.dependencies import RecordedLazy
from core.http import client_ip

logger = logging.getLogger("articles")


class HomeView(ListView):
    """The featured story and every section's newest on page 1, then the latest, numbered."""

    template_name = "articles/home.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        return selectors.latest_articles()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        featured, fronts = None, []
        if context["page_obj"].number == 1:
            featured, fronts = selectors.featured_article(), selectors.home_fronts()
        on_top = [*([featured] if featured else []), *(a for f in fronts for a in f.articles)]
        latest = list(context["articles"])
        # One pair of queries for the bylines and thumbnails of everything the page lists.
        selectors.with_list_details([*on_top, *latest])
        context["articles"] = latest
        context.update(
            featured=featured,
            fronts=fronts,
            featured_image_sizes=ARTICLE_IMAGE_SIZES,
            most_read=RecordedLazy(selectors.most_read_articles),
        )
        return context


class SectionView(ListView):
    template_name = "articles/section_detail.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["section_slug"])
        return selectors.section_articles(self.section)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(section=self.section, **kwargs)
        context["articles"] = selectors.with_list_details(context["articles"])
        return context


class AuthorView(ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["author_slug"])
        return selectors.author_articles(self.author)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        context["articles"] = selectors.with_list_details(context["articles"])
        return context


class TagView(ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["tag_slug"])
        return selectors.tag_articles(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(ListView):
    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.terms = search.search_terms(query=self.request.GET.get("q", ""))
        return search.search_articles(terms=self.terms)

    def get_context_data(self, **kwargs):
        # Shown back as typed (escaped), in the search box and the pagination's links.
        query = self.request.GET.get("q", "")[: search.MAX_QUERY_LENGTH].strip()
        context = super().get_context_data(query=query, **kwargs)
        paginator = context["paginator"]
        context["results_capped"] = paginator is not None and search.results_capped(
            count=paginator.count
        )
        context["results"] = search.search_results(
            articles=selectors.with_list_details(context["articles"]), terms=self.terms
        )
        return context


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


# No CSRF token: the page that sends it is the same for every reader (cached), and
# the worst a forged beacon can do is one read, once per address and window.
@csrf_exempt
@require_POST
def article_view_beacon(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a read of article ``pk`` (sent by static/js/views.js); 204, no database write."""
    if settings.NEWSROOM_COUNT_VIEWS and readership.request_is_countable(request):
        readership.article_view_record(article_id=pk, address=client_ip(request))
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


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
    tags = RecordedLazy(lambda: selectors.article_tags(article))
    return {
        "article": article,
        "bylines": RecordedLazy(lambda: parts().bylines),
        "photos": RecordedLazy(lambda: parts().photos),
        "attachments": RecordedLazy(lambda: parts().attachments),
        "image_sizes": ARTICLE_IMAGE_SIZES,
        "newer_articles": RecordedLazy(lambda: parts().newer),
        "older_articles": RecordedLazy(lambda: parts().older),
        "corrections": RecordedLazy(lambda: corrections.article_corrections(article=article)),
        "tags": tags,
        "related_articles": RecordedLazy(lambda: selectors.related_articles(article, tags=tags())),
        "most_read": RecordedLazy(selectors.most_read_articles),
        "count_views": settings.NEWSROOM_COUNT_VIEWS,
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
