from django.core.management.commands import dumpdata

from ort_portal.backups import refuse_portal_labels


class Command(dumpdata.Command):
    help = dumpdata.Command.help + " Refusé pour les données du portail : utilisez pg_dump."

    def handle(self, *app_labels, **options):
        refuse_portal_labels(app_labels)
        return super().handle(*app_labels, **options)
