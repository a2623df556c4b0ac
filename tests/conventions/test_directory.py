"""The administrators' directory: organisations, representatives and mandates, users."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conventions.directory_forms import UserAccessForm
from conventions.directory_services import (
    proposed_signer,
    replace_representative,
    signing_candidates,
)
from conventions.models import Convention, Organisation, Profile, Representative, Signatory
from governance.forms import CommitteeMemberForm
from tests.factories import (
    CommitteeFactory,
    ConventionFactory,
    OrganisationFactory,
    ProfileFactory,
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
        reverse("conventions:directory_organisations"),
        reverse("conventions:directory_organisation_create"),
        reverse("conventions:directory_users"),
        reverse("conventions:directory_user_create"),
    ],
)
def test_chef_de_projet_and_comite_member_are_refused_the_directory(client, demo, url):
    for username in ("cdp-libercourt", "copil-libercourt"):
        client.login(username=username, password=DEMO_PASSWORD)
        assert client.get(url).status_code == 403


def test_chef_de_projet_cannot_create_users(client, demo):
    client.login(username="cdp-libercourt", password=DEMO_PASSWORD)
    response = client.post(
        reverse("conventions:directory_user_create"),
        {
            "username": "intrus",
            "password": "Un-mot-de-passe-solide-42",
            "first_name": "In",
            "last_name": "Trus",
            "role": "admin",
        },
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="intrus").exists()


def test_menu_shows_annuaire_to_admins_only(client, demo):
    client.login(username="cdp-libercourt", password=DEMO_PASSWORD)
    assert "Annuaire" not in client.get(reverse("home")).content.decode()
    client.login(username="admin", password=DEMO_PASSWORD)
    assert "Annuaire" in client.get(reverse("home")).content.decode()


def test_organisation_list_shows_category_siren_territory_and_signatures(
    admin_browser, libercourt_town
):
    page = admin_browser.get(reverse("conventions:directory_organisations")).content.decode()
    assert "Commune de Libercourt" in page
    assert "M. Daniel MACIEJASZ, Maire" in page
    assert "(collectivité bénéficiaire)" in page


def test_organisation_list_has_constant_queries(admin_browser, django_assert_max_num_queries):
    url = reverse("conventions:directory_organisations")
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
        reverse("conventions:directory_organisation_create"),
        {"name": "Doublon", "category": "autre", "siren": holder.siren},
    )
    assert response.context["form"].errors["siren"] == [
        f"Le SIREN {holder.siren} est déjà celui de « {holder} »."
    ]
    assert "Doublon" in response.content.decode()
    assert not Organisation.objects.filter(name="Doublon").exists()


def test_overlapping_mandate_for_the_same_function_is_refused(admin_browser, libercourt_town):
    response = admin_browser.post(
        reverse("conventions:directory_representative_create", args=[libercourt_town.pk]),
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
        reverse("conventions:directory_representative_create", args=[libercourt_town.pk]),
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
        reverse("conventions:directory_representative_replace", args=[old_mayor.pk]),
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
        reverse("conventions:directory_organisation", args=[libercourt_town.pk])
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


def test_admin_creates_a_chef_de_projet_who_sees_their_territory_at_once(
    admin_browser, client, demo
):
    libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
    commune = libercourt.communes.get()
    response = admin_browser.post(
        reverse("conventions:directory_user_create"),
        {
            "username": "nouvelle-cdp",
            "password": "Revitalisation-2026!",
            "first_name": "Nadia",
            "last_name": "Leroy",
            "email": "nadia@example.org",
            "role": "chef_de_projet",
            "communes": [commune.pk],
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nouvelle-cdp")
    assert user.portal_profile.role == Profile.Role.CHEF_DE_PROJET
    assert Profile.history.filter(user_id=user.pk).first().history_user.username == "admin"

    client.logout()
    client.login(username="nouvelle-cdp", password="Revitalisation-2026!")
    home = client.get(reverse("home")).content.decode()
    assert "Libercourt" in home and "Lens" not in home


def test_role_and_territory_changes_apply_at_once(admin_browser, demo):
    user = ProfileFactory(role=Profile.Role.MEMBRE_COMITE).user
    client = Client()
    client.force_login(user)
    assert "Liévin" not in client.get(reverse("home")).content.decode()

    lens_lievin = Convention.objects.get(reference="LENS-LIEVIN-ACV")
    initial = UserAccessForm.initial_for(user)
    admin_browser.post(
        reverse("conventions:directory_user_edit", args=[user.pk]),
        {
            "first_name": initial["first_name"],
            "last_name": initial["last_name"],
            "role": "membre_comite",
            "conventions": [lens_lievin.pk],
        },
    )
    assert lens_lievin.title in client.get(reverse("home")).content.decode()
    assert not user.has_perm("conventions.edit_convention", lens_lievin)

    admin_browser.post(reverse("conventions:directory_user_set_active", args=[user.pk]), {})
    user.refresh_from_db()
    assert not user.is_active
    assert client.get(reverse("home")).status_code == 302  # logged out: inactive accounts
