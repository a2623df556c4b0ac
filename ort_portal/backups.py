"""Backups go through PostgreSQL (pg_dump / pg_restore, README « Sauvegardes »), never
through dumpdata / loaddata: a JSON round trip of the portal's models duplicates or
rewrites their history rows (django-simple-history writes one per saved row) and clashes
with the history already in the target database."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError

REFUSAL = (
    "Les données du portail ne se sauvegardent pas avec dumpdata / loaddata : leur "
    "historique serait dupliqué ou en conflit. Utilisez pg_dump --format=custom puis "
    "pg_restore (README, « Sauvegardes »)."
)


def portal_app_labels() -> set[str]:
    base = str(settings.BASE_DIR)
    return {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(base) and "site-packages" not in config.path
    }


def refuse_portal_labels(app_labels) -> None:
    """dumpdata of the whole database, or of any portal app or model, is refused."""
    portal = portal_app_labels()
    if not app_labels or any(label.split(".")[0] in portal for label in app_labels):
        raise CommandError(REFUSAL)


def refuse_portal_object(obj) -> None:
    """loaddata refuses a fixture as soon as it holds a row of the portal's models (the
    load runs in one transaction: nothing stays)."""
    if obj.object._meta.app_label in portal_app_labels():
        raise CommandError(REFUSAL)
