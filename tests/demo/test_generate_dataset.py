"""The « démo nationale » generator: labelled, deterministic, history-tracked, bulk."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

from actions.models import Action, Funding
from conventions.models import Convention
from demo.national import generate
from directory.models import Organisation
from governance.models import Committee

TODAY = datetime.date(2026, 11, 30)


def fingerprint():
    """What a person would compare between two generations."""
    return (
        list(Convention.objects.order_by("reference").values_list("reference", "title", "status")),
        list(
            Action.objects.order_by(
                "axis__convention__reference", "axis__number", "position"
            ).values_list("title", "maturity", "estimated_cost")
        ),
        sorted(Funding.objects.values_list("amount", "status", "year")),
    )


@pytest.mark.django_db
def test_same_seed_same_data_other_seed_other_data():
    runs = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            generate(scale=0.002, seed=seed, today=TODAY, signed_versions=False)
            runs.append(fingerprint())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


@pytest.mark.django_db
def test_every_generated_convention_says_it_is_synthetic():
    generate(scale=0.002, seed=3, today=TODAY, signed_versions=False)
    conventions = Convention.objects.all()
    assert conventions.count() >= 2
    for convention in conventions:
        assert convention.reference.startswith("DEMO-NAT-")
        assert convention.title.startswith("Démo nationale – ")
    assert all("(démo)" in c.name for c in Committee.objects.all())
    assert Organisation.objects.filter(name__contains="démo").exists()


@pytest.mark.django_db
def test_rows_have_their_history_with_past_dates_and_changes():
    generate(scale=0.002, seed=3, today=TODAY, signed_versions=False)
    actions = Action.objects.count()
    assert Action.history.filter(history_type="+").count() == actions
    changed = Action.history.filter(history_type="~")
    assert 0 < changed.count() < actions
    first = Action.history.order_by("history_date").first().history_date.date()
    assert first < TODAY - datetime.timedelta(days=365)
    assert Funding.history.filter(history_type="+").count() == Funding.objects.count()
    # the many-to-many history follows the rows (partners of an action)
    partnered = Action.objects.filter(partners__isnull=False).distinct().count()
    partner_history = apps.get_model("actions", "HistoricalAction_partners")
    assert partnered and partner_history.objects.count() >= partnered


@pytest.mark.django_db
def test_command_prints_what_it_made_and_refuses_to_run_twice():
    out = io.StringIO()
    call_command(
        "generate_dataset", "--scale", "0.002", "--seed", "2", stdout=out, stderr=io.StringIO()
    )
    printed = out.getvalue()
    assert "Démo nationale (synthétique), échelle 0.002, graine 2" in printed
    assert f"{Convention.objects.count()} conventions" in printed
    assert "lignes d’historique" in printed
    assert "versions signées" in printed
    with pytest.raises(CommandError, match="déjà chargée"):
        call_command("generate_dataset", "--scale", "0.002", stdout=out, stderr=io.StringIO())
