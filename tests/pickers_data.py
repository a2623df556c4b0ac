"""Two territories for the pickers' tests: Saint-Étienne-du-Bois (A) and Lens (B), each with
a convention, a chef de projet and a local organisation, and a national body both see."""

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
