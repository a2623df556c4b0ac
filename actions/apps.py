from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Plan d’action"

    def ready(self):
        from . import drafting, history, sections

        history.register()
        sections.register_convention_sections()
        drafting.register()
