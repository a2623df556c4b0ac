"""What changed between two snapshots, for people to read (version comparison, avenants)."""

from dataclasses import dataclass, field

from ort_portal.numbers import format_euros

from .keys import keyed
from .present import action_figures, financing_totals
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
    "loans": "prêts et avances",
    "co_owners": "autres maîtres d’ouvrage",
}


def _keyed(items, key="id"):
    return keyed(items, key)


def _article_label(article):
    return (
        f"Article {article['number']} – {article['title']}"
        if article["number"]
        else article["title"]
    )


def _lines(text: str) -> str:
    """A text with its line breaks as stored: a browser's \r\n is no change."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def _article_terms(article):
    return (article["title"], _lines(article["text"]), article["number"])


def _sector_terms(sector):
    return (sector["name"], sector_kind(sector), sector["description"])


def _action_row(action):
    figures = action_figures(action)
    owners = "; ".join(
        f"{o['organisation']} ({o['description']})" if o["description"] else o["organisation"]
        for o in action.get("co_owners", [])
    )
    return {
        **action,
        "funding_total": format_euros(figures.financing),
        "loans": format_euros(figures.loans),
        "co_owners": owners,
        "estimated_cost": format_euros(action["estimated_cost"])
        if action["estimated_cost"]
        else None,
    }


def diff_snapshots(before: dict, after: dict) -> Diff:
    """What changed from one snapshot to the other, for people to read."""
    diff = Diff()
    _diff_articles(diff, before["articles"], after["articles"])
    _diff_axes(diff, before["axes"], after["axes"])
    _diff_actions(diff, before["axes"], after["axes"])
    _diff_sectors(diff, before["sectors"], after["sectors"])
    _diff_parties(diff, before["parties"], after["parties"])
    _diff_duration(diff, before["convention"], after["convention"])
    _diff_totals(diff, before, after)
    diff.terms_changes = terms_changes(before, after)
    return diff


def _diff_articles(diff: Diff, before: list, after: list):
    old_articles, new_articles = _keyed(before), _keyed(after)
    for key, article in new_articles.items():
        if key not in old_articles:
            diff.articles_added.append({"label": _article_label(article), "text": article["text"]})
            continue
        old = old_articles[key]
        if _article_terms(old) != _article_terms(article):
            diff.articles_changed.append(
                {
                    "label": _article_label(article),
                    "old_label": _article_label(old),
                    **highlight_changes(_lines(old["text"]), _lines(article["text"])),
                }
            )
    diff.articles_removed = [
        _article_label(a) for k, a in old_articles.items() if k not in new_articles
    ]


def _axis_label(axis) -> str:
    return f"Axe {axis['number']} : {axis['title']}"


def _diff_axes(diff: Diff, before: list, after: list):
    old_axes, new_axes = _keyed(before), _keyed(after)
    for key, axis in new_axes.items():
        label = _axis_label(axis)
        if key not in old_axes:
            diff.axes_added.append(label)
            diff.objectives_added += [
                {"axis": label, "text": o["text"]} for o in axis["objectives"]
            ]
            continue
        old = old_axes[key]
        if (old["number"], old["title"]) != (axis["number"], axis["title"]):
            diff.axes_renamed.append({"before": _axis_label(old), "after": label})
        _diff_objectives(diff, label, old["objectives"], axis["objectives"])
    for key, axis in old_axes.items():
        if key not in new_axes:
            label = _axis_label(axis)
            diff.axes_removed.append(label)
            diff.objectives_removed += [
                {"axis": label, "text": o["text"]} for o in axis["objectives"]
            ]


def _diff_objectives(diff: Diff, label: str, before: list, after: list):
    old_objectives, new_objectives = _keyed(before), _keyed(after)
    for key, objective in new_objectives.items():
        if key not in old_objectives:
            diff.objectives_added.append({"axis": label, "text": objective["text"]})
        elif old_objectives[key]["text"] != objective["text"]:
            diff.objectives_removed.append({"axis": label, "text": old_objectives[key]["text"]})
            diff.objectives_added.append({"axis": label, "text": objective["text"]})
    diff.objectives_removed += [
        {"axis": label, "text": o["text"]}
        for key, o in old_objectives.items()
        if key not in new_objectives
    ]


def _action_label(action) -> str:
    return f"{action['code']} {action['title']}".strip()


def _diff_actions(diff: Diff, before: list, after: list):
    old_actions = {a["id"]: _action_row(a) for axis in before for a in axis["actions"]}
    new_actions = {a["id"]: _action_row(a) for axis in after for a in axis["actions"]}
    for key, action in new_actions.items():
        if key not in old_actions:
            diff.actions_added.append(_action_label(action))
            continue
        old = old_actions[key]
        changes = [
            {"field": label, "before": old[name], "after": action[name]}
            for name, label in ACTION_FIELDS.items()
            if old[name] != action[name]
        ]
        if changes:
            diff.actions_changed.append({"label": _action_label(action), "changes": changes})
    diff.actions_removed = [
        _action_label(a) for k, a in old_actions.items() if k not in new_actions
    ]


def _diff_sectors(diff: Diff, before: list, after: list):
    old_sectors, new_sectors = _keyed(before), _keyed(after)
    diff.sectors_added = [sector_label(s) for k, s in new_sectors.items() if k not in old_sectors]
    diff.sectors_removed = [sector_label(s) for k, s in old_sectors.items() if k not in new_sectors]
    for key, sector in new_sectors.items():
        old = old_sectors.get(key)
        if old and _sector_terms(old) != _sector_terms(sector):
            diff.sectors_removed.append(sector_label(old))
            diff.sectors_added.append(sector_label(sector))


def _diff_parties(diff: Diff, before: list, after: list):
    old_parties = _keyed(before, "organisation_id")
    new_parties = _keyed(after, "organisation_id")
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


DURATION_FIELDS = {
    "duration_years": "durée (années)",
    "end_date": "date de fin",
    "duration_note": "durée telle qu’écrite",
}


def _diff_duration(diff: Diff, before: dict, after: dict):
    for name, label in DURATION_FIELDS.items():
        if before[name] != after[name]:
            diff.duration_changes.append(
                {"field": label, "before": before[name], "after": after[name]}
            )


TOTAL_FIGURES = ("cost", "funded", "loans", "remaining_charge", "unknown")


def _diff_totals(diff: Diff, before: dict, after: dict):
    """The plan's figures by the one rule (actions.financing), before and after."""
    old_totals, new_totals = financing_totals(before), financing_totals(after)
    diff.totals_before = {name: old_totals[name] for name in TOTAL_FIGURES}
    diff.totals_after = {name: new_totals[name] for name in TOTAL_FIGURES}
