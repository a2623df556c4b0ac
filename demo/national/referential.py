"""Communes, EPCI, organisations and representatives of the national synthetic dataset."""

import datetime
import math
from dataclasses import dataclass, field

from directory.departements import DEPARTEMENTS, REGIONS
from directory.models import EPCI, Commune, Organisation, Representative

from .writer import Writer

COMMUNES_PER_DEPARTEMENT = 19
# The municipal elections of March 2026: the mayors elected in 2020 handed over.
ELECTION_2020 = datetime.date(2020, 7, 3)
ELECTION_2026 = datetime.date(2026, 3, 22)
NATIONAL_OPERATORS = [
    ("Agence nationale de la cohésion des territoires", Organisation.Category.ANCT),
    ("Agence nationale de l’habitat", Organisation.Category.ANAH),
    ("Banque des Territoires", Organisation.Category.CDC),
    ("Action Logement Services", Organisation.Category.AUTRE),
]
EPCI_PREFIXES = {
    EPCI.Nature.CC: "Communauté de communes",
    EPCI.Nature.CA: "Communauté d’agglomération",
    EPCI.Nature.CU: "Communauté urbaine",
}


@dataclass
class Territory:
    """What the conventions of one département draw on."""

    code: str
    communes: list = field(default_factory=list)
    epcis: list = field(default_factory=list)
    commune_epci: dict = field(default_factory=dict)
    prefecture: Organisation | None = None
    council: Organisation | None = None
    region: Organisation | None = None
    bailleur: Organisation | None = None
    epf: Organisation | None = None
    chamber: Organisation | None = None


@dataclass
class Referential:
    territories: list[Territory]
    commune_org: dict = field(default_factory=dict)
    epci_org: dict = field(default_factory=dict)
    operators: dict = field(default_factory=dict)
    mayors: dict = field(default_factory=dict)
    former_mayors: dict = field(default_factory=dict)
    presidents: dict = field(default_factory=dict)
    prefects: dict = field(default_factory=dict)


def generate_referential(writer: Writer, *, communes: int) -> Referential:
    codes = list(DEPARTEMENTS)
    writer.rng.shuffle(codes)
    count = max(1, min(len(codes), math.ceil(communes / COMMUNES_PER_DEPARTEMENT)))
    territories = [Territory(code=code) for code in sorted(codes[:count])]
    _communes(writer, territories, communes)
    _epcis(writer, territories)
    referential = Referential(territories=territories)
    _organisations(writer, referential)
    _representatives(writer, referential)
    return referential


def _insee_codes(code: str, taken: set[str]):
    width = 5 - len(code)
    for number in range(1, 10**width):
        insee = f"{code}{number:0{width}d}"
        if insee not in taken:
            yield insee


def _communes(writer: Writer, territories: list[Territory], total: int):
    taken = set(Commune.objects.values_list("insee_code", flat=True))
    created = []
    for index in range(total):
        territory = territories[index % len(territories)]
        name = writer.fake.unique.city()
        insee = next(_insee_codes(territory.code, taken))
        taken.add(insee)
        commune = Commune(insee_code=insee, name=name, departement=territory.code)
        territory.communes.append(commune)
        created.append(writer.stamp(commune, datetime.date(2022, 1, 10)))
    writer.create(Commune, created)


def _epcis(writer: Writer, territories: list[Territory]):
    taken = set(EPCI.objects.values_list("siren", flat=True))
    serial = 0
    created, pairs = [], []
    for territory in territories:
        members = list(territory.communes)
        while members:
            size = min(len(members), writer.rng.choice([1, 2, 2, 2, 3]))
            group, members = members[:size], members[size:]
            serial += 1
            siren = f"99{serial:07d}"
            while siren in taken:
                serial += 1
                siren = f"99{serial:07d}"
            nature = writer.pick({EPCI.Nature.CC: 80, EPCI.Nature.CA: 17, EPCI.Nature.CU: 3})
            epci = EPCI(siren=siren, nature=nature, name=f"{EPCI_PREFIXES[nature]} {group[0].name}")
            territory.epcis.append(epci)
            for commune in group:
                territory.commune_epci[commune.insee_code] = epci
            created.append(writer.stamp(epci, datetime.date(2022, 1, 10)))
            pairs.extend((epci, commune) for commune in group)
    history = writer.create(EPCI, created, history=False)
    rows = writer.history(EPCI, history)
    writer.link(EPCI, "communes", pairs, rows)


def _organisations(writer: Writer, referential: Referential):
    day = datetime.date(2022, 1, 10)
    created = []

    def add(name, category, **links):
        organisation = writer.stamp(Organisation(name=name, category=category, **links), day)
        created.append(organisation)
        return organisation

    for name, category in NATIONAL_OPERATORS:
        referential.operators[category] = add(f"{name} (démo nationale)", category)
    regions = {}
    for territory in referential.territories:
        name, region = DEPARTEMENTS[territory.code]
        if region not in regions:
            regions[region] = add(f"Région {REGIONS[region]} (démo)", Organisation.Category.REGION)
        territory.region = regions[region]
        territory.prefecture = add(f"Préfecture – {name} (démo)", Organisation.Category.ETAT)
        territory.council = add(
            f"Conseil départemental – {name} (démo)", Organisation.Category.DEPARTEMENT
        )
        territory.bailleur = add(f"{name} Habitat (démo)", Organisation.Category.BAILLEUR_SOCIAL)
        territory.epf = add(f"EPF – {name} (démo)", Organisation.Category.EPF)
        territory.chamber = add(f"CCI – {name} (démo)", Organisation.Category.CHAMBRE_CONSULAIRE)
        for commune in territory.communes:
            referential.commune_org[commune.insee_code] = add(
                f"Commune de {commune.name}", Organisation.Category.COMMUNE, commune=commune
            )
        for epci in territory.epcis:
            referential.epci_org[epci.siren] = add(epci.name, Organisation.Category.EPCI, epci=epci)
    writer.create(Organisation, created)


def _person(writer: Writer, organisation, function, start, end=None):
    """A representative; `function` may be a (masculine, feminine) pair."""
    female = writer.rng.random() < 0.42
    if isinstance(function, tuple):
        function = function[female]
    return writer.stamp(
        Representative(
            civility=Representative.Civility.MME if female else Representative.Civility.M,
            first_name=writer.fake.first_name_female() if female else writer.fake.first_name_male(),
            last_name=writer.fake.last_name(),
            function=function,
            organisation=organisation,
            mandate_start=start,
            mandate_end=end,
        ),
        start,
    )


def _representatives(writer: Writer, referential: Referential):
    created = []
    for territory in referential.territories:
        name = DEPARTEMENTS[territory.code][0]
        prefect = _person(
            writer, territory.prefecture, (f"Préfet – {name}", f"Préfète – {name}"), ELECTION_2020
        )
        referential.prefects[territory.code] = prefect
        created.append(prefect)
        for commune in territory.communes:
            organisation = referential.commune_org[commune.insee_code]
            function = f"Maire de {commune.name}"
            former = _person(
                writer, organisation, function, ELECTION_2020, ELECTION_2026 - datetime.timedelta(1)
            )
            mayor = _person(writer, organisation, function, ELECTION_2026)
            referential.former_mayors[commune.insee_code] = former
            referential.mayors[commune.insee_code] = mayor
            created += [former, mayor]
        for epci in territory.epcis:
            functions = (f"Président – {epci.name}", f"Présidente – {epci.name}")
            president = _person(writer, referential.epci_org[epci.siren], functions, ELECTION_2020)
            referential.presidents[epci.siren] = president
            created.append(president)
    writer.create(Representative, created)
