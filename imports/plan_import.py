"""A plan d'action file against a convention: the preview (what would be created, updated
or left unchanged, and every row error), then the import itself, in one transaction.

Rows with the same Axe + Numéro are one action (its fields are read on its first row),
each row carrying at most one financing line. An action of the convention absent from
the file is left alone; so is a financing line absent from it.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from actions.models import Action, Funding, Indicator
from directory.models import Organisation
from ort_portal.writes import save_tracked

from . import plan
from .plan import HEADER_OF, PENDING, PlanValueError, normalise

REASON = "import"
ACTION_FIELDS = {
    # file column: (model field, label in the preview)
    "title": ("title", "Intitulé"),
    "maturity": ("maturity", "Maturité"),
    "has_fiche": ("has_fiche", "Fiche-action"),
    "owner": ("project_owner", "Maître d’ouvrage"),
    "start": ("start_date", "Début"),
    "end": ("end_date", "Fin"),
    "cost": ("estimated_cost", "Coût estimatif HT"),
    "progress": ("progress", "Avancement (%)"),
}


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class FundingChange:
    line: int
    values: dict
    existing: Funding | None = None
    changes: list = field(default_factory=list)

    @property
    def summary(self) -> str:
        values = self.values
        return f"{values['funder'].name}, {values['year']}, {display(values['amount'])}"


@dataclass
class ActionChange:
    line: int
    axis: object
    code: str
    values: dict
    existing: Action | None = None
    changes: list = field(default_factory=list)
    fundings: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)  # the action's first row, as read

    @property
    def status(self) -> str:
        if self.existing is None:
            return "created"
        new_fundings = [f for f in self.fundings if f.existing is None or f.changes]
        return "updated" if self.changes or new_fundings or self.indicators else "unchanged"


@dataclass
class Preview:
    actions: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for change in self.actions if change.status == status)

    @property
    def counts(self) -> dict:
        return {status: self.count(status) for status in ("created", "updated", "unchanged")}


def display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Organisation):
        return value.name
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " €"
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    labels = dict(Action.Maturity.choices) | dict(Funding.Status.choices)
    return str(labels.get(value, value))


def funding_values(cells: dict, funder: Organisation) -> dict:
    """The Funding fields of a financing row. The one place that maps the file to the
    model: main's Funding needs an amount and a year, so a pending amount or a missing
    year is a row error until the financing model accepts them."""
    amount = plan.parse_amount(cells.get("amount", ""))
    if amount == PENDING:
        raise PlanValueError(
            "Montant « à préciser » : le portail ne sait pas encore enregistrer un "
            "financement sans montant ; indiquez le montant prévu.",
            "amount",
        )
    year = plan.parse_integer(cells.get("year", ""), 2000, 2100, "une année")
    if year is None:
        raise PlanValueError(
            "Année manquante : le portail ne sait pas encore enregistrer un financement "
            "sans année.",
            "year",
        )
    return {
        "funder": funder,
        "amount": amount,
        "year": year,
        "nature": plan.parse_nature(cells.get("nature", ""), Funding.Nature.SUBVENTION),
        "status": plan.parse_status(cells.get("status", ""), Funding.Status.PREVU),
    }


class Builder:
    """Builds the Preview of parsed rows (plan.read_rows) against a convention."""

    def __init__(self, convention, parsed: dict):
        self.convention = convention
        self.columns = parsed["columns"]
        self.rows = parsed["rows"]
        self.preview = Preview()
        self.axes = {axis.number: axis for axis in convention.axes.all()}
        self.organisations = {normalise(org.name): org for org in Organisation.objects.all()}
        self.existing = {}
        actions = (
            Action.objects.filter(axis__convention=convention)
            .select_related("axis", "project_owner")
            .prefetch_related("fundings", "indicators")
            .order_by("pk")
        )
        for action in actions:
            key = self.key(action.axis.number, action.code, action.title)
            self.existing.setdefault(key, action)

    @staticmethod
    def key(axis_number, code, title):
        return (axis_number, code.strip() if code.strip() else "#" + normalise(title))

    def error(self, line, column, message):
        self.preview.errors.append(RowError(line, HEADER_OF.get(column, column), message))

    def parse(self, cells, column, parser, *args):
        try:
            return parser(cells.get(column, ""), *args)
        except PlanValueError as error:
            self.error(cells["line"], column, str(error.args[0]))
            raise

    def organisation(self, cells, column) -> Organisation | None:
        name = cells.get(column, "").strip()
        if not name:
            return None
        found = self.organisations.get(normalise(name))
        if found is None:
            close = difflib.get_close_matches(normalise(name), self.organisations, n=3, cutoff=0.6)
            hint = ""
            if close:
                names = " ; ".join(f"« {self.organisations[key].name} »" for key in close)
                hint = f" Vouliez-vous dire : {names} ?"
            message = f"Organisation « {name} » inconnue de l’annuaire.{hint}"
            self.error(cells["line"], column, message)
            raise PlanValueError(message)
        return found

    def build(self) -> Preview:
        changes = {}
        for cells in self.rows:
            try:
                change = self.action_of(cells, changes)
                if change is not None:
                    self.add_funding(change, cells)
                    self.add_indicator(change, cells)
            except PlanValueError:
                continue
        self.preview.actions = list(changes.values())
        return self.preview

    def action_of(self, cells, changes) -> ActionChange | None:
        line = cells["line"]
        number = self.parse(cells, "axis", plan.parse_integer, 0, 999, "un numéro d’axe")
        axis = self.axes.get(number)
        if axis is None:
            known = ", ".join(str(n) for n in sorted(self.axes)) or "aucun"
            self.error(line, "axis", f"Axe « {cells['axis']} » inconnu (axes : {known}).")
            raise PlanValueError("axis")
        if len(cells.get("code", "").strip()) > 20:
            self.error(line, "code", "Le numéro d’action tient en 20 caractères au plus.")
            raise PlanValueError("code")
        key = self.key(number, cells.get("code", ""), cells.get("title", ""))
        if key in changes:
            self.check_same_action(changes[key], cells)
            return changes[key]
        values = self.action_values(cells)
        change = ActionChange(line, axis, cells.get("code", "").strip(), values, cells=cells)
        change.existing = self.existing.get(key)
        if change.existing is not None:
            change.changes = self.action_changes(change.existing, values)
        changes[key] = change
        return change

    def check_same_action(self, change: ActionChange, cells):
        """A further row of an action leaves its action cells empty or repeats them."""
        for column in ACTION_FIELDS:
            text = normalise(cells.get(column, ""))
            if text and text != normalise(change.cells.get(column, "")):
                message = f"Diffère de la ligne {change.line}, la première de cette action."
                self.error(cells["line"], column, message)
                raise PlanValueError(message)

    def action_values(self, cells) -> dict:
        if not cells.get("title", "").strip():
            self.error(cells["line"], "title", "L’intitulé de l’action est obligatoire.")
            raise PlanValueError("title")
        values = {"title": cells["title"].strip()[:500]}
        parsers = {
            "maturity": (plan.parse_maturity,),
            "has_fiche": (plan.parse_yes_no,),
            "start": (plan.parse_date,),
            "end": (plan.parse_date,),
            "cost": (plan.parse_decimal,),
            "progress": (plan.parse_integer, 0, 100, "un pourcentage"),
        }
        failed = False
        for column, (parser, *args) in parsers.items():
            if column not in self.columns:
                continue
            try:
                values[column] = self.parse(cells, column, parser, *args)
            except PlanValueError:
                failed = True
        if "owner" in self.columns:
            try:
                values["owner"] = self.organisation(cells, "owner")
            except PlanValueError:
                failed = True
        if failed:
            raise PlanValueError("action")
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            self.error(cells["line"], "end", "La date de fin précède la date de début.")
            raise PlanValueError("end")
        if "maturity" in values and values["maturity"] is None:
            del values["maturity"]  # an empty maturity keeps the stored one (or the default)
        if values.get("progress") is None:
            values.pop("progress", None)
        return {ACTION_FIELDS[column][0]: value for column, value in values.items()}

    @staticmethod
    def action_changes(action: Action, values: dict) -> list:
        changes = []
        for model_field, label in ACTION_FIELDS.values():
            if model_field not in values:
                continue
            old, new = getattr(action, model_field), values[model_field]
            if old != new:
                changes.append((label, display(old), display(new)))
        return changes

    def add_funding(self, change: ActionChange, cells):
        funding_columns = ("funder", "nature", "amount", "status", "year")
        if not any(cells.get(column) for column in funding_columns):
            return
        if not cells.get("funder"):
            self.error(cells["line"], "funder", "Financeur manquant pour ce financement.")
            return
        funder = self.organisation(cells, "funder")
        try:
            values = funding_values(cells, funder)
        except PlanValueError as error:
            column = error.args[1] if len(error.args) > 1 else "amount"
            self.error(cells["line"], column, str(error.args[0]))
            return
        funding = FundingChange(cells["line"], values)
        match = self.funding_key(values)
        if any(self.funding_key(f.values) == match for f in change.fundings):
            self.error(cells["line"], "funder", "Ce financement figure déjà plus haut.")
            return
        if change.existing is not None:
            for existing in change.existing.fundings.all():
                if (existing.funder_id, existing.year, existing.nature) == match:
                    funding.existing = existing
                    for name, label in (("amount", "montant"), ("status", "état")):
                        if getattr(existing, name) != values[name]:
                            old, new = display(getattr(existing, name)), display(values[name])
                            funding.changes.append((label, old, new))
        change.fundings.append(funding)

    @staticmethod
    def funding_key(values: dict) -> tuple:
        return (values["funder"].pk, values["year"], values["nature"])

    def add_indicator(self, change: ActionChange, cells):
        label = cells.get("indicator", "").strip()[:300]
        if not label or label in change.indicators:
            return
        if change.existing is not None and any(
            normalise(i.label) == normalise(label) for i in change.existing.indicators.all()
        ):
            return
        change.indicators.append(label)


def build_preview(convention, parsed: dict) -> Preview:
    return Builder(convention, parsed).build()


def apply(preview: Preview, *, by) -> dict:
    """Write a preview without errors, in one transaction; every write is history-tracked
    with its author and the reason « import »."""
    if preview.errors:
        raise ValueError("A preview with errors is not imported.")
    positions = {}
    with transaction.atomic():
        for change in preview.actions:
            if change.status == "unchanged":
                continue
            action = change.existing
            if action is None:
                axis = change.axis
                if axis.pk not in positions:
                    last = axis.actions.aggregate(last=Max("position"))["last"]
                    positions[axis.pk] = last or 0
                positions[axis.pk] += 1
                action = Action(axis=axis, code=change.code, position=positions[axis.pk])
            else:
                action = Action.objects.select_for_update().get(pk=action.pk)
                action.version += 1
            for name, value in change.values.items():
                setattr(action, name, value)
            save_tracked(action, reason=REASON, by=by)
            for funding in change.fundings:
                row = funding.existing or Funding(action=action)
                if funding.existing is not None and not funding.changes:
                    continue
                for name, value in funding.values.items():
                    setattr(row, name, value)
                save_tracked(row, reason=REASON, by=by)
            for label in change.indicators:
                indicator = Indicator(action=action, label=label, kind=Indicator.Kind.RESULTAT)
                save_tracked(indicator, reason=REASON, by=by)
    return preview.counts
