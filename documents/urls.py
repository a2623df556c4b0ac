from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/<int:pk>/", views.detail, name="detail"),
    path("documents/<int:pk>/telecharger/", views.download, name="download"),
    path("documents/<int:pk>/relancer/", views.retry, name="retry"),
]
