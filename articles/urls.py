from django.urls import path

from articles import views
from articles.views_corrections import CorrectionListView

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("tac-gia/<slug:author_slug>/", views.AuthorView.as_view(), name="author"),
    path("xem-truoc/<int:pk>/", views.article_preview, name="preview"),
    path("dinh-chinh/", CorrectionListView.as_view(), name="corrections"),
    path("<slug:section_slug>/", views.SectionView.as_view(), name="section"),
    path("<slug:section_slug>/<slug:slug>-<int:pk>/", views.article_detail, name="detail"),
]
