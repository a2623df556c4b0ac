"""The avenant's draft, edited part by part on a copy of the convention.

New rows get a draft key (snapshot.keys) that they keep on every later save, so that the
avenant lists each of them until the signature gives them an id.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from conventions.models import Amendment, Convention, Signatory
from ort_portal.writes import save_tracked

from ..snapshot.keys import keyed, row_key, with_draft_key
from .validation import duration_problems, homologation_problems, numbering_problems

DRAFT_PARTS = {
    "terms": "termes de la convention",
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
    if not amendment.draft:
        raise ValidationError("Cet avenant n’a pas été rédigé dans le portail.")
    return amendment


def _check_part(draft, part):
    """Problems within the part just saved, by field (the ORT rule spans several parts
    and is checked before the first signature)."""
    if part == "duration":
        problems = duration_problems(draft["convention"])
    elif part == "terms":
        problems = homologation_problems(draft["convention"])
    else:
        problems = [p for p in numbering_problems(draft) if p.part == part]
    if problems:
        errors = {}
        for problem in problems:
            errors.setdefault(problem.field or "__all__", []).append(problem.message)
        raise ValidationError(errors)


@transaction.atomic
def update_amendment_draft(*, amendment: Amendment, part: str, values, by=None) -> Amendment:
    """Replace one part of the avenant's draft (terms, articles, axes, sectors, duration,
    parties). values come from the forms: lists of dicts (with the live row's id, None
    when new, and the draft key of a row added earlier) or, for terms and duration, a dict.
    Raises ValidationError (by field) when the part breaks a rule of the whole draft."""
    amendment = _editable_amendment(amendment)
    draft = amendment.draft
    if part == "terms":
        _draft_terms(draft["convention"], values)
        amendment.signature_place = values.get("signature_place", "")
    elif part == "articles":
        draft["articles"] = [
            with_draft_key(
                {"id": v["id"], "number": v["number"], "title": v["title"], "text": v["text"]},
                v.get("draft_key"),
            )
            for v in values
        ]
    elif part == "axes":
        draft["axes"] = _draft_axes(draft["axes"], values)
    elif part == "sectors":
        draft["sectors"] = [
            with_draft_key(
                {
                    "id": v["id"],
                    "name": v["name"],
                    "kind": v["kind"],
                    "description": v["description"],
                },
                v.get("draft_key"),
            )
            for v in values
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
    _check_part(draft, part)
    amendment.draft = draft
    return save_tracked(
        amendment, reason=f"Avenant n° {amendment.number} : {DRAFT_PARTS[part]}", by=by
    )


def _draft_terms(conv, values):
    """Title, type, "valant ORT" with the homologation of its perimeter, préambule."""
    homologated = values.get("ort_perimeter_homologation_date")
    conv["title"], conv["is_ort"] = values["title"], values["is_ort"]
    conv["kind"] = values.get("kind") or conv["kind"]
    conv["kind_label"] = Convention.Kind(conv["kind"]).label
    conv["ort_perimeter_homologation_date"] = homologated.isoformat() if homologated else None
    conv["ort_perimeter_homologation_act"] = values.get("ort_perimeter_homologation_act", "")
    conv["preamble"] = values["preamble"]


def _draft_axes(current, values):
    """Axes of the draft; an objective keeps its id (or draft key) while its text is
    unchanged."""
    by_key = keyed(current)
    axes = []
    for index, value in enumerate(values):
        old = by_key.get(row_key(value, index)) if value["id"] or value.get("draft_key") else None
        old_objectives = {}
        for objective in old["objectives"] if old else []:
            old_objectives.setdefault(objective["text"], objective)
        objectives = [
            with_draft_key({"id": None, **old_objectives.pop(text, {}), "text": text})
            for text in value["objectives"]
        ]
        axis = {
            "id": value["id"],
            "number": value["number"],
            "title": value["title"],
            "objectives": objectives,
            "actions": old["actions"] if old else [],
        }
        axes.append(with_draft_key(axis, value.get("draft_key")))
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
                "name": representative.person_name,
                "function": representative.function,
            }
        parties.append(party)
    return parties
