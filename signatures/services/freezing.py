"""Signed versions: the convention frozen as signed, its versioned JSON in the signing
request, its PDF/A-3a rendered from that JSON by a task (signatures.tasks)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from conventions.models import Convention
from ort_portal.writes import save_tracked

from ..models import SignedVersion
from ..snapshot.build import SCHEMA_VERSION, build_snapshot, convention_for_snapshot
from ..tasks import render_signed_version_pdf


def freeze_version(
    *, convention: Convention, signed_on: datetime.date, amendment=None, by=None
) -> SignedVersion:
    """Freeze the convention as signed (versioned JSON: the legal state) and queue the
    rendering of its PDF/A-3a, which commits with the version (same database)."""
    number = (convention.signed_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    snapshot = build_snapshot(convention_for_snapshot(convention.pk), amendment=amendment)
    version = SignedVersion(
        convention=convention,
        number=number,
        amendment=amendment,
        signed_on=signed_on,
        schema_version=SCHEMA_VERSION,
        content=snapshot,
        created_by=by,
    )
    save_tracked(version, reason=f"Version signée n° {number}", by=by)
    render_signed_version_pdf.enqueue(version.pk)
    return version


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
