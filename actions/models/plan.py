"""The plan d'action: actions, and the queries that read them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from conventions.models import Convention, InterventionSector
from directory.models import Organisation

from .. import financing
from .strategy import Axis


def _related(name):
    """A model related to Action (its funding lines, indicators…), defined after it."""
    return Action._meta.get_field(name).related_model


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Actions of the conventions the user may read."""
        return self.filter(axis__convention__in=Convention.objects.for_user(user))

    def editable_by(self, user):
        """Actions of the conventions the user may edit."""
        return self.filter(axis__convention__in=Convention.objects.editable_by(user))

    def with_financing(self):
        """Annotate each action with the figures of its plan de financement, named
        financing_<figure> (actions.financing: acquired, pending, loans, owner_share,
        refused, unknown); Action.figures reads them back as Figures."""
        return self.annotate(**financing.funding_sums("fundings__", "financing_{}"))

    def live(self):
        """Actions still in the plan: an abandoned action's cost and lines no longer count."""
        return self.exclude(maturity=Action.Maturity.ABANDONNEE)

    def financing_totals(self) -> "financing.Figures":
        """The figures of the actions still in the plan, in two queries; the cost is the
        sum of the known costs (Completion counts the actions without one)."""
        live = self.live()
        cost = live.aggregate(cost=financing.money_sum("estimated_cost"))["cost"]
        costed = Q(action__estimated_cost__isnull=False)
        lines = _related("fundings").objects.filter(action__in=live)
        sums = lines.aggregate(**financing.funding_sums(costed=costed))
        return financing.figures_from(sums, cost=cost)

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
            .prefetch_related(
                models.Prefetch(
                    "co_owners",
                    queryset=_related("co_owners").objects.select_related("organisation"),
                )
            )
            .with_financing()
            .with_lateness()
            .order_by("axis__number", "position", "code", "pk")
        )

    def for_fiche(self):
        """Everything the fiche-action shows, in a constant number of queries."""
        measurements = _related("indicators").measurements.rel.related_model
        return (
            self.select_related("axis__convention", "project_owner", "sector")
            .with_lateness()
            .prefetch_related(
                "partners",
                models.Prefetch(
                    "co_owners",
                    queryset=_related("co_owners").objects.select_related("organisation"),
                ),
                models.Prefetch(
                    "fundings", queryset=_related("fundings").objects.select_related("funder")
                ),
                models.Prefetch(
                    "indicators",
                    queryset=_related("indicators").objects.prefetch_related(
                        models.Prefetch(
                            "measurements", queryset=measurements.objects.order_by("date")
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

    @cached_property
    def figures(self) -> "financing.Figures":
        """The figures of an action annotated by ActionQuerySet.with_financing()."""
        return financing.figures_from(self, cost=self.estimated_cost, name="financing_{}")
