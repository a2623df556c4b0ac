"""Two territories for the pickers' tests: Saint-Étienne-du-Bois (A) and Lens (B), each with
a convention, a chef de projet and a local organisation, and a national body both see."""

import re

import factory

from tests import factories as f


class Territories:
    def __init__(self):
        self.commune_a = f.CommuneFactory(name="Saint-Étienne-du-Bois", insee_code="01350")
        self.commune_b = f.CommuneFactory(name="Lens", insee_code="62498")
        self.epci_a = f.EPCIFactory(name="CC de la Vallée de l’Œuf", siren="200070118")
        self.convention_a = f.ConventionFactory(
            signed=True, communes=[self.commune_a], epcis=[self.epci_a]
        )
        self.convention_b = f.ConventionFactory(signed=True, communes=[self.commune_b])
        self.chef_a = f.ProfileFactory(conventions=[self.convention_a]).user
        self.chef_b = f.ProfileFactory(conventions=[self.convention_b]).user
        self.mairie_a = f.OrganisationFactory(
            name="Mairie de Saint-Étienne-du-Bois", commune=self.commune_a, siren="210103500"
        )
        self.mairie_b = f.OrganisationFactory(name="Mairie de Lens", commune=self.commune_b)
        self.epf = f.OrganisationFactory(name="Établissement public foncier")
        self.maire_a = f.RepresentativeFactory(
            last_name="DUPRÉ", first_name="Agnès", organisation=self.mairie_a
        )
        self.maire_b = f.RepresentativeFactory(
            last_name="DUPRÉ", first_name="Bernard", organisation=self.mairie_b
        )


def national_scale(organisations=300):
    """Many national bodies, which every chef de projet may pick, each with a representative."""
    bodies = f.OrganisationFactory.create_batch(
        organisations, name=factory.Sequence(lambda n: f"Organisme national {n:04}")
    )
    for body in bodies:
        f.RepresentativeFactory(organisation=body)
    return bodies


def options_of(html, name):
    """The options of the select named `name` in a page."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))
