"""manage.py load_epci Intercommunalite_Metropole_au_01-01-2025.xlsx: EPCI and their
communes from INSEE's composition of intercommunalities (sheet « Composition_communale »),
or the same columns as CSV."""

from directory.referentials.command import ReferentialCommand
from directory.referentials.loading import load_epcis
from directory.referentials.reading import EPCI_SHEET, read_rows

COLUMNS = {"CODGEO", "LIBGEO", "EPCI", "LIBEPCI", "DEP", "REG"}


class Command(ReferentialCommand):
    help = "Charge ou met à jour les EPCI et leurs communes (composition communale de l’INSEE)."
    label = "EPCI"

    def add_arguments(self, parser):
        parser.add_argument("path", help="Fichier XLSX de l’INSEE, ou CSV aux mêmes colonnes")

    def handle(self, *args, path, **options):
        self.run(
            lambda **kwargs: load_epcis(
                read_rows(path, required=COLUMNS, sheet=EPCI_SHEET), **kwargs
            )
        )
