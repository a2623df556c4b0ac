"""A snapshot as templates want it: dates and amounts typed back, financing totals, and
the context of the convention's PDF."""

import copy
import datetime
from decimal import Decimal

from actions.financing import NATURE_OF_LABEL, Figures, figures_of, total_of
from actions.models import Action, Funding
from conventions.models import Signatory

from .signed_amendments import typed
from .terms import sector_label


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _decimal(value):
    return Decimal(value) if value not in (None, "") else None


STATUS_OF_LABEL = {label: value for value, label in Funding.Status.choices}


def funding_line(funding: dict) -> dict:
    """A frozen funding line as actions.financing reads it. Schema 1 versions kept only
    the French labels of the nature and (before status_code) of the status."""
    nature = funding.get("nature_code") or NATURE_OF_LABEL.get(funding["nature"])
    status = funding.get("status_code") or STATUS_OF_LABEL.get(funding["status"])
    return {"nature": nature, "status": status, "amount": _decimal(funding["amount"])}


def action_figures(action: dict) -> Figures:
    """The figures of one frozen action, by the one rule (actions.financing)."""
    lines = [funding_line(funding) for funding in action["fundings"]]
    return figures_of(_decimal(action["estimated_cost"]), lines)


def action_funding_total(action: dict) -> Decimal:
    """Third parties' financing of one frozen action (loans and own share apart)."""
    return action_figures(action).financing


def financing_totals(snapshot: dict) -> dict:
    """Estimated costs and figures of the action plan, per axis and overall; abandoned
    actions are left out (as on the tableau de bord)."""
    per_axis = []
    for axis in snapshot["axes"]:
        live = [a for a in axis["actions"] if a["maturity"] != Action.Maturity.ABANDONNEE]
        figures = total_of(action_figures(action) for action in live)
        per_axis.append(
            {"number": axis["number"], "cost": figures.cost, "funded": figures.financing}
        )
    live = [
        action
        for axis in snapshot["axes"]
        for action in axis["actions"]
        if action["maturity"] != Action.Maturity.ABANDONNEE
    ]
    figures = total_of(action_figures(action) for action in live)
    return {
        "per_axis": per_axis,
        "cost": figures.cost,
        "funded": figures.financing,
        "loans": figures.loans,
        "remaining_charge": figures.remaining_charge,
        "unknown": figures.unknown,
        "figures": figures,
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
            action["figures"] = action_figures(action)
            action["funding_total"] = action["figures"].financing
            action["estimated_cost"] = _decimal(action["estimated_cost"])
            action.setdefault("co_owners", [])
            for funding in action["fundings"]:
                funding["amount"] = _decimal(funding["amount"])
                funding.setdefault("when", funding["year"])
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
        (
            "AINSI QUE",
            [Signatory.Role.PARTENAIRE_LOCAL, Signatory.Role.PARTENAIRE_TECHNIQUE],
            "ci-après « autres partenaires locaux »",
        ),
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
