from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "signatures"
    verbose_name = "Signatures, versions signées et avenants"

    def ready(self):
        from ort_portal import documents

        from .views.pdf import render_convention

        documents.register("convention", render_convention)
