"""The strategy and the plan d'action: five axes, their objectives and about forty actions
per convention."""

import datetime
from decimal import Decimal

from actions.models import Action, Axis, Objective

from .run import Run, day_between
from .territories import CREATED_ON, Territories

ACTIONS_PER_CONVENTION = (20, 60)  # 40 on average: 50,000 actions for 1,250 conventions
AXES = [
    (
        "De la réhabilitation à la restructuration : vers une offre attractive de l’habitat",
        ["Réhabilitation de l’îlot {}", "OPAH-RU du centre de {}", "Résorption de la vacance à {}"],
    ),
    (
        "Favoriser un développement économique et commercial équilibré",
        ["Manager de commerce de {}", "Halle du marché de {}", "Aide aux vitrines de {}"],
    ),
    (
        "Développer l’accessibilité, la mobilité et les connexions",
        ["Pôle d’échanges de la gare de {}", "Voie verte de {}", "Plan de circulation de {}"],
    ),
    (
        "Mettre en valeur les formes urbaines, l’espace public et le patrimoine",
        ["Requalification de la place de {}", "Restauration de l’église de {}", "Parc de {}"],
    ),
    (
        "Fournir l’accès aux équipements et services publics",
        ["Maison de santé de {}", "Médiathèque de {}", "France services de {}"],
    ),
]
MATURITIES = [
    (Action.Maturity.EN_COURS, 35),
    (Action.Maturity.PROJETEE, 25),
    (Action.Maturity.EN_REFLEXION, 15),
    (Action.Maturity.EN_MATURATION, 12),
    (Action.Maturity.REALISEE, 10),
    (Action.Maturity.ABANDONNEE, 3),
]


def create_axes(run: Run, conventions: list) -> list:
    axes = [
        Axis(convention=c, number=number, title=title)
        for c in conventions
        for number, (title, _) in enumerate(AXES, start=1)
    ]
    axes = run.create(Axis, axes, on=CREATED_ON)
    objectives = [
        Objective(
            axis=axis, position=position, text=f"Objectif {axis.number}.{position} (synthétique)"
        )
        for axis in axes
        for position in (1, 2)
    ]
    run.create(Objective, objectives, on=CREATED_ON)
    return axes


def cost(run: Run) -> Decimal:
    """Mostly tens to hundreds of thousands of euros, a few millions (log-normal)."""
    euros = min(run.rng.lognormvariate(12.2, 1.1), 25_000_000)
    return Decimal(round(euros, -2)).quantize(Decimal("0.01"))


def build_action(run: Run, axis, position: int, owner, sector) -> Action:
    town = axis.convention.main_commune.name
    title = run.rng.choice(AXES[axis.number - 1][1]).format(town)
    maturity = run.rng.choices(*zip(*MATURITIES, strict=True))[0]
    start = day_between(run.rng, datetime.date(2021, 1, 1), datetime.date(2027, 6, 30))
    end = start + datetime.timedelta(days=run.rng.randint(180, 1800))
    done = maturity == Action.Maturity.REALISEE
    return Action(
        axis=axis,
        code=f"{axis.number}.{position}",
        position=position,
        title=f"{title} (n° {position})",
        maturity=maturity,
        has_fiche=run.rng.random() < 0.6,
        description=f"Action synthétique de la démonstration nationale : {title.lower()}.",
        project_owner=owner,
        sector=sector,
        start_date=start,
        end_date=end,
        estimated_cost=cost(run) if run.rng.random() < 0.9 else None,
        progress=100 if done else run.rng.choice([0, 10, 25, 40, 50, 75]),
    )


def create_actions(run: Run, territories: Territories, axes: list, sectors: list) -> list:
    axes_of, sector_of = {}, {}
    for axis in axes:
        axes_of.setdefault(axis.convention_id, []).append(axis)
    for sector in sectors:
        sector_of.setdefault(sector.convention_id, sector)
    actions = []
    for convention_axes in axes_of.values():
        convention = convention_axes[0].convention
        commune = convention.main_commune
        owners = [
            territories.commune_body[commune.pk],
            territories.epci_body[territories.epci_of[commune.pk].pk],
        ]
        for index in range(run.rng.randint(*ACTIONS_PER_CONVENTION)):
            axis = convention_axes[index % len(convention_axes)]
            owner = owners[0] if run.rng.random() < 0.75 else owners[1]
            sector = sector_of[convention.pk] if run.rng.random() < 0.5 else None
            actions.append(
                build_action(run, axis, index // len(convention_axes) + 1, owner, sector)
            )
    return run.create(Action, actions, on=CREATED_ON.replace(month=6))
