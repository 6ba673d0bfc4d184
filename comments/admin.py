from django import forms
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin import ArticleAdmin, time_column
from articles.models import Article
from articles.roles import may_see_unpublished
from comments import selectors, services
from comments.models import BlockedTerm, Comment, pending_first
from core.text import fold_for_search, normalize_text

# Seen only by people who may change comments, i.e. moderators: an editor
# given read access to comments still never sees who is behind them.
PERSONAL_FIELDS = ("phone", "ip_address", "user_agent")


class ArticleWithPendingFilter(admin.SimpleListFilter):
    """Filter by article, offering the articles that have comments waiting.

    Listing every article would make the sidebar useless on a real site; the
    filter still accepts any article id in the address (links from elsewhere).
    """

    title = _("bài viết")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        # Only articles the user may read: a moderator must not learn the
        # titles of drafts and scheduled articles here when the article admin
        # and the preview refuse them. Counting the whole queue takes a while
        # with millions of comments; the sidebar may be a minute behind (one
        # cached copy per kind of viewer), the list itself never is.
        visible = Article.objects.visible_to(request.user)
        viewer = "all" if may_see_unpublished(request.user) else "published"
        articles = cache.get_or_set(
            f"comments:admin:articles-with-pending:{viewer}",
            lambda: list(
                visible.filter(comments__status=Comment.Status.PENDING)
                .annotate(pending=Count("comments"))
                .order_by("-pending", "-published_at")
                .values_list("pk", "title", "pending")[:20]
            ),
            timeout=60,
        )
        choices = [
            (str(pk), _("%(title)s (%(count)d chờ duyệt)") % {"title": title, "count": pending})
            for pk, title, pending in articles
        ]
        selected = self.value()
        if selected and selected.isdigit() and selected not in {pk for pk, _ in choices}:
            title = visible.filter(pk=selected).values_list("title", flat=True).first()
            if title:
                choices.insert(0, (selected, title))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(article_id=value)
        return queryset


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ("name", "title", "body", "status", "moderation_reason")

    def clean_name(self) -> str:
        return normalize_text(self.cleaned_data["name"]).strip()

    def clean_title(self) -> str:
        return normalize_text(self.cleaned_data["title"]).strip()

    def clean_body(self) -> str:
        return normalize_text(self.cleaned_data["body"]).strip()


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    list_display = (
        "excerpt",
        "article_link",
        "name",
        "status",
        "sent",
        "moderated_by",
        "moderation_reason",
    )
    list_display_links = ("excerpt",)
    list_filter = (
        "status",
        "article__section",
        ArticleWithPendingFilter,
        "created_at",
    )
    list_select_related = ("article__section", "moderated_by")
    search_fields = ("name", "title", "body")
    show_full_result_count = False
    list_per_page = 50
    # No raw_id_fields/autocomplete for the article: comments are not added
    # here and never moved, so the article is shown read-only, as a link.
    actions = ("approve", "reject", "mark_spam")
    readonly_fields = (
        "article_link",
        "created_at",
        "moderated_by",
        "moderated_at",
        *PERSONAL_FIELDS,
    )

    class Media:
        css = {"all": ("css/admin.css",)}

    def get_ordering(self, request):
        # The moderation queue first, newest at the top of each part; the same
        # expression as the comment_admin_order_idx index, so PostgreSQL reads a
        # page from the index instead of sorting every comment.
        return (pending_first().asc(), "-created_at", "-id")

    def get_search_results(self, request, queryset, search_term):
        # Accent-insensitive, as the article search: "pho sach" finds "Phố Sách".
        return selectors.comments_matching(queryset, search_term), False

    def can_see_personal_data(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ("article_link", "name", "title", "body")}),
            (
                _("Kiểm duyệt"),
                {"fields": ("status", "moderation_reason", ("moderated_by", "moderated_at"))},
            ),
        ]
        if self.can_see_personal_data(request):
            fieldsets.append(
                (
                    _("Thông tin người gửi (không công khai)"),
                    {"fields": ("created_at", *PERSONAL_FIELDS)},
                )
            )
        else:
            fieldsets.append((_("Thông tin gửi"), {"fields": ("created_at",)}))
        return fieldsets

    def lookup_allowed(self, lookup, value, request):
        # Django lets any field of the model be filtered through the address
        # (?phone=…, ?ip_address__startswith=…): for someone who may not see
        # the personal fields that would still tell who commented, one guess at a time.
        field = lookup.split(LOOKUP_SEP, 1)[0]
        if field in PERSONAL_FIELDS and not self.can_see_personal_data(request):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(self.readonly_fields)
        if not self.can_see_personal_data(request):
            readonly = [field for field in readonly if field not in PERSONAL_FIELDS]
        return readonly

    def has_add_permission(self, request):
        # Comments come from readers, through the form and its rules.
        return False

    @admin.display(description=_("bình luận"), ordering="title")
    def excerpt(self, comment: Comment) -> str:
        return format_html(
            "<strong>{}</strong><br>{}",
            comment.title,
            Truncator(comment.body).chars(140),
        )

    @admin.display(description=_("gửi lúc"), ordering="created_at")
    def sent(self, comment: Comment) -> str:
        return time_column(comment.created_at)

    @admin.display(description=_("bài viết"), ordering="article__title")
    def article_link(self, comment: Comment) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            comment.article.get_absolute_url(),
            Truncator(comment.article.title).chars(60),
        )

    def delete_model(self, request, obj):
        services.comments_delete(comments=[obj])

    def delete_queryset(self, request, queryset):
        services.comments_delete(comments=queryset)

    def save_model(self, request, obj, form, change):
        services.comment_save_by_moderator(
            comment=obj, user=request.user, changed_fields=form.changed_data
        )

    def _moderate(self, request, queryset, status: str, message: str) -> None:
        """Apply ``status`` and say how many comments changed (``message`` has %(count)d)."""
        changed = services.comments_moderate(comments=queryset, status=status, user=request.user)
        self.message_user(
            request, message % {"count": changed}, messages.SUCCESS if changed else messages.WARNING
        )

    # ngettext_lazy picks the plural form from the "count" it is formatted with.
    @admin.action(description=_("Duyệt"), permissions=["change"])
    def approve(self, request, queryset):
        message = ngettext_lazy(
            "Đã duyệt %(count)d bình luận.", "Đã duyệt %(count)d bình luận.", "count"
        )
        self._moderate(request, queryset, Comment.Status.APPROVED, message)

    @admin.action(description=_("Từ chối"), permissions=["change"])
    def reject(self, request, queryset):
        message = ngettext_lazy(
            "Đã từ chối %(count)d bình luận.", "Đã từ chối %(count)d bình luận.", "count"
        )
        self._moderate(request, queryset, Comment.Status.REJECTED, message)

    @admin.action(description=_("Đánh dấu spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        message = ngettext_lazy(
            "Đã đánh dấu spam %(count)d bình luận.",
            "Đã đánh dấu spam %(count)d bình luận.",
            "count",
        )
        self._moderate(request, queryset, Comment.Status.SPAM, message)


class BlockedTermAdminForm(forms.ModelForm):
    class Meta:
        model = BlockedTerm
        fields = ("term", "action")

    def clean_term(self) -> str:
        term = " ".join(normalize_text(self.cleaned_data["term"]).split())
        folded = fold_for_search(term)
        if not any(character.isalnum() for character in folded):
            raise ValidationError(
                _("Từ bị chặn phải có ít nhất một chữ cái hoặc chữ số."), code="empty"
            )
        others = BlockedTerm.objects.exclude(pk=self.instance.pk).only("term")
        clash = next((t for t in others if fold_for_search(t.term) == folded), None)
        if clash is not None:
            raise ValidationError(
                _("Đã có “%(term)s”, trùng khi bỏ dấu và chữ hoa."),
                code="duplicate",
                params={"term": clash.term},
            )
        return term


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    form = BlockedTermAdminForm
    list_display = ("term", "action", "created_at")
    list_filter = ("action",)
    search_fields = ("term",)


class ArticleWithCommentsAdmin(ArticleAdmin):
    """The editors' article admin, with the article's comments counted by status.

    Registered in place of ``articles``' own, so that ``articles`` knows nothing
    of comments.
    """

    readonly_fields = (*ArticleAdmin.readonly_fields, "comment_counts")

    def get_fieldsets(self, request, obj=None):
        *fieldsets, (name, options) = super().get_fieldsets(request, obj)
        return [*fieldsets, (name, {**options, "fields": (*options["fields"], "comment_counts")})]

    @admin.display(description=_("bình luận"))
    def comment_counts(self, article: Article) -> str:
        if article.pk is None:
            return "—"
        counts = selectors.comment_counts_by_status(article)
        return format_html(
            '<ul class="comment-counts">{}</ul>',
            format_html_join(
                "",
                "<li>{}: <strong>{}</strong></li>",
                ((label, counts[value]) for value, label in Comment.Status.choices),
            ),
        )


admin.site.unregister(Article)
admin.site.register(Article, ArticleWithCommentsAdmin)
