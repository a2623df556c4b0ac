"""The convention's own terms an avenant may change: title, type, "valant ORT", préambule;
and how a secteur d'intervention reads with its kind (ORT perimeter, Denormandie…)."""

import datetime

from conventions.models import InterventionSector

TERMS = {
    "title": "intitulé",
    "kind_label": "type",
    "is_ort": "valant ORT",
    "ort_perimeter_homologation_date": "homologation du périmètre ORT",
    "ort_perimeter_homologation_act": "acte d’homologation du périmètre ORT",
    "preamble": "préambule",
}


def _shown(name, value):
    if name == "is_ort":
        return "oui" if value else "non"
    if name == "ort_perimeter_homologation_date" and value:
        return f"{datetime.date.fromisoformat(value):%d/%m/%Y}"
    return value


def terms_changes(before: dict, after: dict) -> list[dict]:
    """Each term that differs, as {"field", "before", "after"} for people to read."""
    old, new = before["convention"], after["convention"]
    return [
        {
            "field": label,
            "before": _shown(name, old.get(name)),
            "after": _shown(name, new.get(name)),
        }
        for name, label in TERMS.items()
        # Versions frozen before a term was kept lack its key: absent, empty and None agree.
        if (old.get(name) or None) != (new.get(name) or None)
    ]


def sector_kind(sector: dict) -> InterventionSector.Kind:
    """Versions frozen before secteurs had a kind read as plain secteurs d'intervention."""
    return InterventionSector.Kind(sector.get("kind") or InterventionSector.Kind.SECTEUR)


def sector_label(sector: dict) -> str:
    """« Name (kind) », as the avenant and the convention's PDF print a secteur."""
    label = sector_kind(sector).label
    return f"{sector['name']} ({label[0].lower()}{label[1:]})"
