from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("avis/", views.notice_list, name="list"),
    path("avis/lus/", views.notice_mark_read, name="mark_read"),
    path("avis/preferences/", views.preferences, name="preferences"),
]
