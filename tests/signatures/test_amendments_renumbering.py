"""An avenant may renumber axes: swapping two numbers, or reusing a removed axis's number."""

import pytest
from django.urls import reverse

from actions.models import Axis
from conventions.history import convention_scope
from conventions.models import Amendment
from ort_portal.history import build_history
from signatures.services import amendments
from tests import factories as f

from .test_amendments import axes_post, signed_libercourt  # noqa: F401

pytestmark = pytest.mark.django_db


def sign_avenant(client, convention, amendment):
    amendment.refresh_from_db()
    for index, party in enumerate(amendments.amendment_signing_parties(amendment)):
        response = client.post(
            reverse("signatures:amendment_sign", args=[convention.pk, amendment.number]),
            {
                "organisation": party["organisation_id"],
                "representative": party["representative"]["id"],
                "signature_date": f"2026-02-{index + 1:02d}",
            },
        )
        assert response.status_code == 302, response.content.decode()[:500]
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.SIGNE


def open_avenant(client, convention, change):
    client.post(
        reverse("signatures:amendment_create", args=[convention.pk]),
        {"object": "Réorganisation des axes"},
    )
    amendment = convention.amendments.get()
    response = client.post(
        reverse("signatures:amendment_draft", args=[convention.pk, amendment.number, "axes"]),
        axes_post(amendment, change),
    )
    assert response.status_code == 302
    return amendment


def test_swapping_two_axis_numbers(signed_libercourt, demo_user, client):  # noqa: F811
    convention = signed_libercourt
    client.force_login(demo_user("cdp-libercourt"))
    habitat = Axis.objects.get(convention=convention, number=1)
    commerce = Axis.objects.get(convention=convention, number=2)

    def swap(rows):
        rows[0]["number"], rows[1]["number"] = 2, 1

    sign_avenant(client, convention, open_avenant(client, convention, swap))

    habitat.refresh_from_db()
    commerce.refresh_from_db()
    assert (habitat.number, commerce.number) == (2, 1)
    assert habitat.actions.count() == 12  # its actions followed it
    entries, _ = build_history(convention_scope(convention.pk))
    renumbered = [
        (c.old, c.new)
        for e in entries
        if e.model is Axis and e.object_id == habitat.pk and e.kind == "~"
        for c in e.changes
        if c.label == "Numéro"
    ]
    assert renumbered == [("1", "2")]  # no trace of the transient number


def test_a_new_axis_takes_the_number_of_a_removed_one(signed_libercourt, demo_user, client):  # noqa: F811
    convention = signed_libercourt
    client.force_login(demo_user("cdp-libercourt"))
    # An axis without actions, set up directly (the forms refuse it outside an avenant).
    spare = f.AxisFactory(convention=convention, number=6, title="Axe sans action")

    def replace(rows):
        for row in rows:
            if row["id"] == spare.pk:
                row.update(id="", title="Nouvel axe 6")

    sign_avenant(client, convention, open_avenant(client, convention, replace))
    assert not Axis.objects.filter(pk=spare.pk).exists()
    assert Axis.objects.get(convention=convention, number=6).title == "Nouvel axe 6"
