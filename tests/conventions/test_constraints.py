"""Every invariant is a database constraint with a French message."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import factories as f

pytestmark = pytest.mark.django_db


def build_invalid(case):
    """An unsaved instance breaking one invariant, and the French message expected."""
    if case == "action_end_before_start":
        action = f.ActionFactory.build(
            axis=f.AxisFactory(),
            start_date=datetime.date(2025, 6, 1),
            end_date=datetime.date(2025, 1, 1),
        )
        return action, "La date de fin doit suivre la date de début."
    if case == "action_negative_cost":
        action = f.ActionFactory.build(axis=f.AxisFactory(), estimated_cost=Decimal("-1"))
        return action, "Le coût estimatif ne peut pas être négatif."
    if case == "action_progress_above_100":
        return f.ActionFactory.build(axis=f.AxisFactory(), progress=120), (
            "L’avancement est un pourcentage entre 0 et 100."
        )
    if case == "funding_negative_amount":
        funding = f.FundingFactory.build(
            action=f.ActionFactory(), funder=f.OrganisationFactory(), amount=Decimal("-50")
        )
        return funding, "Le montant d’un financement ne peut pas être négatif."
    if case == "funding_year_implausible":
        funding = f.FundingFactory.build(
            action=f.ActionFactory(), funder=f.OrganisationFactory(), year=1999
        )
        return funding, "L’année doit être comprise entre 2000 et 2100."
    if case == "axis_number_twice":
        axis = f.AxisFactory(number=1)
        return f.AxisFactory.build(convention=axis.convention, number=1), (
            "Cette convention a déjà un axe portant ce numéro."
        )
    if case == "signatory_twice":
        signatory = f.SignatoryFactory()
        duplicate = f.SignatoryFactory.build(
            convention=signatory.convention,
            organisation=signatory.organisation,
            representative=signatory.representative,
        )
        return duplicate, "Cette organisation est déjà partie à la convention."
    if case == "convention_end_before_start":
        convention = f.ConventionFactory.build(
            effective_date=datetime.date(2023, 1, 18), end_date=datetime.date(2022, 1, 1)
        )
        return convention, "La date de fin doit suivre la date d’entrée en vigueur."
    if case == "mandate_end_before_start":
        representative = f.RepresentativeFactory.build(
            organisation=f.OrganisationFactory(),
            mandate_start=datetime.date(2026, 3, 22),
            mandate_end=datetime.date(2020, 1, 1),
        )
        return representative, "La fin du mandat doit suivre son début."
    if case == "meeting_end_before_start":
        meeting = f.MeetingFactory.build(committee=f.CommitteeFactory())
        meeting.ends_at = meeting.starts_at - datetime.timedelta(hours=1)
        return meeting, "La fin de la séance doit suivre son début."
    raise AssertionError(case)


CASES = [
    "action_end_before_start",
    "action_negative_cost",
    "action_progress_above_100",
    "funding_negative_amount",
    "funding_year_implausible",
    "axis_number_twice",
    "signatory_twice",
    "convention_end_before_start",
    "mandate_end_before_start",
    "meeting_end_before_start",
]


@pytest.mark.parametrize("case", CASES)
def test_validation_gives_the_french_message(case):
    instance, message = build_invalid(case)
    with pytest.raises(ValidationError) as error:
        instance.validate_constraints()
    assert message in error.value.messages


@pytest.mark.parametrize("case", CASES)
def test_database_refuses_the_row(case):
    instance, _ = build_invalid(case)
    model = type(instance)
    before = model.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()
    assert model.objects.count() == before


def test_valid_rows_pass():
    action = f.ActionFactory(costed=True, progress=100)
    funding = f.FundingFactory(action=action, year=2100, amount=Decimal("0"))
    action.validate_constraints()
    funding.validate_constraints()
