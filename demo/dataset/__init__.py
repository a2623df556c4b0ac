"""A synthetic « démo nationale »: deterministic data at the scale of the country.

At scale 1.0: about 1,900 communes, 1,250 conventions (PVD, ACV, ORT), 50,000 actions,
200,000 funding lines and several hundred thousand history rows, every one written by
bulk inserts with its "+" history row by a dedicated synthetic user. Everything made is
marked: references start with SYNTH-, names end with « (synthétique) ».
"""

import random
import time
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from conventions.models import Convention

from .conventions import create_articles, create_conventions, create_signatories
from .financing import create_fundings
from .governance import create_committees, create_decisions, create_meetings
from .people import create_people
from .plan import create_actions, create_axes
from .run import PREFIX, Run, synthetic_author
from .signing import DEFAULT_FRACTION, freeze_some
from .territories import create_territories

ALREADY_THERE = (
    "La base contient déjà des données synthétiques (références « SYNTH- ») : "
    "le jeu de données n’est généré qu’une fois par base."
)


@dataclass
class Outcome:
    counts: dict
    seconds: float
    history_rows: int
    freezing_seconds: float


def already_generated() -> bool:
    return Convention.objects.filter(reference__startswith=PREFIX).exists()


@transaction.atomic
def refresh_statistics():
    """PostgreSQL plans from its statistics, which bulk inserts leave stale until
    autovacuum passes: planned right after generation, a chef de projet's dashboard read
    every funding line of the country (estimated 28,940 lines, there were 197,684)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate(*, scale: float, seed: int, signed_fraction: float = DEFAULT_FRACTION) -> Outcome:
    """Generate the data set at `scale` (1.0 = national) from `seed`; refused when the
    database already holds synthetic data."""
    if already_generated():
        raise ValidationError(ALREADY_THERE)
    started = time.perf_counter()
    run = Run(rng=random.Random(seed), scale=scale, author=synthetic_author())
    territories = create_territories(run)
    conventions = create_conventions(run, territories)
    sectors = create_articles(run, conventions)
    signatories = create_signatories(run, territories, conventions)
    axes = create_axes(run, conventions)
    actions = create_actions(run, territories, axes, sectors)
    create_fundings(run, territories, actions)
    members = create_committees(run, conventions, signatories)
    create_decisions(run, create_meetings(run, members), actions)
    create_people(run, conventions)
    frozen_at = time.perf_counter()
    freeze_some(run, conventions, signed_fraction)
    refresh_statistics()
    finished = time.perf_counter()
    history = sum(n for name, n in run.counts.items() if name != "versions signées")
    return Outcome(dict(run.counts), finished - started, history, finished - frozen_at)
