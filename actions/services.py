"""Writes on the plan d'action: every change of an action goes through here.

The plan d'action evolves without avenant (Libercourt art. 4), so actions, their
financing and indicators change freely; axes and objectives do not (art. 3 and 12).
Each write runs in one transaction, leaves a change reason for the history and
increments Action.version, which lets a second editor notice they worked on a stale
copy instead of silently overwriting the first one's changes.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from ort_portal.numbers import format_euros
from ort_portal.writes import delete_tracked, save_tracked

from .financing import figures_of
from .models import Action, ActionOwner, Axis, Funding, Indicator, Measurement


class StaleActionError(Exception):
    """The action changed since the editor loaded it (its version moved on)."""

    def __init__(self, current: Action, expected_version: int):
        super().__init__(f"Version {expected_version} attendue, {current.version} trouvée.")
        self.current = current
        self.expected_version = expected_version


def _lock(action: Action, expected_version: int | None) -> Action:
    current = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleActionError(current, expected_version)
    return current


def _save_new_version(action: Action, reason: str, update_fields=None) -> Action:
    action.version += 1
    fields = None if update_fields is None else [*update_fields, "version"]
    return save_tracked(action, reason=reason, update_fields=fields)


def _next_position(axis: Axis) -> int:
    last = axis.actions.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def action_create(*, axis: Axis, values: dict, partners: Iterable = ()) -> Action:
    """Add an action at the end of an axis; the action plan evolves without avenant."""
    with transaction.atomic():
        action = Action(axis=axis, **values)
        action.position = _next_position(axis)
        save_tracked(action, reason="Création de l’action")
        action.partners.set(partners)
    return action


def action_update(
    *,
    action: Action,
    expected_version: int,
    values: dict,
    partners: Iterable | None = None,
    owners: Iterable[ActionOwner] = (),
    owners_deleted: Iterable[ActionOwner] = (),
) -> Action:
    """Save the fiche's fields and its other maîtres d'ouvrage (added or changed, and
    removed); moving to another axis puts the action at its end."""
    with transaction.atomic():
        current = _lock(action, expected_version)
        new_axis = values.get("axis")
        if new_axis is not None and new_axis.pk != current.axis_id:
            if new_axis.convention_id != current.axis.convention_id:
                raise ValueError("Une action ne change pas de convention.")
            current.position = _next_position(new_axis)
        for name, value in values.items():
            setattr(current, name, value)
        _save_new_version(current, "Modification de la fiche-action")
        if partners is not None:
            current.partners.set(partners)
        _save_owners(current, owners, owners_deleted)
    return current


def _save_owners(action: Action, owners: Iterable[ActionOwner], deleted: Iterable[ActionOwner]):
    for owner in deleted:
        if owner.action_id != action.pk:
            raise ValueError("Ce maître d’ouvrage appartient à une autre action.")
        delete_tracked(owner, reason="Maître d’ouvrage retiré de l’action")
    for owner in owners:
        if owner.pk is not None and owner.action_id != action.pk:
            raise ValueError("Ce maître d’ouvrage appartient à une autre action.")
        owner.action = action
        owner.full_clean()
        save_tracked(owner, reason="Maîtres d’ouvrage de l’action modifiés")


def action_set_maturity(*, action: Action, expected_version: int, maturity: str) -> Action:
    """Change the maturity; a réalisée action is complete (100 %)."""
    with transaction.atomic():
        current = _lock(action, expected_version)
        current.maturity = maturity
        fields = ["maturity"]
        if maturity == Action.Maturity.REALISEE:
            current.progress = 100
            fields.append("progress")
        label = Action.Maturity(maturity).label.lower()
        _save_new_version(current, f"Maturité passée à « {label} »", fields)
    return current


def action_move(*, action: Action, direction: str) -> Action:
    """Swap the action with its neighbour in the axis (direction "up" or "down").

    Positions of the axis are renumbered 1..n first, so that duplicates left by an
    import cannot block the move.
    """
    if direction not in {"up", "down"}:
        raise ValueError(direction)
    with transaction.atomic():
        siblings = list(
            Action.objects.select_for_update()
            .filter(axis_id=action.axis_id)
            .order_by("position", "code", "pk")
        )
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == action.pk)
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(siblings):
            siblings[index], siblings[target] = siblings[target], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                sibling.position = position
                _save_new_version(sibling, "Réordonnancement dans l’axe", ["position"])
    return next(s for s in siblings if s.pk == action.pk)


def funding_warnings(*, action: Action, lines: Iterable[dict], cost: Decimal | None) -> list[str]:
    """What deserves a second look before saving financing lines, in French.

    Third parties' financing above the action's estimated cost (the rule of
    actions.financing: loans, own funds, refused and « à préciser » lines aside), and years
    outside the convention's period (the plan de financement follows its calendar).
    """
    lines = list(lines)
    warnings = _above_cost(figures_of(cost, lines).financing, cost)
    convention = action.axis.convention
    years = set()
    for line in lines:
        years |= {line.get("year"), line.get("period_start"), line.get("period_end")}
    outside = sorted(year for year in years if year and convention.covers_year(year) is False)
    if outside:
        start = convention.effective_date or convention.signature_date
        listed = ", ".join(str(year) for year in outside)
        warnings.append(
            f"Année(s) hors de la période de la convention "
            f"({start:%d/%m/%Y} – {convention.computed_end_date:%d/%m/%Y}) : {listed}."
        )
    return warnings


def cost_warnings(*, action: Action, cost: Decimal | None) -> list[str]:
    """Before lowering an action's estimated cost: its third parties' financing should not
    exceed the new cost."""
    return _above_cost(figures_of(cost, action.fundings.all()).financing, cost)


def _above_cost(total: Decimal, cost: Decimal | None) -> list[str]:
    if cost is None or total <= cost:
        return []
    return [
        f"Les financements ({format_euros(total)}) dépassent le coût estimatif de l’action "
        f"({format_euros(cost)}) de {format_euros(total - cost)}."
    ]


def fundings_save(
    *,
    action: Action,
    expected_version: int,
    lines: Iterable[Funding],
    deleted: Iterable[Funding],
) -> Action:
    """Replace the financing plan's changed lines at once, or nothing at all."""
    with transaction.atomic():
        current = _lock(action, expected_version)
        for funding in deleted:
            if funding.action_id != current.pk:
                raise ValueError("Cette ligne de financement appartient à une autre action.")
            delete_tracked(funding, reason="Suppression d’une ligne de financement")
        for funding in lines:
            if funding.pk is not None and funding.action_id != current.pk:
                raise ValueError("Cette ligne de financement appartient à une autre action.")
            funding.action = current
            funding.full_clean()
            save_tracked(funding, reason="Plan de financement modifié")
        _save_new_version(current, "Plan de financement modifié", [])
    return current


def indicator_create(*, action: Action, expected_version: int, indicator: Indicator) -> Indicator:
    """Add an indicator (d'avancement or de résultat) to a fiche-action."""
    with transaction.atomic():
        current = _lock(action, expected_version)
        indicator.action = current
        indicator.full_clean()
        save_tracked(indicator, reason="Ajout d’un indicateur")
        _save_new_version(current, "Ajout d’un indicateur", [])
    return indicator


def measurement_record(
    *, indicator: Indicator, expected_version: int, date, value: Decimal, comment: str = ""
) -> Measurement:
    """Record the indicator's value on a date; a second value the same day replaces the first."""
    with transaction.atomic():
        current = _lock(indicator.action, expected_version)
        measurement = Measurement.objects.filter(indicator=indicator, date=date).first()
        if measurement is None:
            measurement = Measurement(indicator=indicator, date=date)
        measurement.value = value
        measurement.comment = comment
        save_tracked(measurement, reason="Mesure d’indicateur enregistrée")
        _save_new_version(current, "Mesure d’indicateur enregistrée", [])
    return measurement
