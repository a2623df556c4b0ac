from .convention import (
    Amendment,
    Article,
    Convention,
    Deliberation,
    InterventionSector,
    Profile,
    Signatory,
)
from .referential import EPCI, Commune, Organisation, Representative

__all__ = [
    "EPCI",
    "Amendment",
    "Article",
    "Commune",
    "Convention",
    "Deliberation",
    "InterventionSector",
    "Organisation",
    "Profile",
    "Representative",
    "Signatory",
]
