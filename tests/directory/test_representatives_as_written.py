"""Representatives as conventions name them: an office alone, one directeur régional per
region in a national body."""

import pytest
from django.core.exceptions import ValidationError

from directory.forms import RepresentativeForm
from directory.models import Organisation, Representative
from directory.services import save_representative


@pytest.fixture
def bdt(db):
    return Organisation.objects.create(name="Banque des Territoires", category="cdc")


def director(organisation, region, last_name="NORD"):
    return Representative(
        organisation=organisation,
        civility="Mme",
        first_name="Claire",
        last_name=last_name,
        function="Directrice régionale",
        region=region,
    )


def test_one_directeur_regional_per_region_is_accepted(bdt):
    save_representative(representative=director(bdt, "32"))
    save_representative(representative=director(bdt, "76", last_name="OCCITAN"))

    assert bdt.representatives.count() == 2
    with pytest.raises(ValidationError, match="chevauche"):
        save_representative(representative=director(bdt, "76", last_name="AUTRE"))


def test_a_representative_named_only_by_the_office(db):
    etat = Organisation.objects.create(name="État – Préfecture du Haut-Rhin", category="etat")
    form = RepresentativeForm(
        {"civility": "", "first_name": "", "last_name": "", "function": "Préfet du Haut-Rhin"},
        organisation=etat,
    )

    assert form.is_valid(), form.errors
    prefect = save_representative(representative=form.instance)
    assert prefect.person_name == ""
    assert prefect.full_name == "Préfet du Haut-Rhin"
    assert prefect.designation == "Préfet du Haut-Rhin"
    assert str(prefect) == "Préfet du Haut-Rhin (État – Préfecture du Haut-Rhin)"


def test_a_first_name_without_a_name_is_refused_next_to_the_field(db):
    etat = Organisation.objects.create(name="État", category="etat")
    form = RepresentativeForm(
        {"civility": "M.", "first_name": "Jean", "last_name": "", "function": "Préfet"},
        organisation=etat,
    )

    assert not form.is_valid()
    assert form.errors["last_name"] == ["Donnez le nom avec le prénom, ou aucun des deux."]


def test_new_categories_of_real_signatories():
    labels = dict(Organisation.Category.choices)
    for category in [
        "collectivite_particuliere",
        "pnr",
        "operateur_national",
        "investisseur_prive",
        "chambre_consulaire",
        "bailleur_social",
        "epf",
    ]:
        assert category in labels
