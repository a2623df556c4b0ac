"""Accounts of the national synthetic dataset: a chef de projet per convention, comité
members who read, and a national administrator (ANCT)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from accounts.models import Profile
from conventions.models import Convention

from .conventions import Made
from .referential import Referential
from .writer import Writer

PASSWORD = "portail-ort-demo"
NATIONAL_ADMIN = "demo-anct"
READERS_EVERY = 5


def username(prefix: str, convention: Convention) -> str:
    return f"{prefix}-{convention.reference.rsplit('-', 1)[-1]}"


def generate_accounts(writer: Writer, referential: Referential, made: list[Made]):
    User = get_user_model()
    password = make_password(PASSWORD)  # hashed once: every demo account shares it
    users, profiles, conventions, communes, epcis = [], [], [], [], []
    national = User(username=NATIONAL_ADMIN, first_name="Agence", last_name="nationale")
    users.append(national)
    profiles.append(Profile(user=national, role=Profile.Role.ADMIN))
    for index, item in enumerate(made):
        convention = item.convention
        first, last = writer.fake.first_name(), writer.fake.last_name()
        user = User(username=username("demo-cdp", convention), first_name=first, last_name=last)
        profile = Profile(user=user, role=Profile.Role.CHEF_DE_PROJET)
        users.append(user)
        profiles.append(profile)
        if convention.kind == Convention.Kind.CHAPEAU:
            epcis.append((profile, item.epci))
        else:
            communes.append((profile, item.communes[0]))
        if index % READERS_EVERY == 0:
            mayor = referential.former_mayors[item.communes[0].insee_code]
            reader = User(
                username=username("demo-copil", convention),
                first_name=mayor.first_name,
                last_name=mayor.last_name,
            )
            users.append(reader)
            profile = Profile(user=reader, role=Profile.Role.MEMBRE_COMITE, representative=mayor)
            profiles.append(profile)
            conventions.append((profile, convention))
    for user in users:
        user.password = password
    User.objects.bulk_create(users, batch_size=2000)
    writer.rows["utilisateurs"] += len(users)
    for profile in profiles:
        profile.user_id = profile.user.pk
        writer.stamp(profile, writer.today)
    created = writer.create(Profile, profiles, history=False)
    rows = writer.history(Profile, created)
    writer.link(Profile, "communes", communes, rows)
    writer.link(Profile, "epcis", epcis, rows)
    writer.link(Profile, "conventions", conventions, rows)
