from django.core.management.commands import loaddata

from ort_portal.backups import refuse_portal_object


class Command(loaddata.Command):
    help = loaddata.Command.help + " Refusé pour les données du portail : utilisez pg_restore."

    def save_obj(self, obj):
        refuse_portal_object(obj)
        return super().save_obj(obj)
