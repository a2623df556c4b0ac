import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from demo.national import generate


class Command(BaseCommand):
    help = (
        "Génère la « démo nationale » : un jeu de données synthétique et déterministe "
        "(échelle 1.0 = toutes les conventions PVD et ACV), écrit en masse avec son historique."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = échelle nationale")
        parser.add_argument("--seed", type=int, default=1, help="même graine, mêmes données")

    def handle(self, *args, scale, seed, **options):
        started = time.perf_counter()
        try:
            writer = generate(scale=scale, seed=seed, progress=self._progress(started))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Démo nationale (synthétique), échelle {scale}, graine {seed} :")
        for name, count in writer.rows.items():
            self.stdout.write(f"  {count:>9,} {name}".replace(",", " "))
        self.stdout.write(f"  {writer.history_rows:>9,} lignes d’historique".replace(",", " "))
        self.stdout.write(f"en {time.perf_counter() - started:.0f} s")

    def _progress(self, started):
        def report(text):
            self.stderr.write(f"[{time.perf_counter() - started:5.0f} s] {text}")

        return report
