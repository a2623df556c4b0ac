"""Status changes follow the transition tables of Convention and Amendment, whoever saves."""

import pytest
from django.core.exceptions import ValidationError

from conventions.models import Amendment, Convention
from tests.factories import AmendmentFactory, ConventionFactory

pytestmark = pytest.mark.django_db


def test_every_status_has_its_row_in_the_table():
    assert set(Convention.TRANSITIONS) == set(Convention.Status)
    assert set(Amendment.TRANSITIONS) == set(Amendment.Status)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Convention.Status.PROJET, Convention.Status.EN_SIGNATURE),
        (Convention.Status.EN_SIGNATURE, Convention.Status.SIGNEE),
        (Convention.Status.SIGNEE, Convention.Status.EN_VIGUEUR),
        (Convention.Status.EN_VIGUEUR, Convention.Status.ECHUE),
        (Convention.Status.EN_VIGUEUR, Convention.Status.RESILIEE),
    ],
)
def test_the_lifecycle_moves_forward(before, after):
    convention = ConventionFactory(status=before)
    convention = Convention.objects.get(pk=convention.pk)
    convention.status = after
    convention.save()
    assert Convention.objects.get(pk=convention.pk).status == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Convention.Status.EN_VIGUEUR, Convention.Status.PROJET),
        (Convention.Status.PROJET, Convention.Status.EN_VIGUEUR),
        (Convention.Status.RESILIEE, Convention.Status.EN_VIGUEUR),
        (Convention.Status.SIGNEE, Convention.Status.EN_SIGNATURE),
    ],
)
def test_a_jump_outside_the_table_is_refused(before, after):
    convention = Convention.objects.get(pk=ConventionFactory(status=before).pk)
    convention.status = after
    with pytest.raises(ValidationError, match="Le statut ne passe pas"):
        convention.save()
    assert Convention.objects.get(pk=convention.pk).status == before


def test_a_signed_avenant_stays_signed():
    amendment = AmendmentFactory(status=Amendment.Status.PROJET)
    amendment = Amendment.objects.get(pk=amendment.pk)
    amendment.status = Amendment.Status.SIGNE
    amendment.save()
    amendment = Amendment.objects.get(pk=amendment.pk)
    amendment.status = Amendment.Status.PROJET
    with pytest.raises(ValidationError, match="« Signé » à « Projet »"):
        amendment.save()
