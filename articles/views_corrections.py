from django.conf import settings
from django.views.generic import ListView

from articles import corrections


class CorrectionListView(ListView):
    """``/dinh-chinh/``: recent corrections and updates, with links to their articles."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        return corrections.recent_corrections()
