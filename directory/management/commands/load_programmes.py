"""manage.py load_programmes --pvd liste-pvd.csv --acv liste-acv.csv --croisement table.csv:
the communes of Petites villes de demain and Action Cœur de Ville (ANCT lists)."""

from django.core.management.base import CommandError

from directory.referentials.command import ReferentialCommand
from directory.referentials.loading import load_programmes
from directory.referentials.reading import read_rows

PVD_COLUMNS = {"insee_com", "lib_com", "id_pvd", "date_signature"}
ACV_COLUMNS = {"insee_com", "lib_com", "id_acv", "lib_acv", "date_signature"}
CROSSING_COLUMNS = {"insee_com", "id_pvd", "id_acv"}


class Command(ReferentialCommand):
    help = "Charge ou met à jour l’appartenance des communes aux programmes PVD et ACV (ANCT)."
    label = "Programmes"

    def add_arguments(self, parser):
        parser.add_argument("--pvd", help="Liste des communes PVD")
        parser.add_argument("--acv", help="Liste des communes ACV")
        parser.add_argument("--croisement", help="Table de croisement des programmes (;)")

    def handle(self, *args, pvd=None, acv=None, croisement=None, **options):
        if not (pvd or acv or croisement):
            raise CommandError("Donnez au moins un fichier : --pvd, --acv ou --croisement.")

        def load(**kwargs):
            return load_programmes(
                pvd=read_rows(pvd, required=PVD_COLUMNS) if pvd else None,
                acv=read_rows(acv, required=ACV_COLUMNS) if acv else None,
                crossing=read_rows(croisement, required=CROSSING_COLUMNS) if croisement else None,
                **kwargs,
            )

        self.run(load)
