"""The daily command moves conventions through their dated statuses, with history."""

import datetime
import io

import pytest
from django.core.management import call_command

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_expired_convention_becomes_echue_and_others_keep_their_status():
    expired = f.ConventionFactory(
        reference="ANCIENNE",
        status=Convention.Status.EN_VIGUEUR,
        signature_date=datetime.date(2015, 3, 1),
        effective_date=datetime.date(2015, 3, 1),
        duration_years=5,
    )
    running = f.ConventionFactory(signed=True)
    undated = f.ConventionFactory(status=Convention.Status.SIGNEE)  # "Fait à ____, le ____"
    out = io.StringIO()

    call_command("refresh_statuses", stdout=out)

    for convention in (expired, running, undated):
        convention.refresh_from_db()
    assert expired.status == Convention.Status.ECHUE
    assert running.status == Convention.Status.EN_VIGUEUR
    assert undated.status == Convention.Status.SIGNEE
    assert "ANCIENNE : En vigueur → Échue" in out.getvalue()
    latest = expired.history.latest()
    assert latest.status == Convention.Status.ECHUE
    assert "Échue" in latest.history_change_reason

    call_command("refresh_statuses", stdout=(again := io.StringIO()))
    assert "0 convention(s) mise(s) à jour." in again.getvalue()


def test_a_signed_convention_enters_into_force_on_its_effective_date():
    starting = f.ConventionFactory(
        reference="DEMARRAGE",
        status=Convention.Status.SIGNEE,
        signature_date=datetime.date(2026, 1, 10),
        effective_date=datetime.date(2026, 2, 1),
        duration_years=5,
        end_date=None,
    )
    out = io.StringIO()
    call_command("refresh_statuses", stdout=out)
    starting.refresh_from_db()
    assert starting.status == Convention.Status.EN_VIGUEUR
    assert "DEMARRAGE : Signée → En vigueur" in out.getvalue()
