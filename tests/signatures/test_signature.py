"""Signature workflow: parties sign in turn, the last signature freezes version 1."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from actions.models import Action, Axis
from conventions.models import Convention, Signatory
from directory.models import Organisation
from signatures.models import SignedVersion
from signatures.services import signing
from tests.factories import (
    CommuneFactory,
    ConventionFactory,
    OrganisationFactory,
    ProfileFactory,
    SignatoryFactory,
)

LIBERCOURT = "LIBERCOURT-ORT"


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def reset_to_project(convention):
    """The demo convention as it was before its parties signed."""
    convention.signatories.update(signature_date=None)
    # Back in time, which no status transition allows: written around the model on purpose.
    Convention.objects.filter(pk=convention.pk).update(
        status=Convention.Status.PROJET, signature_date=None, effective_date=None
    )
    return Convention.objects.get(pk=convention.pk)


def sign_all(convention, *, by, day=datetime.date(2023, 1, 18)):
    for signatory in convention.signatories.select_related("organisation"):
        if signatory.signs and not signatory.signature_date:
            representative = (
                signatory.representative or signatory.organisation.representatives.first()
            )
            signing.sign_convention(
                signatory=signatory, signature_date=day, representative=representative, by=by
            )
    convention.refresh_from_db()
    return convention


@pytest.fixture
def libercourt(demo):
    return reset_to_project(Convention.objects.get(reference=LIBERCOURT))


def test_signing_libercourt_parties_in_turn_freezes_version_1(libercourt, demo_user, client):
    cdp = demo_user("cdp-libercourt")
    client.force_login(cdp)
    signing = [s for s in libercourt.signatories.order_by("order") if s.signs]
    assert len(signing) == 9
    for index, signatory in enumerate(signing):
        response = client.post(
            reverse("signatures:sign", args=[libercourt.pk, signatory.pk]),
            {
                f"s{signatory.pk}-signature_date": f"2023-01-{10 + index:02d}",
                f"s{signatory.pk}-representative": signatory.representative_id,
            },
        )
        assert response.status_code == 302
        libercourt.refresh_from_db()
        if index < len(signing) - 1:
            assert libercourt.status == Convention.Status.EN_SIGNATURE
            assert not libercourt.signed_versions.exists()

    # The last signature: "signée", effective at the last signature, then en vigueur by date.
    assert libercourt.signature_date == datetime.date(2023, 1, 18)
    assert libercourt.effective_date == datetime.date(2023, 1, 18)
    assert libercourt.status == Convention.Status.EN_VIGUEUR
    signed_row = libercourt.history.filter(status=Convention.Status.SIGNEE).latest("history_date")
    assert signed_row.history_change_reason == "Signée par toutes les parties"
    assert signed_row.history_user == cdp

    version = SignedVersion.objects.get(convention=libercourt)
    assert version.number == 1 and version.signed_on == datetime.date(2023, 1, 18)
    assert version.content["schema"] == 2
    pdf = bytes(version.archive.pdf)  # tests run the pdf queue's task at once
    assert hashlib.sha256(pdf).hexdigest() == version.archive.sha256
    text = pdf_text(pdf)
    for signatory in signing:
        assert signatory.organisation.name in text
    for axis in Axis.objects.filter(convention=libercourt):
        assert " ".join(axis.title.split()) in text
    titles = Action.objects.filter(axis__convention=libercourt).values_list("title", flat=True)
    assert len(titles) == 44
    for title in titles:
        assert " ".join(title.split()) in text
    assert "version signée n° 1" in text.lower()


def test_future_effective_date_keeps_the_convention_signee(libercourt, demo_user):
    libercourt.effective_date = datetime.date(2099, 1, 1)
    libercourt.save()
    convention = sign_all(libercourt, by=demo_user("cdp-libercourt"))
    assert convention.status == Convention.Status.SIGNEE
    assert convention.effective_date == datetime.date(2099, 1, 1)


def test_signature_page_lists_parties_and_forms_for_the_owner_only(libercourt, demo_user, client):
    client.force_login(demo_user("cdp-libercourt"))
    page = client.get(reverse("signatures:signature", args=[libercourt.pk])).content.decode()
    assert "Pas-de-Calais habitat" in page and "Enregistrer la signature" in page
    client.force_login(demo_user("copil-libercourt"))
    page = client.get(reverse("signatures:signature", args=[libercourt.pk])).content.decode()
    assert "Pas-de-Calais habitat" in page and "Enregistrer la signature" not in page
    signatory = libercourt.signatories.first()
    response = client.post(reverse("signatures:sign", args=[libercourt.pk, signatory.pk]))
    assert response.status_code == 403
    client.force_login(demo_user("cdp-lens-lievin"))
    assert client.get(reverse("signatures:signature", args=[libercourt.pk])).status_code == 404


@pytest.fixture
def ort_without_etat(db):
    commune = CommuneFactory(name="Libercourt")
    convention = ConventionFactory(is_ort=True, main_commune=commune)
    SignatoryFactory(
        convention=convention,
        organisation=OrganisationFactory(category=Organisation.Category.EPCI),
        role=Signatory.Role.COLLECTIVITE,
    )
    SignatoryFactory(
        convention=convention,
        organisation=OrganisationFactory(category=Organisation.Category.COMMUNE, commune=commune),
        role=Signatory.Role.COLLECTIVITE,
    )
    return convention


def test_ort_rule_refuses_a_convention_without_the_etat(ort_without_etat, client):
    signatory = ort_without_etat.signatories.first()
    with pytest.raises(ValidationError, match="Il manque parmi les parties : l’État"):
        signing.sign_convention(
            signatory=signatory,
            signature_date=datetime.date(2024, 5, 2),
            representative=signatory.representative,
        )
    signatory.refresh_from_db()
    assert signatory.signature_date is None

    user = ProfileFactory(conventions=[ort_without_etat]).user
    client.force_login(user)
    response = client.post(
        reverse("signatures:sign", args=[ort_without_etat.pk, signatory.pk]),
        {
            f"s{signatory.pk}-signature_date": "2024-05-02",
            f"s{signatory.pk}-representative": signatory.representative_id,
        },
    )
    assert response.status_code == 400
    assert "Il manque parmi les parties : l’État." in response.content.decode()


def test_ort_rule_names_the_missing_main_commune(ort_without_etat):
    ort_without_etat.signatories.filter(organisation__category="commune").delete()
    SignatoryFactory(convention=ort_without_etat, organisation=OrganisationFactory(etat=True))
    signatory = ort_without_etat.signatories.first()
    with pytest.raises(ValidationError, match=r"la ville principale \(Libercourt\)"):
        signing.sign_convention(
            signatory=signatory,
            signature_date=datetime.date(2024, 5, 2),
            representative=signatory.representative,
        )


def test_prorogation_and_resiliation_are_recorded_with_their_author(demo, demo_user, client):
    convention = Convention.objects.get(reference=LIBERCOURT)
    cdp = demo_user("cdp-libercourt")
    client.force_login(cdp)
    url = reverse("signatures:extend", args=[convention.pk])
    response = client.post(url, {"end_date": "2027-01-01"})
    assert "La nouvelle date de fin doit suivre la date de fin actuelle (18/01/2028)" in (
        response.content.decode()
    )
    client.post(url, {"end_date": "2029-06-30"})
    convention.refresh_from_db()
    assert convention.status == Convention.Status.PROROGEE
    assert convention.computed_end_date == datetime.date(2029, 6, 30)
    row = convention.history.latest("history_date")
    assert row.history_user == cdp and row.history_change_reason == "Prorogée jusqu’au 30/06/2029"

    client.post(
        reverse("signatures:terminate", args=[convention.pk]),
        {"date": "2026-03-31", "reason": "Accord des parties après avis du comité"},
    )
    convention.refresh_from_db()
    assert convention.status == Convention.Status.RESILIEE
    assert convention.termination_reason == "Accord des parties après avis du comité"
    assert convention.history.latest("history_date").history_user == cdp


def test_a_reader_cannot_extend(demo, demo_user, client):
    convention = Convention.objects.get(reference=LIBERCOURT)
    client.force_login(demo_user("copil-libercourt"))
    response = client.post(
        reverse("signatures:extend", args=[convention.pk]), {"end_date": "2029-06-30"}
    )
    assert response.status_code == 403
    convention.refresh_from_db()
    assert convention.end_date is None
