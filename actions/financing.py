"""The financing rule: the one place that says what a funding line counts as.

Conventions write the plan de financement of an action with lines of several natures
(DOMAIN.md, "Financing"). Each nature falls in one category:

- THIRD_PARTY: money brought by someone else (subvention, mécénat, apport en nature,
  other); it is "financement" and lowers the maître d'ouvrage's reste à charge;
- OWNER_SHARE: the maître d'ouvrage's own funds (fonds propres / autofinancement, or the
  private investor's money when a private body is the maître d'ouvrage); shown as its
  declared share, it lowers nothing;
- LOAN: a prêt or an avance remboursable is paid back: it is shown apart, never in the
  financing, and never lowers the reste à charge.

A request's status says whether a third party's money is acquired (acquis / notifié,
versé) or pending (prévu, sollicité); a refused request finances nothing. A line whose
amount is not known yet (« montant à préciser ») is pending and counted in no sum: it is
counted as a line instead, so a page shows "1 demande sans montant", never a silent 0.

Everything else (QuerySet annotations, the fiche, the dashboards, the maquette, the
exports, the signed versions, the warnings) calls figures_of() or funding_sums().
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from django.db import models
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=20, decimal_places=2)


class Nature(models.TextChoices):
    SUBVENTION = "subvention", "Subvention"
    PRET = "pret", "Prêt"
    AVANCE = "avance", "Avance remboursable"
    FONDS_PROPRES = "fonds_propres", "Fonds propres / autofinancement du maître d’ouvrage"
    INVESTISSEMENT_PRIVE = "investissement_prive", "Investissement privé"
    MECENAT = "mecenat", "Mécénat"
    APPORT_NATURE = "apport_nature", "Apport en nature"
    AUTRE = "autre", "Autre"


class Status(models.TextChoices):
    PREVU = "prevu", "Prévu"
    SOLLICITE = "sollicite", "Sollicité"
    ACQUIS = "acquis", "Acquis / notifié"
    REFUSE = "refuse", "Refusé"
    VERSE = "verse", "Versé"


THIRD_PARTY = "third_party"
OWNER_SHARE = "owner_share"
LOAN = "loan"

NATURE_CATEGORY = {
    Nature.SUBVENTION: THIRD_PARTY,
    Nature.PRET: LOAN,
    Nature.AVANCE: LOAN,
    Nature.FONDS_PROPRES: OWNER_SHARE,
    Nature.INVESTISSEMENT_PRIVE: OWNER_SHARE,
    Nature.MECENAT: THIRD_PARTY,
    Nature.APPORT_NATURE: THIRD_PARTY,
    Nature.AUTRE: THIRD_PARTY,
}
ACQUIRED = (Status.ACQUIS, Status.VERSE)
PENDING = (Status.PREVU, Status.SOLLICITE)

# Natures as the first signed versions (snapshot schema 1) wrote them: their labels.
NATURE_OF_LABEL = {label: value for value, label in Nature.choices} | {
    "Avance": Nature.AVANCE,
    "Fonds propres": Nature.FONDS_PROPRES,
}


def natures(category: str) -> list[str]:
    return [nature for nature, of in NATURE_CATEGORY.items() if of == category]


@dataclass(frozen=True)
class Figures:
    """What a plan de financement amounts to (one action or many).

    cost is None when it is unknown (an action not costed yet); unknown counts the lines
    whose amount is « à préciser » (refused ones aside); refused is shown, never counted.
    The financing of an action without a cost lowers no cost: costed_financing and
    costed_owner_share are the parts of financing and owner_share on costed actions.
    """

    cost: Decimal | None = None
    acquired: Decimal = ZERO
    pending: Decimal = ZERO
    loans: Decimal = ZERO
    owner_share: Decimal = ZERO
    unknown: int = 0
    refused: Decimal = ZERO
    costed_financing: Decimal | None = None
    costed_owner_share: Decimal | None = None

    def __post_init__(self):
        costed = self.cost is not None
        if self.costed_financing is None:
            object.__setattr__(self, "costed_financing", self.financing if costed else ZERO)
        if self.costed_owner_share is None:
            object.__setattr__(self, "costed_owner_share", self.owner_share if costed else ZERO)

    @property
    def financing(self) -> Decimal:
        """Financements (third parties), acquired or pending; loans never."""
        return self.acquired + self.pending

    @property
    def remaining_charge(self) -> Decimal | None:
        """Reste à charge du maître d'ouvrage: cost minus the third parties' financing.
        Neither a loan nor the maître d'ouvrage's own funds lower it."""
        return None if self.cost is None else self.cost - self.costed_financing

    @property
    def remaining(self) -> Decimal | None:
        """Reste à financer: the reste à charge not covered by a declared own share."""
        charge = self.remaining_charge
        return None if charge is None else charge - self.costed_owner_share

    @property
    def acquired_percent(self) -> int:
        return round(self.acquired * 100 / self.financing) if self.financing else 0

    def __add__(self, other: "Figures") -> "Figures":
        values = {}
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            zero = 0 if item.name == "unknown" else ZERO
            values[item.name] = (mine or zero) + (theirs or zero)
        return Figures(**values)


def _get(line, name):
    return line.get(name) if isinstance(line, dict) else getattr(line, name)


FINANCING = ("acquired", "pending")


def figure_of(line) -> str:
    """The one figure a line adds to: "acquired" or "pending" (third parties' financing),
    "loans", "owner_share", "refused" (shown, never counted) or "unknown" (no amount)."""
    status, amount = _get(line, "status"), _get(line, "amount")
    if status == Status.REFUSE:
        return "refused"
    if amount is None:
        return "unknown"
    category = NATURE_CATEGORY.get(_get(line, "nature"), THIRD_PARTY)
    if category == LOAN:
        return "loans"
    if category == OWNER_SHARE:
        return "owner_share"
    return "acquired" if status in ACQUIRED else "pending"


def figures_of(cost: Decimal | None, lines: Iterable) -> Figures:
    """The figures of one action: its cost and its lines (objects or dicts with nature,
    status and amount; amount None when « à préciser »)."""
    sums = dict.fromkeys(("acquired", "pending", "loans", "owner_share", "refused"), ZERO)
    unknown = 0
    for line in lines:
        figure = figure_of(line)
        if figure == "unknown":
            unknown += 1
        else:
            sums[figure] += _get(line, "amount") or ZERO
    return Figures(cost=cost, unknown=unknown, **sums)


def total_of(figures: Iterable[Figures]) -> Figures:
    """Figures of several actions added up; the cost of the uncosted ones is unknown, so
    the total cost is the sum of the known costs."""
    total = Figures(cost=ZERO)
    for item in figures:
        total = total + item
    return total


# The same rule, in the database


def line_conditions(prefix: str = "") -> dict[str, Q]:
    """The condition of each figure on funding lines (prefix: "fundings__" from actions)."""
    status, nature, amount = f"{prefix}status", f"{prefix}nature", f"{prefix}amount"
    counted = ~Q(**{status: Status.REFUSE}) & Q(**{f"{amount}__isnull": False})
    third = counted & Q(**{f"{nature}__in": natures(THIRD_PARTY)})
    return {
        "counted": counted,
        "acquired": third & Q(**{f"{status}__in": ACQUIRED}),
        "pending": third & Q(**{f"{status}__in": PENDING}),
        "loans": counted & Q(**{f"{nature}__in": natures(LOAN)}),
        "owner_share": counted & Q(**{f"{nature}__in": natures(OWNER_SHARE)}),
        "refused": Q(**{status: Status.REFUSE}),
        "unknown": ~Q(**{status: Status.REFUSE}) & Q(**{f"{amount}__isnull": True}),
        "third_party": third,
    }


def money_sum(field: str = "amount", condition: Q | None = None):
    """Sum of an amount column, 0 rather than NULL when no row matches."""
    return Coalesce(Sum(field, filter=condition), Value(ZERO), output_field=MONEY)


def funding_sums(prefix: str = "", name: str = "{}", costed: Q | None = None) -> dict:
    """Aggregates of the figures (Figures fields but cost) over funding lines; with
    `costed` (the condition of a line whose action has a cost), the costed_* parts too."""
    conditions = line_conditions(prefix)
    sums = {
        name.format(figure): money_sum(f"{prefix}amount", conditions[figure])
        for figure in ("acquired", "pending", "loans", "owner_share", "refused")
    }
    sums[name.format("unknown")] = Count(f"{prefix}pk", filter=conditions["unknown"])
    if costed is not None:
        sums[name.format("costed_financing")] = money_sum(
            f"{prefix}amount", conditions["third_party"] & costed
        )
        sums[name.format("costed_owner_share")] = money_sum(
            f"{prefix}amount", conditions["owner_share"] & costed
        )
    return sums


def figures_from(row, cost=None, name: str = "{}") -> Figures:
    """Figures read back from a row annotated or aggregated with funding_sums()."""
    figures = ["acquired", "pending", "loans", "owner_share", "refused", "unknown"]
    figures += ["costed_financing", "costed_owner_share"]
    values = {}
    for figure in figures:
        key = name.format(figure)
        present = key in row if isinstance(row, dict) else hasattr(row, key)
        if present:
            values[figure] = _get(row, key)
    return Figures(cost=cost, **values)
