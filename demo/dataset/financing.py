"""Plans de financement: about four lines per action, per financeur, nature and year."""

from decimal import Decimal

from actions.models import Action, Funding
from directory.models import Organisation

from .run import Run
from .territories import CREATED_ON, Territories

Nature, Status = Funding.Nature, Funding.Status
# (financeur, nature, share of the cost) the lines draw from, besides the owner's own funds.
THIRD_PARTIES = [
    ("prefecture", Nature.SUBVENTION, "DSIL", 0.25),
    ("prefecture", Nature.SUBVENTION, "DETR", 0.2),
    ("region", Nature.SUBVENTION, "Contrat régional", 0.15),
    ("departement", Nature.SUBVENTION, "Aide aux communes", 0.1),
    ("cdc", Nature.PRET, "Prêt Banque des Territoires", 0.3),
    ("cdc", Nature.SUBVENTION, "Ingénierie Banque des Territoires", 0.05),
    ("anah", Nature.SUBVENTION, "Aides à la pierre", 0.2),
]
STATUSES_BY_MATURITY = {
    Action.Maturity.REALISEE: [Status.VERSE, Status.ACQUIS],
    Action.Maturity.EN_COURS: [Status.ACQUIS, Status.ACQUIS, Status.SOLLICITE, Status.VERSE],
    Action.Maturity.ABANDONNEE: [Status.REFUSE, Status.PREVU],
}
EARLY = [Status.PREVU, Status.PREVU, Status.SOLLICITE, Status.REFUSE]


def funders(territories: Territories, commune) -> dict:
    Category = Organisation.Category
    return {
        "prefecture": territories.prefecture[commune.departement],
        "region": territories.region_body[commune.region],
        "departement": territories.department_body[commune.departement],
        "cdc": territories.national[Category.CDC],
        "anah": territories.national[Category.ANAH],
    }


def amount(run: Run, action: Action, share: float):
    """A share of the cost, rounded to the hundred; « à préciser » when no cost is known."""
    if action.estimated_cost is None:
        return None if run.rng.random() < 0.5 else Decimal(run.rng.randint(1, 50) * 1000)
    return Decimal(round(float(action.estimated_cost) * share * run.rng.uniform(0.6, 1.2), -2))


def action_lines(run: Run, action: Action, bodies: dict) -> list:
    years = list(range(action.start_date.year, action.end_date.year + 1))
    statuses = STATUSES_BY_MATURITY.get(action.maturity, EARLY)
    lines = [
        Funding(
            action=action,
            funder=action.project_owner,
            nature=Nature.FONDS_PROPRES,
            year=years[0],
            amount=amount(run, action, 0.3),
            status=Status.ACQUIS,
        )
    ]
    for funder, nature, label, share in run.rng.sample(THIRD_PARTIES, run.rng.randint(1, 5)):
        lines.append(
            Funding(
                action=action,
                funder=bodies[funder],
                nature=nature,
                year=run.rng.choice(years),
                amount=amount(run, action, share),
                status=run.rng.choice(statuses),
                comment=label,
            )
        )
    return lines


def create_fundings(run: Run, territories: Territories, actions: list) -> list:
    bodies_of, lines = {}, []
    for action in actions:
        commune = action.axis.convention.main_commune
        if commune.pk not in bodies_of:
            bodies_of[commune.pk] = funders(territories, commune)
        lines.extend(action_lines(run, action, bodies_of[commune.pk]))
    return run.create(Funding, lines, on=CREATED_ON.replace(month=9))
