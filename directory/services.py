"""Writes on the directory: organisations, representatives and their mandates."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from ort_portal.collation import french
from ort_portal.writes import save_tracked

from .models import Organisation, Representative
from .sections import list_columns

OVERLAP_MESSAGE = (
    "Ce mandat chevauche celui de {name} ({function}) dans la même organisation : "
    "terminez d’abord l’ancien mandat ou utilisez « Remplacer »."
)


def representatives_current_first(
    queryset: QuerySet | None = None, *, on: datetime.date | None = None
) -> QuerySet:
    """Representatives in office first (Representative.objects.current()), then past
    mandates: after the March 2026 elections, forms propose the new mayor, while
    signatures already recorded keep the name of who signed."""
    queryset = queryset if queryset is not None else Representative.objects.all()
    current = Representative.objects.current(on).values("pk")
    return queryset.annotate(
        out_of_office=Case(
            When(pk__in=current, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("out_of_office", french("organisation__name"), "last_name", "first_name")


def signing_candidates(
    signatories, *, on: datetime.date | None = None, region: str = ""
) -> dict[int, list]:
    """Per signatory, who may sign for the party, in office first: the representatives of
    its organisation, plus the one already named (the sous-préfet signs for the Anah).
    With `region` (the convention's), a national body's representatives of other regions
    are left out. One query for the whole convention, whatever the number of parties."""
    organisations = {s.organisation_id for s in signatories}
    named = {s.representative_id for s in signatories if s.representative_id}
    of_parties = Q(organisation__in=organisations)
    if region:
        of_parties &= Q(region__in=["", region])
    candidates = list(
        representatives_current_first(
            Representative.objects.filter(of_parties | Q(pk__in=named)), on=on
        ).select_related("organisation")
    )
    return {
        s.pk: [
            r
            for r in candidates
            if r.organisation_id == s.organisation_id or r.pk == s.representative_id
        ]
        for s in signatories
    }


def proposed_signer(signatory, candidates: list, *, region: str = "") -> Representative | None:
    """Whom the signature form proposes: the named representative while in office, else
    the one now in office for the same fonction (the new mayor after an election); among
    several directeurs régionaux of a national body, the one of the convention's region
    (`region`, its ville principale's), never another region's first."""
    in_office = [r for r in candidates if not r.out_of_office]
    if region:
        in_office.sort(key=lambda r: (r.region not in ("", region), r.region != region))
    named = next((r for r in candidates if r.pk == signatory.representative_id), None)
    if named is not None and not named.out_of_office:
        return named
    same_function = [
        r
        for r in in_office
        if named is not None
        and r.organisation_id == named.organisation_id
        and r.function.casefold() == named.function.casefold()
    ]
    own = [r for r in in_office if r.organisation_id == signatory.organisation_id]
    return next(iter(same_function or own or in_office), named)


def overlapping_mandates(
    *,
    organisation: Organisation,
    function: str,
    start: datetime.date | None,
    end: datetime.date | None,
    region: str = "",
    exclude: Representative | None = None,
) -> QuerySet:
    """Mandates of the same fonction in the organisation and the same region that share at
    least one day with [start, end] (an open bound runs forever): a national body has one
    directeur régional per region, each holding the same fonction."""
    overlapping = Representative.objects.filter(
        organisation=organisation, function__iexact=function.strip(), region=region
    )
    if end is not None:
        overlapping = overlapping.filter(Q(mandate_start__isnull=True) | Q(mandate_start__lte=end))
    if start is not None:
        overlapping = overlapping.filter(Q(mandate_end__isnull=True) | Q(mandate_end__gte=start))
    if exclude is not None and exclude.pk:
        overlapping = overlapping.exclude(pk=exclude.pk)
    return overlapping


def check_no_overlap(representative: Representative) -> None:
    clash = overlapping_mandates(
        organisation=representative.organisation,
        function=representative.function,
        start=representative.mandate_start,
        end=representative.mandate_end,
        region=representative.region,
        exclude=representative,
    ).first()
    if clash is not None:
        raise ValidationError(
            {"mandate_start": OVERLAP_MESSAGE.format(name=clash.full_name, function=clash.function)}
        )


@transaction.atomic
def save_organisation(*, organisation: Organisation) -> Organisation:
    created = organisation.pk is None
    organisation.full_clean()
    save_tracked(organisation, reason="Organisation créée" if created else "Organisation modifiée")
    return organisation


@transaction.atomic
def save_representative(*, representative: Representative) -> Representative:
    """Create or correct a representative; two mandates of the same fonction may not overlap."""
    created = representative.pk is None
    representative.full_clean()
    check_no_overlap(representative)
    save_tracked(
        representative, reason="Représentant ajouté" if created else "Représentant modifié"
    )
    return representative


@transaction.atomic
def replace_representative(
    *,
    previous: Representative,
    civility: str,
    first_name: str,
    last_name: str,
    starts_on: datetime.date,
    function: str | None = None,
) -> Representative:
    """End the previous mandate the day before `starts_on` and start the successor's (new mayor
    after the March 2026 elections). Signatories keep pointing at the previous representative:
    a signed convention keeps the name of who signed it."""
    previous = Representative.objects.select_for_update().get(pk=previous.pk)
    if previous.mandate_start and starts_on <= previous.mandate_start:
        raise ValidationError(
            {
                "starts_on": "Le nouveau mandat doit commencer après le début de celui de "
                f"{previous.full_name} ({previous.mandate_start:%d/%m/%Y})."
            }
        )
    if previous.mandate_end and previous.mandate_end < starts_on - datetime.timedelta(days=1):
        raise ValidationError({"starts_on": "Le mandat de ce représentant est déjà terminé."})
    previous.mandate_end = starts_on - datetime.timedelta(days=1)
    previous.full_clean()
    save_tracked(previous, reason="Fin de mandat (remplacé)")
    successor = Representative(
        organisation=previous.organisation,
        function=function or previous.function,
        civility=civility,
        first_name=first_name,
        last_name=last_name,
        mandate_start=starts_on,
        region=previous.region,
    )
    successor.full_clean()
    check_no_overlap(successor)
    save_tracked(successor, reason=f"Succède à {previous.full_name}")
    return successor


def organisations_for_directory(user) -> QuerySet:
    """Organisations the user may see with their territory, representatives in office (of
    the user's region for a national body) and what the list's registered columns show
    (signatures…), in a constant number of queries."""
    people = Representative.objects.for_user(user).current().order_by("function", "last_name")
    return (
        Organisation.objects.for_user(user)
        .select_related("commune", "epci")
        .prefetch_related(
            Prefetch(
                "representatives",
                queryset=people,
                to_attr="current_representatives",
            ),
            *(lookup for column in list_columns() for lookup in column.column_prefetch()),
        )
    )
