import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from accounts.models import Profile
from actions.models import (
    Action,
    ActionOwner,
    Axis,
    Funding,
    Indicator,
    Measurement,
    Objective,
)
from conventions.models import (
    Amendment,
    Article,
    Convention,
    Deliberation,
    InterventionSector,
    Signatory,
)
from directory.models import EPCI, Commune, Organisation, Representative
from governance.models import Attendance, Committee, CommitteeMember, Decision, Meeting

PASSWORD = "mot-de-passe-de-test"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["insee_code"]

    insee_code = factory.Sequence(lambda n: f"{59000 + n:05d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    departement = "62"


class EPCIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EPCI

    siren = factory.Sequence(lambda n: f"{200000000 + n:09d}")
    name = factory.Sequence(lambda n: f"Communauté d’agglomération {n}")
    nature = EPCI.Nature.CA


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    category = Organisation.Category.AUTRE

    class Params:
        etat = factory.Trait(name="État", category=Organisation.Category.ETAT)


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    civility = Representative.Civility.MME
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"NOM{n}")
    function = "Maire"
    organisation = factory.SubFactory(OrganisationFactory)


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"CONV-{n:04d}")
    title = factory.Sequence(lambda n: f"Convention-cadre Petites villes de demain n° {n}")
    kind = Convention.Kind.CADRE_OPERATIONNELLE_PVD
    programme = Convention.Programme.PVD
    status = Convention.Status.PROJET

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)

    @factory.post_generation
    def epcis(self, create, extracted, **kwargs):
        if create and extracted:
            self.epcis.set(extracted)

    class Params:
        signed = factory.Trait(
            status=Convention.Status.EN_VIGUEUR,
            signature_date=datetime.date(2023, 1, 18),
            effective_date=datetime.date(2023, 1, 18),
            duration_years=5,
        )


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    convention = factory.SubFactory(ConventionFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.position))
    title = factory.Sequence(lambda n: f"Article de test {n}")
    text = "Texte de l’article."


class InterventionSectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionSector

    convention = factory.SubFactory(ConventionFactory)
    name = factory.Sequence(lambda n: f"Secteur {n}")


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    convention = factory.SubFactory(ConventionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    representative = factory.SubFactory(
        RepresentativeFactory, organisation=factory.SelfAttribute("..organisation")
    )
    role = Signatory.Role.PARTENAIRE_LOCAL
    order = factory.Sequence(lambda n: n)


class DeliberationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliberation

    signatory = factory.SubFactory(SignatoryFactory)
    body = "Conseil municipal"
    date = datetime.date(2022, 12, 12)
    outcome = "Adoptée à l’unanimité"


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendment

    convention = factory.SubFactory(ConventionFactory)
    number = factory.Sequence(lambda n: n + 1)
    object = "Ajout de fiches-actions"


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    convention = factory.SubFactory(ConventionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Axe stratégique {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    axis = factory.SubFactory(AxisFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Objectif {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    axis = factory.SubFactory(AxisFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Action {n}")
    maturity = Action.Maturity.PROJETEE

    class Params:
        costed = factory.Trait(
            estimated_cost=Decimal("100000.00"),
            start_date=datetime.date(2024, 1, 1),
            end_date=datetime.date(2026, 12, 31),
        )


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    action = factory.SubFactory(ActionFactory)
    funder = factory.SubFactory(OrganisationFactory)
    year = 2024
    amount = Decimal("10000.00")

    class Params:
        loan = factory.Trait(nature=Funding.Nature.PRET, status=Funding.Status.ACQUIS)
        own_share = factory.Trait(nature=Funding.Nature.FONDS_PROPRES)
        to_be_specified = factory.Trait(amount=None, status=Funding.Status.SOLLICITE)


class ActionOwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionOwner

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    action = factory.SubFactory(ActionFactory)
    label = factory.Sequence(lambda n: f"Indicateur {n}")
    kind = Indicator.Kind.RESULTAT
    unit = "logements"
    target = Decimal("20")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    value = Decimal("5")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        skip_postgeneration_save = True

    kind = Committee.Kind.COMITE_PROJET
    name = factory.Sequence(lambda n: f"Comité de projet {n}")
    expected_meetings_per_year = 3

    @factory.post_generation
    def conventions(self, create, extracted, **kwargs):
        if create and extracted:
            self.conventions.set(extracted)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    representative = factory.SubFactory(RepresentativeFactory)
    role = CommitteeMember.Role.MEMBRE


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 3, 12, 14, 0, tzinfo=datetime.UTC)
    )
    place = "Hôtel de ville"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(CommitteeMemberFactory)
    status = Attendance.Status.PRESENT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    kind = Decision.Kind.AUTRE
    text = "Le comité prend acte."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = "Dominique"
    last_name = factory.Sequence(lambda n: f"Agent{n}")
    password = factory.django.Password(PASSWORD)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    role = Profile.Role.CHEF_DE_PROJET

    @factory.post_generation
    def conventions(self, create, extracted, **kwargs):
        if create and extracted:
            self.conventions.set(extracted)
