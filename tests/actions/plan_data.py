"""Plans d'action of any size for the plan and fiche tests."""

import datetime
from decimal import Decimal

from actions.models import Funding
from tests import factories as f


def build_plan(convention, *, actions, fundings_per_action=2, axes=2):
    """A plan of `actions` actions spread over `axes` axes, each action with fundings,
    partners, an indicator with two measurements."""
    axis_list = [
        f.AxisFactory(convention=convention, number=n, title=f"Axe de test {n}")
        for n in range(1, axes + 1)
    ]
    funder = f.OrganisationFactory(name="Banque des Territoires")
    owner = f.OrganisationFactory(name="Commune de test")
    created = []
    for index in range(actions):
        action = f.ActionFactory(
            axis=axis_list[index % axes],
            costed=True,
            code=f"{index % axes + 1}.{index + 1}",
            title=f"Action de test {index + 1}",
            project_owner=owner,
        )
        action.partners.set([funder])
        for year in range(fundings_per_action):
            f.FundingFactory(
                action=action, funder=funder, year=2024 + year, status=Funding.Status.ACQUIS
            )
        indicator = f.IndicatorFactory(action=action)
        f.MeasurementFactory(indicator=indicator, date=datetime.date(2024, 6, 1), value=Decimal(3))
        f.MeasurementFactory(indicator=indicator, date=datetime.date(2025, 6, 1), value=Decimal(8))
        created.append(action)
    return axis_list, created
