"""The history page: field by field in French, newest first, filters, pagination, queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Funding
from tests import factories as f

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(response.content.decode().split()).replace("\xa0", " ")


def history_url(convention):
    return reverse("conventions:history", args=[convention.pk])


@pytest.fixture
def action(convention):
    axis = f.AxisFactory(convention=convention, number=1)
    return f.ActionFactory(axis=axis, code="1.1", title="Permis de louer", costed=True)


def test_changes_are_listed_field_by_field_with_labels_and_author(
    client, owner, convention, action
):
    funder = f.OrganisationFactory(name="Banque des Territoires")
    client.force_login(owner)
    client.post(
        reverse("actions:maturity", args=[action.pk]), {"maturity": "en_cours", "version": 1}
    )
    client.post(
        reverse("actions:fundings", args=[action.pk]),
        {
            "version": 2,
            "fundings-TOTAL_FORMS": 1,
            "fundings-INITIAL_FORMS": 0,
            "fundings-0-funder": funder.pk,
            "fundings-0-year": 2025,
            "fundings-0-amount": "12000",
            "fundings-0-nature": "pret",
            "fundings-0-section": "investissement",
            "fundings-0-status": "sollicite",
        },
    )
    page = text(client.get(history_url(convention)))
    assert "Maturité : Projetée → En cours et à poursuivre" in page
    assert "Ligne de financement : Banque des Territoires, 2025" in page
    assert "Financeur : Banque des Territoires" in page
    assert "Nature : Prêt" in page and "État de la demande : Sollicité" in page
    assert "Montant (€) : 12 000,00" in page
    assert owner.get_full_name() in page
    # Newest first: the funding line comes before the maturity change.
    assert page.index("Banque des Territoires, 2025") < page.index("Maturité : Projetée")


def test_filter_by_author_and_date(client, owner, admin_user, convention, action):
    client.force_login(admin_user)
    client.post(
        reverse("actions:maturity", args=[action.pk]), {"maturity": "en_cours", "version": 1}
    )
    client.force_login(owner)
    client.post(
        reverse("actions:maturity", args=[action.pk]), {"maturity": "abandonnee", "version": 2}
    )
    page = text(client.get(history_url(convention), {"author": admin_user.pk}))
    assert "Projetée → En cours et à poursuivre" in page
    assert "→ Abandonnée" not in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = text(client.get(history_url(convention), {"since": tomorrow.isoformat()}))
    assert "0 modification" in page and "Aucune modification enregistrée." in page


def test_reader_reads_history_and_outsider_gets_404(client, reader, outsider, convention, action):
    client.force_login(reader)
    assert "Permis de louer" in text(client.get(history_url(convention)))
    client.force_login(outsider)
    assert client.get(history_url(convention)).status_code == 404


def test_paginated_with_a_constant_number_of_queries(
    client, owner, convention, django_assert_num_queries
):
    small_axis = f.AxisFactory(convention=convention)
    small_action = f.ActionFactory(axis=small_axis)
    f.FundingFactory(action=small_action)
    f.MeasurementFactory(indicator=f.IndicatorFactory(action=small_action))
    client.force_login(owner)
    with CaptureQueriesContext(connection) as context:
        client.get(history_url(convention))
    big_axis = f.AxisFactory(convention=convention)
    for _ in range(30):
        action = f.ActionFactory(axis=big_axis)
        f.FundingFactory(action=action, status=Funding.Status.ACQUIS)
        f.MeasurementFactory(indicator=f.IndicatorFactory(action=action))
    with django_assert_num_queries(len(context)):
        page = text(client.get(history_url(convention), {"page": 2}))
    assert "Page 2 sur" in page
    print(f"historique : {len(context)} requêtes")


def test_partner_changes_are_listed(client, owner, convention):
    action = f.ActionFactory(axis=f.AxisFactory(convention=convention), title="Village famille")
    action.partners.add(f.OrganisationFactory(name="Pas-de-Calais habitat"))
    action.partners.add(f.OrganisationFactory(name="SIA Habitat"))
    client.force_login(owner)
    page = text(client.get(history_url(convention)))
    assert "Partenaires : — → Pas-de-Calais habitat" in page
    assert "Partenaires : Pas-de-Calais habitat → Pas-de-Calais habitat, SIA Habitat" in page
