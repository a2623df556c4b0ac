"""Logged-in sessions for the load test (run by bench_scale.py on DATABASE_URL): 40 chefs de
projet of different conventions and 10 comité members, each with the pages they visit.

Prints a JSON list; the load test sends each session's cookie itself (the secure cookies of
a DEBUG=0 server are not sent back over plain http by the HTTP client).
"""

import json
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ort_portal.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from actions.models import Action  # noqa: E402
from conventions.models import Convention  # noqa: E402
from demo.national.accounts import username  # noqa: E402
from demo.national.conventions import REFERENCE_PREFIX  # noqa: E402

CHEFS, READERS = 40, 10


def session(user, convention, role):
    client = Client()
    client.force_login(user)
    actions = list(
        Action.objects.filter(axis__convention=convention)
        .order_by("pk")
        .values_list("pk", flat=True)[:30]
    )
    return {
        "role": role,
        "username": user.username,
        "sessionid": client.cookies["sessionid"].value,
        "csrftoken": secrets.token_hex(16),
        "convention": convention.pk,
        "actions": actions,
    }


def main():
    users = get_user_model().objects
    synthetic = Convention.objects.filter(reference__startswith=REFERENCE_PREFIX).exclude(
        kind=Convention.Kind.CHAPEAU
    )
    chefs = list(synthetic.order_by("reference")[:CHEFS])
    readers = list(synthetic.filter(profiles__role="membre_comite").order_by("reference")[:READERS])
    sessions = [
        session(users.get(username=username("demo-cdp", c)), c, "chef")
        for c in (chefs * CHEFS)[:CHEFS]
    ]
    sessions += [
        session(users.get(username=username("demo-copil", c)), c, "reader")
        for c in (readers * READERS)[:READERS]
    ]
    print(json.dumps(sessions))


if __name__ == "__main__":
    main()
