from django.urls import path

from . import plan_views, views

app_name = "imports"

urlpatterns = [
    path(
        "conventions/importer-texte/",
        views.convention_from_text,
        name="convention_from_text",
    ),
    path(
        "conventions/<int:pk>/plan-action/importer/",
        plan_views.plan_import,
        name="plan_import",
    ),
    path(
        "conventions/<int:pk>/plan-action/importer/confirmer/",
        plan_views.plan_import_confirm,
        name="plan_import_confirm",
    ),
    path("plan-action/modele.xlsx", plan_views.plan_template, name="plan_template"),
]
