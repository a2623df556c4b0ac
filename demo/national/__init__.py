"""The « démo nationale »: a deterministic synthetic dataset at the scale of every PVD and ACV
territory (scale 1.0: about 1,900 communes, 1,250 conventions, 50,000 actions, 200,000
funding lines and several hundred thousand history rows), written in bulk.

Everything generated is labelled: conventions are referenced DEMO-NAT-… and titled
« Démo nationale – … », organisations and comités carry « (démo) ».
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from conventions.models import Convention
from signatures.services.freezing import freeze_initial_version

from .accounts import generate_accounts
from .conventions import REFERENCE_PREFIX, generate_conventions
from .governance import generate_governance
from .plans import generate_plans
from .referential import generate_referential
from .writer import Writer

COMMUNES_AT_SCALE_1 = 1900
CONVENTION_SHARE = 0.64  # of the communes, with the chapeaux about 1,250 conventions
CHUNK = 100
SIGNED_VERSION_EVERY = 100


def already_generated() -> bool:
    return Convention.objects.filter(reference__startswith=REFERENCE_PREFIX).exists()


@transaction.atomic
def generate(
    *,
    scale: float,
    seed: int,
    today: datetime.date | None = None,
    signed_versions: bool = True,
    progress=None,
) -> Writer:
    """Generate the dataset at `scale` (1.0 = national) from `seed`; same seed, same data.

    progress(text), when given, hears where the generation stands."""
    progress = progress or (lambda text: None)
    if scale <= 0:
        raise ValidationError("L’échelle doit être positive.")
    if already_generated():
        raise ValidationError("La démo nationale est déjà chargée dans cette base.")
    writer = Writer(seed=seed, today=today or timezone.localdate())
    referential = generate_referential(writer, communes=max(2, round(COMMUNES_AT_SCALE_1 * scale)))
    made = generate_conventions(writer, referential, share=CONVENTION_SHARE)
    progress(f"{len(made)} conventions, référentiel compris")
    for start in range(0, len(made), CHUNK):
        chunk = made[start : start + CHUNK]
        actions = generate_plans(writer, chunk, referential.operators)
        generate_governance(writer, referential, chunk, actions)
        progress(f"plans et comités de {start + len(chunk)} conventions sur {len(made)}")
    generate_accounts(writer, referential, made)
    progress("comptes créés ; gel des versions signées (JSON et PDF/A-3a)")
    if signed_versions:
        _freeze_versions(writer, made)
    return writer


def _freeze_versions(writer: Writer, made):
    """Version 1, JSON and PDF/A-3a, of one signed convention in SIGNED_VERSION_EVERY (the
    others were signed before the portal, like the demo's Libercourt)."""
    signed = [item.convention for item in made if item.convention.is_signed]
    for convention in signed[::SIGNED_VERSION_EVERY]:
        freeze_initial_version(convention=convention)
        writer.rows["versions signées"] += 1
