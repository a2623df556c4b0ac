"""Organisations sort in French order, accents and case aside, on SQLite and PostgreSQL."""

import pytest

from conventions.models import Organisation
from tests.factories import OrganisationFactory

EXPECTED = ["Agence", "Eau", "établissement public", "État – Préfecture", "Zèbre habitat"]


@pytest.mark.django_db
def test_organisations_sort_accent_and_case_blind():
    for name in ["Zèbre habitat", "État – Préfecture", "établissement public", "Agence", "Eau"]:
        OrganisationFactory(name=name)
    assert list(Organisation.objects.values_list("name", flat=True)) == EXPECTED
    in_a_filter = Organisation.objects.filter(name__icontains="e").alphabetical()
    assert [organisation.name for organisation in in_a_filter] == EXPECTED
