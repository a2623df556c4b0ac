"""What the commune and EPCI pickers of the list of conventions search
(ort_portal.pickers): the territories of the conventions the user may read."""

from directory.models import EPCI, Commune
from ort_portal.collation import french
from ort_portal.pickers import RANK, Source

from .filters import visible_communes, visible_epcis

COMMUNES = Source(
    scope=lambda user: Commune.objects.filter(pk__in=visible_communes(user).values("pk")),
    fields=("name",),
    codes=("insee_code",),
    ordering=(RANK, french("name"), "insee_code"),
)

EPCIS = Source(
    scope=lambda user: EPCI.objects.filter(pk__in=visible_epcis(user).values("pk")),
    fields=("name",),
    codes=("siren",),
    ordering=(RANK, french("name"), "pk"),
)
