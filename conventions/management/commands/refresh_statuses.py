from django.core.management.base import BaseCommand
from django.db import transaction

from conventions.models import Convention
from conventions.services import refresh_status


class Command(BaseCommand):
    help = (
        "Met à jour le statut des conventions signées d’après leurs dates : signée, en vigueur, "
        "échue. À lancer chaque jour (cron)."
    )

    def handle(self, *args, **options):
        # Only dated conventions: one whose signature date is unknown keeps its status.
        signed = Convention.objects.filter(
            status__in=Convention.SIGNED_STATUSES, effective_date__isnull=False
        ).order_by("reference")
        changed = 0
        for pk in signed.values_list("pk", flat=True):
            # Each convention read afresh and locked: a prorogation made while the command
            # runs is neither lost nor overwritten.
            with transaction.atomic():
                convention = Convention.objects.select_for_update().get(pk=pk)
                before = convention.get_status_display()
                refresh_status(convention=convention)
            if convention.get_status_display() != before:
                changed += 1
                self.stdout.write(
                    f"{convention.reference} : {before} → {convention.get_status_display()}"
                )
        self.stdout.write(f"{changed} convention(s) mise(s) à jour.")
