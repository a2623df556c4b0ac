"""manage.py load_communes v_commune_2025.csv: the communes of INSEE's Code officiel
géographique (https://www.insee.fr/fr/information/2560452)."""

from directory.referentials.command import ReferentialCommand
from directory.referentials.loading import load_communes
from directory.referentials.reading import read_rows

COLUMNS = {"TYPECOM", "COM", "REG", "DEP", "LIBELLE"}


class Command(ReferentialCommand):
    help = "Charge ou met à jour les communes depuis le fichier v_commune_AAAA.csv de l’INSEE."
    label = "Communes"

    def add_arguments(self, parser):
        parser.add_argument("path", help="Fichier v_commune_AAAA.csv")

    def handle(self, *args, path, **options):
        self.run(lambda **kwargs: load_communes(read_rows(path, required=COLUMNS), **kwargs))
