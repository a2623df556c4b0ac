"""The convention's own terms an avenant may change: title, type, "valant ORT", préambule."""

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
