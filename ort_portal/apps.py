from django.apps import AppConfig
from django.db.backends.signals import connection_created

from . import lookups
from .collation import register_sqlite_collation


class OrtPortalConfig(AppConfig):
    name = "ort_portal"
    verbose_name = "Portail ORT"

    def ready(self):
        connection_created.connect(register_sqlite_collation)
        lookups.register()
