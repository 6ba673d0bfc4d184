from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("<int:article_pk>/", views.comment_form, name="form"),
    path("<int:article_pk>/ma-xac-nhan/", views.comment_captcha, name="captcha"),
    path("<int:article_pk>/gui/", views.comment_post, name="post"),
]
