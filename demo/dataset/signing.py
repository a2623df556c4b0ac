"""Signed versions: a fraction of the signed conventions frozen through the portal's own
service, as a chef de projet would: their JSON at once, their PDF/A-3a by the pdf queue
(queued for the workers on PostgreSQL, rendered in the generating process on SQLite)."""

import math

from conventions.models import Convention
from signatures.services.freezing import freeze_initial_version

from .run import Run

# Rendering a PDF/A-3a takes seconds of a worker: one signed convention in a hundred is frozen.
DEFAULT_FRACTION = 0.01


def freeze_some(run: Run, conventions: list, fraction: float) -> int:
    signed = [c for c in conventions if c.status in Convention.SIGNED_STATUSES]
    count = min(len(signed), math.ceil(len(signed) * fraction))
    for convention in run.rng.sample(signed, count):
        freeze_initial_version(convention=convention, by=run.author)
    run.counts["versions signées"] += count
    return count
