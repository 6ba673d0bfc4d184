from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin import ArticleAdmin, time_column
from articles.models import Article
from articles.roles import may_see_unpublished
from comments import admin_desk, blocks, moderation, selectors, services
from comments.answers_admin import CommentAnswerAdminMixin
from comments.models import BlockedTerm, Comment, SenderBlock, pending_first
from comments.privacy import may_see_personal_data
from core.text import fold_for_search, normalize_text

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

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
            # get_or_set is typed optional; it returns the callable's list on a miss.
            for pk, title, pending in articles or ()
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


class CommentStatusFilter(admin.SimpleListFilter):
    """The one status filter: the statuses, and the "Bị báo cáo" queue among them.

    Under the name of Django's own status filter (``status__exact``), so links
    to the queue (the admin index, moderators' emails) keep working.
    """

    title = _("trạng thái")
    parameter_name = "status__exact"
    REPORTED = "reported"

    def lookups(self, request, model_admin):
        pending, *decided = Comment.Status.choices
        return [pending, (self.REPORTED, _("Bị báo cáo")), *decided]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.REPORTED:
            return moderation.reported_comments(queryset)
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ("name", "title", "body", "status", "moderation_reason", "public_reason")

    def clean_name(self) -> str:
        return normalize_text(self.cleaned_data["name"]).strip()

    def clean_title(self) -> str:
        return normalize_text(self.cleaned_data["title"]).strip()

    def clean_body(self) -> str:
        return normalize_text(self.cleaned_data["body"]).strip()


@admin.register(Comment)
class CommentAdmin(CommentAnswerAdminMixin, admin.ModelAdmin):
    form = CommentAdminForm
    list_display = (
        "excerpt",
        "article_link",
        "name",
        "state",
        "held_because",
        "sent",
    )
    list_display_links = ("excerpt",)
    list_filter = (
        CommentStatusFilter,
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
        "decision_history",
        "desk_links",
        *PERSONAL_FIELDS,
        "block_link",
    )

    class Media:
        css = {"all": ("css/admin.css",)}

    def get_urls(self):
        def view(function):
            def wrapper(request, *args, **kwargs):
                return function(request, *args, model_admin=self, **kwargs)

            return self.admin_site.admin_view(wrapper)

        return [
            path(
                "<path:object_id>/quyet-dinh/",
                view(admin_desk.decide),
                name="comments_comment_decide",
            ),
            path(
                "<path:object_id>/chan-nguoi-gui/",
                view(admin_desk.block_sender),
                name="comments_comment_block",
            ),
            path(
                "bai-viet/<int:article_pk>/",
                view(admin_desk.article_comments),
                name="comments_comment_article",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return moderation.with_desk_annotations(super().get_queryset(request))

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if self.can_see_personal_data(request):
            # Under the name rather than in columns of their own: with the decisions
            # column the list must still fit a 1,366 px laptop screen.
            display[display.index("name")] = "sender"
        if self.has_change_permission(request):
            display.append(self._decision_column(request))
        return display

    def _decision_column(self, request: HttpRequest):
        """The row's Duyệt / Từ chối / Spam buttons, returning to this very page of the list."""
        filters = self.get_preserved_filters(request)

        @admin.display(description=_("quyết định"))
        def decide(comment: Comment) -> str:
            url = reverse("admin:comments_comment_decide", args=[comment.pk])
            return format_html(
                '<span class="desk-anchor" id="{}"></span>{}<a href="{}">{}</a>',
                admin_desk.row_anchor(comment.pk),
                admin_desk.decision_buttons(
                    comment, action_url=f"{url}?{filters}" if filters else url
                ),
                admin_desk.article_desk_url(comment),
                _("Xem trong bài"),
            )

        return decide

    @admin.display(description=_("lý do giữ lại"))
    def held_because(self, comment: Comment) -> str:
        # Both annotated by moderation.with_desk_annotations (get_queryset).
        rule_reason: str = getattr(comment, "rule_reason", "")
        open_reports: int = getattr(comment, "open_reports", 0)
        reason = rule_reason or (
            comment.moderation_reason if comment.status == Comment.Status.PENDING else ""
        )
        if open_reports:
            reported = ngettext_lazy(
                "Bị báo cáo %(count)d lần", "Bị báo cáo %(count)d lần", "count"
            ) % {"count": open_reports}
            return format_html("<strong>{}</strong>{}", reported, f" · {reason}" if reason else "")
        return reason or "—"

    @admin.display(description=_("lịch sử quyết định"))
    def decision_history(self, comment: Comment) -> "str | StrPromise":
        decisions = moderation.comment_history(comment)
        if not decisions:
            return _("Chưa có quyết định nào.")
        return format_html(
            '<table class="decision-history"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("Lúc"),
            _("Ai quyết định"),
            _("Trạng thái"),
            _("Lý do"),
            _("Loại"),
            format_html_join(
                "",
                '<tr class="decision decision--{}"><td>{}</td><td>{}</td><td>{}</td>'
                "<td>{}</td><td>{}</td></tr>",
                (
                    (
                        decision.kind,
                        date_format(timezone.localtime(decision.created_at), "H:i:s d/m/Y"),
                        decision.user.get_username()
                        if decision.user
                        else decision.get_kind_display(),
                        _status_change(decision),
                        decision.reason or "—",
                        decision.get_kind_display(),
                    )
                    for decision in decisions
                ),
            ),
        )

    @admin.display(description=_("bàn kiểm duyệt"))
    def desk_links(self, comment: Comment) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            admin_desk.article_desk_url(comment),
            _("Xem cùng các bình luận khác của bài"),
        )

    @admin.display(description=_("chặn người gửi"))
    def block_link(self, comment: Comment) -> "str | StrPromise":
        if not comment.phone and not comment.ip_address:
            return _("Không còn số điện thoại hay địa chỉ IP để chặn.")
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:comments_comment_block", args=[comment.pk]),
            _("Chặn số điện thoại / địa chỉ IP này…"),
        )

    def get_ordering(self, request):
        # The moderation queue first, newest at the top of each part; the same
        # expression as the comment_admin_order_idx index, so PostgreSQL reads a
        # page from the index instead of sorting every comment.
        return (pending_first().asc(), "-created_at", "-id")

    def get_search_results(self, request, queryset, search_term):
        # Accent-insensitive, as the article search: "pho sach" finds "Phố Sách".
        return selectors.comments_matching(queryset, search_term), False

    def can_see_personal_data(self, request: HttpRequest) -> bool:
        return may_see_personal_data(request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ("article_link", "name", "title", "body")}),
            (
                _("Kiểm duyệt"),
                {
                    "fields": (
                        "status",
                        "moderation_reason",
                        "public_reason",
                        ("moderated_by", "moderated_at"),
                        "desk_links",
                        "decision_history",
                    )
                },
            ),
        ]
        if self.can_see_personal_data(request):
            fieldsets.append(
                (
                    _("Thông tin người gửi (không công khai)"),
                    {"fields": ("created_at", *PERSONAL_FIELDS, "block_link")},
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
            readonly = [
                field for field in readonly if field not in (*PERSONAL_FIELDS, "block_link")
            ]
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

    @admin.display(description=_("trạng thái"), ordering="status")
    def state(self, comment: Comment) -> str:
        """The status, and under it who decided: one column, so the list fits a laptop."""
        if comment.moderated_by is None:
            return comment.get_status_display()
        return format_html(
            '{}<span class="comment-state__by">{}</span>',
            comment.get_status_display(),
            _("bởi %(user)s") % {"user": comment.moderated_by.get_username()},
        )

    @admin.display(description=_("người gửi"), ordering="name")
    def sender(self, comment: Comment) -> str:
        """Name, phone and IP address: only in the list of those who may see them."""
        return format_html(
            '<span class="comment-sender__name">{}</span>'
            '<span class="comment-sender__contact" title="{}">{}</span>'
            '<span class="comment-sender__contact" title="{}">{}</span>',
            comment.name,
            _("số điện thoại"),
            comment.phone or "—",
            _("địa chỉ IP"),
            comment.ip_address or "—",
        )

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

    def _moderate(self, request, queryset, status: str, message: "StrPromise") -> None:
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


def _status_change(decision) -> str:
    if not decision.from_status:
        return decision.get_to_status_display()
    if decision.from_status == decision.to_status:
        return _("vẫn “%(status)s”") % {"status": decision.get_to_status_display()}
    return f"{decision.get_from_status_display()} → {decision.get_to_status_display()}"


@admin.register(SenderBlock)
class SenderBlockAdmin(admin.ModelAdmin):
    """Blocked senders: listed and lifted here, added from a comment's page.

    Phone numbers and addresses are personal data: the page is for those who may
    see them (``may_see_personal_data``), whatever model permissions say.
    """

    list_display = ("blocked", "until", "is_active", "comment_link", "created_by", "created_at")
    list_select_related = ("created_by", "comment")
    search_fields = ("phone", "ip_address")

    def has_module_permission(self, request):
        return may_see_personal_data(request.user)

    def has_view_permission(self, request, obj=None):
        return may_see_personal_data(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_see_personal_data(request.user)

    def has_add_permission(self, request):
        return False  # from a comment's page, where the phone and address come from

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        blocks.sender_blocks_remove(blocks=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        blocks.sender_blocks_remove(blocks=list(queryset), user=request.user)

    @admin.display(description=_("chặn theo"))
    def blocked(self, block: SenderBlock) -> str:
        if block.phone:
            return _("Số điện thoại %(phone)s") % {"phone": block.phone}
        return _("Địa chỉ IP %(ip)s") % {"ip": block.ip_address}

    @admin.display(description=_("còn hiệu lực"), boolean=True)
    def is_active(self, block: SenderBlock) -> bool:
        return block.until is None or block.until > timezone.now()

    @admin.display(description=_("từ bình luận"))
    def comment_link(self, block: SenderBlock) -> str:
        if block.comment is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[block.comment_id]),
            Truncator(block.comment.title).chars(60),
        )


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
