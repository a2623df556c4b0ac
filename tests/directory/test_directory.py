"""The administrators' directory: organisations, representatives and mandates, users."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conventions.models import Signatory
from directory.models import Organisation, Representative
from directory.services import proposed_signer, replace_representative, signing_candidates
from governance.forms import CommitteeMemberForm
from tests.factories import (
    CommitteeFactory,
    ConventionFactory,
    OrganisationFactory,
    RepresentativeFactory,
    SignatoryFactory,
)

DEMO_PASSWORD = "portail-ort-demo"


@pytest.fixture
def admin_browser(client, demo):
    client.login(username="admin", password=DEMO_PASSWORD)
    return client


@pytest.fixture
def libercourt_town(demo):
    return Organisation.objects.get(name="Commune de Libercourt")


@pytest.mark.parametrize(
    "url",
    [
        reverse("directory:organisations"),
        reverse("directory:organisation_create"),
        reverse("accounts:users"),
        reverse("accounts:user_create"),
    ],
)
def test_comite_member_is_refused_the_directory(client, demo, url):
    client.login(username="copil-libercourt", password=DEMO_PASSWORD)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [reverse("accounts:users"), reverse("accounts:user_create")])
def test_chef_de_projet_is_refused_the_users(client, demo, url):
    client.login(username="cdp-libercourt", password=DEMO_PASSWORD)
    assert client.get(url).status_code == 403


def test_chef_de_projet_opens_the_directory_of_their_territory(client, demo):
    """Issue 11: a chef de projet adds a local partner (financeur, maître d'ouvrage)."""
    client.login(username="cdp-libercourt", password=DEMO_PASSWORD)
    page = client.get(reverse("directory:organisations")).content.decode()
    assert "Commune de Libercourt" in page
    assert "Commune de Lens" not in page
    assert client.get(reverse("directory:organisation_create")).status_code == 200


def test_menu_shows_annuaire_to_admins_only(client, demo):
    client.login(username="cdp-libercourt", password=DEMO_PASSWORD)
    assert "Annuaire" not in client.get(reverse("reporting:home")).content.decode()
    client.login(username="admin", password=DEMO_PASSWORD)
    assert "Annuaire" in client.get(reverse("reporting:home")).content.decode()


def test_organisation_list_shows_category_siren_territory_and_signatures(
    admin_browser, libercourt_town
):
    page = admin_browser.get(reverse("directory:organisations")).content.decode()
    assert "Commune de Libercourt" in page
    assert "M. Daniel MACIEJASZ, Maire" in page
    assert "(collectivité bénéficiaire)" in page


def test_organisation_list_has_constant_queries(admin_browser, django_assert_max_num_queries):
    url = reverse("directory:organisations")
    with django_assert_max_num_queries(12) as small:
        admin_browser.get(url)
    for _ in range(15):
        organisation = OrganisationFactory()
        RepresentativeFactory(organisation=organisation)
    with django_assert_max_num_queries(len(small.captured_queries)):
        admin_browser.get(url)


def test_duplicate_siren_is_refused_next_to_the_field(admin_browser, demo):
    holder = Organisation.objects.exclude(siren="").first()
    response = admin_browser.post(
        reverse("directory:organisation_create"),
        {"name": "Doublon", "category": "autre", "siren": holder.siren},
    )
    assert response.context["form"].errors["siren"] == [
        f"Le SIREN {holder.siren} est déjà celui de « {holder} »."
    ]
    assert "Doublon" in response.content.decode()
    assert not Organisation.objects.filter(name="Doublon").exists()


def test_overlapping_mandate_for_the_same_function_is_refused(admin_browser, libercourt_town):
    response = admin_browser.post(
        reverse("directory:representative_create", args=[libercourt_town.pk]),
        {
            "civility": "Mme",
            "first_name": "Anne",
            "last_name": "NOUVELLE",
            "function": "Maire",
            "mandate_start": "2026-03-22",
        },
    )
    errors = response.context["form"].errors["mandate_start"]
    assert errors[0].startswith("Ce mandat chevauche celui de M. Daniel MACIEJASZ (Maire)")
    assert not Representative.objects.filter(last_name="NOUVELLE").exists()
    # Another fonction in the same organisation does not clash.
    admin_browser.post(
        reverse("directory:representative_create", args=[libercourt_town.pk]),
        {
            "civility": "Mme",
            "first_name": "Anne",
            "last_name": "ADJOINTE",
            "function": "Première adjointe",
            "mandate_start": "2026-03-22",
        },
    )
    assert Representative.objects.filter(last_name="ADJOINTE").exists()


def test_replacing_the_mayor_keeps_the_signed_name_and_proposes_the_new_one(
    admin_browser, libercourt_town
):
    old_mayor = Representative.objects.get(last_name="MACIEJASZ")
    signatory = Signatory.objects.get(
        organisation=libercourt_town, convention__reference="LIBERCOURT-ORT"
    )
    assert signatory.representative == old_mayor

    response = admin_browser.post(
        reverse("directory:representative_replace", args=[old_mayor.pk]),
        {
            "civility": "Mme",
            "first_name": "Marie",
            "last_name": "NOUVELLE",
            "function": "Maire",
            "starts_on": "2026-03-22",
        },
    )
    assert response.status_code == 302
    new_mayor = Representative.objects.get(last_name="NOUVELLE")
    old_mayor.refresh_from_db()
    assert old_mayor.mandate_end == datetime.date(2026, 3, 21)
    assert new_mayor.mandate_start == datetime.date(2026, 3, 22)
    assert old_mayor.history.latest().history_change_reason == "Fin de mandat (remplacé)"

    # The signed convention keeps the name of who signed.
    signatory.refresh_from_db()
    assert signatory.representative.full_name == "M. Daniel MACIEJASZ"
    page = admin_browser.get(
        reverse("directory:organisation", args=[libercourt_town.pk])
    ).content.decode()
    assert "M. Daniel MACIEJASZ, Maire" in page and "Ancien mandat" in page

    # A new convention and a comité seat propose the new mayor.
    new_convention = ConventionFactory(title="Convention d’adhésion 2026")
    on = datetime.date(2026, 4, 1)
    party = SignatoryFactory(
        convention=new_convention,
        organisation=libercourt_town,
        representative=None,
        signature_date=None,
    )
    candidates = signing_candidates([party], on=on)[party.pk]
    assert proposed_signer(party, candidates) == new_mayor
    committee_form = CommitteeMemberForm(committee=new_convention_committee(new_convention))
    choices = list(committee_form.fields["representative"].queryset)
    assert choices.index(new_mayor) < choices.index(old_mayor)
    assert "mandat terminé le 21/03/2026" in committee_form.fields[
        "representative"
    ].label_from_instance(old_mayor)


def new_convention_committee(convention):
    return CommitteeFactory(conventions=[convention])


def test_replace_refuses_a_start_before_the_current_mandate(db):
    previous = RepresentativeFactory(mandate_start=datetime.date(2020, 7, 3))
    with pytest.raises(ValidationError):
        replace_representative(
            previous=previous,
            civility="M.",
            first_name="Jean",
            last_name="TROPTOT",
            starts_on=datetime.date(2020, 1, 1),
        )
    previous.refresh_from_db()
    assert previous.mandate_end is None
    assert not Representative.objects.filter(last_name="TROPTOT").exists()
