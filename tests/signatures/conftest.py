"""A new ACV convention, built from factories, signed in 2018 with its version 1 frozen:
the ground on which the avenant tests draft and sign avenant n° 1."""

import datetime

import pytest

from conventions.models import Convention, Signatory
from directory.models import Organisation
from tests.factories import (
    ArticleFactory,
    AxisFactory,
    CommuneFactory,
    ConventionFactory,
    ObjectiveFactory,
    OrganisationFactory,
    ProfileFactory,
    SignatoryFactory,
)

from .test_signature import sign_all

SIGNED_IN_2018 = datetime.date(2018, 6, 25)


@pytest.fixture
def acv(db):
    commune = CommuneFactory(name="Saint-Omer")
    convention = ConventionFactory(
        reference="SAINT-OMER-ACV",
        title="Convention-cadre pluriannuelle Action Cœur de Ville de Saint-Omer",
        kind=Convention.Kind.CADRE_ACV,
        programme=Convention.Programme.ACV,
        main_commune=commune,
        communes=[commune],
        signature_place="Saint-Omer",
        duration_years=10,
    )
    parties = [
        ("Ville de Saint-Omer", Organisation.Category.COMMUNE, Signatory.Role.COLLECTIVITE),
        ("CA du Pays de Saint-Omer", Organisation.Category.EPCI, Signatory.Role.COLLECTIVITE),
        ("État", Organisation.Category.ETAT, Signatory.Role.ETAT),
        ("Banque des Territoires", Organisation.Category.CDC, Signatory.Role.PARTENAIRE_FINANCIER),
    ]
    for order, (name, category, role) in enumerate(parties, start=1):
        organisation = OrganisationFactory(
            name=name,
            category=category,
            commune=commune if category == Organisation.Category.COMMUNE else None,
        )
        SignatoryFactory(convention=convention, organisation=organisation, role=role, order=order)
    for position, title in enumerate(["Objet", "Engagements des parties", "Durée"], start=1):
        ArticleFactory(convention=convention, position=position, title=title)
    for number in range(1, 6):
        axis = AxisFactory(convention=convention, number=number, title=f"Axe ACV {number}")
        ObjectiveFactory(axis=axis, position=1, text=f"Objectif initial de l’axe {number}")
    return sign_all(convention, by=None, day=SIGNED_IN_2018)


@pytest.fixture
def acv_owner(acv):
    """The chef de projet of the Saint-Omer convention."""
    return ProfileFactory(conventions=[acv]).user


def formset_post(prefix: str, rows: list[dict], *, initial: int) -> dict:
    """A draft formset as the page posts it: `initial` rows from the draft, then new ones."""
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = "" if value is None else value
    return data
