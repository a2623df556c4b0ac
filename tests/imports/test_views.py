"""Importing a convention's text: read, review on one page, confirm; nothing before that."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import Profile
from actions.models import Action, Axis, Objective
from conventions.models import Article, Convention, Signatory
from directory.models import Organisation, Representative
from imports.services import IMPORT_REASON

from ..factories import CommuneFactory, OrganisationFactory, ProfileFactory

URL = reverse("imports:convention_from_text")
SEED = (
    Path(__file__).resolve().parents[2] / "fixtures" / "seed_texts" / "libercourt_pvd_ort.txt"
).read_text(encoding="utf-8")


@pytest.fixture
def libercourt(db):
    return CommuneFactory(insee_code="62907", name="Libercourt")


@pytest.fixture
def chef(libercourt):
    profile = ProfileFactory()
    profile.communes.add(libercourt)
    return profile.user


def as_post(response):
    """What the browser sends back when the person confirms the review unchanged."""
    data = {"confirm": "1"}
    for name in ("convention", "parties", "articles", "axes", "actions"):
        item = response.context[name]
        forms = [item] if name == "convention" else item.forms
        if name != "convention":
            data[f"{name}-TOTAL_FORMS"] = str(len(forms))
            data[f"{name}-INITIAL_FORMS"] = "0"
        for form in forms:
            for field_name, field in form.fields.items():
                value = form.initial.get(field_name, field.initial)
                if value is True:
                    data[form.add_prefix(field_name)] = "on"
                elif value not in (None, False):
                    data[form.add_prefix(field_name)] = (
                        value.isoformat() if isinstance(value, datetime.date) else str(value)
                    )
    return data


def review(client, user, text=SEED):
    client.force_login(user)
    response = client.post(URL, {"text": text})
    assert response.status_code == 200
    return response


def test_the_review_page_shows_what_was_read_and_marks_what_is_unsure(client, chef):
    response = review(client, chef)
    page = " ".join(response.content.decode().split())
    assert (
        "Trouvé dans le texte : 9 parties, 22 articles et sous-articles, 5 axes, "
        "25 objectifs, 44 actions."
    ) in page
    assert "À vérifier : sous-article repéré par sa numérotation" in page
    assert 'value="Caisse des Dépôts et Consignations"' in page
    # "La Commune de Libercourt" of the parties is the chef de projet's commune.
    assert response.context["convention"].initial["main_commune"] == "62907"
    assert Convention.objects.count() == 0  # nothing saved before confirmation


def test_confirming_creates_the_convention_with_its_history(client, chef, libercourt):
    etat = OrganisationFactory(name="État", category=Organisation.Category.ETAT)
    data = as_post(review(client, chef))
    response = client.post(URL, data)
    convention = Convention.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("conventions:detail", args=[convention.pk])
    assert convention.status == Convention.Status.PROJET
    assert convention.kind == Convention.Kind.CADRE_OPERATIONNELLE_PVD
    assert convention.is_ort and convention.programme == "pvd"
    assert convention.signature_date == datetime.date(2023, 1, 18)
    assert list(convention.communes.all()) == [libercourt]
    signatories = list(convention.signatories.select_related("organisation", "representative"))
    assert len(signatories) == 9
    # "L’Etat" of the text is the existing "État" organisation, not a copy.
    assert signatories[2].organisation == etat
    assert signatories[2].role == Signatory.Role.ETAT
    assert signatories[4].representative.last_name == "BONNOT"
    assert signatories[4].representative.function == "Directrice Régionale"
    assert Article.objects.filter(convention=convention).count() == 22
    assert Axis.objects.filter(convention=convention).count() == 5
    assert Objective.objects.filter(axis__convention=convention).count() == 25
    actions = Action.objects.filter(axis__convention=convention)
    assert actions.count() == 44
    assert actions.filter(has_fiche=True).count() == 32
    created = convention.history.earliest("history_date")
    assert (created.history_type, created.history_change_reason) == ("+", IMPORT_REASON)
    assert {row.history_user for row in convention.history.all()} == {chef}
    assert all(
        row.history_user == chef and row.history_change_reason == IMPORT_REASON
        for row in Action.history.all()
    )
    # The chef de projet reads and edits the new convention of their territory.
    assert Convention.objects.editable_by(chef).filter(pk=convention.pk).exists()


def test_a_commune_outside_the_territory_is_refused_and_nothing_is_written(client, chef):
    CommuneFactory(insee_code="68224", name="Mulhouse", departement="68")
    data = as_post(review(client, chef))
    data["convention-main_commune"] = "68224"
    organisations = Organisation.objects.count()
    response = client.post(URL, data)
    assert "Cette commune n’est pas dans votre territoire." in response.content.decode()
    assert Convention.objects.count() == 0
    assert Organisation.objects.count() == organisations
    assert Representative.objects.count() == 0


def test_an_action_on_an_axis_left_out_is_an_error_next_to_it(client, chef):
    data = as_post(review(client, chef))
    data["convention-main_commune"] = "62907"
    del data["axes-4-include"]  # the person leaves axis 5 out, but not its actions
    response = client.post(URL, data)
    page = response.content.decode()
    assert "Cet axe n’est pas retenu dans le projet." in page
    assert "L’action n° 39 renvoie à un axe non retenu." in page
    assert Convention.objects.count() == 0
    assert 'value="Réaménagement paysager des entrées de ville"' in page  # input kept


def test_a_broken_pdf_gets_a_french_message(client, chef):
    client.force_login(chef)
    pdf = __import__("io").BytesIO(b"%PDF-1.7 broken")
    pdf.name = "convention.pdf"
    response = client.post(URL, {"pdf": pdf})
    assert "Le PDF est illisible ou endommagé." in response.content.decode()


def test_only_administrators_and_chefs_de_projet_may_import(client, db):
    member = ProfileFactory(role=Profile.Role.MEMBRE_COMITE).user
    client.force_login(member)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": SEED}).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page
