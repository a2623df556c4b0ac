from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path(
        "conventions/importer-texte/",
        views.convention_from_text,
        name="convention_from_text",
    ),
]
