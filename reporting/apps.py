from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Tableaux de bord et exports"

    def ready(self):
        from . import pdf_documents

        pdf_documents.register()
