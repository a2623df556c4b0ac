"""The avenant's draft validated as a whole: what must hold before the first signature.

Each problem names the part of the draft (and the field) it belongs to, so that the page
prints it next to the form concerned.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .signing import ort_missing_parties


@dataclass(frozen=True)
class Problem:
    part: str
    field: str | None
    message: str


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def duration_problems(conv: dict) -> list[Problem]:
    """The end comes after the entry into force (constraint convention_end_after_start),
    a duration in years is at least one year (convention_duration_positive)."""
    problems = []
    years = conv.get("duration_years")
    if years is not None and years < 1:
        problems.append(
            Problem("duration", "duration_years", "La durée doit être d’au moins un an.")
        )
    start, end = _date(conv.get("effective_date")), _date(conv.get("end_date"))
    if start and end and end <= start:
        problems.append(
            Problem(
                "duration",
                "end_date",
                "La date de fin doit suivre la date d’entrée en vigueur de la convention "
                f"({start:%d/%m/%Y}).",
            )
        )
    return problems


def homologation_problems(conv: dict) -> list[Problem]:
    """Only an ORT has a homologated perimeter."""
    if conv.get("ort_perimeter_homologation_date") and not conv["is_ort"]:
        return [
            Problem(
                "terms",
                "ort_perimeter_homologation_date",
                "L’homologation du périmètre suppose une convention valant ORT.",
            )
        ]
    return []


def _duplicates(values):
    return sorted(value for value, count in Counter(values).items() if count > 1)


def numbering_problems(draft: dict) -> list[Problem]:
    """Article and axis numbers are unique; an article has a title."""
    problems = [
        Problem("articles", "number", f"Deux articles portent le numéro {number}.")
        for number in _duplicates(a["number"] for a in draft["articles"] if a["number"])
    ]
    if any(not article["title"].strip() for article in draft["articles"]):
        problems.append(Problem("articles", "title", "Chaque article porte un titre."))
    problems += [
        Problem("axes", "number", f"Deux axes portent le numéro {number}.")
        for number in _duplicates(axis["number"] for axis in draft["axes"])
    ]
    return problems


def ort_problems(draft: dict) -> list[Problem]:
    """A convention valant ORT is signed by the État, an EPCI and at least the ville
    principale (loi ELAN art. 157, CCH art. L303-2)."""
    conv = draft["convention"]
    if not conv["is_ort"]:
        return []
    missing = ort_missing_parties(
        parties=draft["parties"],
        main_commune_id=conv["main_commune_id"],
        main_commune_name=conv["main_commune"],
    )
    if not missing:
        return []
    return [
        Problem(
            "parties",
            None,
            "Une convention valant ORT doit être signée par l’État, un EPCI et au moins la "
            "ville principale (article L303-2 du code de la construction et de l’habitation). "
            f"Il manque parmi les parties : {', '.join(missing)}.",
        )
    ]


def draft_problems(draft: dict) -> list[Problem]:
    """Everything that keeps the draft from being signed."""
    conv = draft["convention"]
    return (
        duration_problems(conv)
        + homologation_problems(conv)
        + numbering_problems(draft)
        + ort_problems(draft)
    )


def check_draft(draft: dict):
    """Refuse a signature while the draft has problems (checked before the first one)."""
    problems = draft_problems(draft)
    if problems:
        raise ValidationError(
            ["Le projet d’avenant doit être corrigé avant sa signature."]
            + [problem.message for problem in problems]
        )


def problems_by_part(draft: dict) -> dict[str, list[Problem]]:
    grouped = {}
    for problem in draft_problems(draft):
        grouped.setdefault(problem.part, []).append(problem)
    return grouped
