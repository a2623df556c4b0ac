"""A chef de projet sees their territory's organisations and people, and the national and
regional bodies of their region, in every list: never another territory's representatives."""

import pytest
from django.urls import reverse

from directory.models import Organisation, Representative
from governance.models import Committee
from signatures.forms import DRAFT_FORMSETS, AmendmentSignatureForm

from .onboarding import PASSWORD, write_convention

HIDDEN = ["MACIEJASZ", "Commune de Libercourt", "NORD"]


@pytest.fixture
def written(client, portal):
    client.login(username="cdp-lodeve", password=PASSWORD)
    return write_convention(client, portal)


def assert_hidden(response):
    content = response.content.decode()
    assert response.status_code == 200
    for name in HIDDEN:
        assert name not in content, name


def test_no_list_of_the_creation_path_shows_another_territorys_people(client, written):
    committee = Committee.objects.get()
    for url in [
        reverse("conventions:draft", args=[written.pk]),
        reverse("conventions:create"),
        reverse("governance:member_add", args=[committee.pk]),
        reverse("governance:committee_detail", args=[committee.pk]),
        reverse("signatures:signature", args=[written.pk]),
        reverse("directory:organisations"),
        reverse("directory:organisation_create"),
    ]:
        assert_hidden(client.get(url))
    # The pickers find the territory's own people first, then the bodies of the region.
    search = reverse("directory:organisation_search")
    found = client.get(search, {"recherche": "de"}).content.decode()
    assert found.index("Commune de Lodève") < found.index("Département de l’Hérault")
    people = reverse("directory:current_representative_search")
    assert "LODEVOISE" in client.get(people, {"recherche": "lodevoise"}).content.decode()
    assert "OCCITAN" in client.get(people, {"recherche": "occitan"}).content.decode()
    assert_hidden(client.get(people, {"recherche": "maciejasz"}))


def test_avenant_lists_are_scoped_too(portal, written):
    chef = portal["chef"]
    parties = DRAFT_FORMSETS["parties"](prefix="parties", user=chef)
    names = {o.name for o in parties.forms[0].fields["organisation"].queryset}
    people = {r.last_name for r in parties.forms[0].fields["representative"].queryset}
    assert "Commune de Libercourt" not in names
    assert not {"MACIEJASZ", "NORD"} & people
    signature = AmendmentSignatureForm(parties=[], user=chef)
    assert not signature.fields["representative"].queryset.filter(last_name="NORD").exists()


def test_another_territorys_directory_page_is_refused_in_french(client, written):
    libercourt = Organisation.objects.get(name="Commune de Libercourt")
    mayor = Representative.objects.get(last_name="MACIEJASZ")

    for url in [
        reverse("directory:organisation", args=[libercourt.pk]),
        reverse("directory:representative_edit", args=[mayor.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 403


def test_a_chef_de_projet_adds_only_local_organisations(client, written):
    response = client.post(
        reverse("directory:organisation_create"),
        {"name": "Société nationale", "category": "autre", "siren": "", "commune": "", "epci": ""},
    )

    assert response.status_code == 200
    assert "Rattachez l’organisation à une commune ou à un EPCI de votre territoire" in (
        response.content.decode()
    )
    assert not Organisation.objects.filter(name="Société nationale").exists()


def test_the_other_chef_de_projet_does_not_see_lodeve(client, portal, written):
    client.logout()
    client.login(username="cdp-libercourt", password=PASSWORD)
    response = client.get(reverse("directory:organisations"))
    content = response.content.decode()
    assert "Commune de Libercourt" in content
    assert "Commune de Lodève" not in content
    assert "Préfecture de l’Hérault" not in content


def test_an_administrator_sees_every_territory(client, portal, written):
    client.logout()
    client.login(username="admin-portail", password=PASSWORD)
    content = client.get(reverse("directory:organisations")).content.decode()
    assert "Commune de Libercourt" in content
    assert "Commune de Lodève" in content


def test_a_national_body_is_read_not_edited_by_a_chef_de_projet(client, portal, written):
    bdt = portal["bdt"]

    page = client.get(reverse("directory:organisation", args=[bdt.pk])).content.decode()

    assert "Directrice régionale (Occitanie)" in page
    assert "NORD" not in page
    assert "Ajouter le représentant" not in page
    assert client.get(reverse("directory:organisation_edit", args=[bdt.pk])).status_code == 403


def test_the_action_forms_offer_no_other_territorys_organisations(client, written):
    """Maître d'ouvrage, partners, other maîtres d'ouvrage and financeurs: the territory's
    organisations and the bodies of the region, not Libercourt's commune."""
    from tests.factories import ActionFactory

    axis = written.axes.first()
    action = ActionFactory(axis=axis, project_owner=None)
    for url in [
        reverse("actions:create", args=[axis.pk]),
        reverse("actions:edit", args=[action.pk]),
        reverse("actions:fundings", args=[action.pk]),
    ]:
        assert_hidden(client.get(url))
    # Their pickers search the territory's organisations, never Libercourt's commune.
    search = reverse("directory:organisation_search")
    assert "CC Lodévois et Larzac" in client.get(search, {"recherche": "lodevois"}).content.decode()
    assert_hidden(client.get(search, {"recherche": "libercourt"}))
