"""Communes, EPCI, their organisations and representatives, and the national and
regional bodies that sign and finance the conventions."""

from dataclasses import dataclass, field

from directory.models import EPCI, Commune, Organisation, Representative

from .geography import DEPARTEMENT_REGIONS, FIRST_NAMES, LAST_NAMES, ROOTS, SUFFIXES
from .run import MARK, PREFIX, REFERENCE_DAY, Run, day_between

NATIONAL_COMMUNES = 1900
COMMUNES_PER_EPCI = 3
CREATED_ON = REFERENCE_DAY.replace(year=2021, month=3, day=1)
# The last three digits of an INSEE or SIREN code no real commune or EPCI uses.
FIRST_INSEE_NUMBER = 950


@dataclass
class Territories:
    """What the conventions are built on, in creation order."""

    communes: list = field(default_factory=list)
    epci_of: dict = field(default_factory=dict)  # commune pk → EPCI
    commune_body: dict = field(default_factory=dict)  # commune pk → Organisation
    epci_body: dict = field(default_factory=dict)  # EPCI pk → Organisation
    prefecture: dict = field(default_factory=dict)  # département → Organisation
    department_body: dict = field(default_factory=dict)  # département → Organisation
    region_body: dict = field(default_factory=dict)  # region → Organisation
    national: dict = field(default_factory=dict)  # category → Organisation
    mayor: dict = field(default_factory=dict)  # Organisation pk → Representative


def commune_name(run: Run) -> str:
    return run.rng.choice(ROOTS) + run.rng.choice(SUFFIXES)


def create_communes(run: Run) -> list:
    count = run.size(NATIONAL_COMMUNES)
    communes = []
    for index in range(count):
        departement, region = DEPARTEMENT_REGIONS[index % len(DEPARTEMENT_REGIONS)]
        number = FIRST_INSEE_NUMBER + index // len(DEPARTEMENT_REGIONS)
        communes.append(
            Commune(
                insee_code=f"{departement}{number:03d}",
                name=commune_name(run),
                departement=departement,
                region=region,
                pvd_id=f"{PREFIX}PVD-{index + 1:05d}",
                pvd_signed_on=day_between(run.rng, CREATED_ON, CREATED_ON.replace(year=2022)),
            )
        )
    return run.create(Commune, communes, on=CREATED_ON)


def create_epcis(run: Run, communes: list) -> dict:
    """Neighbouring communes (same département) grouped by three; commune pk → EPCI."""
    groups = {}
    for commune in communes:
        groups.setdefault(commune.departement, []).append(commune)
    chunks = [
        members[start : start + COMMUNES_PER_EPCI]
        for members in groups.values()
        for start in range(0, len(members), COMMUNES_PER_EPCI)
    ]
    natures = [EPCI.Nature.CC] * 6 + [EPCI.Nature.CA] * 3 + [EPCI.Nature.CU]
    epcis = []
    for index, chunk in enumerate(chunks):
        nature = run.rng.choice(natures)
        name = f"{nature.label} {chunk[0].name} {MARK}"
        epcis.append(EPCI(siren=f"299{index + 1:06d}", name=name, nature=nature))
    epcis = run.create(EPCI, epcis, on=CREATED_ON)
    run.link(
        EPCI,
        "communes",
        [(e.pk, c.pk) for e, chunk in zip(epcis, chunks, strict=True) for c in chunk],
    )
    return {
        commune.pk: epci for epci, chunk in zip(epcis, chunks, strict=True) for commune in chunk
    }


def organisation(name, category, **where) -> Organisation:
    return Organisation(name=f"{name} {MARK}", category=category, **where)


def create_local_bodies(run: Run, territories: Territories):
    """The commune and EPCI as organisations (the collectivités that sign)."""
    communes = territories.communes
    epcis = list({epci.pk: epci for epci in territories.epci_of.values()}.values())
    bodies = [
        organisation(f"Commune de {c.name}", Organisation.Category.COMMUNE, commune=c)
        for c in communes
    ] + [organisation(e.name.removesuffix(f" {MARK}"), "epci", epci=e) for e in epcis]
    bodies = run.create(Organisation, bodies, on=CREATED_ON)
    territories.commune_body = {
        c.pk: body for c, body in zip(communes, bodies[: len(communes)], strict=True)
    }
    territories.epci_body = {
        e.pk: body for e, body in zip(epcis, bodies[len(communes) :], strict=True)
    }


def create_public_bodies(run: Run, territories: Territories):
    """The préfecture and conseil départemental of each département met, the conseil
    régional of each region, and the national operators (one each)."""
    departements = sorted({(c.departement, c.region) for c in territories.communes})
    regions = sorted({region for _, region in departements})
    Category = Organisation.Category
    national = [
        ("Banque des Territoires", Category.CDC),
        ("Agence nationale de l’habitat", Category.ANAH),
        ("Agence nationale de la cohésion des territoires", Category.ANCT),
    ]
    bodies = (
        [organisation(f"Préfecture ({d})", Category.ETAT, region=r) for d, r in departements]
        + [
            organisation(f"Département ({d})", Category.DEPARTEMENT, region=r)
            for d, r in departements
        ]
        + [organisation(f"Région {r}", Category.REGION, region=r) for r in regions]
        + [organisation(name, category) for name, category in national]
    )
    bodies = iter(run.create(Organisation, bodies, on=CREATED_ON))
    territories.prefecture = {d: next(bodies) for d, _ in departements}
    territories.department_body = {d: next(bodies) for d, _ in departements}
    territories.region_body = {r: next(bodies) for r in regions}
    territories.national = {category: next(bodies) for _, category in national}


def create_mayors(run: Run, territories: Territories):
    """A maire for each commune and a président for each EPCI (who sign for them)."""
    bodies = list(territories.commune_body.values()) + list(territories.epci_body.values())
    people = []
    for body in bodies:
        first_name = run.rng.choice(FIRST_NAMES)
        people.append(
            Representative(
                civility=run.rng.choice(["M.", "Mme"]),
                first_name=first_name,
                last_name=run.rng.choice(LAST_NAMES),
                function="Maire" if body.category == "commune" else "Président",
                organisation=body,
                mandate_start=REFERENCE_DAY.replace(year=2020, month=7, day=3),
            )
        )
    people = run.create(Representative, people, on=CREATED_ON)
    territories.mayor = {person.organisation_id: person for person in people}


def create_territories(run: Run) -> Territories:
    territories = Territories(communes=create_communes(run))
    territories.epci_of = create_epcis(run, territories.communes)
    create_local_bodies(run, territories)
    create_public_bodies(run, territories)
    create_mayors(run, territories)
    return territories
