"""A signed version's PDF/A-3a, rendered off the request path from its frozen JSON."""

import hashlib

from django.db import IntegrityError, transaction
from django.tasks import task

from ort_portal.pdf import render_pdf
from ort_portal.writes import save_tracked

from .models import SignedVersion, SignedVersionPDF
from .snapshot.present import pdf_context

PDF_TEMPLATE = "signatures/pdf/convention.html"


def signed_version_pdf(version: SignedVersion) -> bytes:
    """The PDF/A-3a of what was signed: the version's JSON, not the convention's state now."""
    context = pdf_context(
        version.content, version_number=version.number, signed_on=version.signed_on
    )
    return render_pdf(PDF_TEMPLATE, context, archive=True)


@task(queue_name="pdf")
def render_signed_version_pdf(version_id: int) -> str:
    """Render and store the version's PDF/A once; a second run (another worker, a retry)
    finds it stored and leaves it as it is."""
    version = SignedVersion.objects.get(pk=version_id)
    if SignedVersionPDF.objects.filter(version=version).exists():
        return "already rendered"
    pdf = signed_version_pdf(version)
    archive = SignedVersionPDF(version=version, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
    try:
        with transaction.atomic():
            save_tracked(
                archive, reason=f"PDF/A de la version n° {version.number}", by=version.created_by
            )
    except IntegrityError:
        return "already rendered"
    return archive.sha256
