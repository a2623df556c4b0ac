"""What changed between two snapshots, for people to read (version comparison, avenants)."""

from dataclasses import dataclass, field

from .keys import keyed
from .present import action_funding_total, financing_totals
from .redline import article_redline
from .terms import sector_kind, sector_label, terms_changes


def highlight_changes(before: str, after: str) -> dict:
    """The legal redline of an article's text: struck and inserted words, every piece
    escaped (snapshot.redline: bounded work on long texts)."""
    return {"redline": article_redline(before, after)}


@dataclass
class Diff:
    articles_added: list = field(default_factory=list)
    articles_removed: list = field(default_factory=list)
    articles_changed: list = field(default_factory=list)
    axes_added: list = field(default_factory=list)
    axes_removed: list = field(default_factory=list)
    axes_renamed: list = field(default_factory=list)
    objectives_added: list = field(default_factory=list)
    objectives_removed: list = field(default_factory=list)
    actions_added: list = field(default_factory=list)
    actions_removed: list = field(default_factory=list)
    actions_changed: list = field(default_factory=list)
    sectors_added: list = field(default_factory=list)
    sectors_removed: list = field(default_factory=list)
    parties_added: list = field(default_factory=list)
    parties_removed: list = field(default_factory=list)
    duration_changes: list = field(default_factory=list)
    terms_changes: list = field(default_factory=list)
    totals_before: dict = field(default_factory=dict)
    totals_after: dict = field(default_factory=dict)

    CHANGE_LISTS = (
        "articles_added",
        "articles_removed",
        "articles_changed",
        "axes_added",
        "axes_removed",
        "axes_renamed",
        "objectives_added",
        "objectives_removed",
        "actions_added",
        "actions_removed",
        "actions_changed",
        "sectors_added",
        "sectors_removed",
        "parties_added",
        "parties_removed",
        "duration_changes",
        "terms_changes",
    )

    @property
    def is_empty(self):
        return not any(getattr(self, name) for name in self.CHANGE_LISTS)

    @property
    def totals_changed(self):
        return self.totals_before != self.totals_after


ACTION_FIELDS = {
    "code": "numéro",
    "title": "intitulé",
    "maturity_label": "maturité",
    "project_owner": "maître d’ouvrage",
    "sector": "secteur",
    "start_date": "début",
    "end_date": "fin",
    "estimated_cost": "coût estimatif",
    "funding_total": "financements",
}


def _keyed(items, key="id"):
    return keyed(items, key)


def _article_label(article):
    return (
        f"Article {article['number']} – {article['title']}"
        if article["number"]
        else article["title"]
    )


def _sector_terms(sector):
    return (sector["name"], sector_kind(sector), sector["description"])


def _action_row(action):
    return {**action, "funding_total": str(action_funding_total(action))}


def diff_snapshots(before: dict, after: dict) -> Diff:
    """What changed from one snapshot to the other, for people to read."""
    diff = Diff()
    old_articles, new_articles = _keyed(before["articles"]), _keyed(after["articles"])
    for key, article in new_articles.items():
        if key not in old_articles:
            diff.articles_added.append({"label": _article_label(article), "text": article["text"]})
            continue
        old = old_articles[key]
        if (old["title"], old["text"], old["number"]) != (
            article["title"],
            article["text"],
            article["number"],
        ):
            diff.articles_changed.append(
                {
                    "label": _article_label(article),
                    "old_label": _article_label(old),
                    **highlight_changes(old["text"], article["text"]),
                }
            )
    diff.articles_removed = [
        _article_label(a) for k, a in old_articles.items() if k not in new_articles
    ]

    old_axes, new_axes = _keyed(before["axes"]), _keyed(after["axes"])
    for key, axis in new_axes.items():
        label = f"Axe {axis['number']} : {axis['title']}"
        if key not in old_axes:
            diff.axes_added.append(label)
            diff.objectives_added += [
                {"axis": label, "text": o["text"]} for o in axis["objectives"]
            ]
            continue
        old = old_axes[key]
        if (old["number"], old["title"]) != (axis["number"], axis["title"]):
            diff.axes_renamed.append(
                {"before": f"Axe {old['number']} : {old['title']}", "after": label}
            )
        old_objectives = _keyed(old["objectives"])
        new_objectives = _keyed(axis["objectives"])
        for okey, objective in new_objectives.items():
            if okey not in old_objectives:
                diff.objectives_added.append({"axis": label, "text": objective["text"]})
            elif old_objectives[okey]["text"] != objective["text"]:
                diff.objectives_removed.append(
                    {"axis": label, "text": old_objectives[okey]["text"]}
                )
                diff.objectives_added.append({"axis": label, "text": objective["text"]})
        diff.objectives_removed += [
            {"axis": label, "text": o["text"]}
            for okey, o in old_objectives.items()
            if okey not in new_objectives
        ]
    for key, axis in old_axes.items():
        if key not in new_axes:
            label = f"Axe {axis['number']} : {axis['title']}"
            diff.axes_removed.append(label)
            diff.objectives_removed += [
                {"axis": label, "text": o["text"]} for o in axis["objectives"]
            ]

    old_actions = {a["id"]: _action_row(a) for axis in before["axes"] for a in axis["actions"]}
    new_actions = {a["id"]: _action_row(a) for axis in after["axes"] for a in axis["actions"]}
    for key, action in new_actions.items():
        if key not in old_actions:
            diff.actions_added.append(f"{action['code']} {action['title']}".strip())
            continue
        old = old_actions[key]
        changes = [
            {"field": label, "before": old[name], "after": action[name]}
            for name, label in ACTION_FIELDS.items()
            if old[name] != action[name]
        ]
        if changes:
            diff.actions_changed.append(
                {"label": f"{action['code']} {action['title']}".strip(), "changes": changes}
            )
    diff.actions_removed = [
        f"{a['code']} {a['title']}".strip() for k, a in old_actions.items() if k not in new_actions
    ]

    old_sectors, new_sectors = _keyed(before["sectors"]), _keyed(after["sectors"])
    diff.sectors_added = [sector_label(s) for k, s in new_sectors.items() if k not in old_sectors]
    diff.sectors_removed = [sector_label(s) for k, s in old_sectors.items() if k not in new_sectors]
    for key, sector in new_sectors.items():
        old = old_sectors.get(key)
        if old and _sector_terms(old) != _sector_terms(sector):
            diff.sectors_removed.append(sector_label(old))
            diff.sectors_added.append(sector_label(sector))

    old_parties = _keyed(before["parties"], "organisation_id")
    new_parties = _keyed(after["parties"], "organisation_id")
    diff.parties_added = [
        f"{p['organisation']} ({p['role_label']})"
        for k, p in new_parties.items()
        if k not in old_parties
    ]
    diff.parties_removed = [
        f"{p['organisation']} ({p['role_label']})"
        for k, p in old_parties.items()
        if k not in new_parties
    ]

    labels = {
        "duration_years": "durée (années)",
        "end_date": "date de fin",
        "duration_note": "durée telle qu’écrite",
    }
    for name, label in labels.items():
        old_value, new_value = before["convention"][name], after["convention"][name]
        if old_value != new_value:
            diff.duration_changes.append({"field": label, "before": old_value, "after": new_value})

    diff.terms_changes = terms_changes(before, after)
    old_totals, new_totals = financing_totals(before), financing_totals(after)
    diff.totals_before = {"cost": old_totals["cost"], "funded": old_totals["funded"]}
    diff.totals_after = {"cost": new_totals["cost"], "funded": new_totals["funded"]}
    return diff
