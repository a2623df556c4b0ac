"""What every step of the generation shares: the seeded random source, the synthetic
author of the history rows, and the bulk writes that record that history."""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from simple_history.utils import bulk_create_with_history

PREFIX = "SYNTH-"
MARK = "(synthétique)"
AUTHOR_USERNAME = "synth-generateur"
CHANGE_REASON = "Jeu de données synthétique « démo nationale »"
BATCH_SIZE = 2000
# Content never depends on the day the command runs: every date counts from this one.
REFERENCE_DAY = datetime.date(2026, 1, 5)


def moment(day: datetime.date) -> datetime.datetime:
    """Nine o'clock (UTC) on a day: the history date of what was written "that day"."""
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)


@dataclass
class Run:
    """One generation: its random source, author, scale and the counts it made."""

    rng: random.Random
    scale: float
    author: object = None
    counts: Counter = field(default_factory=Counter)

    def size(self, national: int) -> int:
        """The national count scaled down, never below one."""
        return max(1, round(national * self.scale))

    def create(self, model, objects: list, *, on: datetime.date) -> list:
        """Bulk insert the objects and their history rows ("+", by the synthetic author)."""
        created = bulk_create_with_history(
            objects,
            model,
            batch_size=BATCH_SIZE,
            default_user=self.author,
            default_change_reason=CHANGE_REASON,
            default_date=moment(on),
        )
        self.counts[model._meta.verbose_name_plural] += len(created)
        return created

    def link(self, model, name: str, pairs: list[tuple[int, int]]):
        """Bulk insert the rows of a many-to-many field (`pairs` of primary keys), and
        record them in the creation history row of each object, as a save would."""
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source, target = relation.m2m_column_name(), relation.m2m_reverse_name()
        rows = [through(**{source: a, target: b}) for a, b in pairs]
        rows = through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.record_links(model, name, rows, source)

    def record_links(self, model, name: str, rows: list, source: str):
        history = model.history.model
        m2m_history = history._meta.get_field(f"{history._meta.model_name}_{name}").related_model
        ids = [getattr(row, source) for row in rows]
        created = model.history.filter(
            id__range=(min(ids, default=0), max(ids, default=0)),
            history_type="+",
            history_user=self.author,
        )
        history_of = dict(created.values_list("id", "history_id"))
        fields = [f.attname for f in rows[0]._meta.fields] if rows else []
        copies = [
            m2m_history(
                history_id=history_of[getattr(row, source)],
                **{field: getattr(row, field) for field in fields},
            )
            for row in rows
        ]
        m2m_history.objects.bulk_create(copies, batch_size=BATCH_SIZE)
        self.counts["liens (communes couvertes, conventions suivies…)"] += len(copies)


def synthetic_author():
    """The dedicated user every history row of the generation names (cannot log in)."""
    user = get_user_model()(
        username=AUTHOR_USERNAME,
        first_name="Générateur",
        last_name="de données synthétiques",
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))
