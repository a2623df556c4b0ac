"""Hostile query strings and path numbers answer below 500 (issue 13)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from conventions.models import Convention

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999"
QUERIES = [
    f"/actions/{BIG}/",
    "/conventions/9223372036854775808/",
    f"/conventions/?page={BIG}",
    "/tableau-de-bord/?convention=²",
    f"/tableau-de-bord/?convention={BIG}",
    "/conventions/?q=%00",
    f"/conventions/?commune={BIG}&epci=abc&departement=zz&programme=x&status=y",
    "/avis/?page=0",
]
CONVENTION_QUERIES = [
    f"versions/comparer/?de=1&a={BIG}",
    "versions/comparer/?de=²&a=1",
    "maquette-financiere/?annee=99999999999",
    "maquette-financiere/?annee=-1",
    f"plan-action/?axis=abc&maturity=zz&funder={BIG}&late=x",
    "plan-action/?q=%00",
    "historique/?since=0001-01-01&until=9999-12-31&author=abc&page=-1",
    f"historique/?author={BIG}",
    f"avenants/{BIG}/",
]


def test_hostile_query_strings_answer_below_500(demo):
    libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="cdp-libercourt"))
    urls = QUERIES + [f"/conventions/{libercourt.pk}/{query}" for query in CONVENTION_QUERIES]
    answers = {url: client.get(url).status_code for url in urls}
    assert {url: status for url, status in answers.items() if status >= 500} == {}
