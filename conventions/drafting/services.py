"""Writes of the draft: creating a convention, saving or removing one of its rows."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from directory.models import Commune
from ort_portal.writes import delete_tracked, save_tracked

from ..models import Convention
from . import DraftPart

SIGNED = (
    "La convention est signée ou en cours de signature : elle ne change plus que par avenant "
    "(page « Versions signées et avenants »)."
)


def ensure_draft(convention: Convention) -> None:
    """Before its first signature a convention is written freely; after, only an avenant
    changes it (Libercourt art. 12)."""
    if convention.status != Convention.Status.PROJET:
        raise ValidationError(SIGNED)


def new_reference(programme: str, commune: Commune) -> str:
    base = f"{programme.upper()}-{commune.insee_code}-{timezone.localdate():%Y}"
    reference, number = base, 1
    while Convention.objects.filter(reference=reference).exists():
        number += 1
        reference = f"{base}-{number}"
    return reference


@transaction.atomic
def create_convention(*, convention: Convention, by) -> Convention:
    """A new convention (status "projet") on its ville principale, covering that commune
    and its EPCI."""
    commune = convention.main_commune
    convention.reference = new_reference(convention.programme, commune)
    convention.status = Convention.Status.PROJET
    convention.full_clean()
    save_tracked(convention, reason="Convention créée dans le portail", by=by)
    convention.communes.add(commune)
    epcis = list(commune.epcis.all())
    if epcis:
        convention.epcis.add(*epcis)
    return convention


@transaction.atomic
def update_convention(*, convention: Convention, by) -> Convention:
    stored = Convention.objects.select_for_update().get(pk=convention.pk)
    ensure_draft(stored)
    convention.full_clean()
    save_tracked(convention, reason="Convention modifiée avant signature", by=by)
    return convention


@transaction.atomic
def save_part(*, part: DraftPart, convention: Convention, form, by):
    """Save one row of the draft (a party, an article…), refused once signed."""
    ensure_draft(Convention.objects.select_for_update().get(pk=convention.pk))
    created = form.instance.pk is None
    if part.save is not None:
        return part.save(convention=convention, form=form, by=by)
    instance = form.save(commit=False)
    instance.full_clean()
    verb = "ajouté(e)" if created else "modifié(e)"
    return save_tracked(instance, reason=f"{part.title} : {verb} avant signature", by=by)


@transaction.atomic
def delete_part(*, part: DraftPart, convention: Convention, instance, by) -> None:
    ensure_draft(Convention.objects.select_for_update().get(pk=convention.pk))
    if part.delete is not None:
        part.delete(convention=convention, instance=instance, by=by)
    else:
        delete_tracked(instance, reason=f"{part.title} : retiré(e) avant signature", by=by)
