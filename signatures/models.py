"""Signed versions of conventions (immutable) and the signatures of avenants."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from conventions.models import Amendment, Convention
from directory.models import Organisation, Representative


class SignedVersionQuerySet(models.QuerySet):
    """Bulk writes would skip the model's refusals: they are refused too."""

    def update(self, **kwargs):
        raise ValidationError("Une version signée ne peut pas être modifiée.")

    def delete(self):
        raise ValidationError("Une version signée ne peut pas être supprimée.")

    def listing(self):
        """Versions with their avenant and their PDF/A's fingerprint (not its bytes; None
        while a worker still renders it), for the versions page."""
        return (
            self.select_related("amendment", "created_by", "archive")
            .defer("archive__pdf")
            .order_by("number")
        )


class SignedVersion(models.Model):
    """What the parties signed, frozen as versioned JSON in the signing request; its
    PDF/A-3a file (SignedVersionPDF) is rendered from that JSON by a task.

    A signed version is never edited nor deleted: save() refuses to update an existing
    row, delete() and the QuerySet's update() and delete() refuse, the admin offers
    neither, and on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002).
    """

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.PROTECT,
        related_name="signed_versions",
    )
    number = models.PositiveSmallIntegerField("numéro de version")
    amendment = models.OneToOneField(
        Amendment,
        verbose_name="avenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_version",
    )
    signed_on = models.DateField("signée le")
    schema_version = models.PositiveSmallIntegerField("version du schéma")
    content = models.JSONField("contenu signé")
    created_at = models.DateTimeField("gelée le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gelée par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SignedVersionQuerySet.as_manager()
    # The JSON is immutable: the history records who froze the version.
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = "version signée"
        verbose_name_plural = "versions signées"
        ordering = ["convention", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "number"],
                name="signed_version_unique_number",
                violation_error_message="Cette convention a déjà une version portant ce numéro.",
            ),
        ]

    def __str__(self):
        return f"Version {self.number} – {self.convention}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Une version signée ne peut pas être modifiée.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Une version signée ne peut pas être supprimée.")

    @property
    def label(self):
        if self.amendment_id:
            return f"Version {self.number} (avenant n° {self.amendment.number})"
        return f"Version {self.number} (convention initiale)"

    @property
    def pdf_ready(self):
        return hasattr(self, "archive")


class SignedVersionPDFQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("Le PDF/A d’une version signée ne peut pas être modifié.")

    def delete(self):
        raise ValidationError("Le PDF/A d’une version signée ne peut pas être supprimé.")


class SignedVersionPDF(models.Model):
    """The PDF/A-3a file of a signed version, rendered by a task from its frozen JSON.

    Written once, never changed nor deleted, like the version itself: save() refuses an
    update, delete() and the QuerySet's update() and delete() refuse, and on PostgreSQL a
    trigger refuses UPDATE and DELETE (migration 0004).
    """

    version = models.OneToOneField(
        SignedVersion,
        verbose_name="version signée",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="archive",
    )
    pdf = models.BinaryField("PDF/A-3a")
    sha256 = models.CharField("empreinte SHA-256 du PDF", max_length=64)
    created_at = models.DateTimeField("produit le", auto_now_add=True)

    objects = SignedVersionPDFQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = "PDF/A d’une version signée"
        verbose_name_plural = "PDF/A des versions signées"

    def __str__(self):
        return f"PDF/A – {self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Le PDF/A d’une version signée ne peut pas être modifié.")
        # Its primary key is the version's: an insert, never an UPDATE tried first.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Le PDF/A d’une version signée ne peut pas être supprimé.")


class AmendmentSignature(models.Model):
    """The signature of an avenant by one of its parties."""

    amendment = models.ForeignKey(
        Amendment,
        verbose_name="avenant",
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        related_name="amendment_signatures",
    )
    representative = models.ForeignKey(
        Representative,
        verbose_name="représentant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendment_signatures",
    )
    signature_date = models.DateField("date de signature")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "signature d’avenant"
        verbose_name_plural = "signatures d’avenants"
        ordering = ["amendment", "signature_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "organisation"],
                name="amendment_signature_once_per_party",
                violation_error_message="Cette partie a déjà signé l’avenant.",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.amendment}"
