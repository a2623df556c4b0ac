"""The versioned JSON of a convention (what a signed version freezes) and the diff of two.

The same JSON feeds the PDF template, so the current state and every signed version are
laid out identically. Dates are ISO strings and amounts decimal strings; `present()` turns
them back into dates and Decimals for templates.
"""

import copy
import datetime
import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html_join

from actions.models import Action, Axis, Funding, Objective

from .models import Article, Convention, InterventionSector, Signatory

SCHEMA_VERSION = 1


def _iso(value):
    return value.isoformat() if value else None


def _amount(value):
    return str(value) if value is not None else None


def _representative(representative):
    if representative is None:
        return None
    return {
        "id": representative.pk,
        "name": representative.full_name,
        "function": representative.function,
    }


def convention_for_snapshot(pk):
    """The convention with everything its snapshot reads, in a constant number of queries."""
    actions = (
        Action.objects.select_related("project_owner", "sector")
        .prefetch_related(
            "partners",
            Prefetch("fundings", queryset=Funding.objects.select_related("funder")),
        )
        .order_by("position", "code")
    )
    axes = Axis.objects.order_by("number").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("position")),
        Prefetch("actions", queryset=actions),
    )
    signatories = Signatory.objects.select_related(
        "organisation", "representative", "deliberation"
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
    parties = []
    for signatory in convention.signatories.all():
        deliberation = getattr(signatory, "deliberation", None)
        parties.append(
            {
                "id": signatory.pk,
                "organisation_id": signatory.organisation_id,
                "organisation": signatory.organisation.name,
                "category": signatory.organisation.category,
                "commune_id": signatory.organisation.commune_id,
                "role": signatory.role,
                "role_label": signatory.get_role_display(),
                "signs": signatory.signs,
                "representative": _representative(signatory.representative),
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
        )
    axes = []
    for axis in convention.axes.all():
        axes.append(
            {
                "id": axis.pk,
                "number": axis.number,
                "title": axis.title,
                "objectives": [{"id": o.pk, "text": o.text} for o in axis.objectives.all()],
                "actions": [_action(action) for action in axis.actions.all()],
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "convention": {
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
        },
        "articles": [
            {"id": a.pk, "number": a.number, "title": a.title, "text": a.text}
            for a in convention.articles.all()
        ],
        "sectors": [
            {"id": s.pk, "name": s.name, "description": s.description}
            for s in convention.sectors.all()
        ],
        "axes": axes,
        "parties": parties,
        "amendment": None
        if amendment is None
        else {"id": amendment.pk, "number": amendment.number, "object": amendment.object},
        "generated_at": timezone.now().isoformat(timespec="seconds"),
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
        "fundings": [
            {
                "funder": funding.funder.name,
                "nature": funding.get_nature_display(),
                "section": funding.get_section_display(),
                "year": funding.year,
                "amount": _amount(funding.amount),
                "status": funding.get_status_display(),
                "status_code": funding.status,
            }
            for funding in action.fundings.all()
        ],
    }


def snapshot_of(convention: Convention, *, amendment=None) -> dict:
    return build_snapshot(convention_for_snapshot(convention.pk), amendment=amendment)


# Presentation: the JSON as templates want it.


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
    """Financing of one action, refused requests excluded (the rule of actions.dashboards)."""
    return sum(
        (Decimal(f["amount"]) for f in action["fundings"] if not _refused(f)),
        Decimal("0"),
    )


def financing_totals(snapshot: dict) -> dict:
    """Estimated costs and funding of the action plan, per axis and overall.

    Same rules as the tableau de bord (actions.dashboards): abandoned actions and
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


# Diff between two snapshots.


def highlight_changes(before: str, after: str):
    """Both texts as HTML with the changed words marked (<del>/<ins>), every piece escaped."""
    old, new = before.split(" "), after.split(" ")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_piece, new_piece = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        if tag == "equal":
            removed.append(("span", old_piece))
            added.append(("span", new_piece))
            continue
        if old_piece:
            removed.append(("del", old_piece))
        if new_piece:
            added.append(("ins", new_piece))
    return (
        format_html_join(" ", "<{0}>{1}</{0}>", removed),
        format_html_join(" ", "<{0}>{1}</{0}>", added),
    )


@dataclass
class Diff:
    articles_added: list = field(default_factory=list)
    articles_removed: list = field(default_factory=list)
    articles_changed: list = field(default_factory=list)
    axes_added: list = field(default_factory=list)
    axes_removed: list = field(default_factory=list)
    axes_renamed: list = field(default_factory=list)
    objectives_added: list = field(default_factory=list)
    objectives_removed: list = field(default_factory=list)
    actions_added: list = field(default_factory=list)
    actions_removed: list = field(default_factory=list)
    actions_changed: list = field(default_factory=list)
    sectors_added: list = field(default_factory=list)
    sectors_removed: list = field(default_factory=list)
    parties_added: list = field(default_factory=list)
    parties_removed: list = field(default_factory=list)
    duration_changes: list = field(default_factory=list)
    totals_before: dict = field(default_factory=dict)
    totals_after: dict = field(default_factory=dict)

    CHANGE_LISTS = (
        "articles_added",
        "articles_removed",
        "articles_changed",
        "axes_added",
        "axes_removed",
        "axes_renamed",
        "objectives_added",
        "objectives_removed",
        "actions_added",
        "actions_removed",
        "actions_changed",
        "sectors_added",
        "sectors_removed",
        "parties_added",
        "parties_removed",
        "duration_changes",
    )

    @property
    def is_empty(self):
        return not any(getattr(self, name) for name in self.CHANGE_LISTS)

    @property
    def totals_changed(self):
        return self.totals_before != self.totals_after


ACTION_FIELDS = {
    "code": "numéro",
    "title": "intitulé",
    "maturity_label": "maturité",
    "project_owner": "maître d’ouvrage",
    "sector": "secteur",
    "start_date": "début",
    "end_date": "fin",
    "estimated_cost": "coût estimatif",
    "funding_total": "financements",
}


def _keyed(items, key="id"):
    return {item[key]: item for item in items}


def _article_label(article):
    return (
        f"Article {article['number']} – {article['title']}"
        if article["number"]
        else article["title"]
    )


def _action_row(action):
    return {**action, "funding_total": str(action_funding_total(action))}


def diff_snapshots(before: dict, after: dict) -> Diff:
    """What changed from one snapshot to the other, for people to read."""
    diff = Diff()
    old_articles, new_articles = _keyed(before["articles"]), _keyed(after["articles"])
    for key, article in new_articles.items():
        if key not in old_articles:
            diff.articles_added.append(_article_label(article))
            continue
        old = old_articles[key]
        if (old["title"], old["text"], old["number"]) != (
            article["title"],
            article["text"],
            article["number"],
        ):
            removed, added = highlight_changes(old["text"], article["text"])
            diff.articles_changed.append(
                {
                    "label": _article_label(article),
                    "old_label": _article_label(old),
                    "before": removed,
                    "after": added,
                }
            )
    diff.articles_removed = [
        _article_label(a) for k, a in old_articles.items() if k not in new_articles
    ]

    old_axes, new_axes = _keyed(before["axes"]), _keyed(after["axes"])
    for key, axis in new_axes.items():
        label = f"Axe {axis['number']} : {axis['title']}"
        if key not in old_axes:
            diff.axes_added.append(label)
            diff.objectives_added += [
                {"axis": label, "text": o["text"]} for o in axis["objectives"]
            ]
            continue
        old = old_axes[key]
        if (old["number"], old["title"]) != (axis["number"], axis["title"]):
            diff.axes_renamed.append(
                {"before": f"Axe {old['number']} : {old['title']}", "after": label}
            )
        old_objectives = {o["id"]: o for o in old["objectives"]}
        new_objectives = {o["id"]: o for o in axis["objectives"]}
        for okey, objective in new_objectives.items():
            if okey not in old_objectives:
                diff.objectives_added.append({"axis": label, "text": objective["text"]})
            elif old_objectives[okey]["text"] != objective["text"]:
                diff.objectives_removed.append(
                    {"axis": label, "text": old_objectives[okey]["text"]}
                )
                diff.objectives_added.append({"axis": label, "text": objective["text"]})
        diff.objectives_removed += [
            {"axis": label, "text": o["text"]}
            for okey, o in old_objectives.items()
            if okey not in new_objectives
        ]
    for key, axis in old_axes.items():
        if key not in new_axes:
            label = f"Axe {axis['number']} : {axis['title']}"
            diff.axes_removed.append(label)
            diff.objectives_removed += [
                {"axis": label, "text": o["text"]} for o in axis["objectives"]
            ]

    old_actions = {a["id"]: _action_row(a) for axis in before["axes"] for a in axis["actions"]}
    new_actions = {a["id"]: _action_row(a) for axis in after["axes"] for a in axis["actions"]}
    for key, action in new_actions.items():
        if key not in old_actions:
            diff.actions_added.append(f"{action['code']} {action['title']}".strip())
            continue
        old = old_actions[key]
        changes = [
            {"field": label, "before": old[name], "after": action[name]}
            for name, label in ACTION_FIELDS.items()
            if old[name] != action[name]
        ]
        if changes:
            diff.actions_changed.append(
                {"label": f"{action['code']} {action['title']}".strip(), "changes": changes}
            )
    diff.actions_removed = [
        f"{a['code']} {a['title']}".strip() for k, a in old_actions.items() if k not in new_actions
    ]

    old_sectors, new_sectors = _keyed(before["sectors"]), _keyed(after["sectors"])
    diff.sectors_added = [s["name"] for k, s in new_sectors.items() if k not in old_sectors]
    diff.sectors_removed = [s["name"] for k, s in old_sectors.items() if k not in new_sectors]
    for key, sector in new_sectors.items():
        old = old_sectors.get(key)
        if old and (old["name"], old["description"]) != (sector["name"], sector["description"]):
            diff.sectors_removed.append(old["name"])
            diff.sectors_added.append(sector["name"])

    old_parties = _keyed(before["parties"], "organisation_id")
    new_parties = _keyed(after["parties"], "organisation_id")
    diff.parties_added = [
        f"{p['organisation']} ({p['role_label']})"
        for k, p in new_parties.items()
        if k not in old_parties
    ]
    diff.parties_removed = [
        f"{p['organisation']} ({p['role_label']})"
        for k, p in old_parties.items()
        if k not in new_parties
    ]

    labels = {
        "duration_years": "durée (années)",
        "end_date": "date de fin",
        "duration_note": "durée telle qu’écrite",
    }
    for name, label in labels.items():
        old_value, new_value = before["convention"][name], after["convention"][name]
        if old_value != new_value:
            diff.duration_changes.append({"field": label, "before": old_value, "after": new_value})

    old_totals, new_totals = financing_totals(before), financing_totals(after)
    diff.totals_before = {"cost": old_totals["cost"], "funded": old_totals["funded"]}
    diff.totals_after = {"cost": new_totals["cost"], "funded": new_totals["funded"]}
    return diff


def pdf_context(snapshot: dict, *, version_number=None, signed_on=None, working_copy=False) -> dict:
    """Context of templates/pdf/convention.html for a snapshot."""
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
