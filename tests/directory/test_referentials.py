"""The official referentials loaded by load_communes, load_epci and load_programmes."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from directory.models import EPCI, Commune

REFERENTIALS = Path(settings.BASE_DIR) / "fixtures" / "referentials"
COMMUNES = REFERENTIALS / "v_commune_2025.csv"
EPCI_FILE = REFERENTIALS / "Intercommunalite_Metropole_au_01-01-2025.xlsx"
PVD = REFERENTIALS / "liste-pvd.csv"
ACV = REFERENTIALS / "liste-acv.csv"
CROSSING = REFERENTIALS / "table-croisement-programmes.csv"


def run(name, *args):
    out = io.StringIO()
    call_command(name, *map(str, args), stdout=out)
    return out.getvalue()


def load_all():
    return [
        run("load_communes", COMMUNES),
        run("load_epci", EPCI_FILE),
        run("load_programmes", "--pvd", PVD, "--acv", ACV, "--croisement", CROSSING),
    ]


def history_rows():
    return Commune.history.count() + EPCI.history.count() + EPCI.communes.through.objects.count()


@pytest.mark.django_db
def test_the_excerpts_load_into_an_empty_portal_with_a_progress_line_and_a_summary():
    communes, epcis, programmes = load_all()

    assert "Communes : 9/9 lignes" in communes
    assert "Communes : 9 créé(s), 0 modifié(s), 0 inchangé(s)." in communes
    assert "EPCI : 5 créé(s)" in epcis
    assert "Programmes : 0 créé(s), 8 modifié(s)" in programmes
    assert not Commune.objects.filter(insee_code="74011").exists()  # a commune déléguée
    lodeve = Commune.objects.get(insee_code="34142")
    assert (lodeve.name, lodeve.departement, lodeve.region) == ("Lodève", "34", "76")
    assert lodeve.pvd_id == "PVD-34-0142"
    assert str(lodeve.pvd_signed_on) == "2021-05-12"
    call = EPCI.objects.get(siren="246200729")
    assert call.nature == EPCI.Nature.CA
    assert set(call.communes.values_list("insee_code", flat=True)) == {
        "62186",
        "62498",
        "62510",
        "62563",
    }
    assert EPCI.objects.get(siren="246200364").communes.get().name == "Libercourt"
    assert EPCI.objects.get(siren="200017341").nature == EPCI.Nature.CC
    # The crossing table's cell holds two ids separated by " ; ".
    assert Commune.objects.get(insee_code="62907").pvd_id == "PVD-62-0907 ; PVD-62-0427"
    assert Commune.objects.get(insee_code="62498").acv_name == "Lens - Liévin"


@pytest.mark.django_db
def test_a_second_load_changes_nothing_and_writes_no_history():
    load_all()
    counts = (Commune.objects.count(), EPCI.objects.count(), history_rows())

    communes, epcis, programmes = load_all()

    assert (Commune.objects.count(), EPCI.objects.count(), history_rows()) == counts
    assert "0 créé(s), 0 modifié(s), 9 inchangé(s)" in communes
    assert "0 créé(s), 0 modifié(s), 5 inchangé(s)" in epcis
    assert "0 créé(s), 0 modifié(s), 8 inchangé(s)" in programmes


@pytest.mark.django_db
def test_a_rerun_updates_names_and_memberships_without_duplicates(tmp_path):
    load_all()
    libercourt = Commune.objects.get(insee_code="62907")
    libercourt.name = "Libercour"
    libercourt.save()
    EPCI.objects.get(siren="246200729").communes.remove(Commune.objects.get(insee_code="62498"))

    communes, epcis, _ = load_all()

    assert Commune.objects.get(insee_code="62907").name == "Libercourt"
    assert "1 modifié(s)" in communes
    assert "CA de Lens - Liévin : communes membres mises à jour." in epcis
    assert EPCI.objects.get(siren="246200729").communes.count() == 4
    assert Commune.objects.filter(insee_code="62907").count() == 1


@pytest.mark.django_db
def test_merged_and_vanished_communes_are_reported():
    Commune.objects.create(insee_code="74011", name="Annecy-le-Vieux", departement="74")
    Commune.objects.create(insee_code="99999", name="Disparue", departement="99")

    output = run("load_communes", COMMUNES)

    assert "Annecy-le-Vieux (74011) : fusionnée dans la commune 74010." in output
    assert "Disparue (99999) : absente du fichier." in output


@pytest.mark.django_db
def test_epci_composition_is_also_read_from_csv(tmp_path):
    run("load_communes", COMMUNES)
    csv_file = tmp_path / "composition.csv"
    csv_file.write_text(
        "CODGEO,LIBGEO,EPCI,LIBEPCI,DEP,REG\n"
        "68066,Colmar,246800726,CA Colmar Agglomération,68,44\n",
        encoding="utf-8",
    )

    run("load_epci", csv_file)

    assert EPCI.objects.get(siren="246800726").communes.get().name == "Colmar"


@pytest.mark.django_db
def test_a_file_without_the_expected_columns_is_refused_in_french(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n", encoding="utf-8")

    with pytest.raises(CommandError, match="colonnes attendues introuvables"):
        run("load_communes", wrong)
    with pytest.raises(CommandError, match="Donnez au moins un fichier"):
        run("load_programmes")
