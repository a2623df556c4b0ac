"""What governance shows on lower apps' pages: the comités on the convention page, the
decisions on a fiche-action, the seats of an organisation in the directory."""

from django.db.models import Prefetch

from actions.sections import FicheSection, register_fiche_section
from conventions.sections import DetailSection, register_detail_section
from directory.sections import OrganisationSection, register_organisation_section

from .models import Committee, CommitteeMember, Decision


def _committees_prefetch():
    return [
        Prefetch("committees", queryset=Committee.objects.with_rhythm().order_by("kind", "name"))
    ]


def _decisions(action):
    return {"decisions": Decision.objects.for_action(action)}


def _seats(organisation):
    return {
        "memberships": CommitteeMember.objects.filter(organisation=organisation).select_related(
            "committee", "representative"
        )
    }


def register():
    """Called by GovernanceConfig.ready()."""
    register_detail_section(
        DetailSection(
            template="governance/includes/convention_committees.html",
            prefetch=_committees_prefetch,
        )
    )
    register_fiche_section(
        FicheSection(template="governance/includes/action_decisions.html", context=_decisions)
    )
    register_organisation_section(
        OrganisationSection(template="governance/directory/organisation_seats.html", context=_seats)
    )
