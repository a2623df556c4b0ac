"""The synthetic « démo nationale » (manage.py generate_dataset) at a tiny scale."""

import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from actions.models import Action, Axis, Funding
from conventions.models import Convention, Signatory
from demo.dataset import ALREADY_THERE, generate
from demo.dataset.run import AUTHOR_USERNAME
from directory.models import Commune, Organisation
from governance.models import Meeting
from signatures.models import SignedVersion

pytestmark = pytest.mark.django_db

SCALE = 0.002


@pytest.fixture
def dataset():
    """Without signed versions: freezing renders a PDF/A-3a (seconds), tested once."""
    return generate(scale=SCALE, seed=7, signed_fraction=0)


def fingerprint() -> str:
    """A digest of the generated content, blind to primary keys and creation times."""
    rows = [
        *Convention.objects.order_by("reference").values_list(
            "reference", "title", "status", "signature_date", "main_commune__insee_code"
        ),
        *Action.objects.order_by(
            "axis__convention__reference", "axis__number", "position"
        ).values_list("axis__convention__reference", "code", "title", "estimated_cost"),
        *Funding.objects.order_by(
            "action__axis__convention__reference", "action__code", "pk"
        ).values_list("action__code", "funder__name", "nature", "year", "amount", "status"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def generated_twice(seed: int) -> list[str]:
    prints = []
    for _ in range(2):
        with transaction.atomic():
            generate(scale=SCALE, seed=seed, signed_fraction=0)
            prints.append(fingerprint())
            transaction.set_rollback(True)
    return prints


def test_counts_follow_the_scale(dataset):
    conventions = Convention.objects.filter(reference__startswith="SYNTH-")
    assert conventions.count() == round(1250 * SCALE)
    assert Commune.objects.filter(pvd_id__startswith="SYNTH-").count() == round(1900 * SCALE)
    actions = Action.objects.filter(axis__convention__in=conventions)
    assert 20 * conventions.count() <= actions.count() <= 60 * conventions.count()
    assert 2 * actions.count() <= Funding.objects.count() <= 6 * actions.count()
    assert Axis.objects.count() == 5 * conventions.count()
    assert dataset.counts["conventions"] == conventions.count()


def test_every_name_says_it_is_synthetic(dataset):
    assert all(
        t.startswith("[Démo nationale]") for t in Convention.objects.values_list("title", flat=True)
    )
    assert not Organisation.objects.exclude(name__endswith="(synthétique)").exists()


def test_the_same_seed_makes_the_same_data_another_seed_other_data():
    first, second = generated_twice(seed=3)
    assert first == second
    assert generated_twice(seed=4)[0] != first


def test_every_row_has_its_creation_in_the_history_by_the_synthetic_author(dataset):
    for model in (Commune, Organisation, Convention, Signatory, Action, Funding, Meeting):
        history = model.history.filter(history_type="+", history_user__username=AUTHOR_USERNAME)
        assert set(history.values_list("id", flat=True)) == set(
            model.objects.values_list("pk", flat=True)
        ), model


def test_the_creation_history_of_a_convention_holds_its_communes(dataset):
    convention = Convention.objects.order_by("reference").first()
    created = convention.history.get(history_type="+")
    assert [c.commune_id for c in created.communes.all()] == [convention.main_commune_id]
    assert created.epcis.count() == 1


def test_a_signed_convention_gets_a_frozen_version_by_the_synthetic_author():
    outcome = generate(scale=SCALE, seed=7)
    version = SignedVersion.objects.get()
    assert outcome.counts["versions signées"] == 1
    assert version.convention.is_signed
    assert version.content["convention"]["reference"] == version.convention.reference
    # Tests run tasks at once, as on SQLite; on PostgreSQL the worker renders the PDF/A.
    assert bytes(version.archive.pdf).startswith(b"%PDF")
    assert version.history.get().history_user.username == AUTHOR_USERNAME
    assert version.archive.history.get().history_user.username == AUTHOR_USERNAME


def test_a_second_run_is_refused_in_french(dataset):
    with pytest.raises(CommandError, match="déjà des données synthétiques"):
        call_command("generate_dataset", scale=SCALE, seed=7)
    assert "SYNTH-" in ALREADY_THERE


def test_the_command_prints_what_it_made(capsys):
    call_command("generate_dataset", scale=SCALE, seed=1, signed_fraction=0)
    out = capsys.readouterr().out
    assert f"{Convention.objects.count()} conventions" in out
    assert "lignes d’historique (auteur : synth-generateur)" in out
    assert "Durée :" in out


def test_a_sample_passes_model_validation(dataset):
    convention = Convention.objects.order_by("reference").first()
    sample = [
        convention,
        *convention.signatories.all(),
        *convention.axes.all(),
        *Action.objects.filter(axis__convention=convention)[:10],
        *Funding.objects.filter(action__axis__convention=convention)[:30],
        *Meeting.objects.all()[:5],
        *Organisation.objects.all()[:10],
    ]
    for instance in sample:
        instance.full_clean()


def test_an_administrator_reads_a_generated_convention(dataset, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="synth-admin"))
    convention = Convention.objects.order_by("reference").first()
    action = Action.objects.filter(axis__convention=convention).order_by("axis__number").first()
    page = client.get(reverse("conventions:detail", args=[convention.pk]))
    assert page.status_code == 200
    assert convention.title in page.content.decode()
    plan = client.get(reverse("actions:plan", args=[convention.pk]))
    assert action.title in plan.content.decode()
    dashboard = client.get(reverse("reporting:dashboard", args=[convention.pk]))
    assert dashboard.status_code == 200
    assert "€" in dashboard.content.decode()
