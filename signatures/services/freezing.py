"""Signed versions: the convention frozen as signed (versioned JSON and PDF/A-3a)."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from conventions.models import Convention
from ort_portal.pdf import render_pdf
from ort_portal.writes import save_tracked

from ..models import SignedVersion
from ..snapshot.build import SCHEMA_VERSION, build_snapshot, convention_for_snapshot
from ..snapshot.present import pdf_context

PDF_TEMPLATE = "signatures/pdf/convention.html"


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
    return save_tracked(version, reason=f"Version signée n° {number}", by=by)


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
