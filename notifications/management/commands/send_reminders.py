"""Daily reminders (cron): comités behind their rhythm, conventions ending, avenants awaiting
signatures, and the chefs de projet's weekly digest."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.tasks import send_reminders


class Command(BaseCommand):
    help = "Met en file les rappels du jour (à lancer chaque jour, par cron)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="jour à considérer (AAAA-MM-JJ), aujourd’hui par défaut")

    def handle(self, *, date, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Date invalide : {date} (attendu AAAA-MM-JJ)") from error
        result = send_reminders.enqueue(today.isoformat())
        if result.is_finished:
            self.stdout.write(f"Rappels du {today} : {result.return_value} avis créés.")
        else:
            self.stdout.write(f"Rappels du {today} mis en file (tâche {result.id}).")
