"""Territories, organisations and the people who represent them."""

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


class Commune(models.Model):
    insee_code = models.CharField(
        "code INSEE", max_length=5, unique=True, validators=[insee_validator]
    )
    name = models.CharField("nom", max_length=200)
    departement = models.CharField("département", max_length=3)

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


class OrganisationQuerySet(models.QuerySet):
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
        ETAT = "etat", "État / préfecture"
        ANAH = "anah", "Anah"
        CDC = "cdc", "Caisse des Dépôts / Banque des Territoires"
        EPF = "epf", "Établissement public foncier"
        ANCT = "anct", "ANCT"
        REGION = "region", "Région"
        DEPARTEMENT = "departement", "Département"
        BAILLEUR_SOCIAL = "bailleur_social", "Bailleur social"
        AOM = "aom", "Autorité organisatrice de mobilité"
        CHAMBRE_CONSULAIRE = "chambre_consulaire", "Chambre consulaire"
        ASSOCIATION = "association", "Association"
        AUTRE = "autre", "Autre"

    name = models.CharField("nom", max_length=255)
    category = models.CharField("catégorie", max_length=20, choices=Category.choices)
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

    civility = models.CharField("civilité", max_length=3, choices=Civility.choices)
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    function = models.CharField(
        "fonction", max_length=255, help_text="Par exemple « Maire » ou « Sous-Préfet de Lens »."
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
        return f"{self.full_name}, {self.function} ({self.organisation})"

    def in_office(self, on=None) -> bool:
        """The rule of RepresentativeQuerySet.current(), for a representative already loaded."""
        day = on or timezone.localdate()
        start, end = self.mandate_start, self.mandate_end
        return (start is None or start <= day) and (end is None or end >= day)

    @property
    def full_name(self):
        return f"{self.civility} {self.first_name} {self.last_name}"
