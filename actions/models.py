"""Strategy (axes, objectives) and the plan d'action (actions, funding, indicators)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from conventions.models import Convention, InterventionSector
from directory.models import Organisation


class AxisTemplate(models.Model):
    """Standard axes proposed when creating a convention (the 5 mandatory ACV axes)."""

    programme = models.CharField("programme", max_length=10, choices=Convention.Programme.choices)
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("intitulé", max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "modèle d’axe"
        verbose_name_plural = "modèles d’axes"
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="axis_template_unique_number",
                violation_error_message="Ce programme a déjà un axe type portant ce numéro.",
            ),
        ]

    def __str__(self):
        return f"{self.get_programme_display()} – axe {self.number} : {self.title}"


AMENDMENT_REQUIRED = (
    "La convention est signée : ses axes et objectifs ne changent que par avenant "
    "(Libercourt, art. 3 et 12). Rédigez un avenant depuis la page « Versions signées »."
)


class AxisQuerySet(models.QuerySet):
    def for_user(self, user):
        """Axes of the conventions the user may read."""
        return self.filter(convention__in=Convention.objects.for_user(user))

    def editable_by(self, user):
        """Axes of the conventions the user may edit (their actions; the axes themselves
        change by avenant once the convention is signed)."""
        return self.filter(convention__in=Convention.objects.editable_by(user))


class Axis(models.Model):
    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="axes"
    )
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("intitulé", max_length=500)

    objects = AxisQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "axe"
        ordering = ["convention", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "number"],
                name="axis_unique_number_per_convention",
                violation_error_message="Cette convention a déjà un axe portant ce numéro.",
            ),
        ]

    def __str__(self):
        return f"Axe {self.number} : {self.title}"

    def clean(self):
        """Art. 3 and 12: the axes of a signed convention change only through an avenant
        (signatures.services.amendments.sign_amendment saves them without this check)."""
        super().clean()
        if not self.convention_id or not self.convention.is_signed:
            return
        stored = Axis.objects.filter(pk=self.pk).values("convention_id", "number", "title").first()
        if stored != {
            "convention_id": self.convention_id,
            "number": self.number,
            "title": self.title,
        }:
            raise ValidationError(AMENDMENT_REQUIRED)


class Objective(models.Model):
    axis = models.ForeignKey(
        Axis, verbose_name="axe", on_delete=models.CASCADE, related_name="objectives"
    )
    position = models.PositiveSmallIntegerField("ordre")
    text = models.TextField("objectif")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "objectif"
        ordering = ["axis", "position"]

    def __str__(self):
        return self.text

    def clean(self):
        """Art. 3 and 12: the objectives of a signed convention change only through an avenant."""
        super().clean()
        if not self.axis_id or not self.axis.convention.is_signed:
            return
        stored = Objective.objects.filter(pk=self.pk).values("axis_id", "text").first()
        if stored != {"axis_id": self.axis_id, "text": self.text}:
            raise ValidationError(AMENDMENT_REQUIRED)


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Actions of the conventions the user may read."""
        return self.filter(axis__convention__in=Convention.objects.for_user(user))

    def editable_by(self, user):
        """Actions of the conventions the user may edit."""
        return self.filter(axis__convention__in=Convention.objects.editable_by(user))

    def with_financing(self):
        """Annotate the financing total and the acquired part of each action.

        A refused request finances nothing: it counts neither in the total nor in
        what is acquired (acquis / notifié or versé).
        """
        counted = ~Q(fundings__status=Funding.Status.REFUSE)
        acquired = Q(fundings__status__in=[Funding.Status.ACQUIS, Funding.Status.VERSE])
        money = models.DecimalField(max_digits=14, decimal_places=2)
        zero = Value(Decimal("0"), output_field=money)
        return self.annotate(
            financing_total=Coalesce(Sum("fundings__amount", filter=counted), zero),
            financing_acquired=Coalesce(Sum("fundings__amount", filter=acquired), zero),
        )

    @staticmethod
    def late_condition(today=None) -> Q:
        """Late: the end date has passed and the action is neither réalisée nor abandonnée."""
        today = today or timezone.localdate()
        finished = [Action.Maturity.REALISEE, Action.Maturity.ABANDONNEE]
        return Q(end_date__lt=today) & ~Q(maturity__in=finished)

    def late(self, today=None):
        return self.filter(self.late_condition(today))

    def with_lateness(self, today=None):
        """Annotate is_late (late_condition)."""
        return self.annotate(
            is_late=ExpressionWrapper(
                self.late_condition(today), output_field=models.BooleanField()
            )
        )

    def for_plan(self):
        """The rows of the plan d'action: axis, maître d'ouvrage and financing figures."""
        return (
            self.select_related("axis", "project_owner")
            .with_financing()
            .with_lateness()
            .order_by("axis__number", "position", "code", "pk")
        )

    def for_fiche(self):
        """Everything the fiche-action shows, in a constant number of queries."""
        return (
            self.select_related("axis__convention", "project_owner", "sector")
            .with_lateness()
            .prefetch_related(
                "partners",
                models.Prefetch("fundings", queryset=Funding.objects.select_related("funder")),
                models.Prefetch(
                    "indicators",
                    queryset=Indicator.objects.prefetch_related(
                        models.Prefetch(
                            "measurements", queryset=Measurement.objects.order_by("date")
                        )
                    ),
                ),
            )
        )


class Action(models.Model):
    class Maturity(models.TextChoices):
        EN_COURS = "en_cours", "En cours et à poursuivre"
        PROJETEE = "projetee", "Projetée"
        EN_REFLEXION = "en_reflexion", "En réflexion"
        EN_MATURATION = "en_maturation", "En maturation"
        REALISEE = "realisee", "Réalisée"
        ABANDONNEE = "abandonnee", "Abandonnée"

    axis = models.ForeignKey(
        Axis, verbose_name="axe", on_delete=models.PROTECT, related_name="actions"
    )
    code = models.CharField("numéro", max_length=20, blank=True)
    position = models.PositiveIntegerField("ordre dans l’axe", default=0)
    title = models.CharField("intitulé", max_length=500)
    maturity = models.CharField(
        "maturité", max_length=20, choices=Maturity.choices, default=Maturity.EN_REFLEXION
    )
    has_fiche = models.BooleanField("fait l’objet d’une fiche-action", default=False)
    description = models.TextField("description", blank=True)
    objectives = models.TextField("objectifs", blank=True)
    project_owner = models.ForeignKey(
        Organisation,
        verbose_name="maître d’ouvrage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_actions",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name="partenaires", related_name="partner_actions", blank=True
    )
    sector = models.ForeignKey(
        InterventionSector,
        verbose_name="secteur d’intervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    location = models.CharField("localisation", max_length=255, blank=True)
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin", null=True, blank=True)
    estimated_cost = models.DecimalField(
        "coût estimatif HT (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        "avancement (%)", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    version = models.PositiveIntegerField("version", default=1, editable=False)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        verbose_name = "action"
        ordering = ["axis__number", "position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="action_end_after_start",
                violation_error_message="La date de fin doit suivre la date de début.",
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost__isnull=True) | Q(estimated_cost__gte=0),
                name="action_cost_not_negative",
                violation_error_message="Le coût estimatif ne peut pas être négatif.",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="action_progress_percent",
                violation_error_message="L’avancement est un pourcentage entre 0 et 100.",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class Funding(models.Model):
    class Nature(models.TextChoices):
        SUBVENTION = "subvention", "Subvention"
        PRET = "pret", "Prêt"
        AVANCE = "avance", "Avance"
        FONDS_PROPRES = "fonds_propres", "Fonds propres"
        AUTRE = "autre", "Autre"

    class Section(models.TextChoices):
        INVESTISSEMENT = "investissement", "Investissement"
        FONCTIONNEMENT = "fonctionnement", "Fonctionnement"

    class Status(models.TextChoices):
        PREVU = "prevu", "Prévu"
        SOLLICITE = "sollicite", "Sollicité"
        ACQUIS = "acquis", "Acquis / notifié"
        REFUSE = "refuse", "Refusé"
        VERSE = "verse", "Versé"

    action = models.ForeignKey(
        Action, verbose_name="action", on_delete=models.CASCADE, related_name="fundings"
    )
    funder = models.ForeignKey(
        Organisation, verbose_name="financeur", on_delete=models.PROTECT, related_name="fundings"
    )
    nature = models.CharField(
        "nature", max_length=20, choices=Nature.choices, default=Nature.SUBVENTION
    )
    section = models.CharField(
        "section", max_length=20, choices=Section.choices, default=Section.INVESTISSEMENT
    )
    year = models.PositiveSmallIntegerField("année")
    amount = models.DecimalField("montant (€)", max_digits=14, decimal_places=2)
    status = models.CharField(
        "état de la demande", max_length=20, choices=Status.choices, default=Status.PREVU
    )
    comment = models.CharField("commentaire", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"
        ordering = ["action", "year", "funder__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=Decimal("0")),
                name="funding_amount_not_negative",
                violation_error_message="Le montant d’un financement ne peut pas être négatif.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="funding_year_plausible",
                violation_error_message="L’année doit être comprise entre 2000 et 2100.",
            ),
        ]

    def __str__(self):
        return f"{self.funder} {self.year} : {self.amount} €"


class IndicatorQuerySet(models.QuerySet):
    def for_user(self, user):
        """Indicators of the actions the user may read."""
        return self.filter(action__in=Action.objects.for_user(user))

    def editable_by(self, user):
        """Indicators of the actions the user may edit."""
        return self.filter(action__in=Action.objects.editable_by(user))


class Indicator(models.Model):
    class Kind(models.TextChoices):
        AVANCEMENT = "avancement", "Indicateur d’avancement"
        RESULTAT = "resultat", "Indicateur de résultat"

    action = models.ForeignKey(
        Action, verbose_name="action", on_delete=models.CASCADE, related_name="indicators"
    )
    label = models.CharField("libellé", max_length=300)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    unit = models.CharField("unité", max_length=50, blank=True)
    baseline = models.DecimalField(
        "valeur de référence", max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField("cible", max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField("échéance de la cible", null=True, blank=True)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur"
        ordering = ["action", "label"]

    def __str__(self):
        return self.label


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name="indicateur", on_delete=models.CASCADE, related_name="measurements"
    )
    date = models.DateField("date")
    value = models.DecimalField("valeur", max_digits=14, decimal_places=2)
    comment = models.CharField("commentaire", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "mesure"
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="measurement_one_per_day",
                violation_error_message="Une mesure existe déjà à cette date pour cet indicateur.",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} au {self.date:%d/%m/%Y} : {self.value}"
