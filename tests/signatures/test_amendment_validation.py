"""The avenant's draft is validated as a whole before its first signature, and an avenant
not drafted in the portal is refused politely."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conventions.models import Amendment
from signatures.services import amendments
from tests.factories import AmendmentFactory

from .conftest import formset_post


@pytest.fixture
def amendment(acv):
    return amendments.create_amendment(convention=acv, object="Durée et articles")


def url(name, amendment, *args):
    return reverse(f"signatures:{name}", args=[amendment.convention_id, amendment.number, *args])


def first_party(amendment):
    party = amendments.amendment_signing_parties(amendment)[0]
    return {
        "organisation": party["organisation_id"],
        "representative": party["representative"]["id"],
        "signature_date": "2019-10-08",
    }


def test_an_end_before_the_entry_into_force_is_refused_next_to_the_field(
    amendment, acv_owner, client
):
    client.force_login(acv_owner)
    response = client.post(
        url("amendment_draft", amendment, "duration"),
        {"duration-duration_years": "", "duration-end_date": "2017-12-31"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    field = page.index('id="id_duration-end_date"')
    error = page.index("La date de fin doit suivre la date d’entrée en vigueur")
    assert abs(error - field) < 1500
    amendment.refresh_from_db()
    assert amendment.draft["convention"]["end_date"] is None


def test_an_invalid_duration_never_reaches_the_signature(amendment, acv_owner, client):
    """A draft saved before the check (or written by hand) is refused at the first
    signature: no IntegrityError on the last one."""
    amendment.draft["convention"]["end_date"] = "2017-12-31"
    amendment.save()
    client.force_login(acv_owner)
    page = client.get(url("amendment", amendment)).content.decode()
    assert "À corriger avant la signature : La date de fin doit suivre" in page
    response = client.post(url("amendment_sign", amendment), first_party(amendment))
    assert response.status_code == 400
    assert "doit être corrigé avant sa signature" in response.content.decode()
    assert not amendment.signatures.exists()


def test_two_articles_with_the_same_number_are_refused(amendment, acv_owner, client):
    client.force_login(acv_owner)
    rows = [
        {"number": "4.1", "title": "Secteur prioritaire", "text": ""},
        {"number": "4.1", "title": "Autre secteur", "text": ""},
    ]
    response = client.post(
        url("amendment_draft", amendment, "articles"), formset_post("articles", rows, initial=0)
    )
    assert response.status_code == 400
    assert "Deux articles portent le numéro 4.1." in response.content.decode()
    amendment.refresh_from_db()
    assert len(amendment.draft["articles"]) == 3


def test_the_ort_rule_is_checked_before_the_first_signature(amendment, acv_owner, client):
    epci = next(p for p in amendment.draft["parties"] if p["category"] == "epci")
    amendment.draft["parties"].remove(epci)
    amendment.draft["convention"]["is_ort"] = True
    amendment.save()
    client.force_login(acv_owner)
    page = client.get(url("amendment", amendment)).content.decode()
    assert "Il manque parmi les parties : un EPCI." in page
    response = client.post(url("amendment_sign", amendment), first_party(amendment))
    assert response.status_code == 400
    assert not amendment.signatures.exists()


def test_an_avenant_not_drafted_in_the_portal_is_refused_without_error(acv, acv_owner, client):
    amendment = AmendmentFactory(convention=acv, number=1, draft=None, base=None)
    organisation = acv.signatories.first().organisation
    with pytest.raises(ValidationError, match="pas été rédigé dans le portail"):
        amendments.sign_amendment(
            amendment=amendment,
            organisation=organisation,
            representative=organisation.representatives.first(),
            signature_date=datetime.date(2019, 10, 8),
        )
    client.force_login(acv_owner)
    assert client.get(url("amendment", amendment)).status_code == 200
    response = client.post(
        url("amendment_sign", amendment),
        {"organisation": organisation.pk, "signature_date": "2019-10-08"},
    )
    assert response.status_code == 400
    assert client.post(url("amendment_draft", amendment, "terms"), {}).status_code == 404
    assert client.get(url("amendment_pdf", amendment)).status_code == 404
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PROJET


def test_a_homologated_perimeter_without_ort_is_refused_next_to_the_field(
    amendment, acv_owner, client
):
    client.force_login(acv_owner)
    response = client.post(
        url("amendment_draft", amendment, "terms"),
        {
            "terms-title": amendment.convention.title,
            "terms-kind": amendment.convention.kind,
            "terms-ort_perimeter_homologation_date": "2019-09-30",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    field = page.index('id="id_terms-ort_perimeter_homologation_date"')
    error = page.index("L’homologation du périmètre suppose une convention valant ORT.")
    assert abs(error - field) < 1500
