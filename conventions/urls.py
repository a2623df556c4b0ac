from django.urls import path

from . import views

app_name = "conventions"

urlpatterns = [
    path("conventions/<int:pk>/", views.convention_detail, name="detail"),
    path("conventions/<int:pk>/historique/", views.convention_history, name="history"),
]
