from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Gouvernance"

    def ready(self):
        from . import drafting, pdf_documents, sections

        sections.register()
        drafting.register()
        pdf_documents.register()
