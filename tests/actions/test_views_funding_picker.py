"""The financing and fiche forms pick organisations through a search (ort_portal.pickers):
their pages hold the chosen options only, whatever the number of organisations, and still
refuse, in French and writing nothing, an organisation the user may not pick."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Funding
from tests import factories as f
from tests.pickers_data import national_scale, options_of

from .test_views_editing import edit_data, funding_data

pytestmark = pytest.mark.django_db

INVALID = "Sélectionnez un choix valide"
EMPTY = "- Choisir une option -"


@pytest.fixture
def action(territories):
    axis = f.AxisFactory(convention=territories.convention_a, number=1, title="Habitat")
    action = f.ActionFactory(
        axis=axis, code="1.1", title="Halle", costed=True, project_owner=territories.mairie_a
    )
    f.FundingFactory(action=action, funder=territories.epf, year=2024)
    f.FundingFactory(action=action, funder=territories.mairie_a, year=2025)
    f.ActionOwnerFactory(action=action, organisation=territories.epf)
    return action


def test_the_financing_form_lists_only_each_lines_funder(client, territories, action):
    national_scale(300)
    client.force_login(territories.chef_a)
    html = client.get(reverse("actions:fundings", args=[action.pk])).content.decode()
    # Lines in order of year: the EPF's (2024), the commune's (2025), then two new lines.
    assert options_of(html, "fundings-0-funder") == [EMPTY, "Établissement public foncier"]
    assert options_of(html, "fundings-1-funder") == [
        EMPTY,
        "Mairie de Saint-Étienne-du-Bois",
    ]
    assert options_of(html, "fundings-2-funder") == [EMPTY]
    assert html.count("<option") < 100
    assert "Organisme national" not in html
    assert 'aria-describedby="id_fundings-2-funder-recherche-aide"' in html
    assert "Tapez au moins 2 lettres" in html
    assert 'id="id_fundings-2-funder-statut" role="status"' in html


def test_the_financing_forms_queries_do_not_grow_with_organisations(
    client, territories, action, django_assert_num_queries
):
    client.force_login(territories.chef_a)
    url = reverse("actions:fundings", args=[action.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    national_scale(300)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_a_line_chosen_through_the_search_is_saved_with_its_author(client, territories, action):
    funder = national_scale(40)[7]
    client.force_login(territories.chef_a)
    found = client.get(
        reverse("directory:organisation_search"),
        {"recherche": funder.name.lower(), "champ": "fundings-2-funder"},
    ).content.decode()
    assert f'<option value="{funder.pk}">{funder.name}</option>' in found
    existing = [
        {"id": line.pk, "funder": line.funder_id, "year": line.year, "amount": "10000"}
        for line in action.fundings.order_by("year")
    ]
    line = {"funder": funder.pk, "year": 2026, "amount": "5 000"}
    url = reverse("actions:fundings", args=[action.pk])
    response = client.post(url, funding_data(action.version, [line], existing))
    assert response.status_code == 302
    funding = Funding.objects.get(funder=funder)
    assert funding.history.get().history_user == territories.chef_a
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert funder.name in page


def test_another_territorys_funder_is_refused_in_french_and_nothing_written(
    client, territories, action
):
    client.force_login(territories.chef_a)
    url = reverse("actions:fundings", args=[action.pk])
    line = {"funder": territories.mairie_b.pk, "year": 2026, "amount": "5 000"}
    response = client.post(url, funding_data(action.version, [line]))
    assert response.status_code == 200
    assert INVALID in " ".join(response.context["formset"].forms[0].errors["funder"])
    html = response.content.decode()
    assert INVALID in html and "Mairie de Lens" not in html
    assert not Funding.objects.filter(funder=territories.mairie_b).exists()
    assert Funding.history.filter(funder=territories.mairie_b).count() == 0


def test_the_fiche_form_lists_only_the_chosen_organisations(client, territories, action):
    national_scale(300)
    partner = territories.epf
    action.partners.add(partner)
    client.force_login(territories.chef_a)
    html = client.get(reverse("actions:edit", args=[action.pk])).content.decode()
    assert options_of(html, "project_owner") == [EMPTY, "Mairie de Saint-Étienne-du-Bois"]
    assert options_of(html, "partners") == ["Établissement public foncier"]
    assert options_of(html, "owners-0-organisation") == [
        EMPTY,
        "Établissement public foncier",
    ]
    assert options_of(html, "owners-1-organisation") == [EMPTY]
    assert html.count("<option") < 100
    created = client.get(reverse("actions:create", args=[action.axis_id])).content.decode()
    assert created.count("<option") < 100


def test_another_territorys_maitre_d_ouvrage_is_refused_in_french(client, territories, action):
    client.force_login(territories.chef_a)
    data = edit_data(action) | {
        "project_owner": territories.mairie_b.pk,
        "owners-TOTAL_FORMS": 1,
        "owners-INITIAL_FORMS": 0,
        "owners-0-organisation": territories.mairie_b.pk,
        "owners-0-phase": "acquisition",
    }
    response = client.post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 200
    assert INVALID in " ".join(response.context["form"].errors["project_owner"])
    assert INVALID in " ".join(response.context["owners"].forms[0].errors["organisation"])
    action.refresh_from_db()
    assert action.project_owner == territories.mairie_a
    assert not action.co_owners.filter(organisation=territories.mairie_b).exists()
