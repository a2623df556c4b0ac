"""A task of the smoke test: render a convention's PDF in a worker, as the download does."""

import hashlib

from django.tasks import task

from conventions.models import Convention
from ort_portal.pdf import render_pdf
from signatures.snapshot.build import snapshot_of
from signatures.snapshot.present import pdf_context


@task(queue_name="pdf")
def render_convention_pdf(convention_id):
    convention = Convention.objects.get(pk=convention_id)
    context = pdf_context(snapshot_of(convention), working_copy=not convention.is_signed)
    pdf = render_pdf("signatures/pdf/convention.html", context)
    return {
        "header": pdf[:5].decode(),
        "bytes": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
    }
