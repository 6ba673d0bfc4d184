from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Bình luận bạn đọc")

    def ready(self) -> None:
        from core.search import enable_folded_matching

        # The moderators' search is accent-insensitive (comments/selectors.py).
        enable_folded_matching()
