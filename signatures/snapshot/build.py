"""The versioned JSON of a convention: what a signed version freezes.

The same JSON feeds the PDF template (snapshot.present), so the current state and every
signed version are laid out identically. Dates are ISO strings and amounts decimal strings.
"""

from django.db.models import Prefetch
from django.utils import timezone

from actions.financing import NATURE_CATEGORY
from actions.models import Action, ActionOwner, Axis, Funding, Objective
from conventions.models import Article, Convention, InterventionSector, Signatory

from .signed_amendments import amendment_entry, signed_amendments

# 2: funding lines carry their nature code and category, an optional amount (« à
# préciser ») and year or period; actions their other maîtres d'ouvrage. Version 1
# snapshots are still read (snapshot.present).
SCHEMA_VERSION = 2


def _iso(value):
    return value.isoformat() if value else None


def _amount(value):
    return str(value) if value is not None else None


def _representative(representative):
    if representative is None:
        return None
    return {
        "id": representative.pk,
        "name": representative.person_name,
        "function": representative.function,
    }


def convention_for_snapshot(pk):
    """The convention with everything its snapshot reads, in a constant number of queries."""
    actions = (
        Action.objects.select_related("project_owner", "sector")
        .prefetch_related(
            "partners",
            Prefetch("fundings", queryset=Funding.objects.select_related("funder")),
            Prefetch("co_owners", queryset=ActionOwner.objects.select_related("organisation")),
        )
        .order_by("position", "code")
    )
    axes = Axis.objects.order_by("number").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("position")),
        Prefetch("actions", queryset=actions),
    )
    signatories = Signatory.objects.select_related(
        "organisation", "representative", "deliberation", "acting_for"
    ).order_by("order", "pk")
    return (
        Convention.objects.select_related("main_commune")
        .prefetch_related(
            "communes",
            "epcis",
            Prefetch("articles", queryset=Article.objects.order_by("position")),
            Prefetch("sectors", queryset=InterventionSector.objects.order_by("name")),
            Prefetch("signatories", queryset=signatories),
            Prefetch("axes", queryset=axes),
        )
        .get(pk=pk)
    )


def build_snapshot(convention: Convention, *, amendment=None) -> dict:
    """The whole convention as JSON (schema SCHEMA_VERSION).

    Expects a convention loaded by convention_for_snapshot().
    """
    return {
        "schema": SCHEMA_VERSION,
        "convention": _convention(convention),
        "articles": [
            {"id": a.pk, "number": a.number, "title": a.title, "text": a.text}
            for a in convention.articles.all()
        ],
        "sectors": [
            {"id": s.pk, "name": s.name, "kind": s.kind, "description": s.description}
            for s in convention.sectors.all()
        ],
        "axes": [_axis(axis) for axis in convention.axes.all()],
        "parties": [_party(signatory) for signatory in convention.signatories.all()],
        "amendment": None if amendment is None else amendment_entry(amendment),
        "amendments": signed_amendments(convention, amendment),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }


def _convention(convention):
    return {
        "id": convention.pk,
        "reference": convention.reference,
        "title": convention.title,
        "kind": convention.kind,
        "kind_label": convention.get_kind_display(),
        "programme": convention.programme,
        "programme_label": convention.get_programme_display(),
        "is_ort": convention.is_ort,
        "status": convention.status,
        "status_label": convention.get_status_display(),
        "main_commune": convention.main_commune.name if convention.main_commune else None,
        "main_commune_id": convention.main_commune_id,
        "communes": [commune.name for commune in convention.communes.all()],
        "epcis": [epci.name for epci in convention.epcis.all()],
        "preamble": convention.preamble,
        "signature_place": convention.signature_place,
        "signature_date": _iso(convention.signature_date),
        "effective_date": _iso(convention.effective_date),
        "duration_years": convention.duration_years,
        "end_date": _iso(convention.end_date),
        "computed_end_date": _iso(convention.computed_end_date),
        "duration_note": convention.duration_note,
        "ort_perimeter_homologation_date": _iso(convention.ort_perimeter_homologation_date),
        "ort_perimeter_homologation_act": convention.ort_perimeter_homologation_act,
    }


def _party(signatory):
    deliberation = getattr(signatory, "deliberation", None)
    return {
        "id": signatory.pk,
        "organisation_id": signatory.organisation_id,
        "organisation": signatory.organisation.name,
        "category": signatory.organisation.category,
        "commune_id": signatory.organisation.commune_id,
        "role": signatory.role,
        "role_label": signatory.get_role_display(),
        "signs": signatory.signs,
        "representative": _representative(signatory.representative),
        # As the convention writes it: « en qualité de délégué local de l’Anah ».
        "capacity": signatory.capacity,
        "acting_for": signatory.acting_for.name if signatory.acting_for else "",
        "signature_date": _iso(signatory.signature_date),
        "deliberation": None
        if deliberation is None
        else {
            "body": deliberation.body,
            "date": _iso(deliberation.date),
            "reference": deliberation.reference,
            "outcome": deliberation.outcome,
        },
    }


def _axis(axis):
    return {
        "id": axis.pk,
        "number": axis.number,
        "title": axis.title,
        "objectives": [{"id": o.pk, "text": o.text} for o in axis.objectives.all()],
        "actions": [_action(action) for action in axis.actions.all()],
    }


def _action(action):
    return {
        "id": action.pk,
        "code": action.code,
        "title": action.title,
        "maturity": action.maturity,
        "maturity_label": action.get_maturity_display(),
        "has_fiche": action.has_fiche,
        "description": action.description,
        "objectives": action.objectives,
        "project_owner": action.project_owner.name if action.project_owner else None,
        "partners": sorted(partner.name for partner in action.partners.all()),
        "sector": action.sector.name if action.sector else None,
        "location": action.location,
        "start_date": _iso(action.start_date),
        "end_date": _iso(action.end_date),
        "estimated_cost": _amount(action.estimated_cost),
        "co_owners": [
            {"organisation": owner.organisation.name, "description": owner.describe()}
            for owner in action.co_owners.all()
        ],
        "fundings": [_funding(funding) for funding in action.fundings.all()],
    }


def _funding(funding):
    return {
        "funder": funding.funder.name,
        "nature": funding.get_nature_display(),
        "nature_code": funding.nature,
        "category": NATURE_CATEGORY[funding.nature],
        "section": funding.get_section_display(),
        "year": funding.year,
        "period_start": funding.period_start,
        "period_end": funding.period_end,
        "when": funding.when,
        "amount": _amount(funding.amount),
        "status": funding.get_status_display(),
        "status_code": funding.status,
    }


def snapshot_of(convention: Convention, *, amendment=None) -> dict:
    return build_snapshot(convention_for_snapshot(convention.pk), amendment=amendment)
