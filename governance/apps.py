from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Gouvernance"

    def ready(self):
        from . import drafting, sections

        sections.register()
        drafting.register()
