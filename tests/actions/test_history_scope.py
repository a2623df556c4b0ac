"""An action moved to another convention: each convention's history keeps only the rows
written while the action was its own (issue 13, history leak)."""

import pytest

from actions.history import action_scope
from actions.models import Action
from conventions.history import convention_scope
from ort_portal.history import build_history
from ort_portal.writes import save_tracked
from tests import factories as f

pytestmark = pytest.mark.django_db


def _funding_labels(convention):
    entries, _ = build_history(convention_scope(convention.pk))
    return {entry.object_label for entry in entries if entry.object_type == "Ligne de financement"}


def _fiche_funding_labels(action, convention):
    entries, _ = build_history(action_scope(action.pk, convention_id=convention.pk))
    return {entry.object_label for entry in entries if entry.object_type == "Ligne de financement"}


@pytest.fixture
def moved():
    first, second = f.ConventionFactory(), f.ConventionFactory()
    axis_a = f.AxisFactory(convention=first, number=1)
    axis_b = f.AxisFactory(convention=second, number=1)
    action = f.ActionFactory(axis=axis_a, code="1.1")
    f.FundingFactory(action=action, funder=f.OrganisationFactory(name="Avant"), year=2024)
    action.axis = axis_b
    save_tracked(action, reason="Déplacée par l’administration")
    f.FundingFactory(action=action, funder=f.OrganisationFactory(name="Après"), year=2025)
    untouched = f.ActionFactory(axis=axis_a, code="1.2")
    f.FundingFactory(action=untouched, funder=f.OrganisationFactory(name="Resté"), year=2024)
    return first, second


def test_first_convention_does_not_see_the_later_financing(moved):
    first, _ = moved
    assert _funding_labels(first) == {"Avant, 2024", "Resté, 2024"}


def test_second_convention_does_not_see_the_earlier_financing(moved):
    _, second = moved
    assert _funding_labels(second) == {"Après, 2025"}


def test_the_fiche_shows_only_its_time_in_the_current_convention(moved):
    _, second = moved
    action = Action.objects.get(code="1.1")
    assert _fiche_funding_labels(action, second) == {"Après, 2025"}
