"""The convention's and an avenant's PDF, generated off the request path (documents app)."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from conventions.access import get_convention_for_user
from conventions.models import Amendment
from documents.registry import DocumentKind, register_document_kind
from ort_portal.pdf import render_pdf

from .access import get_amendment_for_user
from .services.amendments import amendment_signing_parties
from .snapshot.adopted import adopted_snapshot
from .snapshot.build import snapshot_of
from .snapshot.diff import diff_snapshots
from .snapshot.present import pdf_context, present

CONVENTION = "convention"
AMENDMENT = "avenant"


def _convention_fingerprint(convention, params, user):
    snapshot = snapshot_of(convention)
    snapshot.pop("generated_at")  # the time of the snapshot, not of a change
    data = json.dumps([snapshot, convention.is_signed], sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(data.encode()).hexdigest()


def _render_convention(convention, params, user):
    """The current state; "document de travail" until the convention is signed."""
    context = pdf_context(snapshot_of(convention), working_copy=not convention.is_signed)
    return render_pdf("signatures/pdf/convention.html", context), f"{convention.reference}.pdf"


def get_amendment_by_id(user, amendment_id) -> Amendment:
    """A drafted avenant of a convention the user reads (404 otherwise)."""
    found = get_object_or_404(Amendment.objects.only("convention_id", "number"), pk=amendment_id)
    amendment = get_amendment_for_user(user, found.convention_id, found.number)
    if not amendment.draft:
        raise Http404("Cet avenant n’a pas été rédigé dans le portail.")
    return amendment


def adopted_context(amendment):
    """The avenant's changes and the plan d'action it adopts (its annex)."""
    adopted = adopted_snapshot(amendment)
    if adopted is None:
        return {"changes": None, "plan": None}
    return {"changes": diff_snapshots(amendment.base, adopted), "plan": present(adopted)}


def _render_amendment(amendment, params, user):
    """The avenant's own document: its object and its changes."""
    convention = amendment.convention
    context = {
        "title": f"Avenant n° {amendment.number} – {convention.reference}",
        "convention": convention,
        "amendment": amendment,
        **adopted_context(amendment),
        "signatures": amendment.signatures.select_related("organisation", "representative"),
        "parties": amendment_signing_parties(amendment),
    }
    return (
        render_pdf("signatures/pdf/amendment.html", context),
        f"{convention.reference}-avenant-{amendment.number}.pdf",
    )


def register():
    """Called by SignaturesConfig.ready()."""
    register_document_kind(
        DocumentKind(
            name=CONVENTION,
            label="Convention (PDF)",
            get_target=get_convention_for_user,
            render=_render_convention,
            target_url=lambda convention: reverse("conventions:detail", args=[convention.pk]),
            fingerprint=_convention_fingerprint,
        )
    )
    register_document_kind(
        DocumentKind(
            name=AMENDMENT,
            label="Avenant (PDF)",
            get_target=get_amendment_by_id,
            render=_render_amendment,
            target_url=lambda amendment: reverse(
                "signatures:amendment", args=[amendment.convention_id, amendment.number]
            ),
        )
    )
