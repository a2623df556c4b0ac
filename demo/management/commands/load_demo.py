from django.core.management.base import BaseCommand

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Charge les conventions réelles des seeds et les utilisateurs de démonstration."

    def handle(self, *args, **options):
        # Version 1 is frozen (JSON and PDF/A-3a) for the demo's conventions signed by
        # every party, so the versions page and the avenant workflow start from it.
        report = DemoLoader(freeze_signed_versions=True).load()
        for label, bucket in (("créés", report.created), ("mis à jour", report.updated)):
            if bucket:
                detail = ", ".join(f"{count} {name}" for name, count in sorted(bucket.items()))
                self.stdout.write(f"{label.capitalize()} : {detail}")
        if not report.created and not report.updated:
            self.stdout.write("Données de démonstration déjà à jour.")
