"""The plan d'action page: content, filters, totals, access and query count."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action
from tests import factories as f

from .plan_data import build_plan

pytestmark = pytest.mark.django_db


def squash(response):
    """The page's HTML with whitespace runs collapsed, as a reader sees the text."""
    return " ".join(response.content.decode().split())


def plan_url(convention):
    return reverse("actions:plan", args=[convention.pk])


def test_owner_sees_actions_grouped_by_axis_with_totals_and_edit_controls(
    client, convention, owner
):
    axes, actions = build_plan(convention, actions=4)
    client.force_login(owner)
    page = squash(client.get(plan_url(convention)))
    assert "Axe 1 : Axe de test 1" in page and "Axe 2 : Axe de test 2" in page
    assert "Action de test 1" in page and "Action de test 4" in page
    # 4 actions × 100 000 € cost, 2 acquired lines of 10 000 € each.
    assert "4 actions" in page
    assert re.search(r"coût estimatif 400\s000 €", page)
    assert re.search(r"financements 80\s000 € \(dont 100 % acquis\)", page)
    assert "Total de l’axe 1 (2 actions)" in page
    assert f'action="{reverse("actions:maturity", args=[actions[0].pk])}"' in page
    assert "Ajouter une action à l’axe 1" in page


def test_reader_sees_the_plan_without_any_edit_control(client, convention, reader):
    build_plan(convention, actions=2)
    client.force_login(reader)
    page = squash(client.get(plan_url(convention)))
    assert "Action de test 1" in page
    assert "/maturite/" not in page and "Enregistrer" not in page
    assert "Ajouter une action" not in page
    assert "Monter l’action" not in page


def test_outsider_gets_404(client, convention, outsider):
    build_plan(convention, actions=1)
    client.force_login(outsider)
    assert client.get(plan_url(convention)).status_code == 404


def test_filters_by_axis_and_maturity_are_kept_in_the_url(client, convention, owner):
    axes, actions = build_plan(convention, actions=4)
    actions[2].maturity = Action.Maturity.EN_COURS
    actions[2].save()
    client.force_login(owner)
    page = squash(client.get(plan_url(convention), {"axis": axes[0].pk, "maturity": "en_cours"}))
    assert "Action de test 3" in page
    assert "Action de test 1<" not in page
    assert "Action de test 2" not in page
    assert "1 action correspondant aux filtres" in page
    assert f'id="axe-{axes[1].pk}"' not in page  # no matching action in axis 2


def test_late_and_text_filters(client, convention, owner):
    axes, actions = build_plan(convention, actions=3)
    actions[0].end_date = datetime.date(2020, 1, 1)
    actions[0].start_date = datetime.date(2019, 1, 1)
    actions[0].save()
    client.force_login(owner)
    page = squash(client.get(plan_url(convention), {"late": "true"}))
    assert "Action de test 1" in page and "En retard" in page
    assert "Action de test 2" not in page
    page = squash(client.get(plan_url(convention), {"q": "test 2"}))
    assert "Action de test 2" in page and "Action de test 3" not in page


def test_funder_and_fiche_filters(client, convention, owner):
    axes, actions = build_plan(convention, actions=2, fundings_per_action=0)
    region = f.OrganisationFactory(name="Région Hauts-de-France")
    f.FundingFactory(action=actions[1], funder=region)
    actions[1].has_fiche = True
    actions[1].save()
    client.force_login(owner)
    page = squash(client.get(plan_url(convention), {"funder": region.pk}))
    assert "Action de test 2" in page and "Action de test 1" not in page
    page = squash(client.get(plan_url(convention), {"has_fiche": "false"}))
    assert "Action de test 1" in page and "Action de test 2" not in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_plan_query_count_does_not_grow_with_the_number_of_actions(
    client, owner, convention, django_assert_num_queries
):
    build_plan(convention, actions=5)
    large = f.ConventionFactory(signed=True)
    owner.portal_profile.conventions.add(large)
    build_plan(large, actions=50)
    client.force_login(owner)
    small_count = _queries(client, plan_url(convention))
    with django_assert_num_queries(small_count):
        page = squash(client.get(plan_url(large)))
    assert "Action de test 50" in page
    print(f"plan d’action: {small_count} requêtes pour 5 et pour 50 actions")
