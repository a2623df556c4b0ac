"""What the scale benchmark measures: the same kind of convention, action, comité and users
at every scale, chosen deterministically in the « démo nationale »."""

from dataclasses import dataclass

from django.db.models import Count, Func, IntegerField, Value

from actions.models import Action
from conventions.models import Convention
from demo.national.accounts import NATIONAL_ADMIN, username
from demo.national.conventions import REFERENCE_PREFIX
from governance.models import Committee

PLAN_SIZE = 60


@dataclass
class Targets:
    convention: Convention
    action: Action
    committee: Committee
    departement: str
    chef: str
    reader: str
    national: str = NATIONAL_ADMIN
    superuser: str = "admin"


def pick_targets() -> Targets:
    """The signed convention whose plan is closest to 60 actions, its most financed action,
    its COPIL, its chef de projet and a reader of another convention."""
    distance = Func(
        Count("axes__actions") - Value(PLAN_SIZE), function="ABS", output_field=IntegerField()
    )
    convention = (
        Convention.objects.filter(
            reference__startswith=REFERENCE_PREFIX,
            status=Convention.Status.EN_VIGUEUR,
            kind=Convention.Kind.CADRE_OPERATIONNELLE_PVD,
        )
        .annotate(distance=distance)
        .select_related("main_commune")
        .order_by("distance", "reference")
        .first()
    )
    action = (
        Action.objects.filter(axis__convention=convention)
        .annotate(lines=Count("fundings"))
        .order_by("-lines", "pk")
        .first()
    )
    committee = Committee.objects.filter(conventions=convention).order_by("kind", "pk").first()
    reader = (
        Convention.objects.filter(reference__startswith=REFERENCE_PREFIX)
        .filter(profiles__role="membre_comite")
        .order_by("reference")
        .first()
    )
    return Targets(
        convention=convention,
        action=action,
        committee=committee,
        departement=convention.main_commune.departement,
        chef=username("demo-cdp", convention),
        reader=username("demo-copil", reader),
    )
