"""A portal user's profile: their role and the conventions or territories they act on."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from conventions.models import Convention
from directory.models import EPCI, Commune, Representative


class Profile(models.Model):
    """A portal user's role and the conventions or territories they act on."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Administrateur"
        CHEF_DE_PROJET = "chef_de_projet", "Chef de projet"
        MEMBRE_COMITE = "membre_comite", "Membre de comité de pilotage"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        on_delete=models.CASCADE,
        related_name="portal_profile",
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    conventions = models.ManyToManyField(
        Convention, verbose_name="conventions", related_name="profiles", blank=True
    )
    communes = models.ManyToManyField(
        Commune, verbose_name="communes", related_name="profiles", blank=True
    )
    epcis = models.ManyToManyField(EPCI, verbose_name="EPCI", related_name="profiles", blank=True)
    representative = models.ForeignKey(
        Representative,
        verbose_name="représentant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        help_text="Lie l’utilisateur aux comités où siège ce représentant.",
    )

    history = HistoricalRecords(m2m_fields=[conventions, communes, epcis])

    class Meta:
        verbose_name = "profil d’utilisateur"
        verbose_name_plural = "profils d’utilisateurs"

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN


class ProConnectIdentity(models.Model):
    """Who ProConnect says an agent is, as of their last sign-in through it: the
    administrator who grants a role sees the SIRET of the agent's organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        on_delete=models.CASCADE,
        related_name="proconnect_identity",
    )
    subject = models.CharField("identifiant ProConnect", max_length=255)
    siret = models.CharField("SIRET de l’organisation", max_length=14, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "identité ProConnect"
        verbose_name_plural = "identités ProConnect"

    def __str__(self):
        return f"{self.user} (SIRET {self.siret or 'non transmis'})"

    @property
    def siret_display(self):
        """SIREN and NIC apart, as the SIRET is usually written (130 026 032 00016)."""
        s = self.siret
        return f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}" if len(s) == 14 else s
