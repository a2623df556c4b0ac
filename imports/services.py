"""Creating a convention from a reviewed draft: one transaction, every row history-tracked."""

import unicodedata

from django.db import transaction
from django.utils import timezone

from actions.models import Action, Axis, Objective
from conventions.models import Article, Convention, Signatory
from directory.models import Organisation, Representative
from ort_portal.writes import save_tracked

IMPORT_REASON = "import du texte de la convention"


def name_key(name: str) -> str:
    """Accent-, case- and apostrophe-blind key, so that "L’Etat" finds "État"."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.split())


def _organisation(party, organisations, *, by):
    found = organisations.get(name_key(party["organisation"]))
    if found is not None:
        return found
    organisation = Organisation(name=party["organisation"], category=party["category"])
    save_tracked(organisation, reason=IMPORT_REASON, by=by)
    organisations[name_key(organisation.name)] = organisation
    return organisation


def _representative(party, organisation, *, by):
    """The organisation's representative of that name, created when unknown; None when the
    convention names no person (the party is then recorded without representative)."""
    words = party["person"].split()
    if len(words) < 2:
        return None
    first_name, last_name = " ".join(words[:-1]), words[-1]
    existing = Representative.objects.filter(
        organisation=organisation, first_name__iexact=first_name, last_name__iexact=last_name
    ).first()
    if existing is not None:
        return existing
    representative = Representative(
        organisation=organisation,
        civility=party["civility"] or Representative.Civility.M,
        first_name=first_name,
        last_name=last_name,
        function=party["capacity"],
    )
    save_tracked(representative, reason=IMPORT_REASON, by=by)
    return representative


def _reference(programme: str, commune) -> str:
    base = f"{programme.upper()}-{commune.insee_code}-{timezone.localdate():%Y}"
    reference, number = base, 1
    while Convention.objects.filter(reference=reference).exists():
        number += 1
        reference = f"{base}-{number}"
    return reference


@transaction.atomic
def create_convention_from_review(*, by, convention, parties, articles, axes, actions):
    """The convention (status "projet") with its parties, articles, axes, objectives and
    actions as reviewed; organisations and representatives are reused by name or created.
    Everything or nothing is written."""
    commune = convention.pop("main_commune")
    created = Convention(
        **convention, main_commune=commune, reference=_reference(convention["programme"], commune)
    )
    save_tracked(created, reason=IMPORT_REASON, by=by)
    created.communes.add(commune)
    epcis = list(commune.epcis.all())
    if epcis:
        created.epcis.add(*epcis)
    organisations = {name_key(o.name): o for o in Organisation.objects.all().only("pk", "name")}
    for order, party in enumerate(parties, start=1):
        organisation = _organisation(party, organisations, by=by)
        if created.signatories.filter(organisation=organisation).exists():
            continue  # the same body named twice (e.g. the préfet also for the Anah's block)
        signatory = Signatory(
            convention=created,
            organisation=organisation,
            representative=_representative(party, organisation, by=by),
            role=party["role"],
            order=order,
        )
        save_tracked(signatory, reason=IMPORT_REASON, by=by)
    for position, article in enumerate(articles, start=1):
        save_tracked(
            Article(
                convention=created,
                position=position,
                number=article["number"],
                title=article["title"],
                text=article["text"],
            ),
            reason=IMPORT_REASON,
            by=by,
        )
    _create_plan(created, axes, actions, by=by)
    return created


def _create_plan(convention, axes, actions, *, by):
    by_number = {}
    for item in axes:
        axis = Axis(convention=convention, number=item["number"], title=item["title"])
        save_tracked(axis, reason=IMPORT_REASON, by=by)
        by_number[axis.number] = axis
        lines = [line.strip() for line in item["objectives"].splitlines() if line.strip()]
        for position, text in enumerate(lines, start=1):
            save_tracked(
                Objective(axis=axis, position=position, text=text), reason=IMPORT_REASON, by=by
            )
    positions = {}
    for item in actions:
        axis = by_number[item["axis"]]
        positions[axis.number] = positions.get(axis.number, 0) + 1
        save_tracked(
            Action(
                axis=axis,
                code=f"{axis.number}.{positions[axis.number]}",
                position=positions[axis.number],
                title=item["title"],
                maturity=item["maturity"],
                has_fiche=item["has_fiche"],
            ),
            reason=IMPORT_REASON,
            by=by,
        )
