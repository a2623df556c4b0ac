"""Migration 0003 carries the old rule over: a line whose financeur was the action's
maître d'ouvrage was its own contribution; it becomes « fonds propres »."""

import importlib

import pytest
from django.apps import apps

from actions.models import Funding
from tests import factories as f

pytestmark = pytest.mark.django_db

migration = importlib.import_module("actions.migrations.0003_own_contributions_nature")


def test_own_contributions_become_fonds_propres_and_other_lines_stay():
    commune = f.OrganisationFactory(name="Commune")
    action = f.ActionFactory(project_owner=commune)
    own = f.FundingFactory(action=action, funder=commune)
    grant = f.FundingFactory(action=action)
    loan = f.FundingFactory(action=action, funder=commune, nature=Funding.Nature.PRET)
    migration.own_contributions_to_fonds_propres(apps, None)
    natures = dict(Funding.objects.values_list("pk", "nature"))
    assert natures == {own.pk: "fonds_propres", grant.pk: "subvention", loan.pk: "pret"}
    migration.fonds_propres_back(apps, None)
    assert Funding.objects.get(pk=own.pk).nature == "subvention"
