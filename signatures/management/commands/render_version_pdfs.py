from django.core.management.base import BaseCommand

from signatures.models import SignedVersion
from signatures.tasks import render_signed_version_pdf


class Command(BaseCommand):
    help = (
        "Remet en file le rendu du PDF/A des versions signées qui n’en ont pas encore "
        "(après l’échec d’un worker, par exemple). Un rendu déjà fait n’est jamais refait."
    )

    def handle(self, *args, **options):
        waiting = SignedVersion.objects.filter(archive__isnull=True).order_by("pk")
        count = 0
        for pk in waiting.values_list("pk", flat=True):
            render_signed_version_pdf.enqueue(pk)
            count += 1
        self.stdout.write(f"{count} PDF/A de version signée mis en file.")
