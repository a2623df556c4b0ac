"""The convention as an avenant makes it, plan d'action included.

The plan d'action evolves without avenant (Libercourt art. 4), and an ACV avenant adopts
it as it stands: until the signature, the avenant shows its draft with the live plan of
the axes it keeps; once signed, exactly the version it froze.
"""

import copy

from conventions.models import Amendment

from ..models import SignedVersion
from .build import snapshot_of


def adopted_snapshot(amendment: Amendment) -> dict | None:
    """None for an avenant not drafted in the portal."""
    if not amendment.draft:
        return None
    version = SignedVersion.objects.filter(amendment=amendment).only("content").first()
    if version is not None:
        return version.content
    live_actions = {
        axis["id"]: axis["actions"] for axis in snapshot_of(amendment.convention)["axes"]
    }
    draft = copy.deepcopy(amendment.draft)
    for axis in draft["axes"]:
        axis["actions"] = live_actions.get(axis["id"], []) if axis["id"] else []
    return draft
