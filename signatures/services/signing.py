"""Signature of a convention by its parties, prorogation and résiliation.

Every function validates first, then writes in one transaction, leaving a change reason
(and the author when given) in the history of each row it touches.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from conventions.models import Convention, Deliberation, Signatory
from conventions.services import refresh_status
from directory.models import Organisation, Representative
from ort_portal.writes import save_tracked

from ..snapshot.build import build_snapshot, convention_for_snapshot
from .freezing import freeze_version


def ort_missing_parties(*, parties: list[dict], main_commune_id, main_commune_name) -> list[str]:
    """What an ORT convention lacks among its signing parties (loi ELAN art. 157, CCH art.
    L303-2: the État, an EPCI and at least the ville principale). Parties are snapshot
    dicts (category, commune_id, signs)."""
    signing = [party for party in parties if party["signs"]]
    categories = {party["category"] for party in signing}
    missing = []
    if Organisation.Category.ETAT not in categories:
        missing.append("l’État")
    if Organisation.Category.EPCI not in categories:
        missing.append("un EPCI")
    communes = [p for p in signing if p["category"] == Organisation.Category.COMMUNE]
    if main_commune_id:
        if not any(p["commune_id"] == main_commune_id for p in communes):
            missing.append(f"la ville principale ({main_commune_name})")
    elif not communes:
        missing.append("au moins une commune")
    return missing


def check_ort_rule(snapshot: dict):
    conv = snapshot["convention"]
    if not conv["is_ort"]:
        return
    missing = ort_missing_parties(
        parties=snapshot["parties"],
        main_commune_id=conv["main_commune_id"],
        main_commune_name=conv["main_commune"],
    )
    if missing:
        raise ValidationError(
            "Une convention valant ORT doit être signée par l’État, un EPCI et au moins la "
            "ville principale (article L303-2 du code de la construction et de l’habitation). "
            f"Il manque parmi les parties : {', '.join(missing)}."
        )


@transaction.atomic
def record_deliberation(
    *, signatory: Signatory, body: str, date, reference: str = "", outcome: str = "", by=None
) -> Deliberation:
    """Record (or correct) the délibération by which a party authorised its signature."""
    if signatory.convention.is_signed:
        raise ValidationError("La convention est signée : ses délibérations sont figées.")
    deliberation = Deliberation.objects.filter(signatory=signatory).first() or Deliberation(
        signatory=signatory
    )
    deliberation.body, deliberation.date = body, date
    deliberation.reference, deliberation.outcome = reference, outcome
    return save_tracked(deliberation, reason=f"Délibération de {signatory.organisation}", by=by)


@transaction.atomic
def sign_convention(
    *, signatory: Signatory, signature_date: datetime.date, representative: Representative, by=None
) -> Convention:
    """Record one party's signature; the last one makes the convention "signée" and freezes
    version 1. Parties "en présence de" do not sign."""
    convention = Convention.objects.select_for_update().get(pk=signatory.convention_id)
    if convention.status not in (Convention.Status.PROJET, Convention.Status.EN_SIGNATURE):
        raise ValidationError("Seule une convention en projet ou en signature peut être signée.")
    if not signatory.signs:
        raise ValidationError("Une partie « en présence de » ne signe pas la convention.")
    if signatory.signature_date:
        raise ValidationError(f"{signatory.organisation} a déjà signé la convention.")
    named = signatory.representative_id == representative.pk
    if representative.organisation_id != signatory.organisation_id and not named:
        raise ValidationError(f"Ce représentant n’engage pas {signatory.organisation}.")
    check_ort_rule(build_snapshot(convention_for_snapshot(convention.pk)))

    signatory.signature_date, signatory.representative = signature_date, representative
    save_tracked(signatory, reason=f"Signature de {signatory.organisation}", by=by)
    if convention.signatories.to_sign().exists():
        if convention.status == Convention.Status.PROJET:
            convention.status = Convention.Status.EN_SIGNATURE
            save_tracked(convention, reason="Première signature recueillie", by=by)
        return convention

    last = max(s.signature_date for s in convention.signatories.signing())
    convention.status = Convention.Status.SIGNEE
    convention.signature_date = last
    convention.effective_date = convention.effective_date or last
    save_tracked(convention, reason="Signée par toutes les parties", by=by)
    freeze_version(convention=convention, signed_on=last, by=by)
    return refresh_status(convention=convention, by=by)


@transaction.atomic
def extend_convention(*, convention: Convention, end_date: datetime.date, by=None) -> Convention:
    """Prorogation: a new end date, later than the current one."""
    if not convention.is_signed:
        raise ValidationError("Seule une convention signée peut être prorogée.")
    current = convention.computed_end_date
    if current and end_date <= current:
        raise ValidationError(
            f"La nouvelle date de fin doit suivre la date de fin actuelle ({current:%d/%m/%Y})."
        )
    if convention.effective_date and end_date <= convention.effective_date:
        raise ValidationError("La date de fin doit suivre la date d’entrée en vigueur.")
    convention.end_date = end_date
    convention.status = Convention.Status.PROROGEE
    save_tracked(convention, reason=f"Prorogée jusqu’au {end_date:%d/%m/%Y}", by=by)
    return refresh_status(convention=convention, by=by)


@transaction.atomic
def terminate_convention(
    *, convention: Convention, date: datetime.date, reason: str, by=None
) -> Convention:
    """Résiliation by common agreement of the parties."""
    if not convention.is_signed:
        raise ValidationError("Seule une convention signée peut être résiliée.")
    if convention.effective_date and date < convention.effective_date:
        raise ValidationError("La résiliation ne peut précéder l’entrée en vigueur.")
    convention.status = Convention.Status.RESILIEE
    convention.termination_date, convention.termination_reason = date, reason
    save_tracked(convention, reason=f"Résiliée le {date:%d/%m/%Y}", by=by)
    return convention
