"""The field-by-field history shown to users, built from django-simple-history rows.

One builder serves every history page: the convention history (conventions.history) and
the history panel of a fiche-action (actions.history). It reads a fixed number of tables
whatever the size of the history: all rows of the scope are read at once, each is
compared with the previous row of the same object in Python, and the names of related
objects are resolved with one query per related model.

Each app says how its rows are named (register_row_label, register_object_names) in its
AppConfig.ready(): this module knows no domain model.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from simple_history import utils

from .dates import PlausibleDatesMixin
from .forms import FilterForm
from .widgets import DateInput

# Technical fields nobody needs to read about.
HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at"}
KIND_LABELS = {"+": "Création", "~": "Modification", "-": "Suppression"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: datetime.datetime
    user: object
    kind: str
    object_type: str
    object_label: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    # Raw values (attname → value) so callers can compare with a form's data.
    raw_changes: dict = field(default_factory=dict)
    model: type | None = None
    object_id: int | None = None

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def author(self):
        if self.user is None:
            return "Système"
        return self.user.get_full_name() or self.user.get_username()


# model -> label(row, names): a short name for the object a history row is about.
_row_labels = {}
# model -> names(queryset): {pk: name} of the objects a foreign key points to.
_object_names = {}


def register_row_label(model, label):
    """How a history row of `model` is named; label(row, names) reads related names from
    `names` ((model, pk) -> name) and must not query the database."""
    _row_labels[model] = label


def register_object_names(model, names):
    """How objects of `model` are named when a foreign key points to them; names(queryset)
    returns {pk: name} in one query."""
    _object_names[model] = names


def _tracked_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]


def _format(model_field, value, names):
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        target = model_field.related_model
        return names.get((target, value), f"{target._meta.verbose_name} n° {value} (supprimé)")
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return str(value)


def format_value(instance, model_field):
    """A model instance's current value of a field, as the history shows values."""
    value = getattr(instance, model_field.attname)
    names = {}
    if isinstance(model_field, models.ForeignKey) and value is not None:
        names[(model_field.related_model, value)] = str(getattr(instance, model_field.name))
    return _format(model_field, value, names)


def _label(model, row, names):
    """A short name for the object a history row is about, without extra queries."""
    label = _row_labels.get(model)
    if label is not None:
        return label(row, names)
    return getattr(row, "title", None) or str(row.id)


def _m2m_sets(model, rows):
    """For each history row, the related ids of each tracked many-to-many field (partners,
    communes…): one query per field, read from django-simple-history's m2m tables."""
    history_model = model.history.model
    sets = {}
    for m2m_field in getattr(history_model, "_history_m2m_fields", []):
        m2m_history = getattr(history_model, m2m_field.name).model
        target = utils.get_m2m_reverse_field_name(m2m_field)
        by_row = {row.history_id: set() for row in rows}
        pairs = m2m_history.objects.filter(history_id__in=by_row).values_list(
            "history_id", f"{target}_id"
        )
        for history_id, target_id in pairs:
            by_row[history_id].add(target_id)
        sets[m2m_field] = by_row
    return sets


def _resolve_names(rows_by_model, m2m_by_model):
    """Names of every object a foreign key or a many-to-many field of these rows points
    to: one query per related model."""
    wanted: dict[type, set] = {}
    for m2m_sets in m2m_by_model.values():
        for m2m_field, by_row in m2m_sets.items():
            for ids in by_row.values():
                wanted.setdefault(m2m_field.related_model, set()).update(ids)
    for model, rows in rows_by_model.items():
        fks = [f for f in _tracked_fields(model) if isinstance(f, models.ForeignKey)]
        for row in rows:
            for fk in fks:
                value = getattr(row, fk.attname)
                if value is not None:
                    wanted.setdefault(fk.related_model, set()).add(value)
    names = {}
    for target, ids in wanted.items():
        queryset = target._base_manager.filter(pk__in=ids)
        naming = _object_names.get(target)
        if naming is not None:
            names.update({(target, pk): name for pk, name in naming(queryset).items()})
        else:
            names.update({(target, obj.pk): str(obj) for obj in queryset})
    # Objects deleted since keep the name of their last history row.
    for model, rows in rows_by_model.items():
        for row in rows:
            names.setdefault((model, row.id), _label(model, row, names))
    return names


def _m2m_diff(row, previous, m2m_sets, names):
    changes = []
    for m2m_field, by_row in m2m_sets.items():
        new = by_row.get(row.history_id, set())
        old = by_row.get(previous.history_id, set()) if previous is not None else set()
        if old == new:
            continue
        target = m2m_field.related_model

        def listed(ids, target=target):
            return ", ".join(sorted(names.get((target, pk), str(pk)) for pk in ids)) or "—"

        changes.append(
            FieldChange(
                label=capfirst(str(m2m_field.verbose_name)),
                old=listed(old) if previous is not None else "",
                new=listed(new),
            )
        )
    return changes


def _diff(model, row, previous, names):
    changes, raw = [], {}
    for model_field in _tracked_fields(model):
        new = getattr(row, model_field.attname)
        if previous is None:
            if new in (None, "") or (model_field.name == "position"):
                continue
            old = None
        else:
            old = getattr(previous, model_field.attname)
            if old == new:
                continue
        raw[model_field.attname] = (old, new)
        changes.append(
            FieldChange(
                label=capfirst(str(model_field.verbose_name)),
                old=_format(model_field, old, names) if previous is not None else "",
                new=_format(model_field, new, names),
            )
        )
    return changes, raw


def build_history(querysets: dict, *, author=None, since=None, until=None):
    """History entries, newest first, of the history rows of each model's queryset.

    `querysets` maps a model to the queryset of its historical rows in scope. The author
    and date filters apply to the entries, while each row is still compared with the
    previous row of its object, filtered out or not.
    """
    rows_by_model = {
        model: list(queryset.select_related("history_user").order_by("history_date", "pk"))
        for model, queryset in querysets.items()
    }
    m2m_by_model = {model: _m2m_sets(model, rows) for model, rows in rows_by_model.items()}
    names = _resolve_names(rows_by_model, m2m_by_model)
    entries = []
    for model, rows in rows_by_model.items():
        m2m_sets = m2m_by_model[model]
        last_seen = {}
        for row in rows:
            previous = last_seen.get(row.id)
            last_seen[row.id] = row
            if row.history_type == "-":
                changes, raw = [], {}
            else:
                compared = previous if row.history_type == "~" else None
                changes, raw = _diff(model, row, compared, names)
                changes += _m2m_diff(row, compared, m2m_sets, names)
                if row.history_type == "~" and not changes:
                    continue
            entries.append(
                HistoryEntry(
                    date=row.history_date,
                    user=row.history_user,
                    kind=row.history_type,
                    object_type=str(model._meta.verbose_name).capitalize(),
                    object_label=_label(model, row, names),
                    reason=row.history_change_reason or "",
                    changes=changes,
                    raw_changes=raw,
                    model=model,
                    object_id=row.id,
                )
            )
    entries.sort(key=lambda entry: entry.date, reverse=True)
    authors = {entry.user.pk: entry.user for entry in entries if entry.user is not None}
    if author is not None:
        entries = [e for e in entries if e.user is not None and e.user.pk == author]
    if since is not None:
        entries = [e for e in entries if timezone.localdate(e.date) >= since]
    if until is not None:
        entries = [e for e in entries if timezone.localdate(e.date) <= until]
    return entries, sorted(authors.values(), key=lambda u: (u.get_full_name(), u.username))


class HistoryFilterForm(PlausibleDatesMixin, FilterForm):
    author = forms.IntegerField(label="Auteur", required=False, widget=forms.Select)
    since = forms.DateField(label="Du", required=False, widget=DateInput())
    until = forms.DateField(label="Au", required=False, widget=DateInput())

    def set_authors(self, authors):
        """Offer the authors found in the history (read with it, no extra query)."""
        self.fields["author"].widget.choices = [("", "Tous")] + [
            (user.pk, user.get_full_name() or user.get_username()) for user in authors
        ]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "La date de fin précède la date de début.")
        return cleaned
