"""Integer `__in` lookups with values beyond any column match nothing instead of failing."""

import pytest
from django.contrib.auth import get_user_model

from tests import factories as f

pytestmark = pytest.mark.django_db

HUGE = 10**26


def test_out_of_range_values_are_left_out_of_an_in_list():
    organisation = f.OrganisationFactory()
    Organisation = type(organisation)
    assert list(Organisation.objects.filter(pk__in=[HUGE, -HUGE])) == []
    assert list(Organisation.objects.filter(pk__in=[HUGE, organisation.pk])) == [organisation]
    assert list(get_user_model().objects.filter(pk__in=[str(HUGE)])) == []


def test_a_multiple_choice_posted_with_a_huge_number_is_a_form_error(client, admin_user):
    from accounts.models import Profile

    target = f.ProfileFactory(role=Profile.Role.CHEF_DE_PROJET).user
    client.force_login(admin_user)
    response = client.post(
        f"/annuaire/utilisateurs/{target.pk}/", {"role": "chef_de_projet", "conventions": HUGE}
    )
    assert response.status_code == 200
