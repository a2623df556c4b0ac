import pytest

from conventions.models import Convention
from directory.models import Representative
from governance.models import Committee, CommitteeMember


@pytest.fixture
def libercourt(demo):
    return Convention.objects.get(reference="LIBERCOURT-ORT")


@pytest.fixture
def project_committee(libercourt):
    """Libercourt's comité de projet, with its mayor presiding and the sous-préfet."""
    committee = Committee.objects.get(kind=Committee.Kind.COMITE_PROJET, conventions=libercourt)
    mayor = Representative.objects.get(last_name="MACIEJASZ")
    sous_prefet = Representative.objects.get(last_name="RAFFY")
    CommitteeMember.objects.create(
        committee=committee,
        representative=mayor,
        organisation=mayor.organisation,
        role=CommitteeMember.Role.PRESIDENT,
    )
    CommitteeMember.objects.create(
        committee=committee, representative=sous_prefet, organisation=sous_prefet.organisation
    )
    return committee
