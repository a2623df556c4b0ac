"""Who carries an action and who pays for it: its maîtres d'ouvrage and its plan de
financement (the rule of what a line counts as is actions.financing)."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from directory.models import Organisation

from .. import financing
from .plan import Action


class ActionOwner(models.Model):
    """A further maître d'ouvrage of an action, beside its main one (Action.project_owner):
    several act together (a share) or in sequence (a phase: an EPF acquires, then the
    commune converts), possibly over a period of their own (a concession)."""

    action = models.ForeignKey(
        Action, verbose_name="action", on_delete=models.CASCADE, related_name="co_owners"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="maître d’ouvrage",
        on_delete=models.PROTECT,
        related_name="co_owned_actions",
    )
    phase = models.CharField("part ou phase", max_length=200, blank=True)
    share = models.DecimalField("part (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    period_start = models.PositiveSmallIntegerField("de (année)", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("à (année)", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "autre maître d’ouvrage"
        verbose_name_plural = "autres maîtres d’ouvrage"
        ordering = ["action", "period_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation"],
                name="action_owner_once",
                violation_error_message="Ce maître d’ouvrage figure déjà sur l’action.",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gte=0) & Q(share__lte=100)),
                name="action_owner_share_percent",
                violation_error_message="La part est un pourcentage entre 0 et 100.",
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="action_owner_period_ordered",
                violation_error_message="La fin de la période précède son début.",
            ),
        ]

    def __str__(self):
        return (
            f"{self.organisation} ({self.describe()})"
            if self.describe()
            else str(self.organisation)
        )

    def describe(self) -> str:
        parts = [self.phase] if self.phase else []
        if self.share is not None:
            parts.append(f"{self.share.normalize():f} %".replace(".", ","))
        if self.period_start or self.period_end:
            parts.append(f"{self.period_start or '…'}–{self.period_end or '…'}")
        return ", ".join(parts)


class Funding(models.Model):
    Nature = financing.Nature
    Status = financing.Status

    class Section(models.TextChoices):
        INVESTISSEMENT = "investissement", "Investissement"
        FONCTIONNEMENT = "fonctionnement", "Fonctionnement"

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
    year = models.PositiveSmallIntegerField(
        "année",
        null=True,
        blank=True,
        help_text="Vide si la convention donne un total sur une période, ou aucune année.",
    )
    period_start = models.PositiveSmallIntegerField("période : de", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("période : à", null=True, blank=True)
    amount = models.DecimalField(
        "montant (€)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Vide tant que le montant est à préciser (demande sollicitée sans montant).",
    )
    status = models.CharField(
        "état de la demande", max_length=20, choices=Status.choices, default=Status.PREVU
    )
    comment = models.CharField("commentaire", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"
        ordering = ["action", "year", "period_start", "funder__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=Decimal("0")),
                name="funding_amount_not_negative",
                violation_error_message="Le montant d’un financement ne peut pas être négatif.",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | (Q(year__gte=2000) & Q(year__lte=2100)),
                name="funding_year_plausible",
                violation_error_message="L’année doit être comprise entre 2000 et 2100.",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | (
                    Q(period_start__gte=2000)
                    & Q(period_end__lte=2100)
                    & Q(period_end__gte=F("period_start"))
                ),
                name="funding_period_ordered",
                violation_error_message=(
                    "Une période a une année de début et une année de fin (entre 2000 et "
                    "2100), la fin après le début."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(period_start__isnull=True),
                name="funding_year_or_period",
                violation_error_message="Indiquez une année ou une période, pas les deux.",
            ),
        ]

    def __str__(self):
        amount = "montant à préciser" if self.amount is None else f"{self.amount} €"
        return f"{self.funder} {self.when} : {amount}"

    @property
    def when(self) -> str:
        """The year, the period (« 2025–2027 ») or « sans année »."""
        if self.year:
            return str(self.year)
        if self.period_start:
            return f"{self.period_start}–{self.period_end}"
        return "sans année"

    @property
    def category(self) -> str:
        return financing.NATURE_CATEGORY[self.nature]
