"""The convention page: parties, articles, ORT perimeter, duration, comités; access."""

import datetime

import pytest
from django.urls import reverse

from conventions.models import Convention, Signatory
from tests import factories as f

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(response.content.decode().split())


def libercourt():
    return Convention.objects.get(is_ort=True, communes__name="Libercourt")


def test_libercourt_page_shows_parties_articles_sectors_and_comites(client, demo_user):
    client.force_login(demo_user("cdp-libercourt"))
    convention = libercourt()
    page = text(client.get(reverse("conventions:detail", args=[convention.pk])))
    signatory = convention.signatories.exclude(representative=None).first()
    assert signatory.organisation.name in page
    assert signatory.representative.full_name in page
    assert "Délibération" in page and "18/01/2023" in page
    for article in convention.articles.all()[:3]:
        assert article.title in page
    for committee in convention.committees.all():
        assert committee.name in page and committee.get_kind_display() in page
    assert "Valant ORT" in page
    assert "Convention signée : ses axes et objectifs ne changent que par avenant." in page


def test_duration_and_computed_end_date(client, owner, convention):
    convention.duration_note = "5 ans (article 11)"
    convention.save()
    client.force_login(owner)
    page = text(client.get(reverse("conventions:detail", args=[convention.pk])))
    assert "5 ans (5 ans (article 11))" in page
    assert "18/01/2028 (calculée : entrée en vigueur + durée)" in page


def test_deliberation_and_signature_of_a_party(client, owner, convention):
    signatory = f.SignatoryFactory(
        convention=convention,
        role=Signatory.Role.COLLECTIVITE,
        signature_date=datetime.date(2023, 1, 18),
        organisation=f.OrganisationFactory(name="Commune de Testville"),
    )
    f.DeliberationFactory(signatory=signatory, reference="2022-45")
    client.force_login(owner)
    page = text(client.get(reverse("conventions:detail", args=[convention.pk])))
    assert "Commune de Testville" in page and "Collectivité bénéficiaire" in page
    assert "Conseil municipal du 12/12/2022, n° 2022-45 – Adoptée à l’unanimité" in page


def test_reader_reads_and_outsider_gets_404(client, reader, outsider, convention):
    client.force_login(reader)
    assert convention.title in text(client.get(reverse("conventions:detail", args=[convention.pk])))
    client.force_login(outsider)
    assert client.get(reverse("conventions:detail", args=[convention.pk])).status_code == 404


def test_lens_chef_de_projet_cannot_reach_libercourt(client, demo_user):
    client.force_login(demo_user("cdp-lens-lievin"))
    convention = libercourt()
    for name in ["conventions:detail", "conventions:history", "actions:plan"]:
        assert client.get(reverse(name, args=[convention.pk])).status_code == 404, name
    action = convention.axes.first().actions.first()
    assert client.get(reverse("actions:detail", args=[action.pk])).status_code == 404
