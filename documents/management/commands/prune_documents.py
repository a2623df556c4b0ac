"""Generated PDFs are copies a requester downloads once: kept a few days, then deleted, so
that their bytes do not pile up in the database (the signed versions' PDF/A are kept for
ever in their own table, never here)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from documents.models import Document


class Command(BaseCommand):
    help = (
        "Supprime les documents générés (PDF demandés) de plus de N jours, prêts, en échec "
        "ou restés en attente ; chaque suppression est inscrite à l’historique."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-age-days", type=int, default=7)

    def handle(self, *args, min_age_days, **options):
        if min_age_days < 1:
            self.stderr.write("--min-age-days doit valoir au moins 1.")
            return
        before = timezone.now() - datetime.timedelta(days=min_age_days)
        # One by one, so that each deletion has its history row ("-").
        old = Document.objects.filter(created_at__lt=before).defer("content").order_by("pk")
        count = 0
        for document in old.iterator(chunk_size=200):
            document._change_reason = f"Document de plus de {min_age_days} jours supprimé"
            document.delete()
            count += 1
        self.stdout.write(f"{count} document(s) généré(s) supprimé(s).")
