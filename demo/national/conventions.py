"""Conventions of the national synthetic dataset, with their articles, parties and axes.

Every convention is labelled: its reference starts with DEMO-NAT- and its title with
« Démo nationale – », so that it never passes for a real convention.
"""

import datetime
from dataclasses import dataclass, field

from actions.models import Axis, Objective
from conventions.models import (
    Article,
    Convention,
    Deliberation,
    InterventionSector,
    Signatory,
)

from .referential import ELECTION_2026, Referential, Territory
from .writer import Writer

REFERENCE_PREFIX = "DEMO-NAT-"
TITLE_PREFIX = "Démo nationale – "
AXES = [
    "De la réhabilitation à la restructuration : vers une offre attractive de l’habitat",
    "Favoriser un développement économique et commercial équilibré",
    "Développer l’accessibilité, la mobilité et les connexions",
    "Mettre en valeur les formes urbaines, l’espace public et le patrimoine",
    "Fournir l’accès aux équipements, aux services publics, à l’offre culturelle et de loisirs",
]
OBJECTIVES = [
    "Résorber la vacance et l’habitat dégradé",
    "Diversifier l’offre de logements",
    "Maintenir les commerces de proximité",
    "Accueillir de nouvelles activités",
    "Apaiser la circulation dans le centre",
    "Développer les mobilités douces",
    "Requalifier les espaces publics",
    "Valoriser le patrimoine bâti",
    "Renforcer l’offre de services au public",
    "Conforter les équipements culturels et sportifs",
]
ARTICLES = [
    ("Objet de la convention", "La présente convention décrit le projet de revitalisation {of}."),
    ("Engagements des partenaires", "Les partenaires mobilisent leurs moyens au service {of}."),
    ("Plan d’action", "Le plan d’action, évolutif, est validé par le comité de projet."),
    ("Gouvernance", "Un comité de pilotage se réunit au moins trois fois par an."),
    ("Durée", "La convention est conclue pour une durée de {years} ans."),
]
KINDS = {
    Convention.Kind.CADRE_OPERATIONNELLE_PVD: (Convention.Programme.PVD, 56),
    Convention.Kind.ADHESION_PVD: (Convention.Programme.PVD, 24),
    Convention.Kind.CADRE_ACV: (Convention.Programme.ACV, 20),
}
STATUSES = {
    Convention.Status.EN_VIGUEUR: 58,
    Convention.Status.SIGNEE: 8,
    Convention.Status.PROROGEE: 4,
    Convention.Status.ECHUE: 2,
    Convention.Status.EN_SIGNATURE: 10,
    Convention.Status.PROJET: 18,
}


@dataclass
class Made:
    """A generated convention and what its plan and comités draw on."""

    convention: Convention
    territory: Territory
    communes: list
    epci: object
    owners: list = field(default_factory=list)
    axes: list = field(default_factory=list)
    sectors: list = field(default_factory=list)


def generate_conventions(writer: Writer, referential: Referential, *, share: float) -> list[Made]:
    """Conventions for about `share` of the communes, a few chapeaux over an EPCI."""
    made, chapeaux = [], []
    for territory in referential.territories:
        for epci in territory.epcis:
            members = [
                c for c in territory.communes if territory.commune_epci[c.insee_code] is epci
            ]
            chapeau = None
            if len(members) > 1 and writer.rng.random() < 0.05:
                chapeau = _convention(writer, territory, members, epci, chapeau=True)
                chapeaux.append(chapeau)
            for commune in members:
                if chapeau is None and writer.rng.random() >= share:
                    continue
                item = _convention(writer, territory, [commune], epci)
                item.convention.parent = chapeau.convention if chapeau else None
                made.append(item)
    everything = chapeaux + made
    for number, item in enumerate(everything, start=1):
        item.convention.reference = f"{REFERENCE_PREFIX}{number:05d}"
        item.owners = [
            referential.commune_org[item.communes[0].insee_code],
            referential.epci_org[item.epci.siren],
            item.territory.bailleur,
        ]
    history = {}
    for batch in (chapeaux, made):
        objs = writer.create(Convention, [item.convention for item in batch], history=False)
        history.update(writer.history(Convention, objs))
    _convention_links(writer, everything, history)
    _articles_and_sectors(writer, everything)
    _parties(writer, referential, everything)
    _axes(writer, everything)
    return everything


def _convention(writer: Writer, territory, communes, epci, *, chapeau=False) -> Made:
    main = communes[0]
    if chapeau:
        kind, programme = Convention.Kind.CHAPEAU, Convention.Programme.PVD_ACV
        title = f"{TITLE_PREFIX}Convention chapeau valant ORT – {epci.name}"
    else:
        kind = writer.pick({kind: weight for kind, (_, weight) in KINDS.items()})
        programme = KINDS[kind][0]
        title = f"{TITLE_PREFIX}{kind.label} – {main.name}"
    status = writer.pick(STATUSES)
    signed = status in Convention.SIGNED_STATUSES
    signature = writer.day_between(datetime.date(2021, 9, 1), datetime.date(2025, 12, 1))
    convention = writer.stamp(
        Convention(
            title=title,
            kind=kind,
            programme=programme,
            is_ort=kind != Convention.Kind.ADHESION_PVD,
            main_commune=main,
            status=status,
            preamble=f"Jeu de données synthétique « démo nationale » : {main.name} n’existe pas.",
            signature_place=main.name if signed else "",
            signature_date=signature if signed else None,
            effective_date=signature if signed else None,
            duration_years=writer.rng.choice([5, 5, 6]),
        ),
        signature - datetime.timedelta(days=120),
    )
    return Made(convention=convention, territory=territory, communes=communes, epci=epci)


def _convention_links(writer: Writer, made: list[Made], history: list):
    commune_pairs, epci_pairs = [], []
    for item in made:
        commune_pairs += [(item.convention, commune) for commune in item.communes]
        epci_pairs.append((item.convention, item.epci))
    writer.link(Convention, "communes", commune_pairs, history)
    writer.link(Convention, "epcis", epci_pairs, history)


def _of(item: Made) -> str:
    return f"de {item.communes[0].name}"


def _articles_and_sectors(writer: Writer, made: list[Made]):
    articles, sectors = [], []
    for item in made:
        day = item.convention._history_date.date()
        for position, (title, text) in enumerate(ARTICLES, start=1):
            values = {"of": _of(item), "years": item.convention.duration_years}
            articles.append(
                writer.stamp(
                    Article(
                        convention=item.convention,
                        position=position,
                        number=str(position),
                        title=title,
                        text=text.format(**values),
                    ),
                    day,
                )
            )
        item.sectors = [
            writer.stamp(
                InterventionSector(
                    convention=item.convention,
                    name=f"Centre-ville {_of(item)}",
                    description="Périmètre ORT : le centre ancien et ses faubourgs.",
                ),
                day,
            )
        ]
        sectors += item.sectors
    writer.create(Article, articles)
    writer.create(InterventionSector, sectors)


def _parties(writer: Writer, referential: Referential, made: list[Made]):
    signatories, deliberations = [], []
    for item in made:
        convention = item.convention
        signed_on = convention.signature_date
        commune = item.communes[0].insee_code
        mayors = referential.mayors if signed_on and signed_on >= ELECTION_2026 else None
        mayor = (mayors or referential.former_mayors)[commune]
        parties = [
            (referential.commune_org[commune], mayor, Signatory.Role.COLLECTIVITE),
            (
                referential.epci_org[item.epci.siren],
                referential.presidents[item.epci.siren],
                Signatory.Role.COLLECTIVITE,
            ),
            (
                item.territory.prefecture,
                referential.prefects[item.territory.code],
                Signatory.Role.ETAT,
            ),
            (referential.operators["cdc"], None, Signatory.Role.PARTENAIRE_FINANCIER),
            (referential.operators["anah"], None, Signatory.Role.PARTENAIRE_FINANCIER),
        ]
        day = convention._history_date.date()
        for order, (organisation, person, role) in enumerate(parties, start=1):
            signatory = writer.stamp(
                Signatory(
                    convention=convention,
                    organisation=organisation,
                    representative=person,
                    role=role,
                    order=order,
                    signature_date=signed_on,
                ),
                day,
            )
            signatories.append(signatory)
            if order <= 2:
                deliberations.append(_deliberation(writer, signatory, order, signed_on or day))
    writer.create(Signatory, signatories)
    writer.create(Deliberation, deliberations)


def _deliberation(writer: Writer, signatory, order, before) -> Deliberation:
    date = before - datetime.timedelta(days=writer.rng.randrange(20, 90))
    return writer.stamp(
        Deliberation(
            signatory=signatory,
            body="Conseil municipal" if order == 1 else "Conseil communautaire",
            date=date,
            reference=f"DEL-{date.year}-{writer.rng.randrange(1, 200):03d}",
            outcome=writer.pick({"Adoptée à l’unanimité": 8, "Adoptée à la majorité": 2}),
        ),
        date,
    )


def _axes(writer: Writer, made: list[Made]):
    axes, objectives = [], []
    for item in made:
        day = item.convention._history_date.date()
        for number, title in enumerate(AXES, start=1):
            axis = writer.stamp(Axis(convention=item.convention, number=number, title=title), day)
            item.axes.append(axis)
            axes.append(axis)
            for position in (1, 2):
                text = OBJECTIVES[(number - 1) * 2 + position - 1]
                objectives.append(
                    writer.stamp(Objective(axis=axis, position=position, text=text), day)
                )
    writer.create(Axis, axes)
    writer.create(Objective, objectives)
