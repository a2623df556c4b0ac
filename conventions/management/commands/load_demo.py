from django.core.management.base import BaseCommand

from conventions.demo import DemoLoader


class Command(BaseCommand):
    help = "Charge les conventions réelles des seeds et les utilisateurs de démonstration."

    def handle(self, *args, **options):
        report = DemoLoader().load()
        for label, bucket in (("créés", report.created), ("mis à jour", report.updated)):
            if bucket:
                detail = ", ".join(f"{count} {name}" for name, count in sorted(bucket.items()))
                self.stdout.write(f"{label.capitalize()} : {detail}")
        if not report.created and not report.updated:
            self.stdout.write("Données de démonstration déjà à jour.")
