"""Writes on user accounts: creation, role and territories, activation."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from conventions.models import Convention
from directory.models import EPCI, Commune, Representative
from ort_portal.writes import save_tracked

from .models import ProConnectIdentity, Profile


@transaction.atomic
def create_user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    role: str,
    conventions: list[Convention] = (),
    communes: list[Commune] = (),
    epcis: list[EPCI] = (),
    representative: Representative | None = None,
):
    user = get_user_model()(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    user.set_password(password)
    user.save()
    profile = Profile(user=user, role=role, representative=representative)
    save_tracked(profile, reason="Profil créé")
    profile.conventions.set(conventions)
    profile.communes.set(communes)
    profile.epcis.set(epcis)
    return user


@transaction.atomic
def update_user_access(
    *,
    user,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    conventions: list[Convention],
    communes: list[Commune],
    epcis: list[EPCI],
    representative: Representative | None,
):
    """Role and territories; ConventionQuerySet.for_user reads them on every request, so the
    change applies at the user's next page."""
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.save(update_fields=["first_name", "last_name", "email"])
    profile, _ = Profile.objects.get_or_create(user=user, defaults={"role": role})
    profile.role = role
    profile.representative = representative
    save_tracked(profile, reason="Rôle et territoires modifiés")
    profile.conventions.set(conventions)
    profile.communes.set(communes)
    profile.epcis.set(epcis)
    return user


@transaction.atomic
def set_user_active(*, user, active: bool, by) -> None:
    if user == by and not active:
        raise ValidationError("Vous ne pouvez pas désactiver votre propre compte.")
    user.is_active = active
    user.save(update_fields=["is_active"])


def record_proconnect_identity(*, user, subject: str, siret: str | None):
    """Keep what ProConnect said about the agent (history-tracked, only when it changed); a
    SIRET that is not 14 digits is not kept."""
    siret = siret if siret and len(siret) == 14 and siret.isdigit() else ""
    identity = ProConnectIdentity.objects.filter(user=user).first() or ProConnectIdentity(user=user)
    if identity.pk is None or (identity.subject, identity.siret) != (subject, siret):
        identity.subject, identity.siret = subject, siret
        save_tracked(identity, reason="Connexion ProConnect", by=user)
    return identity
