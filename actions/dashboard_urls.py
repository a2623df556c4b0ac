"""Dashboards, maquette financière and exports."""

from django.urls import path

from . import dashboard_views

urlpatterns = [
    path(
        "conventions/<int:pk>/tableau-de-bord/",
        dashboard_views.dashboard,
        name="dashboard",
    ),
    path(
        "conventions/<int:pk>/tableau-de-bord.pdf",
        dashboard_views.dashboard_pdf,
        name="dashboard_pdf",
    ),
    path(
        "conventions/<int:pk>/maquette-financiere/",
        dashboard_views.financial_model,
        name="financial_model",
    ),
    path(
        "conventions/<int:pk>/maquette-financiere.xlsx",
        dashboard_views.financial_model_xlsx,
        name="financial_model_xlsx",
    ),
    path(
        "conventions/<int:pk>/maquette-financiere.pdf",
        dashboard_views.financial_model_pdf,
        name="financial_model_pdf",
    ),
    path("conventions/<int:pk>/plan-d-action.csv", dashboard_views.plan_csv, name="plan_csv"),
    path("conventions/<int:pk>/plan-d-action.xlsx", dashboard_views.plan_xlsx, name="plan_xlsx"),
    path("tableau-de-bord/", dashboard_views.territory_dashboard, name="territory_dashboard"),
]
