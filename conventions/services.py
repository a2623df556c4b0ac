"""Status of a convention from its dates (the daily refresh_statuses command and the
signature workflow both use it)."""

from django.utils import timezone

from ort_portal.writes import save_tracked

from .models import Convention


def refresh_status(*, convention: Convention, today=None, by=None) -> Convention:
    """Status of a signed convention from its dates: "signée" before its effective date,
    "en vigueur" (or "prorogée") until its end date, then "échue"."""
    if not convention.is_signed:
        return convention
    today = today or timezone.localdate()
    end = convention.computed_end_date
    if convention.effective_date and convention.effective_date > today:
        status = Convention.Status.SIGNEE
    elif end and end < today:
        status = Convention.Status.ECHUE
    elif convention.status == Convention.Status.PROROGEE:
        status = Convention.Status.PROROGEE
    else:
        status = Convention.Status.EN_VIGUEUR
    if status != convention.status:
        convention.status = status
        # Only the status: a prorogation saved meanwhile keeps its dates.
        save_tracked(
            convention,
            reason=f"Statut d’après les dates : {convention.get_status_display()}",
            by=by,
            update_fields=["status", "updated_at"],
        )
    return convention
