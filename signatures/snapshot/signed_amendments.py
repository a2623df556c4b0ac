"""The avenants a signed version carries, each with its own parties' signatures, place
and date: version 2 says it was signed by the avenant's parties beside the original
signatures (schema 1 versions frozen before this key have no "amendments")."""

import datetime

from django.db.models import Prefetch

from conventions.models import Amendment

from ..models import AmendmentSignature


def _signature(signature):
    representative = signature.representative
    return {
        "organisation_id": signature.organisation_id,
        "organisation": signature.organisation.name,
        "representative": None
        if representative is None
        else {"name": representative.person_name, "function": representative.function},
        "signature_date": signature.signature_date.isoformat(),
    }


SIGNATURES = AmendmentSignature.objects.select_related("organisation", "representative").order_by(
    "signature_date", "pk"
)


def amendment_entry(amendment: Amendment) -> dict:
    """One avenant as the snapshot keeps it (its signatures prefetched or read here)."""
    return {
        "id": amendment.pk,
        "number": amendment.number,
        "object": amendment.object,
        "signature_place": amendment.signature_place,
        "signature_date": amendment.signature_date.isoformat()
        if amendment.signature_date
        else None,
        "signatures": [_signature(s) for s in amendment.signatures.all()],
    }


def signed_amendments(convention, amendment=None) -> list[dict]:
    """The signed avenants up to `amendment` (all of them when None), oldest first."""
    queryset = convention.amendments.filter(status=Amendment.Status.SIGNE).prefetch_related(
        Prefetch("signatures", queryset=SIGNATURES)
    )
    if amendment is not None:
        queryset = queryset.filter(number__lte=amendment.number)
    return [amendment_entry(a) for a in queryset.order_by("number")]


def typed(amendments: list[dict]) -> list[dict]:
    """The avenants with their dates typed back, for templates (copies)."""
    return [
        {
            **entry,
            "signature_date": _date(entry["signature_date"]),
            "signatures": [
                {**s, "signature_date": _date(s["signature_date"])} for s in entry["signatures"]
            ],
        }
        for entry in amendments
    ]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
