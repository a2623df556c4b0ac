"""Files the portal renders in the background (PDFs), kept for the user who asked for them."""

import uuid

from django.conf import settings
from django.db import models


class Document(models.Model):
    """A PDF being rendered by a task worker, then offered to the user who asked for it.

    A document is a rendering of data that is history-tracked where it lives; the document
    itself is a throw-away cache, so it keeps no history of its own.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        RUNNING = "running", "En cours de préparation"
        READY = "ready", "Prêt"
        FAILED = "failed", "Échec"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("type", max_length=40)
    object_id = models.PositiveBigIntegerField("objet")
    options = models.JSONField("options", default=dict, blank=True)
    title = models.CharField("intitulé", max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_at = models.DateTimeField("demandé le", auto_now_add=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default="pending")
    filename = models.CharField("nom du fichier", max_length=255, blank=True)
    content_type = models.CharField("type de contenu", max_length=100, blank=True)
    content = models.BinaryField("contenu", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "document préparé"
        verbose_name_plural = "documents préparés"
        indexes = [models.Index(fields=["requested_by", "kind", "object_id"])]

    def __str__(self):
        return f"{self.title} ({self.get_status_display().lower()})"

    @property
    def is_finished(self):
        return self.status in (self.Status.READY, self.Status.FAILED)
