from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView

from articles import selectors, workflow
from articles.models import Article, Author, Section
from articles.renditions import ARTICLE_IMAGE_SIZES
from core.dependencies import RecordedLazy


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
        "image_sizes": ARTICLE_IMAGE_SIZES,
        "newer_articles": RecordedLazy(lambda: parts().newer),
        "older_articles": RecordedLazy(lambda: parts().older),
    }
