from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class DocumentQuerySet(models.QuerySet):
    def for_user(self, user):
        """Only the requester sees a document (and downloads it while they still read its
        target)."""
        return self.filter(requested_by=user) if user.is_authenticated else self.none()

    def reusable(self, *, kind, target_id, params, user):
        """The user's identical request still waiting, running or ready, newest first."""
        return (
            self.for_user(user)
            .filter(
                kind=kind,
                target_id=target_id,
                params=params,
                status__in=[
                    Document.Status.PENDING,
                    Document.Status.RUNNING,
                    Document.Status.READY,
                ],
            )
            .defer("content")
            .order_by("-created_at")
        )


class Document(models.Model):
    """A PDF generated off the request path: requested in a page, rendered by a task on the
    "pdf" queue, downloaded by its requester."""

    class Status(models.TextChoices):
        PENDING = "en_attente", "En attente"
        RUNNING = "en_cours", "En cours"
        READY = "pret", "Prêt"
        FAILED = "echec", "Échec"

    kind = models.CharField("type de document", max_length=40)
    target_id = models.PositiveBigIntegerField("identifiant de l’objet")
    params = models.JSONField("paramètres", default=dict, blank=True)
    fingerprint = models.CharField("empreinte de l’objet", max_length=64, blank=True)
    title = models.CharField("titre", max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.PENDING)
    content = models.BinaryField("fichier", null=True, blank=True)
    filename = models.CharField("nom du fichier", max_length=200, blank=True)
    size = models.PositiveIntegerField("taille (octets)", null=True, blank=True)
    error = models.TextField("erreur", blank=True)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    objects = DocumentQuerySet.as_manager()
    # The file's bytes stay out of the history: it records who asked and each state.
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = "document généré"
        verbose_name_plural = "documents générés"
        indexes = [models.Index(fields=["requested_by", "kind", "target_id"])]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])

    @property
    def in_progress(self):
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def size_kb(self):
        return max(1, round((self.size or 0) / 1024))
