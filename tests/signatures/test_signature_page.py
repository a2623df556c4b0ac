"""The signature page: constant queries, and the representative in office proposed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conventions.models import Convention
from directory.models import Representative
from signatures.services import amendments, freezing
from tests import factories as f

pytestmark = pytest.mark.django_db


def convention_with_parties(count):
    convention = f.ConventionFactory(status=Convention.Status.PROJET)
    for _ in range(count):
        f.SignatoryFactory(convention=convention, signature_date=None)
    return convention


@pytest.mark.parametrize("parties", [5, 20])
def test_signature_page_queries_do_not_grow_with_the_parties(
    client, admin_user, django_assert_num_queries, parties
):
    small, large = convention_with_parties(2), convention_with_parties(parties)
    client.force_login(admin_user)
    client.get(reverse("signatures:signature", args=[small.pk]))  # warm the session
    with CaptureQueriesContext(connection) as baseline:
        client.get(reverse("signatures:signature", args=[small.pk]))
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get(reverse("signatures:signature", args=[large.pk]))
    assert response.content.decode().count("Représentant ayant signé") == parties


def test_after_an_election_the_new_mayor_is_proposed_and_the_old_one_kept_as_signed(
    client, admin_user
):
    commune = f.OrganisationFactory(name="Commune de Libercourt", category="commune")
    old = f.RepresentativeFactory(
        organisation=commune,
        civility="M.",
        first_name="Daniel",
        last_name="MACIEJASZ",
        function="Maire",
        mandate_end=datetime.date(2026, 3, 21),
    )
    new = f.RepresentativeFactory(
        organisation=commune,
        first_name="Marie",
        last_name="NOUVELLE",
        function="Maire",
        mandate_start=datetime.date(2026, 3, 22),
    )
    signed = f.SignatoryFactory(
        organisation=commune, representative=old, signature_date=datetime.date(2023, 1, 18)
    )
    upcoming = f.SignatoryFactory(organisation=commune, representative=old, signature_date=None)
    client.force_login(admin_user)

    page = client.get(reverse("signatures:signature", args=[upcoming.convention_id]))
    form = page.context["rows"][0]["signature_form"]
    assert form["representative"].initial == new.pk
    labels = [label for _, label in form.fields["representative"].choices]
    assert labels[0].startswith("Mme Marie NOUVELLE")
    assert "(mandat terminé)" in labels[-1] and "MACIEJASZ" in labels[-1]

    signed.refresh_from_db()
    assert signed.representative == old
    assert (
        Representative.objects.current(datetime.date(2026, 11, 21)).get(organisation=commune) == new
    )


def signed_with_an_open_amendment(parties):
    convention = f.ConventionFactory(signed=True)
    for _ in range(parties):
        f.SignatoryFactory(convention=convention, signature_date=datetime.date(2023, 1, 18))
    freezing.freeze_initial_version(convention=convention)
    return amendments.create_amendment(convention=convention, object="Ajout d’une fiche-action")


def test_amendment_page_queries_do_not_grow_with_the_parties(
    client, admin_user, django_assert_num_queries
):
    small, large = signed_with_an_open_amendment(2), signed_with_an_open_amendment(12)
    client.force_login(admin_user)

    def url(amendment):
        return reverse("signatures:amendment", args=[amendment.convention_id, amendment.number])

    client.get(url(small))
    with CaptureQueriesContext(connection) as baseline:
        client.get(url(small))
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get(url(large))
    assert response.status_code == 200
