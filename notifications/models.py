"""Notices: what the daily reminders told each user, by e-mail and in the portal."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from conventions.models import Convention


class Kind(models.TextChoices):
    COMMITTEE_OVERDUE = "comite_en_retard", "Comité en retard sur son rythme"
    CONVENTION_ENDING = "echeance", "Convention ou ORT arrivant à échéance"
    AMENDMENT_UNSIGNED = "avenant_non_signe", "Avenant en attente de signatures"
    WEEKLY_DIGEST = "recapitulatif", "Récapitulatif hebdomadaire du chef de projet"


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's notices about what they may still read (a user who left a territory
        no longer sees its notices)."""
        visible = Convention.objects.for_user(user)
        return self.filter(recipient=user).filter(
            Q(convention__isnull=True) | Q(convention__in=visible)
        )

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="destinataire",
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    key = models.CharField(
        "objet de l’avis",
        max_length=100,
        help_text="Ce dont l’avis parle (comité et dernière séance, convention et date de fin…) : "
        "un même avis n’est envoyé qu’une fois.",
    )
    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    subject = models.CharField("objet", max_length=300)
    body = models.TextField("texte")
    path = models.CharField("page", max_length=300)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    emailed_at = models.DateTimeField("envoyé par courriel le", null=True, blank=True)
    read_at = models.DateTimeField("lu le", null=True, blank=True)

    objects = NoticeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "avis"
        verbose_name_plural = "avis"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                name="notice_sent_once",
                violation_error_message="Cet avis a déjà été envoyé à cet utilisateur.",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def url(self):
        return settings.PORTAL_URL + self.path


class NoticeOptOut(models.Model):
    """A kind of notice the user chose not to receive."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        on_delete=models.CASCADE,
        related_name="notice_opt_outs",
    )
    kind = models.CharField("type d’avis", max_length=30, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "avis refusé"
        verbose_name_plural = "avis refusés"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notice_opt_out_once",
                violation_error_message="Ce type d’avis est déjà désactivé.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}"
