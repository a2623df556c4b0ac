import pytest

from .onboarding import load_referentials, national_bodies, other_territory_people, users


@pytest.fixture
def portal(db):
    load_referentials()
    admin, chef, other_chef = users()
    return {
        "admin": admin,
        "chef": chef,
        "other_chef": other_chef,
        **national_bodies(),
        "libercourt_mayor": other_territory_people(),
    }
