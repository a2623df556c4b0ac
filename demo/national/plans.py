"""Plans d'action of the national synthetic dataset: actions, funding lines, indicators.

About 40 actions per convention, 4 funding lines per action and 1.2 indicators per action;
a third of the actions and a tenth of the lines were changed after their creation (their
history has a second row), so that the history pages and the consolidation au 31 décembre
read a past that differs from today.
"""

import datetime
from decimal import Decimal

from actions.models import Action, Funding, Indicator, Measurement

from .conventions import Made
from .writer import Writer

TITLES = {
    1: [
        "OPAH-RU du centre-bourg",
        "Réhabilitation de l’îlot {street}",
        "Étude pré-opérationnelle habitat",
        "Permis de louer dans le centre ancien",
        "Résorption de l’habitat indigne, {street}",
    ],
    2: [
        "Manager de commerce de centre-ville",
        "Requalification des cellules commerciales vacantes, {street}",
        "Création d’une halle gourmande",
        "Aide à la rénovation des vitrines",
        "Foncière de redynamisation commerciale",
    ],
    3: [
        "Plan de circulation apaisée",
        "Aménagement d’une voie verte vers la gare",
        "Pôle d’échanges multimodal",
        "Stationnement vélo sécurisé, {street}",
    ],
    4: [
        "Requalification de la place {street}",
        "Restauration de l’église et de ses abords",
        "Végétalisation de la cour d’école",
        "Mise en lumière du patrimoine",
    ],
    5: [
        "Maison France Services",
        "Extension de la médiathèque",
        "Création d’un tiers-lieu, {street}",
        "Maison de santé pluriprofessionnelle",
    ],
}
MATURITY = {
    Action.Maturity.EN_COURS: 30,
    Action.Maturity.PROJETEE: 20,
    Action.Maturity.EN_REFLEXION: 14,
    Action.Maturity.EN_MATURATION: 10,
    Action.Maturity.REALISEE: 21,
    Action.Maturity.ABANDONNEE: 5,
}
STATUS = {
    Funding.Status.PREVU: 30,
    Funding.Status.SOLLICITE: 20,
    Funding.Status.ACQUIS: 25,
    Funding.Status.VERSE: 15,
    Funding.Status.REFUSE: 10,
}
INDICATORS = [
    ("Logements réhabilités", "logements", Indicator.Kind.RESULTAT, 40),
    ("Cellules commerciales réoccupées", "cellules", Indicator.Kind.RESULTAT, 12),
    ("Fréquentation annuelle", "visiteurs", Indicator.Kind.RESULTAT, 20000),
    ("Avancement des travaux", "%", Indicator.Kind.AVANCEMENT, 100),
]
MEASURED_ON = [datetime.date(2024, 6, 30), datetime.date(2024, 12, 31), datetime.date(2025, 6, 30)]


def generate_plans(writer: Writer, made: list[Made], funders: dict) -> list[Action]:
    """The plans of some conventions; returns their actions (for the comités' decisions)."""
    actions, partners = [], []
    for item in made:
        chapeau = item.convention.kind == item.convention.Kind.CHAPEAU
        count = writer.rng.randint(8, 16) if chapeau else writer.rng.randint(12, 68)
        for position in range(count):
            action = _action(writer, item, position)
            actions.append(action)
            if writer.rng.random() < 0.4:
                partners.append((action, writer.rng.choice(item.owners)))
    created = writer.create(Action, actions, history=False)
    rows = _history_with_changes(writer, created)
    writer.link(Action, "partners", partners, rows)
    _fundings(writer, made, created, funders)
    _indicators(writer, created)
    return created


def _action(writer: Writer, item: Made, position: int) -> Action:
    axis = writer.rng.choice(item.axes)
    title = writer.rng.choice(TITLES[axis.number]).format(street=writer.fake.street_name())
    maturity = writer.pick(MATURITY)
    start = writer.day_between(datetime.date(2021, 1, 1), datetime.date(2026, 9, 1))
    end = start + datetime.timedelta(days=writer.rng.randrange(180, 1500))
    cost = None
    if writer.rng.random() < 0.9:
        cost = Decimal(round(writer.rng.lognormvariate(12.3, 1.0), -3))
    progress = {
        Action.Maturity.REALISEE: 100,
        Action.Maturity.EN_COURS: writer.rng.randrange(5, 95),
    }
    action = Action(
        axis=axis,
        code=f"{axis.number}.{position + 1}",
        position=position,
        title=title,
        maturity=maturity,
        has_fiche=writer.rng.random() < 0.6,
        description=f"Action synthétique du plan « {item.convention.title} ».",
        project_owner=writer.rng.choices(item.owners, weights=[70, 20, 10])[0],
        sector=item.sectors[0],
        location=writer.fake.street_name(),
        start_date=start,
        end_date=end,
        estimated_cost=cost,
        progress=progress.get(maturity, 0),
    )
    created = item.convention._history_date.date() + datetime.timedelta(days=30)
    return writer.stamp(action, min(created, start))


def _history_with_changes(writer: Writer, actions: list[Action]) -> list:
    """Creation rows as first recorded (earlier maturity), then a change row for a third."""
    changed = [a for a in actions if writer.rng.random() < 0.33]
    final = {a.pk: (a.maturity, a.progress, a._history_date) for a in changed}
    for action in changed:
        action.maturity, action.progress = Action.Maturity.EN_REFLEXION, 0
    rows = writer.history(Action, actions)
    for action in changed:
        action.maturity, action.progress, created = final[action.pk]
        later = created.date() + datetime.timedelta(days=writer.rng.randrange(60, 700))
        writer.stamp(action, later, reason="Avancement mis à jour en comité de projet")
    writer.history(Action, changed, update=True)
    return rows


def _fundings(writer: Writer, made: list[Made], actions: list[Action], funders: dict):
    by_axis = {axis.pk: item for item in made for axis in item.axes}
    lines = []
    for action in actions:
        item = by_axis[action.axis_id]
        candidates = [
            item.territory.prefecture,
            funders["anah"],
            funders["cdc"],
            item.territory.region,
            item.territory.council,
            action.project_owner,
            item.territory.epf,
        ]
        base = action.estimated_cost or Decimal(writer.rng.randrange(20, 400) * 1000)
        for _ in range(writer.rng.choice([1, 2, 3, 4, 4, 5, 5, 6, 6])):
            funder = writer.rng.choice(candidates)
            own = funder == action.project_owner
            nature = Funding.Nature.FONDS_PROPRES if own else Funding.Nature.SUBVENTION
            if funder == funders["cdc"]:
                nature = Funding.Nature.PRET
            share = Decimal(writer.rng.randrange(5, 30)) / 100
            lines.append(
                writer.stamp(
                    Funding(
                        action=action,
                        funder=funder,
                        nature=nature,
                        year=min(max(action.start_date.year + writer.rng.randrange(3), 2021), 2030),
                        amount=(base * share).quantize(Decimal("1")),
                        status=writer.pick(STATUS),
                    ),
                    action._history_date.date(),
                    reason="Plan de financement",
                )
            )
    created = writer.create(Funding, lines, history=False)
    changed = [line for line in created if line.status == Funding.Status.VERSE]
    changed = [line for line in changed if writer.rng.random() < 0.6]
    for line in changed:
        line.status = Funding.Status.ACQUIS
    writer.history(Funding, created)
    for line in changed:
        line.status = Funding.Status.VERSE
        writer.stamp(
            line, line._history_date.date() + datetime.timedelta(days=200), reason="Versement"
        )
    writer.history(Funding, changed, update=True)


def _indicators(writer: Writer, actions: list[Action]):
    indicators = []
    for action in actions:
        for label, unit, kind, target in writer.rng.sample(
            INDICATORS, writer.pick({0: 1, 1: 6, 2: 3})
        ):
            indicators.append(
                writer.stamp(
                    Indicator(
                        action=action,
                        label=label,
                        kind=kind,
                        unit=unit,
                        baseline=Decimal(0),
                        target=Decimal(target),
                        target_date=action.end_date,
                    ),
                    action._history_date.date(),
                )
            )
    indicators = writer.create(Indicator, indicators)
    measurements = []
    for indicator in indicators:
        for day in MEASURED_ON[: writer.rng.randrange(4)]:
            value = (indicator.target * writer.rng.randrange(0, 110) / 100).quantize(Decimal("1"))
            measurements.append(
                writer.stamp(Measurement(indicator=indicator, date=day, value=value), day)
            )
    writer.create(Measurement, measurements)
