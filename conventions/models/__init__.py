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
from .versions import AmendmentSignature, SignedVersion

__all__ = [
    "EPCI",
    "Amendment",
    "AmendmentSignature",
    "Article",
    "Commune",
    "Convention",
    "Deliberation",
    "InterventionSector",
    "Organisation",
    "Profile",
    "Representative",
    "Signatory",
    "SignedVersion",
]
