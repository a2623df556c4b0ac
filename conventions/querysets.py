"""The conventions' and parties' QuerySets: who may read or edit which convention."""

from django.db import models
from django.db.models import Q

from ort_portal.access import is_portal_admin


class ConventionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Conventions the user may read: the single territorial rule of the portal.

        Administrators read everything; a chef de projet reads the conventions of
        their territory (conventions given to them, or covering one of their
        communes or EPCI); a comité member reads the conventions given to them and
        those followed by a comité they sit in.
        """
        if is_portal_admin(user):
            return self.all()
        profile = self._active_profile(user)
        if profile is None:
            return self.none()
        scope = self._territory_scope(profile)
        if profile.representative_id:
            scope |= Q(committees__members__representative_id=profile.representative_id)
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))

    def editable_by(self, user):
        """Conventions the user may edit: administrators, and chefs de projet on their own
        territory only (sitting in a comité gives reading, never editing)."""
        if is_portal_admin(user):
            return self.all()
        profile = self._active_profile(user)
        if profile is None or profile.role != profile.Role.CHEF_DE_PROJET:
            return self.none()
        scope = self._territory_scope(profile)
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))

    @staticmethod
    def _active_profile(user):
        if not user.is_authenticated or not user.is_active:
            return None
        return getattr(user, "portal_profile", None)

    @staticmethod
    def _territory_scope(profile):
        """Conventions given to the profile, and for a chef de projet those covering one
        of their communes or EPCI."""
        scope = Q(pk__in=profile.conventions.values("pk"))
        if profile.role == profile.Role.CHEF_DE_PROJET:
            scope |= Q(communes__in=profile.communes.values("pk"))
            scope |= Q(epcis__in=profile.epcis.values("pk"))
        return scope

    def of_programme(self, programme):
        """PVD or ACV conventions, a chapeau over both counting for each."""
        both = self.model.Programme.PVD_ACV
        return self.filter(programme__in=[programme, both])


class SignatoryQuerySet(models.QuerySet):
    def signing(self):
        """Parties that sign: "en présence de" witnesses do not."""
        return self.exclude(role=self.model.Role.EN_PRESENCE)

    def to_sign(self):
        """Parties still to sign the convention."""
        return self.signing().filter(signature_date__isnull=True)
