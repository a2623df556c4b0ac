"""Organisation and representative pickers: search, then select, with or without JavaScript."""

import pytest
from django import forms
from django.urls import reverse
from dsfr.forms import DsfrBaseForm

from accounts.models import Profile
from directory.pickers import organisation_field, organisations_field
from tests.factories import OrganisationFactory, ProfileFactory, RepresentativeFactory


class FunderForm(DsfrBaseForm):
    funder = organisation_field(label="Financeur")


class PartnersForm(DsfrBaseForm):
    partners = organisations_field(label="Partenaires")


@pytest.fixture
def anah(db):
    return OrganisationFactory(name="Agence nationale de l’habitat")


@pytest.fixture
def banques(db):
    return [
        OrganisationFactory(name="Banque des Territoires – Hauts-de-France"),
        OrganisationFactory(name="Banque des Territoires – Bretagne"),
    ]


def test_the_current_choice_is_kept_without_a_search(anah):
    form = FunderForm({"funder": str(anah.pk), "funder_search": anah.name})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["funder"] == anah


def test_a_typed_part_of_a_name_matching_once_is_taken(anah, banques):
    form = FunderForm({"funder": "", "funder_search": "nationale habitat"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["funder"] == anah


def test_several_matches_come_back_as_a_short_list_then_the_choice_is_taken(banques):
    form = FunderForm({"funder": "", "funder_search": "banque territoires"})
    assert not form.is_valid()
    assert form.errors["funder"] == [
        "2 résultats pour « banque territoires » : choisissez dans la liste ci-dessous."
    ]
    page = str(form["funder"])
    assert 'name="funder_choice"' in page
    assert "Banque des Territoires – Bretagne" in page
    assert 'value="banque territoires"' in page  # the input stays
    chosen = FunderForm(
        {"funder": "", "funder_search": "banque territoires", "funder_choice": banques[1].pk}
    )
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["funder"] == banques[1]


def test_no_match_says_so_next_to_the_field(anah):
    form = FunderForm({"funder": "", "funder_search": "Cerema"})
    assert not form.is_valid()
    assert form.errors["funder"] == ["Aucun résultat pour « Cerema » : vérifiez l’orthographe."]


def test_a_required_picker_left_empty_is_refused(anah):
    form = FunderForm({"funder": "", "funder_search": ""})
    assert not form.is_valid()
    assert "funder" in form.errors


def test_the_widget_renders_no_option_list_only_the_current_label(anah, banques):
    form = FunderForm(initial={"funder": anah})
    html = str(form["funder"])
    assert f'value="{anah.name}"' in html
    assert "<option" not in html
    assert 'hx-get="/annuaire/suggestions/organisations/"' in html


def test_partners_are_kept_removed_and_added(anah, banques):
    form = PartnersForm(
        {
            "partners": [str(banques[0].pk)],
            "partners_search": "habitat",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["partners"] == [banques[0], anah]
    unchecked = PartnersForm({"partners_search": ""})
    assert unchecked.is_valid()
    assert unchecked.cleaned_data["partners"] == []


@pytest.mark.django_db
def test_suggestions_for_a_chef_de_projet(client, anah, banques):
    client.force_login(ProfileFactory().user)
    url = reverse("directory:organisation_suggestions")
    page = client.get(url, {"funder_search": "banque"}).content.decode()
    assert page.count("<option") == 2
    assert "Banque des Territoires – Bretagne" in page
    assert client.get(url, {"funder_search": "b"}).content.decode().strip() == ""


@pytest.mark.django_db
def test_representative_suggestions_search_name_function_and_organisation(client):
    mayor = RepresentativeFactory(last_name="DUPONT", function="Maire de Libercourt")
    RepresentativeFactory(last_name="MARTIN", function="Préfet")
    client.force_login(ProfileFactory().user)
    url = reverse("directory:representative_suggestions")
    page = client.get(url, {"representative_search": "maire libercourt"}).content.decode()
    assert mayor.last_name in page and "MARTIN" not in page


@pytest.mark.django_db
def test_comite_members_and_visitors_get_no_suggestions(client, anah):
    url = reverse("directory:organisation_suggestions")
    assert client.get(url, {"funder_search": "habitat"}).status_code == 302
    client.force_login(ProfileFactory(role=Profile.Role.MEMBRE_COMITE).user)
    assert client.get(url, {"funder_search": "habitat"}).status_code == 403


def test_form_fields_are_independent_copies():
    first, second = FunderForm(), FunderForm()
    first.fields["funder"].widget.matches = [("1", "x")]
    assert second.fields["funder"].widget.matches == []
    assert isinstance(second.fields["funder"], forms.ModelChoiceField)
