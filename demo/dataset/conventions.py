"""Conventions (PVD, ACV, ORT) with their communes, articles, sectors and parties."""

import datetime

from conventions.models import Article, Convention, InterventionSector, Signatory
from directory.models import Organisation

from .run import PREFIX, Run, day_between
from .territories import CREATED_ON, Territories

NATIONAL_CONVENTIONS = 1250
Programme, Kind, Status = Convention.Programme, Convention.Kind, Convention.Status
# (programme, kind, valant ORT, weight): most conventions are PVD, then ACV, then ORT alone.
KINDS = [
    (Programme.PVD, Kind.CADRE_OPERATIONNELLE_PVD, True, 58),
    (Programme.PVD, Kind.ADHESION_PVD, False, 14),
    (Programme.ACV, Kind.CADRE_ACV, True, 18),
    (Programme.ORT, Kind.ORT, True, 10),
]
STATUSES = [
    (Status.EN_VIGUEUR, 60),
    (Status.SIGNEE, 8),
    (Status.PROJET, 12),
    (Status.EN_SIGNATURE, 6),
    (Status.PROROGEE, 6),
    (Status.ECHUE, 8),
]
ARTICLES = [
    ("1", "Objet de la convention"),
    ("2", "Engagements des parties"),
    ("3", "Orientations stratégiques et plan d’action"),
    ("4", "Gouvernance et pilotage"),
    ("5", "Durée et évolution de la convention"),
]


def weighted(run: Run, choices: list):
    return run.rng.choices([c[:-1] for c in choices], weights=[c[-1] for c in choices])[0]


def dated(run: Run, convention: Convention):
    """Signature and period consistent with the status (an échue one ended before 2026)."""
    status = convention.status
    if status in (Status.PROJET, Status.EN_SIGNATURE):
        return
    first, last = (2019, 2020) if status in (Status.ECHUE, Status.PROROGEE) else (2021, 2025)
    signed = day_between(run.rng, datetime.date(first, 1, 15), datetime.date(last, 11, 30))
    convention.signature_date = convention.effective_date = signed
    convention.signature_place = convention.main_commune.name
    convention.duration_years = 5 if status != Status.EN_VIGUEUR else run.rng.choice([5, 6])
    if status == Status.PROROGEE:
        convention.end_date = signed.replace(year=signed.year + 7, day=1)


def build_convention(run: Run, index: int, commune) -> Convention:
    programme, kind, is_ort = weighted(run, KINDS)
    convention = Convention(
        reference=f"{PREFIX}{programme.upper()}-{index + 1:05d}",
        title=f"[Démo nationale] {kind.label} de {commune.name}",
        kind=kind,
        programme=programme,
        is_ort=is_ort,
        main_commune=commune,
        status=weighted(run, STATUSES)[0],
        preamble=(
            f"Convention synthétique générée pour la démonstration nationale du portail : "
            f"{commune.name} et ses partenaires n’existent pas sous cette forme."
        ),
    )
    dated(run, convention)
    return convention


def create_conventions(run: Run, territories: Territories) -> list:
    count = min(run.size(NATIONAL_CONVENTIONS), len(territories.communes))
    communes = run.rng.sample(territories.communes, count)
    conventions = [build_convention(run, i, commune) for i, commune in enumerate(communes)]
    conventions = run.create(Convention, conventions, on=CREATED_ON)
    epci_of = territories.epci_of
    run.link(Convention, "communes", [(c.pk, c.main_commune_id) for c in conventions])
    run.link(Convention, "epcis", [(c.pk, epci_of[c.main_commune_id].pk) for c in conventions])
    return conventions


def create_articles(run: Run, conventions: list):
    articles, sectors = [], []
    for convention in conventions:
        for position, (number, title) in enumerate(ARTICLES, start=1):
            text = f"{title} : texte type de la démonstration nationale (synthétique)."
            articles.append(
                Article(
                    convention=convention, position=position, number=number, title=title, text=text
                )
            )
        town = convention.main_commune.name
        sectors.append(
            InterventionSector(
                convention=convention,
                name=f"Centre-ville de {town}",
                kind=InterventionSector.Kind.PERIMETRE_ORT,
            )
        )
        if run.rng.random() < 0.5:
            sectors.append(
                InterventionSector(convention=convention, name=f"Quartier de la gare ({town})")
            )
    run.create(Article, articles, on=CREATED_ON)
    return run.create(InterventionSector, sectors, on=CREATED_ON)


def parties(territories: Territories, convention: Convention) -> list:
    """(organisation, role) of a convention: the collectivités, the État, the financeurs."""
    commune = convention.main_commune
    Role, Category = Signatory.Role, Organisation.Category
    return [
        (territories.commune_body[commune.pk], Role.COLLECTIVITE),
        (territories.epci_body[territories.epci_of[commune.pk].pk], Role.COLLECTIVITE),
        (territories.prefecture[commune.departement], Role.ETAT),
        (territories.national[Category.CDC], Role.PARTENAIRE_FINANCIER),
        (territories.national[Category.ANAH], Role.PARTENAIRE_FINANCIER),
        (territories.region_body[commune.region], Role.PARTENAIRE_FINANCIER),
        (territories.department_body[commune.departement], Role.PARTENAIRE_LOCAL),
    ]


def create_signatories(run: Run, territories: Territories, conventions: list) -> list:
    signatories = []
    for convention in conventions:
        for order, (body, role) in enumerate(parties(territories, convention), start=1):
            signatories.append(
                Signatory(
                    convention=convention,
                    organisation=body,
                    representative=territories.mayor.get(body.pk),
                    role=role,
                    order=order,
                    signature_date=convention.signature_date,
                )
            )
    return run.create(Signatory, signatories, on=CREATED_ON)
