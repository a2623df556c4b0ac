"""The convention's own terms an avenant may change: title, type, "valant ORT", préambule;
and how a secteur d'intervention reads with its kind (ORT perimeter, Denormandie…)."""

from conventions.models import InterventionSector

TERMS = {
    "title": "intitulé",
    "kind_label": "type",
    "is_ort": "valant ORT",
    "preamble": "préambule",
}


def _shown(name, value):
    if name == "is_ort":
        return "oui" if value else "non"
    return value


def terms_changes(before: dict, after: dict) -> list[dict]:
    """Each term that differs, as {"field", "before", "after"} for people to read."""
    old, new = before["convention"], after["convention"]
    return [
        {"field": label, "before": _shown(name, old[name]), "after": _shown(name, new[name])}
        for name, label in TERMS.items()
        if old.get(name) != new.get(name)
    ]


def sector_kind(sector: dict) -> InterventionSector.Kind:
    """Versions frozen before secteurs had a kind read as plain secteurs d'intervention."""
    return InterventionSector.Kind(sector.get("kind") or InterventionSector.Kind.SECTEUR)


def sector_label(sector: dict) -> str:
    """« Name (kind) », as the avenant and the convention's PDF print a secteur."""
    label = sector_kind(sector).label
    return f"{sector['name']} ({label[0].lower()}{label[1:]})"
