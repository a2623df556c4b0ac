from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "signatures"
    verbose_name = "Signatures, versions signées et avenants"

    def ready(self):
        from . import pdf_documents

        pdf_documents.register()
