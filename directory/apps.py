from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Référentiel et annuaire"

    def ready(self):
        from ort_portal import history

        from .models import Representative

        history.register_object_names(
            Representative, lambda queryset: {r.pk: r.designation for r in queryset}
        )
