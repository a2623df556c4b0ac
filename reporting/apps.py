from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Tableaux de bord et exports"

    def ready(self):
        from ort_portal import documents

        from .views.dashboards import render_dashboard
        from .views.financial_model import render_financial_model

        documents.register("dashboard", render_dashboard)
        documents.register("financial_model", render_financial_model)
