from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from demo.dataset import generate
from demo.dataset.signing import DEFAULT_FRACTION


def scale(value):
    number = float(value)
    if not 0 < number <= 2:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Génère une « démo nationale » synthétique et déterministe (références SYNTH-) : "
        "à l’échelle 1, environ 1 900 communes, 1 250 conventions, 50 000 actions et "
        "200 000 lignes de financement."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=scale, default=1.0, help="1.0 = national (0 < S ≤ 2)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--signed-fraction",
            type=float,
            default=DEFAULT_FRACTION,
            help="part des conventions signées dont la version 1 est gelée (PDF/A-3a)",
        )

    def handle(self, *args, scale, seed, signed_fraction, **options):
        try:
            outcome = generate(scale=scale, seed=seed, signed_fraction=signed_fraction)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Démo nationale synthétique (échelle {scale}, graine {seed}) :")
        for name, count in outcome.counts.items():  # in the order of creation
            self.stdout.write(f"  {count:>9,} {name}".replace(",", "\u202f"))
        rows = f"{outcome.history_rows:,}".replace(",", "\u202f")
        self.stdout.write(f"  {rows} lignes d’historique (auteur : synth-generateur)")
        self.stdout.write(
            f"Durée : {outcome.seconds:.1f} s, dont {outcome.freezing_seconds:.1f} s pour geler "
            "les versions signées (PDF/A-3a)"
        )
