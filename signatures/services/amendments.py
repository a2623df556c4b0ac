"""Avenants: drafted on a copy of the convention, linked to the comité's avis, signed by
the parties; the last signature applies the draft and freezes the next signed version.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from actions.models import Axis, Objective
from conventions.models import Amendment, Article, Convention, InterventionSector, Signatory
from conventions.services import refresh_status
from directory.models import Organisation, Representative
from governance.models import Decision
from ort_portal.writes import delete_tracked, save_tracked

from ..models import AmendmentSignature
from ..snapshot.build import build_snapshot, convention_for_snapshot
from .freezing import freeze_version
from .validation import check_draft


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
    return save_tracked(amendment, reason=f"Avenant n° {number} ouvert", by=by)


@transaction.atomic
def link_amendment_avis(*, amendment: Amendment, decision, by=None):
    """Link the comité's avis (a decision of a séance) to the avenant."""
    if decision.kind != Decision.Kind.AVIS_AVENANT:
        raise ValidationError("Choisissez une décision de type « avis sur avenant ».")
    if amendment.convention_id not in decision.meeting.committee.conventions.values_list(
        "pk", flat=True
    ):
        raise ValidationError("Cette décision n’a pas été prise par un comité de la convention.")
    decision.amendment = amendment
    save_tracked(decision, reason=f"Avis sur l’avenant n° {amendment.number}", by=by)
    if amendment.status == Amendment.Status.PROJET:
        amendment.status = Amendment.Status.SOUMIS
        save_tracked(amendment, reason="Avis du comité rendu", by=by)
    return decision


def amendment_signing_parties(amendment: Amendment) -> list[dict]:
    """The parties of the amended convention that sign the avenant (none for an avenant
    not drafted in the portal)."""
    if not amendment.draft:
        return []
    return [party for party in amendment.draft["parties"] if party["signs"]]


def parties_to_sign(amendment: Amendment, signatures=None) -> list[dict]:
    """The signing parties that have not signed the avenant yet; `signatures` (its
    AmendmentSignature rows) spares a query when the caller already read them."""
    if not amendment.draft:
        return []
    if signatures is None:
        signed = set(amendment.signatures.values_list("organisation_id", flat=True))
    else:
        signed = {signature.organisation_id for signature in signatures}
    return [p for p in amendment_signing_parties(amendment) if p["organisation_id"] not in signed]


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
    if not amendment.draft:
        raise ValidationError(
            "Cet avenant n’a pas été rédigé dans le portail : ses signatures ne s’y "
            "enregistrent pas."
        )
    signing = {party["organisation_id"]: party for party in amendment_signing_parties(amendment)}
    parties = set(signing)
    if organisation.pk not in parties:
        raise ValidationError(f"{organisation} n’est pas partie à l’avenant.")
    named = (signing[organisation.pk]["representative"] or {}).get("id") == representative.pk
    if representative.organisation_id != organisation.pk and not named:
        raise ValidationError(f"Ce représentant n’engage pas {organisation}.")
    if amendment.signatures.filter(organisation=organisation).exists():
        raise ValidationError(f"{organisation} a déjà signé l’avenant.")
    check_draft(amendment.draft)
    save_tracked(
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
    save_tracked(amendment, reason=reason, by=by)
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
            save_tracked(instance, reason=reason, by=by)
        kept.add(instance.pk)
        item["_instance"] = instance
    for pk, instance in live.items():
        if pk not in kept:
            delete_tracked(instance, reason=reason, by=by)


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
            delete_tracked(axis, reason=reason, by=by)
    moving = [axis.pk for axis in convention.axes.all() if wanted[axis.pk] != axis.number]
    for offset, pk in enumerate(moving):
        Axis.objects.filter(pk=pk).update(number=TEMPORARY_AXIS_NUMBER + offset)


def _apply_draft(convention, draft, signatures, *, reason, by):
    """The live convention becomes the avenant's draft, section by section."""
    tracked = {"reason": reason, "by": by}
    _apply_articles(convention, draft["articles"], tracked)
    _apply_sectors(convention, draft["sectors"], tracked)
    _apply_axes(convention, [dict(axis) for axis in draft["axes"]], tracked)
    _apply_parties(convention, draft["parties"], signatures, tracked)
    _apply_duration(convention, draft["convention"], tracked)
    _apply_terms(convention, draft["convention"], tracked)


def _apply_articles(convention, articles, tracked):
    _sync(
        lambda item, position: {
            "position": position,
            "number": item["number"],
            "title": item["title"],
            "text": item["text"],
        },
        {a.pk: a for a in convention.articles.all()},
        [dict(article) for article in articles],
        lambda: Article(convention=convention),
        **tracked,
    )


def _apply_sectors(convention, sectors, tracked):
    _sync(
        lambda item, position: {
            "name": item["name"],
            "kind": item.get("kind", InterventionSector.Kind.SECTEUR),
            "description": item["description"],
        },
        {s.pk: s for s in convention.sectors.all()},
        [dict(sector) for sector in sectors],
        lambda: InterventionSector(convention=convention),
        **tracked,
    )


def _apply_axes(convention, axes, tracked):
    """Axes, then each axis's objectives; an axis still carrying actions cannot go."""
    try:
        _free_axis_numbers(convention, axes, **tracked)
        _sync(
            lambda item, position: {"number": item["number"], "title": item["title"]},
            {a.pk: a for a in convention.axes.all()},
            axes,
            lambda: Axis(convention=convention),
            **tracked,
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
            **tracked,
        )


def _apply_parties(convention, parties, signatures, tracked):
    """A new party keeps the signature it gave to the avenant; a removed party goes."""
    live = {s.organisation_id: s for s in convention.signatories.all()}
    wanted = {party["organisation_id"] for party in parties}
    for order, party in enumerate(parties, start=1):
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
            save_tracked(signatory, **tracked)
    for organisation_id, signatory in live.items():
        if organisation_id not in wanted:
            delete_tracked(signatory, **tracked)


def _apply_duration(convention, conv, tracked):
    end_date = datetime.date.fromisoformat(conv["end_date"]) if conv["end_date"] else None
    values = (conv["duration_years"], end_date, conv["duration_note"])
    if (convention.duration_years, convention.end_date, convention.duration_note) != values:
        convention.duration_years, convention.end_date, convention.duration_note = values
        save_tracked(convention, **tracked)


def _apply_terms(convention, conv, tracked):
    """Title, type, "valant ORT" with its homologated perimeter, préambule: an ACV
    convention-cadre becomes ORT by avenant."""
    homologated = conv.get("ort_perimeter_homologation_date")
    values = {
        "title": conv["title"],
        "kind": conv["kind"],
        "is_ort": conv["is_ort"],
        "preamble": conv["preamble"],
        "ort_perimeter_homologation_date": datetime.date.fromisoformat(homologated)
        if homologated
        else None,
        "ort_perimeter_homologation_act": conv.get("ort_perimeter_homologation_act") or "",
    }
    if any(getattr(convention, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(convention, name, value)
        save_tracked(convention, **tracked)
