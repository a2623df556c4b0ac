"""The strategy of a convention: its axes and their objectives (art. 3 and 12)."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from conventions.models import Convention


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
