"""Bulk writes of the synthetic dataset, each row with its history row (django-simple-history).

Rows are inserted with bulk_create, then their history with bulk_history_create, the date,
author and change reason of each history row taken from the object (_history_date,
_history_user, _change_reason), so the history pages read like a portal used for years.
"""

import datetime
import random
from collections import Counter

from django.apps import apps
from django.utils import timezone
from faker import Faker

from . import rows

CHANGE_REASON = "Démo nationale (jeu de données synthétique)"


def moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """An aware instant during office hours on `day`, never in the future."""
    instant = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(8 + rng.randrange(10), rng.randrange(60)))
    )
    return min(instant, timezone.now())


class Writer:
    """Inserts rows in bulk, counts them, and draws every random value from one seed."""

    def __init__(self, *, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.today = today
        self.rows: Counter[str] = Counter()
        self.history_rows = 0

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randrange(max((end - start).days, 1)))

    def stamp(self, obj, day: datetime.date, user=None, reason: str = CHANGE_REASON):
        """Set the history date, author and reason that the history row of obj will carry."""
        obj._history_date = moment(min(day, self.today), self.rng)
        obj._history_user = user
        obj._change_reason = reason
        return obj

    def create(self, model, objs: list, *, history: bool = True) -> list:
        """bulk_create the rows, then (unless told otherwise) their creation history."""
        if not objs:
            return objs
        created = rows.insert(model, objs)
        self.rows[model._meta.verbose_name_plural] += len(created)
        if history:
            self.history(model, created)
        return created

    def history(self, model, objs: list, *, update: bool = False) -> dict[int, int]:
        """History rows for objects as they are now ("+" created, or "~" changed); returns
        {object pk: history_id}."""
        for obj in objs:
            if not hasattr(obj, "_history_date"):
                self.stamp(obj, self.today)
        history = rows.insert_history(model, objs, update=update, reason=CHANGE_REASON)
        self.history_rows += len(history)
        return history

    def link(self, model, field: str, pairs: list[tuple], history: dict | None = None):
        """Many-to-many rows (owner, target) and, given the owners' "+" history rows
        ({owner pk: history_id}), the matching rows of the many-to-many history."""
        if not pairs:
            return
        relation = model._meta.get_field(field)
        through = relation.remote_field.through
        source = relation.m2m_field_name()
        target = relation.m2m_reverse_field_name()
        links = rows.insert_links(through, source, target, pairs)
        self.rows[f"{model._meta.verbose_name} × {relation.verbose_name}"] += len(pairs)
        if history is None:
            return
        historical = apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{field}")
        rows.insert_link_history(
            historical,
            source,
            target,
            [
                (link, history[a.pk], a.pk, b.pk)
                for link, (a, b) in zip(links, pairs, strict=True)
                if a.pk in history
            ],
        )
        self.history_rows += len(pairs)

    def pick(self, weighted: dict):
        """One key of {value: weight}."""
        return self.rng.choices(list(weighted), weights=list(weighted.values()))[0]
