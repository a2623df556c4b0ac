"""Synthetic portal users: an administrator, chefs de projet (five conventions each) and
comité members who read; none can log in with a password (the bench opens sessions)."""

from django.contrib.auth import get_user_model

from accounts.models import Profile

from .run import Run
from .territories import CREATED_ON

CONVENTIONS_PER_CHEF = 5
CONVENTIONS_PER_READER = 10


def users(usernames: list, **flags) -> list:
    User = get_user_model()
    people = [User(username=name, last_name="(synthétique)", **flags) for name in usernames]
    for person in people:
        person.set_unusable_password()
    return User.objects.bulk_create(people)


def create_people(run: Run, conventions: list) -> dict:
    """role → users, and each user's conventions through their profile."""
    chefs = [
        conventions[i : i + CONVENTIONS_PER_CHEF]
        for i in range(0, len(conventions), CONVENTIONS_PER_CHEF)
    ]
    readers = [
        conventions[i : i + CONVENTIONS_PER_READER]
        for i in range(0, len(conventions), CONVENTIONS_PER_READER)
    ]
    admin = users(["synth-admin"], is_staff=True, is_superuser=True)
    chef_users = users([f"synth-cdp-{i + 1:04d}" for i in range(len(chefs))])
    reader_users = users([f"synth-lecteur-{i + 1:04d}" for i in range(len(readers))])
    Role = Profile.Role
    profiles = run.create(
        Profile,
        [Profile(user=admin[0], role=Role.ADMIN)]
        + [Profile(user=u, role=Role.CHEF_DE_PROJET) for u in chef_users]
        + [Profile(user=u, role=Role.MEMBRE_COMITE) for u in reader_users],
        on=CREATED_ON,
    )
    by_user = {profile.user_id: profile for profile in profiles}
    pairs = [
        (by_user[u.pk].pk, c.pk) for u, group in zip(chef_users, chefs, strict=True) for c in group
    ]
    pairs += [
        (by_user[u.pk].pk, c.pk)
        for u, group in zip(reader_users, readers, strict=True)
        for c in group
    ]
    run.link(Profile, "conventions", pairs)
    return {"admin": admin, "chef_de_projet": chef_users, "membre_comite": reader_users}
