"""A snapshot as templates want it: dates and amounts typed back, financing totals, and
the context of the convention's PDF."""

import copy
import datetime
from decimal import Decimal

from actions.models import Funding
from conventions.models import Signatory

from .signed_amendments import typed
from .terms import sector_label


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _decimal(value):
    return Decimal(value) if value not in (None, "") else None


REFUSED_LABEL = Funding.Status.REFUSE.label


def _refused(funding: dict) -> bool:
    """Versions frozen before the status code was stored keep only its French label."""
    if "status_code" in funding:
        return funding["status_code"] == Funding.Status.REFUSE
    return funding["status"] == REFUSED_LABEL


def action_funding_total(action: dict) -> Decimal:
    """Financing of one action, refused requests excluded (the rule of reporting.dashboards)."""
    return sum(
        (Decimal(f["amount"]) for f in action["fundings"] if not _refused(f)),
        Decimal("0"),
    )


def financing_totals(snapshot: dict) -> dict:
    """Estimated costs and funding of the action plan, per axis and overall.

    Same rules as the tableau de bord (reporting.dashboards): abandoned actions and
    refused requests are left out of the totals.
    """
    per_axis = []
    for axis in snapshot["axes"]:
        live = [a for a in axis["actions"] if a["maturity"] != "abandonnee"]
        cost = sum(
            (Decimal(a["estimated_cost"]) for a in live if a["estimated_cost"]),
            Decimal("0"),
        )
        funded = sum((action_funding_total(a) for a in live), Decimal("0"))
        per_axis.append({"number": axis["number"], "cost": cost, "funded": funded})
    return {
        "per_axis": per_axis,
        "cost": sum((row["cost"] for row in per_axis), Decimal("0")),
        "funded": sum((row["funded"] for row in per_axis), Decimal("0")),
    }


def present(snapshot: dict) -> dict:
    """A copy of the snapshot with dates and amounts typed, and financing totals."""
    data = copy.deepcopy(snapshot)
    conv = data["convention"]
    for key in ("signature_date", "effective_date", "end_date", "computed_end_date"):
        conv[key] = _date(conv[key])
    for party in data["parties"]:
        party["signature_date"] = _date(party["signature_date"])
        if party["deliberation"]:
            party["deliberation"]["date"] = _date(party["deliberation"]["date"])
    for axis in data["axes"]:
        for action in axis["actions"]:
            action["start_date"] = _date(action["start_date"])
            action["end_date"] = _date(action["end_date"])
            action["funding_total"] = action_funding_total(action)
            action["estimated_cost"] = _decimal(action["estimated_cost"])
            for funding in action["fundings"]:
                funding["amount"] = Decimal(funding["amount"])
    data["amendments"] = typed(data.get("amendments", []))
    for sector in data["sectors"]:
        sector["label"] = sector_label(sector)
    data["signing_parties"] = [p for p in data["parties"] if p["signs"]]
    data["witnesses"] = [p for p in data["parties"] if not p["signs"]]
    data["fiches"] = [
        {**action, "axis_number": axis["number"], "axis_title": axis["title"]}
        for axis in data["axes"]
        for action in axis["actions"]
        if action["has_fiche"]
    ]
    data["totals"] = financing_totals(snapshot)
    return data


def pdf_context(snapshot: dict, *, version_number=None, signed_on=None, working_copy=False) -> dict:
    """Context of signatures/pdf/convention.html for a snapshot."""
    data = present(snapshot)
    conv = data["convention"]
    groups = [
        (
            "ENTRE",
            [Signatory.Role.COLLECTIVITE],
            "ci-après les « collectivités bénéficiaires » ; d’une part ;",
        ),
        ("ET", [Signatory.Role.ETAT, Signatory.Role.PARTENAIRE_FINANCIER], "d’autre part ;"),
        ("AINSI QUE", [Signatory.Role.PARTENAIRE_LOCAL], "ci-après « autres partenaires locaux »"),
        ("EN PRÉSENCE DE", [Signatory.Role.EN_PRESENCE], ""),
    ]
    party_groups = []
    for heading, roles, trailer in groups:
        parties = [p for p in data["parties"] if p["role"] in roles]
        if parties:
            party_groups.append({"heading": heading, "parties": parties, "trailer": trailer})
    return {
        "title": conv["title"],
        "party_groups": party_groups,
        "doc": data,
        "conv": conv,
        "version_number": version_number,
        "signed_on": signed_on,
        "working_copy": working_copy,
        "generated_on": datetime.datetime.fromisoformat(data["generated_at"]).date(),
    }
