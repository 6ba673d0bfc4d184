from django.urls import path

from articles import feeds, views
from articles.views_corrections import CorrectionListView

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("tac-gia/<slug:author_slug>/", views.AuthorView.as_view(), name="author"),
    path("tac-gia/<slug:author_slug>/rss/", feeds.AuthorFeed(), name="author_feed"),
    path("tu-khoa/<slug:tag_slug>/", views.TagView.as_view(), name="tag"),
    path("tu-khoa/<slug:tag_slug>/rss/", feeds.TagFeed(), name="tag_feed"),
    path("luot-doc/<int:pk>/", views.article_view_beacon, name="view_beacon"),
    path("xem-truoc/<int:pk>/", views.article_preview, name="preview"),
    path(
        "van-ban/<int:pk>/<slug:slug>.<slug:extension>",
        views.attachment_download,
        name="attachment",
    ),
    path("dinh-chinh/", CorrectionListView.as_view(), name="corrections"),
    path("<slug:section_slug>/", views.SectionView.as_view(), name="section"),
    path("<slug:section_slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("<slug:section_slug>/<slug:slug>-<int:pk>/", views.article_detail, name="detail"),
]
