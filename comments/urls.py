from django.urls import path

from comments import reader_views, report_views, views

app_name = "comments"

urlpatterns = [
    path("<int:article_pk>/", views.comment_form, name="form"),
    path("<int:article_pk>/ma-xac-nhan/", views.comment_captcha, name="captcha"),
    path("<int:article_pk>/gui/", views.comment_post, name="post"),
    path("trang-thai/<str:token>/", reader_views.comment_status, name="status"),
    path("bao-vi-pham/<int:comment_pk>/", report_views.comment_report, name="report"),
]
