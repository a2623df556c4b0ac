"""Signature workflow, status of conventions, signed versions and avenants.

Every function validates first, then writes in one transaction, leaving a change reason
(and the author when given) in the history of each row it touches.
"""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from actions.models import Axis, Objective
from ort_portal.pdf import render_pdf

from .models import (
    Amendment,
    AmendmentSignature,
    Article,
    Convention,
    Deliberation,
    InterventionSector,
    Organisation,
    Representative,
    Signatory,
    SignedVersion,
)
from .snapshot import SCHEMA_VERSION, build_snapshot, convention_for_snapshot, pdf_context

PDF_TEMPLATE = "pdf/convention.html"


def _save(instance, *, reason, by=None, **kwargs):
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by
    instance.save(**kwargs)
    return instance


def _delete(instance, *, reason, by=None):
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by
    instance.delete()


# ORT rule


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


def _check_ort_rule(snapshot: dict):
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


# Signature of the convention


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
    return _save(deliberation, reason=f"Délibération de {signatory.organisation}", by=by)


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
    _check_ort_rule(build_snapshot(convention_for_snapshot(convention.pk)))

    signatory.signature_date, signatory.representative = signature_date, representative
    _save(signatory, reason=f"Signature de {signatory.organisation}", by=by)
    unsigned = [s for s in convention.signatories.all() if s.signs and not s.signature_date]
    if unsigned:
        if convention.status == Convention.Status.PROJET:
            convention.status = Convention.Status.EN_SIGNATURE
            _save(convention, reason="Première signature recueillie", by=by)
        return convention

    last = max(s.signature_date for s in convention.signatories.all() if s.signs)
    convention.status = Convention.Status.SIGNEE
    convention.signature_date = last
    convention.effective_date = convention.effective_date or last
    _save(convention, reason="Signée par toutes les parties", by=by)
    freeze_version(convention=convention, signed_on=last, by=by)
    return refresh_status(convention=convention, by=by)


def refresh_status(*, convention: Convention, today=None, by=None) -> Convention:
    """Status of a signed convention from its dates: "signée" before its effective date,
    "en vigueur" (or "prorogée") until its end date, then "échue"."""
    if not convention.is_signed:
        return convention
    today = today or timezone.localdate()
    end = convention.computed_end_date
    if convention.effective_date and convention.effective_date > today:
        status = Convention.Status.SIGNEE
    elif end and end < today:
        status = Convention.Status.ECHUE
    elif convention.status == Convention.Status.PROROGEE:
        status = Convention.Status.PROROGEE
    else:
        status = Convention.Status.EN_VIGUEUR
    if status != convention.status:
        convention.status = status
        # Only the status: a prorogation saved meanwhile keeps its dates.
        _save(
            convention,
            reason=f"Statut d’après les dates : {convention.get_status_display()}",
            by=by,
            update_fields=["status", "updated_at"],
        )
    return convention


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
    _save(convention, reason=f"Prorogée jusqu’au {end_date:%d/%m/%Y}", by=by)
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
    _save(convention, reason=f"Résiliée le {date:%d/%m/%Y}", by=by)
    return convention


# Signed versions


def freeze_version(
    *, convention: Convention, signed_on: datetime.date, amendment=None, by=None
) -> SignedVersion:
    """Freeze the convention as signed: versioned JSON and its PDF/A-3a file."""
    number = (convention.signed_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    snapshot = build_snapshot(convention_for_snapshot(convention.pk), amendment=amendment)
    pdf = render_pdf(
        PDF_TEMPLATE,
        pdf_context(snapshot, version_number=number, signed_on=signed_on),
        archive=True,
    )
    version = SignedVersion(
        convention=convention,
        number=number,
        amendment=amendment,
        signed_on=signed_on,
        schema_version=SCHEMA_VERSION,
        content=snapshot,
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=by,
    )
    return _save(version, reason=f"Version signée n° {number}", by=by)


@transaction.atomic
def freeze_initial_version(*, convention: Convention, by=None) -> SignedVersion:
    """For a convention signed before it entered the portal: freeze its current state as
    version 1 (the demo conventions, for instance)."""
    convention = Convention.objects.select_for_update().get(pk=convention.pk)
    if not convention.is_signed or not convention.signature_date:
        raise ValidationError("La convention n’est pas signée.")
    if convention.signed_versions.exists():
        raise ValidationError("La convention a déjà une version signée.")
    return freeze_version(convention=convention, signed_on=convention.signature_date, by=by)


# Avenants


def open_amendment(*, convention: Convention) -> Amendment | None:
    return convention.amendments.exclude(status=Amendment.Status.SIGNE).first()


@transaction.atomic
def create_amendment(*, convention: Convention, object: str, by=None) -> Amendment:
    """Open an avenant: a draft copy of the convention that the forms edit while the live
    convention and its signed versions stay as they are."""
    convention = Convention.objects.select_for_update().get(pk=convention.pk)
    if not convention.is_signed:
        raise ValidationError("Un avenant se rédige sur une convention signée.")
    if not convention.signed_versions.exists():
        raise ValidationError("Enregistrez d’abord la version signée initiale de la convention.")
    if open_amendment(convention=convention):
        raise ValidationError("Un avenant est déjà en cours pour cette convention.")
    number = (convention.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
    snapshot = build_snapshot(convention_for_snapshot(convention.pk))
    amendment = Amendment(
        convention=convention,
        number=number,
        object=object,
        drafted_on=timezone.localdate(),
        base=snapshot,
        draft=snapshot,
    )
    return _save(amendment, reason=f"Avenant n° {number} ouvert", by=by)


DRAFT_PARTS = {
    "articles": "articles",
    "axes": "axes et objectifs",
    "sectors": "secteurs d’intervention",
    "duration": "durée",
    "parties": "parties",
}


def _editable_amendment(amendment):
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status == Amendment.Status.SIGNE:
        raise ValidationError("L’avenant est signé : il ne se modifie plus.")
    if amendment.signatures.exists():
        raise ValidationError("L’avenant a commencé à être signé : il ne se modifie plus.")
    return amendment


@transaction.atomic
def update_amendment_draft(*, amendment: Amendment, part: str, values, by=None) -> Amendment:
    """Replace one part of the avenant's draft (articles, axes, sectors, duration, parties).

    values come from the forms: lists of dicts (with the live row's id, None when new) or,
    for the duration, a dict.
    """
    amendment = _editable_amendment(amendment)
    draft = amendment.draft
    if part == "articles":
        draft["articles"] = [
            {"id": v["id"], "number": v["number"], "title": v["title"], "text": v["text"]}
            for v in values
        ]
    elif part == "axes":
        draft["axes"] = _draft_axes(draft["axes"], values)
    elif part == "sectors":
        draft["sectors"] = [
            {"id": v["id"], "name": v["name"], "description": v["description"]} for v in values
        ]
    elif part == "duration":
        conv = draft["convention"]
        conv["duration_years"] = values["duration_years"]
        conv["end_date"] = values["end_date"].isoformat() if values["end_date"] else None
        conv["duration_note"] = values["duration_note"]
    elif part == "parties":
        draft["parties"] = _draft_parties(draft["parties"], values)
    else:
        raise ValueError(part)
    amendment.draft = draft
    return _save(amendment, reason=f"Avenant n° {amendment.number} : {DRAFT_PARTS[part]}", by=by)


def _draft_axes(current, values):
    """Axes of the draft; an objective keeps its id while its text is unchanged."""
    by_id = {axis["id"]: axis for axis in current if axis["id"]}
    axes = []
    for value in values:
        old = by_id.get(value["id"])
        old_objectives = {}
        for objective in old["objectives"] if old else []:
            old_objectives.setdefault(objective["text"], objective["id"])
        objectives = [
            {"id": old_objectives.pop(text, None), "text": text} for text in value["objectives"]
        ]
        axes.append(
            {
                "id": value["id"],
                "number": value["number"],
                "title": value["title"],
                "objectives": objectives,
                "actions": old["actions"] if old else [],
            }
        )
    return axes


def _draft_parties(current, values):
    by_organisation = {party["organisation_id"]: party for party in current}
    parties = []
    for value in values:
        organisation, role = value["organisation"], value["role"]
        kept = by_organisation.get(organisation.pk)
        representative = value.get("representative")
        party = (
            dict(kept)
            if kept
            else {
                "id": None,
                "organisation_id": organisation.pk,
                "organisation": organisation.name,
                "category": organisation.category,
                "commune_id": organisation.commune_id,
                "representative": None,
                "signature_date": None,
                "deliberation": None,
            }
        )
        party["role"] = role
        party["role_label"] = Signatory.Role(role).label
        party["signs"] = role != Signatory.Role.EN_PRESENCE
        if not kept and representative is not None:
            party["representative"] = {
                "id": representative.pk,
                "name": representative.full_name,
                "function": representative.function,
            }
        parties.append(party)
    return parties


@transaction.atomic
def link_amendment_avis(*, amendment: Amendment, decision, by=None):
    """Link the comité's avis (a decision of a séance) to the avenant."""
    from governance.models import Decision

    if decision.kind != Decision.Kind.AVIS_AVENANT:
        raise ValidationError("Choisissez une décision de type « avis sur avenant ».")
    if amendment.convention_id not in decision.meeting.committee.conventions.values_list(
        "pk", flat=True
    ):
        raise ValidationError("Cette décision n’a pas été prise par un comité de la convention.")
    decision.amendment = amendment
    _save(decision, reason=f"Avis sur l’avenant n° {amendment.number}", by=by)
    if amendment.status == Amendment.Status.PROJET:
        amendment.status = Amendment.Status.SOUMIS
        _save(amendment, reason="Avis du comité rendu", by=by)
    return decision


def amendment_signing_parties(amendment: Amendment) -> list[dict]:
    """The parties of the amended convention that sign the avenant."""
    return [party for party in amendment.draft["parties"] if party["signs"]]


@transaction.atomic
def sign_amendment(
    *,
    amendment: Amendment,
    organisation: Organisation,
    representative: Representative,
    signature_date: datetime.date,
    by=None,
) -> Amendment:
    """Record one party's signature of the avenant. The last one applies the draft to the
    convention (the only way axes and objectives of a signed convention change, Libercourt
    art. 3 and 12) and freezes the next signed version."""
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status == Amendment.Status.SIGNE:
        raise ValidationError("L’avenant est déjà signé.")
    signing = {party["organisation_id"]: party for party in amendment_signing_parties(amendment)}
    parties = set(signing)
    if organisation.pk not in parties:
        raise ValidationError(f"{organisation} n’est pas partie à l’avenant.")
    named = (signing[organisation.pk]["representative"] or {}).get("id") == representative.pk
    if representative.organisation_id != organisation.pk and not named:
        raise ValidationError(f"Ce représentant n’engage pas {organisation}.")
    if amendment.signatures.filter(organisation=organisation).exists():
        raise ValidationError(f"{organisation} a déjà signé l’avenant.")
    _check_ort_rule(amendment.draft)
    _save(
        AmendmentSignature(
            amendment=amendment,
            organisation=organisation,
            representative=representative,
            signature_date=signature_date,
        ),
        reason=f"Signature de l’avenant n° {amendment.number}",
        by=by,
    )
    signatures = {s.organisation_id: s for s in amendment.signatures.all()}
    if parties - set(signatures):
        return amendment

    last = max(s.signature_date for s in signatures.values())
    reason = f"Avenant n° {amendment.number} signé"
    convention = Convention.objects.select_for_update().get(pk=amendment.convention_id)
    _apply_draft(convention, amendment.draft, signatures, reason=reason, by=by)
    amendment.status = Amendment.Status.SIGNE
    amendment.signature_date = amendment.effective_date = last
    _save(amendment, reason=reason, by=by)
    freeze_version(convention=convention, signed_on=last, amendment=amendment, by=by)
    refresh_status(convention=Convention.objects.get(pk=convention.pk), by=by)
    return amendment


def _sync(model, live: dict, items: list, build, *, reason, by):
    """Create, update or delete rows so that they match the draft's items."""
    kept = set()
    for position, item in enumerate(items, start=1):
        instance = live.get(item["id"]) or build()
        changed = instance.pk is None
        for name, value in model(item, position).items():
            if getattr(instance, name) != value:
                setattr(instance, name, value)
                changed = True
        if changed:
            _save(instance, reason=reason, by=by)
        kept.add(instance.pk)
        item["_instance"] = instance
    for pk, instance in live.items():
        if pk not in kept:
            _delete(instance, reason=reason, by=by)


TEMPORARY_AXIS_NUMBER = 30000


def _free_axis_numbers(convention, axes, *, reason, by):
    """Axis numbers are unique per convention, and an avenant may swap two of them or give
    a removed axis's number to a new axis. Removed axes go first; renumbered ones are moved
    out of the way. That transient number is written without history (QuerySet.update)
    on purpose: within this transaction, the history then records each axis going from
    its old number straight to its new one."""
    wanted = {axis["id"]: axis["number"] for axis in axes if axis.get("id")}
    for axis in convention.axes.all():
        if axis.pk not in wanted:
            _delete(axis, reason=reason, by=by)
    moving = [axis.pk for axis in convention.axes.all() if wanted[axis.pk] != axis.number]
    for offset, pk in enumerate(moving):
        Axis.objects.filter(pk=pk).update(number=TEMPORARY_AXIS_NUMBER + offset)


def _apply_draft(convention, draft, signatures, *, reason, by):
    draft = {key: draft[key] for key in ("convention", "articles", "sectors", "axes", "parties")}
    _sync(
        lambda item, position: {
            "position": position,
            "number": item["number"],
            "title": item["title"],
            "text": item["text"],
        },
        {a.pk: a for a in convention.articles.all()},
        [dict(article) for article in draft["articles"]],
        lambda: Article(convention=convention),
        reason=reason,
        by=by,
    )
    _sync(
        lambda item, position: {"name": item["name"], "description": item["description"]},
        {s.pk: s for s in convention.sectors.all()},
        [dict(sector) for sector in draft["sectors"]],
        lambda: InterventionSector(convention=convention),
        reason=reason,
        by=by,
    )
    axes = [dict(axis) for axis in draft["axes"]]
    try:
        _free_axis_numbers(convention, axes, reason=reason, by=by)
        _sync(
            lambda item, position: {"number": item["number"], "title": item["title"]},
            {a.pk: a for a in convention.axes.all()},
            axes,
            lambda: Axis(convention=convention),
            reason=reason,
            by=by,
        )
    except ProtectedError as error:
        raise ValidationError(
            "Un axe retiré par l’avenant porte encore des actions : déplacez-les d’abord."
        ) from error
    for axis in axes:
        instance = axis["_instance"]
        _sync(
            lambda item, position: {"position": position, "text": item["text"]},
            {o.pk: o for o in Objective.objects.filter(axis=instance)},
            [dict(objective) for objective in axis["objectives"]],
            lambda instance=instance: Objective(axis=instance),
            reason=reason,
            by=by,
        )
    live = {s.organisation_id: s for s in convention.signatories.all()}
    wanted = {party["organisation_id"] for party in draft["parties"]}
    for order, party in enumerate(draft["parties"], start=1):
        signatory = live.get(party["organisation_id"])
        if signatory is None:
            signature = signatures.get(party["organisation_id"])
            signatory = Signatory(
                convention=convention,
                organisation_id=party["organisation_id"],
                representative=signature.representative if signature else None,
                signature_date=signature.signature_date if signature else None,
            )
        if signatory.pk is None or (signatory.role, signatory.order) != (party["role"], order):
            signatory.role, signatory.order = party["role"], order
            _save(signatory, reason=reason, by=by)
    for organisation_id, signatory in live.items():
        if organisation_id not in wanted:
            _delete(signatory, reason=reason, by=by)
    conv = draft["convention"]
    end_date = datetime.date.fromisoformat(conv["end_date"]) if conv["end_date"] else None
    values = (conv["duration_years"], end_date, conv["duration_note"])
    if (convention.duration_years, convention.end_date, convention.duration_note) != values:
        convention.duration_years, convention.end_date, convention.duration_note = values
        _save(convention, reason=reason, by=by)
