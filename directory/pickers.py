"""What the organisation and representative pickers search (ort_portal.pickers): exactly
what directory's for_user lets a user pick."""

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from ort_portal.collation import french
from ort_portal.pickers import RANK, Source

from .models import Organisation, Representative
from .services import representatives_current_first


def representative_label(representative):
    """« Mme Jeanne Martin, Maire (Ville de Lens) », and a past mandate says so."""
    label = f"{representative.designation} ({representative.organisation})"
    if representative.mandate_end and representative.mandate_end < timezone.localdate():
        return f"{label} – mandat terminé le {representative.mandate_end:%d/%m/%Y}"
    return label


def organisations_territory_first(user):
    """The organisations a user may pick, those of their territory first."""
    local = Organisation.objects.in_territory(user).values("pk")
    return Organisation.objects.for_user(user).annotate(
        outside=Case(
            When(pk__in=local, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    )


ORGANISATIONS = Source(
    scope=organisations_territory_first,
    fields=("name",),
    codes=("siren",),
    ordering=("outside", RANK, french("name"), "pk"),
)

REPRESENTATIVES = Source(
    scope=lambda user: representatives_current_first(
        Representative.objects.select_related("organisation").for_user(user)
    ),
    fields=("last_name", "first_name", "function", "organisation__name"),
    ordering=(RANK, "out_of_office", french("organisation__name"), "last_name", "first_name", "pk"),
    label=representative_label,
    related=("organisation",),
)

# The parties of a convention are signed by people in office (conventions.drafting.forms).
CURRENT_REPRESENTATIVES = Source(
    scope=lambda user: Representative.objects.for_user(user).current(),
    fields=("last_name", "first_name", "function", "organisation__name"),
    ordering=(RANK, french("organisation__name"), "function", "pk"),
    label=representative_label,
    related=("organisation",),
)
