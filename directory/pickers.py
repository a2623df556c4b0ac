"""What the organisation and representative pickers search (ort_portal.pickers): exactly
what directory's for_user lets a user pick."""

from django.utils import timezone

from ort_portal.collation import french
from ort_portal.pickers import Source

from .models import Organisation, Representative
from .services import representatives_current_first


def representative_label(representative):
    """« Mme Jeanne Martin, Maire (Ville de Lens) », and a past mandate says so."""
    label = f"{representative.designation} ({representative.organisation})"
    if representative.mandate_end and representative.mandate_end < timezone.localdate():
        return f"{label} – mandat terminé le {representative.mandate_end:%d/%m/%Y}"
    return label


ORGANISATIONS = Source(
    scope=lambda user: Organisation.objects.for_user(user),
    fields=("name",),
    codes=("siren",),
    ordering=(french("name"), "pk"),
)

REPRESENTATIVES = Source(
    scope=lambda user: representatives_current_first(
        Representative.objects.select_related("organisation").for_user(user)
    ),
    fields=("last_name", "first_name", "function", "organisation__name"),
    ordering=("out_of_office", french("organisation__name"), "last_name", "first_name", "pk"),
    label=representative_label,
    related=("organisation",),
)
