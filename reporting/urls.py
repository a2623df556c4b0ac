"""Home, list of conventions, dashboards, maquette financière and exports."""

from django.urls import path

from .views import conventions, dashboards, financial_model, territory

app_name = "reporting"

urlpatterns = [
    path("", conventions.home, name="home"),
    path("conventions/", conventions.convention_list, name="list"),
    path("conventions/<int:pk>/tableau-de-bord/", dashboards.dashboard, name="dashboard"),
    path(
        "conventions/<int:pk>/tableau-de-bord.pdf",
        dashboards.dashboard_pdf,
        name="dashboard_pdf",
    ),
    path(
        "conventions/<int:pk>/maquette-financiere/",
        financial_model.financial_model,
        name="financial_model",
    ),
    path(
        "conventions/<int:pk>/maquette-financiere.xlsx",
        financial_model.financial_model_xlsx,
        name="financial_model_xlsx",
    ),
    path(
        "conventions/<int:pk>/maquette-financiere.pdf",
        financial_model.financial_model_pdf,
        name="financial_model_pdf",
    ),
    path("conventions/<int:pk>/plan-d-action.csv", financial_model.plan_csv, name="plan_csv"),
    path("conventions/<int:pk>/plan-d-action.xlsx", financial_model.plan_xlsx, name="plan_xlsx"),
    path("tableau-de-bord/", territory.territory_dashboard, name="territory_dashboard"),
    path(
        "tableau-de-bord/<slug:section>/",
        territory.territory_section,
        name="territory_section",
    ),
]
