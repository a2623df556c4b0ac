"""Indicators of a fiche-action and their measured values."""

from django.db import models
from simple_history.models import HistoricalRecords

from .plan import Action


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
