"""Conventions, their articles, sectors, parties and amendments (the record)."""

import datetime

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from directory.models import EPCI, Commune, Organisation, Representative

from .querysets import ConventionQuerySet, SignatoryQuerySet
from .transitions import StatusTransitions


class Convention(StatusTransitions, models.Model):
    class Kind(models.TextChoices):
        ADHESION_PVD = "adhesion_pvd", "Convention d’adhésion PVD"
        CADRE_ACV = "cadre_acv", "Convention-cadre ACV"
        CADRE_OPERATIONNELLE_PVD = "cadre_operationnelle_pvd", "Convention-cadre opérationnelle PVD"
        CHAPEAU = "chapeau", "Convention chapeau intercommunale"
        ORT = "ort", "Convention d’ORT"

    class Programme(models.TextChoices):
        PVD = "pvd", "Petites villes de demain"
        ACV = "acv", "Action Cœur de Ville"
        PVD_ACV = "pvd_acv", "Petites villes de demain et Action Cœur de Ville"
        ORT = "ort", "ORT hors programme"

    class Status(models.TextChoices):
        PROJET = "projet", "Projet"
        EN_SIGNATURE = "en_signature", "En signature"
        SIGNEE = "signee", "Signée"
        EN_VIGUEUR = "en_vigueur", "En vigueur"
        PROROGEE = "prorogee", "Prorogée"
        ECHUE = "echue", "Échue"
        RESILIEE = "resiliee", "Résiliée"

    SIGNED_STATUSES = (Status.SIGNEE, Status.EN_VIGUEUR, Status.PROROGEE, Status.ECHUE)
    # projet → en signature → signée → en vigueur → échue / résiliée. Dates move the status
    # of a signed convention (conventions.services.refresh_status), a prorogation or an
    # avenant may extend an échue one; a résiliée convention stays so.
    TRANSITIONS = {
        Status.PROJET: {Status.EN_SIGNATURE, Status.SIGNEE},
        Status.EN_SIGNATURE: {Status.SIGNEE},
        Status.SIGNEE: {Status.EN_VIGUEUR, Status.PROROGEE, Status.ECHUE, Status.RESILIEE},
        Status.EN_VIGUEUR: {Status.SIGNEE, Status.PROROGEE, Status.ECHUE, Status.RESILIEE},
        Status.PROROGEE: {Status.SIGNEE, Status.ECHUE, Status.RESILIEE},
        Status.ECHUE: {Status.SIGNEE, Status.EN_VIGUEUR, Status.PROROGEE},
        Status.RESILIEE: set(),
    }

    reference = models.CharField(
        "référence", max_length=60, unique=True, help_text="Référence interne au portail."
    )
    title = models.CharField("intitulé", max_length=500)
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    programme = models.CharField("programme", max_length=10, choices=Programme.choices)
    is_ort = models.BooleanField("valant ORT", default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name="convention chapeau",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    main_commune = models.ForeignKey(
        Commune,
        verbose_name="ville principale",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    communes = models.ManyToManyField(
        Commune, verbose_name="communes couvertes", related_name="conventions", blank=True
    )
    epcis = models.ManyToManyField(
        EPCI, verbose_name="EPCI couverts", related_name="conventions", blank=True
    )
    status = models.CharField(
        "statut", max_length=20, choices=Status.choices, default=Status.PROJET
    )
    preamble = models.TextField("préambule", blank=True)
    signature_place = models.CharField("lieu de signature", max_length=200, blank=True)
    signature_date = models.DateField("date de signature", null=True, blank=True)
    effective_date = models.DateField("date d’entrée en vigueur", null=True, blank=True)
    duration_years = models.PositiveSmallIntegerField("durée (années)", null=True, blank=True)
    end_date = models.DateField("date de fin explicite", null=True, blank=True)
    duration_note = models.CharField(
        "durée telle qu’écrite",
        max_length=500,
        blank=True,
        help_text="Par exemple « jusqu’à avril 2026 (article 11) ».",
    )
    prefecture_ar_reference = models.CharField(
        "référence de l’accusé de réception en préfecture", max_length=100, blank=True
    )
    prefecture_transmission_date = models.DateField(
        "date de télétransmission", null=True, blank=True
    )
    prefecture_reception_date = models.DateField(
        "date de réception en préfecture", null=True, blank=True
    )
    executory_date = models.DateField("certifiée exécutoire le", null=True, blank=True)
    ort_perimeter_homologation_date = models.DateField(
        "homologation du périmètre ORT le", null=True, blank=True
    )
    ort_perimeter_homologation_act = models.CharField(
        "acte d’homologation du périmètre ORT", max_length=255, blank=True
    )
    termination_date = models.DateField("résiliée le", null=True, blank=True)
    termination_reason = models.TextField("motif de la résiliation", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ConventionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[communes, epcis])

    class Meta:
        verbose_name = "convention"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_years__isnull=True) | Q(duration_years__gt=0),
                name="convention_duration_positive",
                violation_error_message="La durée de la convention doit être d’au moins un an.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(effective_date__isnull=True)
                | Q(end_date__gt=F("effective_date")),
                name="convention_end_after_start",
                violation_error_message="La date de fin doit suivre la date d’entrée en vigueur.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_signed(self):
        return self.status in self.SIGNED_STATUSES

    @property
    def computed_end_date(self):
        """The explicit end date, else the effective date plus the duration."""
        if self.end_date:
            return self.end_date
        if self.effective_date and self.duration_years:
            start = self.effective_date
            try:
                return start.replace(year=start.year + self.duration_years)
            except ValueError:  # 29 February
                return start.replace(year=start.year + self.duration_years, day=28)
        return None

    def covers_year(self, year: int) -> bool | None:
        """Whether a year falls in the convention's period (None when the period is unknown)."""
        start, end = self.effective_date or self.signature_date, self.computed_end_date
        if not start or not end:
            return None
        return datetime.date(year, 12, 31) >= start and datetime.date(year, 1, 1) <= end


class Article(models.Model):
    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="articles"
    )
    position = models.PositiveSmallIntegerField("ordre")
    number = models.CharField("numéro", max_length=20, blank=True)
    title = models.CharField("titre", max_length=300)
    text = models.TextField("texte", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "article"
        ordering = ["convention", "position"]

    def __str__(self):
        return f"Article {self.number} – {self.title}" if self.number else self.title


class InterventionSector(models.Model):
    class Kind(models.TextChoices):
        SECTEUR = "secteur", "Secteur d’intervention"
        PERIMETRE_ORT = "perimetre_ort", "Périmètre de l’ORT"
        PRIORITAIRE = "prioritaire", "Secteur d’intervention prioritaire"
        DENORMANDIE = "denormandie", "Périmètre Denormandie"
        ETUDE = "etude", "Périmètre d’étude"

    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="sectors"
    )
    name = models.CharField("nom", max_length=255)
    kind = models.CharField("nature", max_length=20, choices=Kind.choices, default=Kind.SECTEUR)
    description = models.TextField("description", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "secteur d’intervention"
        verbose_name_plural = "secteurs d’intervention"
        ordering = ["convention", "name"]

    def __str__(self):
        return self.name


class Signatory(models.Model):
    class Role(models.TextChoices):
        COLLECTIVITE = "collectivite", "Collectivité bénéficiaire"
        ETAT = "etat", "État"
        PARTENAIRE_FINANCIER = "partenaire_financier", "Partenaire financier"
        PARTENAIRE_LOCAL = "partenaire_local", "Autre partenaire local"
        PARTENAIRE_TECHNIQUE = "partenaire_technique", "Partenaire technique"
        EN_PRESENCE = "en_presence", "En présence de"

    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="signatories"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    representative = models.ForeignKey(
        Representative,
        verbose_name="représentant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
    )
    role = models.CharField("qualité", max_length=30, choices=Role.choices)
    capacity = models.CharField(
        "agissant en qualité de",
        max_length=300,
        blank=True,
        help_text="Tel que la convention l’écrit : « en qualité de délégué local de l’Anah », "
        "« délégataire des aides à la pierre »…",
    )
    acting_for = models.ForeignKey(
        Organisation,
        verbose_name="pour le compte de",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    signature_date = models.DateField("date de signature", null=True, blank=True)

    objects = SignatoryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "signataire"
        ordering = ["convention", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "organisation"],
                name="signatory_one_per_organisation",
                violation_error_message="Cette organisation est déjà partie à la convention.",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def signs(self):
        """Parties "en présence de" witness the signature without signing."""
        return self.role != self.Role.EN_PRESENCE


class Deliberation(models.Model):
    signatory = models.OneToOneField(
        Signatory,
        verbose_name="signataire",
        on_delete=models.CASCADE,
        related_name="deliberation",
    )
    body = models.CharField(
        "instance", max_length=255, help_text="Par exemple « Conseil municipal »."
    )
    date = models.DateField("date", null=True, blank=True)
    reference = models.CharField("numéro", max_length=100, blank=True)
    outcome = models.CharField(
        "résultat du vote", max_length=255, blank=True, help_text="« Adoptée à l’unanimité »…"
    )
    president = models.CharField("président de séance", max_length=255, blank=True)
    present = models.TextField("présents", blank=True)
    excused = models.TextField("excusés", blank=True)
    rapporteur = models.CharField("rapporteur", max_length=255, blank=True)
    summary = models.TextField("objet de la décision", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "délibération"
        ordering = ["date"]

    def __str__(self):
        return f"{self.body} du {self.date:%d/%m/%Y}" if self.date else self.body


class Amendment(StatusTransitions, models.Model):
    class Status(models.TextChoices):
        PROJET = "projet", "Projet"
        SOUMIS = "soumis", "Soumis au comité"
        SIGNE = "signe", "Signé"

    # Drafted (then submitted to the comité) → signed; a signed avenant stays signed.
    TRANSITIONS = {
        Status.PROJET: {Status.SOUMIS, Status.SIGNE},
        Status.SOUMIS: {Status.SIGNE},
        Status.SIGNE: set(),
    }

    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField("numéro")
    object = models.TextField("objet")
    status = models.CharField("statut", max_length=10, choices=Status.choices, default="projet")
    drafted_on = models.DateField("rédigé le", null=True, blank=True)
    signature_date = models.DateField("signé le", null=True, blank=True)
    signature_place = models.CharField("lieu de signature", max_length=200, blank=True)
    effective_date = models.DateField("en vigueur le", null=True, blank=True)
    draft = models.JSONField(
        "projet de convention modifiée",
        null=True,
        blank=True,
        help_text="Copie de la convention sur laquelle l’avenant est rédigé.",
    )
    base = models.JSONField(
        "convention avant l’avenant",
        null=True,
        blank=True,
        help_text="État de la convention au moment où l’avenant a été ouvert.",
    )

    history = HistoricalRecords(excluded_fields=["draft", "base"])

    class Meta:
        verbose_name = "avenant"
        ordering = ["convention", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "number"],
                name="amendment_unique_number",
                violation_error_message="Un avenant porte déjà ce numéro pour cette convention.",
            ),
        ]

    def __str__(self):
        return f"Avenant n° {self.number} – {self.convention}"
