"""A plan d'action file against a convention: the preview (what would be created, updated
or left unchanged, and every row error), then the import itself, in one transaction.

Rows with the same Axe + Numéro are one action (its fields are read on its first row),
each row carrying at most one financing line. An action of the convention absent from
the file is left alone; so is a financing line absent from it.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from actions.models import Action, Funding
from directory.models import Organisation

from . import plan
from .access import pickable_organisations
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
        amount = values["amount"]
        shown = "montant à préciser" if amount is None else display(amount)
        return f"{values['funder'].name}, {when(values)}, {shown}"


def when(values: dict) -> str:
    """The year, the period or « sans année » of a financing line's values."""
    if values.get("year"):
        return str(values["year"])
    if values.get("period_start"):
        return f"{values['period_start']}–{values['period_end']}"
    return "sans année"


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
    co_owners: list | None = None  # [(Organisation, OwnerEntry)]; None: column absent

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
    """The Funding fields of a financing row: the one place that maps the file to the
    model. An amount « sollicité » or « à préciser » is stored without amount (a pending
    request, sollicitée unless the row says otherwise); a line has a year, a period
    (a multi-year total) or neither."""
    amount = plan.parse_amount(cells.get("amount", ""))
    year = plan.parse_integer(cells.get("year", ""), 2000, 2100, "une année")
    try:
        period = plan.parse_period(cells.get("period", ""))
    except PlanValueError as error:
        raise PlanValueError(str(error), "period") from error
    if year and period:
        raise PlanValueError("Indiquez une année ou une période, pas les deux.", "period")
    pending = amount == PENDING
    default_status = Funding.Status.SOLLICITE if pending else Funding.Status.PREVU
    return {
        "funder": funder,
        "amount": None if pending else amount,
        "year": year,
        "period_start": period[0] if period else None,
        "period_end": period[1] if period else None,
        "nature": plan.parse_nature(cells.get("nature", ""), Funding.Nature.SUBVENTION),
        "status": plan.parse_status(cells.get("status", ""), default_status),
    }


def owner_error(entry, times: int) -> str:
    """What is wrong with another maître d'ouvrage of the file, or ""."""
    if times > 1:
        return "ce maître d’ouvrage figure deux fois."
    if entry.share is not None and not 0 <= entry.share <= 100:
        return "la part est un pourcentage entre 0 et 100."
    start, end = entry.period_start, entry.period_end
    if start and end and end < start:
        return "la période finit avant de commencer."
    return ""


class Builder:
    """Builds the Preview of parsed rows (plan.read_rows) against a convention."""

    def __init__(self, convention, parsed: dict, user):
        self.convention = convention
        self.columns = parsed["columns"]
        self.rows = parsed["rows"]
        self.preview = Preview()
        self.axes = {axis.number: axis for axis in convention.axes.all()}
        self.organisations = {
            normalise(org.name): org for org in pickable_organisations(convention, user)
        }
        self.existing = {}
        actions = (
            Action.objects.filter(axis__convention=convention)
            .select_related("axis", "project_owner")
            .prefetch_related("fundings", "indicators", "co_owners__organisation")
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

    def organisation(self, cells, column, name=None) -> Organisation | None:
        name = (cells.get(column, "") if name is None else name).strip()
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
        co_owners = values.pop("co_owners", None)
        change = ActionChange(line, axis, cells.get("code", "").strip(), values, cells=cells)
        change.co_owners = co_owners
        change.existing = self.existing.get(key)
        if change.existing is not None:
            change.changes = self.action_changes(change.existing, values)
            change.changes += co_owner_changes(change.existing, co_owners)
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
                values["owner"], values["co_owners"] = self.owners(cells)
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
        return {
            ACTION_FIELDS[column][0] if column in ACTION_FIELDS else column: value
            for column, value in values.items()
        }

    def owners(self, cells) -> tuple:
        """The main maître d'ouvrage and the others, with their share, phase, period."""
        try:
            entries = plan.parse_owners(cells.get("owner", ""))
        except PlanValueError as error:
            self.error(cells["line"], "owner", str(error))
            raise
        found = [(self.organisation(cells, "owner", e.name), e) for e in entries]
        for organisation, entry in found[1:]:
            message = owner_error(entry, [org for org, _ in found].count(organisation))
            if message:
                self.error(cells["line"], "owner", f"{entry.name} : {message}")
                raise PlanValueError(message)
        main = found[0][0] if found else None
        return main, found[1:]

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
        funding_columns = ("funder", "nature", "amount", "status", "year", "period")
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
                if self.funding_key(existing) == match:
                    funding.existing = existing
                    for name, label in (("amount", "montant"), ("status", "état")):
                        if getattr(existing, name) != values[name]:
                            old, new = display(getattr(existing, name)), display(values[name])
                            funding.changes.append((label, old, new))
        change.fundings.append(funding)

    @staticmethod
    def funding_key(line) -> tuple:
        """A line is the same when its financeur, year or period and nature are."""
        if isinstance(line, Funding):
            return (line.funder_id, line.year, line.period_start, line.nature)
        return (line["funder"].pk, line["year"], line["period_start"], line["nature"])

    def add_indicator(self, change: ActionChange, cells):
        label = cells.get("indicator", "").strip()[:300]
        if not label or label in change.indicators:
            return
        if change.existing is not None and any(
            normalise(i.label) == normalise(label) for i in change.existing.indicators.all()
        ):
            return
        change.indicators.append(label)


def build_preview(convention, parsed: dict, user) -> Preview:
    return Builder(convention, parsed, user).build()


def _owner_key(organisation_id, phase, share, start, end) -> tuple:
    return (organisation_id, phase, share.normalize() if share is not None else None, start, end)


def co_owner_changes(action: Action, co_owners: list | None) -> list:
    """The preview's line when the other maîtres d'ouvrage of the file differ."""
    if co_owners is None:
        return []
    stored = list(action.co_owners.all())
    old = sorted(
        _owner_key(o.organisation_id, o.phase, o.share, o.period_start, o.period_end)
        for o in stored
    )
    new = sorted(
        _owner_key(org.pk, e.phase, e.share, e.period_start, e.period_end) for org, e in co_owners
    )
    if old == new:
        return []
    before = " ; ".join(str(owner) for owner in stored) or "—"
    after = " ; ".join(org.name for org, _ in co_owners) or "—"
    return [("Autres maîtres d’ouvrage", before, after)]
