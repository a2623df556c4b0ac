from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "conventions"
    verbose_name = "Conventions"

    def ready(self):
        from . import history
        from .drafting import parts
        from .sections import register_organisation_sections

        history.register()
        register_organisation_sections()
        parts.register()
