"""Territories, organisations and the people who represent them."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ort_portal.collation import french

siren_validator = RegexValidator(r"^\d{9}$", "Le SIREN comporte exactement 9 chiffres.")
insee_validator = RegexValidator(
    r"^(\d{5}|2[AB]\d{3})$", "Le code INSEE d’une commune comporte 5 caractères."
)


class Region(models.TextChoices):
    """The regions of the Code officiel géographique (INSEE codes)."""

    GUADELOUPE = "01", "Guadeloupe"
    MARTINIQUE = "02", "Martinique"
    GUYANE = "03", "Guyane"
    REUNION = "04", "La Réunion"
    MAYOTTE = "06", "Mayotte"
    ILE_DE_FRANCE = "11", "Île-de-France"
    CENTRE_VAL_DE_LOIRE = "24", "Centre-Val de Loire"
    BOURGOGNE_FRANCHE_COMTE = "27", "Bourgogne-Franche-Comté"
    NORMANDIE = "28", "Normandie"
    HAUTS_DE_FRANCE = "32", "Hauts-de-France"
    GRAND_EST = "44", "Grand Est"
    PAYS_DE_LA_LOIRE = "52", "Pays de la Loire"
    BRETAGNE = "53", "Bretagne"
    NOUVELLE_AQUITAINE = "75", "Nouvelle-Aquitaine"
    OCCITANIE = "76", "Occitanie"
    AUVERGNE_RHONE_ALPES = "84", "Auvergne-Rhône-Alpes"
    PACA = "93", "Provence-Alpes-Côte d’Azur"
    CORSE = "94", "Corse"


class Commune(models.Model):
    insee_code = models.CharField(
        "code INSEE", max_length=5, unique=True, validators=[insee_validator]
    )
    name = models.CharField("nom", max_length=200)
    departement = models.CharField("département", max_length=3)
    region = models.CharField("région", max_length=2, choices=Region.choices, blank=True)
    pvd_id = models.CharField("identifiant PVD (ANCT)", max_length=30, blank=True)
    pvd_signed_on = models.DateField("adhésion PVD signée le", null=True, blank=True)
    acv_id = models.CharField("identifiant ACV (ANCT)", max_length=30, blank=True)
    acv_name = models.CharField("territoire ACV", max_length=200, blank=True)
    acv_signed_on = models.DateField("convention ACV signée le", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]

    def __str__(self):
        return self.name


class EPCI(models.Model):
    class Nature(models.TextChoices):
        CA = "ca", "Communauté d’agglomération"
        CC = "cc", "Communauté de communes"
        CU = "cu", "Communauté urbaine"
        METROPOLE = "metropole", "Métropole"
        EPT = "ept", "Établissement public territorial"

    siren = models.CharField("SIREN", max_length=9, unique=True, validators=[siren_validator])
    name = models.CharField("nom", max_length=200)
    nature = models.CharField("nature", max_length=12, choices=Nature.choices)
    communes = models.ManyToManyField(
        Commune, verbose_name="communes membres", related_name="epcis", blank=True
    )

    history = HistoricalRecords(m2m_fields=[communes])

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Territory:
    """The communes, EPCI and regions a chef de projet works on (their profile's communes,
    EPCI, the communes of those EPCI and the EPCI of those communes); None for whoever sees
    the whole country (administrators)."""

    def __init__(self, profile):
        self.profile = profile
        # Their communes and EPCI, those of each other, and those of the conventions given
        # to them (the same territory as ConventionQuerySet.for_user). Each part is an id
        # subquery: OR-ing the joins themselves multiplied the rows (seconds on PostgreSQL).
        self.communes = Commune.objects.filter(
            Q(pk__in=Commune.objects.filter(profiles=profile).values("pk"))
            | Q(pk__in=Commune.objects.filter(conventions__profiles=profile).values("pk"))
            | Q(pk__in=Commune.objects.filter(epcis__profiles=profile).values("pk"))
        )
        self.epcis = EPCI.objects.filter(
            Q(pk__in=EPCI.objects.filter(profiles=profile).values("pk"))
            | Q(pk__in=EPCI.objects.filter(conventions__profiles=profile).values("pk"))
            | Q(pk__in=EPCI.objects.filter(communes__profiles=profile).values("pk"))
        )
        # A subquery, not a list: scoping a list costs no query of its own.
        self.regions = self.communes.exclude(region="").values("region")

    @classmethod
    def of(cls, user):
        if not user.is_authenticated or not user.is_active or user.is_superuser:
            return None
        profile = getattr(user, "portal_profile", None)
        if profile is not None and profile.is_admin:
            return None
        return cls(profile) if profile is not None else cls.nowhere()

    @classmethod
    def nowhere(cls):
        territory = cls.__new__(cls)
        territory.communes, territory.epcis = Commune.objects.none(), EPCI.objects.none()
        territory.regions = Commune.objects.none().values("region")
        territory.profile = None
        return territory

    def local(self, prefix=""):
        """Organisations (through `prefix`) of a commune or EPCI of the territory."""
        return Q(**{f"{prefix}commune__in": self.communes.values("pk")}) | Q(
            **{f"{prefix}epci__in": self.epcis.values("pk")}
        )

    def parties(self, model):
        """Parties (organisations, or representatives: `model`) of the conventions given
        to the profile."""
        if self.profile is None:
            return Q(pk__in=[])
        signed = model.objects.filter(signatures__convention__profiles=self.profile)
        return Q(pk__in=signed.values("pk"))

    def beyond_communes(self, prefix=""):
        """Organisations tied to no commune nor EPCI: national, or of one of the regions."""
        return Q(
            Q(**{f"{prefix}commune__isnull": True}),
            Q(**{f"{prefix}epci__isnull": True}),
            Q(**{f"{prefix}region": ""}) | Q(**{f"{prefix}region__in": self.regions}),
        )


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Organisations a user may pick or open: every one for an administrator; for a chef
        de projet those of their territory and the national or regional bodies of their
        region, never the local organisations of another territory."""
        territory = Territory.of(user)
        if territory is None:
            return self
        visible = territory.local() | territory.beyond_communes() | territory.parties(self.model)
        return self.filter(pk__in=self.model.objects.filter(visible).values("pk"))

    def in_territory(self, user):
        """The local organisations of the user's territory (proposed first in the lists)."""
        territory = Territory.of(user)
        if territory is None:
            return self
        return self.filter(territory.local())

    def alphabetical(self):
        """French order, blind to accents and case: « État… » and « Établissement… »
        among the E (ort_portal.collation)."""
        return self.order_by(french("name"), "pk")


class AlphabeticalManager(models.Manager.from_queryset(OrganisationQuerySet)):
    """Organisations come in French alphabetical order wherever no other order is asked
    (pickers, filters, related lists): Meta.ordering sorts by code point."""

    def get_queryset(self):
        return super().get_queryset().alphabetical()


class Organisation(models.Model):
    class Category(models.TextChoices):
        COMMUNE = "commune", "Commune"
        EPCI = "epci", "EPCI"
        COLLECTIVITE_STATUT_PARTICULIER = (
            "collectivite_particuliere",
            "Collectivité à statut particulier",
        )
        ETAT = "etat", "État / préfecture"
        ANAH = "anah", "Anah"
        CDC = "cdc", "Caisse des Dépôts / Banque des Territoires"
        EPF = "epf", "Établissement public foncier"
        ANCT = "anct", "ANCT"
        OPERATEUR_NATIONAL = "operateur_national", "Opérateur national"
        PNR = "pnr", "Parc naturel régional"
        REGION = "region", "Région"
        DEPARTEMENT = "departement", "Département"
        BAILLEUR_SOCIAL = "bailleur_social", "Bailleur social"
        AOM = "aom", "Autorité organisatrice de mobilité"
        CHAMBRE_CONSULAIRE = "chambre_consulaire", "Chambre consulaire"
        ASSOCIATION = "association", "Association"
        INVESTISSEUR_PRIVE = "investisseur_prive", "Investisseur privé"
        AUTRE = "autre", "Autre"

    name = models.CharField("nom", max_length=255)
    category = models.CharField("catégorie", max_length=30, choices=Category.choices)
    siren = models.CharField("SIREN", max_length=9, blank=True, validators=[siren_validator])
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    epci = models.ForeignKey(
        EPCI,
        verbose_name="EPCI",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    region = models.CharField(
        "région",
        max_length=2,
        choices=Region.choices,
        blank=True,
        help_text="Pour un organisme régional ou départemental (EPF, bailleur, préfecture…) ; "
        "vide pour un organisme national.",
    )

    history = HistoricalRecords()
    objects = AlphabeticalManager()

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siren"],
                condition=~Q(siren=""),
                name="organisation_unique_siren",
                violation_error_message="Une organisation porte déjà ce SIREN.",
            ),
        ]

    def __str__(self):
        return self.name


class RepresentativeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Representatives a user may see in a list: for a chef de projet, those of the
        organisations they may see (OrganisationQuerySet.for_user) and, for a national
        body, those of their region only; never another territory's people."""
        territory = Territory.of(user)
        if territory is None:
            return self
        visible = (
            territory.local("organisation__")
            | territory.parties(self.model)
            | Q(
                territory.beyond_communes("organisation__"),
                Q(region="") | Q(region__in=territory.regions),
            )
        )
        return self.filter(pk__in=self.model.objects.filter(visible).values("pk"))

    def current(self, on=None):
        """Representatives whose mandate covers the given day (today by default); the
        latest mandate last, so that a mapping built from them keeps the newest."""
        day = on or timezone.localdate()
        return self.filter(
            Q(mandate_start__isnull=True) | Q(mandate_start__lte=day),
            Q(mandate_end__isnull=True) | Q(mandate_end__gte=day),
        ).order_by(F("mandate_start").asc(nulls_first=True), "pk")


class Representative(models.Model):
    class Civility(models.TextChoices):
        M = "M.", "M."
        MME = "Mme", "Mme"

    civility = models.CharField("civilité", max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField("prénom", max_length=100, blank=True)
    last_name = models.CharField(
        "nom",
        max_length=100,
        blank=True,
        help_text="Facultatif : certaines conventions ne nomment que la fonction.",
    )
    function = models.CharField(
        "fonction", max_length=255, help_text="Par exemple « Maire » ou « Préfet du Haut-Rhin »."
    )
    region = models.CharField(
        "région",
        max_length=2,
        choices=Region.choices,
        blank=True,
        help_text="Pour un organisme national, la région où ce représentant exerce "
        "(directeur régional de la Banque des Territoires…).",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        related_name="representatives",
    )
    mandate_start = models.DateField("début du mandat", null=True, blank=True)
    mandate_end = models.DateField("fin du mandat", null=True, blank=True)

    objects = RepresentativeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "représentant"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mandate_end__isnull=True)
                | Q(mandate_start__isnull=True)
                | Q(mandate_end__gte=F("mandate_start")),
                name="representative_mandate_end_after_start",
                violation_error_message="La fin du mandat doit suivre son début.",
            ),
        ]

    def __str__(self):
        return f"{self.designation} ({self.organisation})"

    def clean(self):
        super().clean()
        if self.first_name and not self.last_name:
            raise ValidationError({"last_name": "Donnez le nom avec le prénom, ou aucun des deux."})

    def in_office(self, on=None) -> bool:
        """The rule of RepresentativeQuerySet.current(), for a representative already loaded."""
        day = on or timezone.localdate()
        start, end = self.mandate_start, self.mandate_end
        return (start is None or start <= day) and (end is None or end >= day)

    @property
    def person_name(self):
        """The person's name; empty when the convention names only the office."""
        if not self.last_name:
            return ""
        return " ".join(part for part in (self.civility, self.first_name, self.last_name) if part)

    @property
    def full_name(self):
        """The person's name, or the office when the convention names no one."""
        return self.person_name or self.function

    @property
    def designation(self):
        """« M. Jean Dupont, Maire », or the office alone (« Préfet du Haut-Rhin »)."""
        return f"{self.person_name}, {self.function}" if self.person_name else self.function
