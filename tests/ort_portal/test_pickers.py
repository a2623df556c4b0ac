"""The searches of the pickers (ort_portal.pickers): what each role finds, blind to accents
and case, at most thirty options, the chosen one first, the count for the live region."""

import re

import factory
import pytest
from django.urls import reverse

from ort_portal.pickers import LIMIT, sign_kept
from tests import factories as f

pytestmark = pytest.mark.django_db

ORGANISATIONS = "directory:organisation_search"


def options(response):
    """(value, label, selected) of each option of the answer."""
    html = response.content.decode()
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html
        )
    ]


def labels(response):
    return [label for value, label, _ in options(response) if value]


def search(client, user, url_name, text, target="", **params):
    client.force_login(user)
    headers = {"HX-Request": "true"} | ({"HX-Target": target} if target else {})
    return client.get(reverse(url_name), {"recherche": text, **params}, headers=headers)


def test_names_are_found_whatever_their_accents_and_case(client, territories):
    t = territories
    assert labels(search(client, t.chef_a, ORGANISATIONS, "etablissement")) == [
        "Établissement public foncier"
    ]
    assert labels(search(client, t.chef_a, ORGANISATIONS, "saint étienne")) == [
        "Mairie de Saint-Étienne-du-Bois"
    ]
    assert labels(search(client, t.chef_a, ORGANISATIONS, "SAINT-ETIENNE")) == [
        "Mairie de Saint-Étienne-du-Bois"
    ]
    # A SIREN's first digits find its organisation.
    assert labels(search(client, t.chef_a, ORGANISATIONS, "2101035")) == [
        "Mairie de Saint-Étienne-du-Bois"
    ]


@pytest.mark.parametrize(
    ("who", "found"),
    [
        ("chef_a", ["Mairie de Saint-Étienne-du-Bois"]),
        ("chef_b", ["Mairie de Lens"]),
        ("admin", ["Mairie de Lens", "Mairie de Saint-Étienne-du-Bois"]),
    ],
)
def test_a_chef_de_projet_finds_no_other_territorys_organisation(
    client, territories, admin_user, who, found
):
    user = admin_user if who == "admin" else getattr(territories, who)
    assert labels(search(client, user, ORGANISATIONS, "mairie")) == found


@pytest.mark.parametrize(
    ("who", "found"),
    [
        ("chef_a", ["Mme Agnès DUPRÉ, Maire (Mairie de Saint-Étienne-du-Bois)"]),
        ("chef_b", ["Mme Bernard DUPRÉ, Maire (Mairie de Lens)"]),
        (
            "admin",
            [
                "Mme Bernard DUPRÉ, Maire (Mairie de Lens)",
                "Mme Agnès DUPRÉ, Maire (Mairie de Saint-Étienne-du-Bois)",
            ],
        ),
    ],
)
def test_representatives_are_found_in_the_users_scope_only(
    client, territories, admin_user, who, found
):
    user = admin_user if who == "admin" else getattr(territories, who)
    assert labels(search(client, user, "directory:representative_search", "dupre")) == found


def test_communes_and_epci_of_the_conventions_list_are_those_the_user_reads(client, territories):
    t = territories
    communes = "conventions:commune_search"
    assert labels(search(client, t.chef_a, communes, "saint etienne")) == ["Saint-Étienne-du-Bois"]
    assert labels(search(client, t.chef_a, communes, "lens")) == []
    assert labels(search(client, t.chef_b, communes, "lens")) == ["Lens"]
    assert labels(search(client, t.chef_a, communes, "01350")) == ["Saint-Étienne-du-Bois"]
    assert labels(search(client, t.chef_a, "conventions:epci_search", "oeuf")) == []
    assert labels(search(client, t.chef_a, "conventions:epci_search", "vallee")) == [
        "CC de la Vallée de l’Œuf"
    ]
    assert labels(search(client, t.chef_b, "conventions:epci_search", "vallee")) == []


def test_at_most_thirty_options_the_chosen_one_first_and_the_count_announced(client, territories):
    t = territories
    f.OrganisationFactory.create_batch(
        60, name=factory.Sequence(lambda n: f"Organisation régionale {n:03}")
    )
    chosen = f.OrganisationFactory(name="Zorganisation choisie")
    response = search(
        client,
        t.chef_a,
        ORGANISATIONS,
        "organisation",
        champ="fundings-0-funder",
        vide="---------",
        **{"fundings-0-funder": chosen.pk},
        target="id_fundings-0-funder",
    )
    found = options(response)
    assert found[0] == ("", "---------", False)
    assert found[1] == (str(chosen.pk), "Zorganisation choisie", True)
    assert len(found) == 2 + LIMIT
    html = response.content.decode()
    assert 'id="id_fundings-0-funder-statut" hx-swap-oob="innerHTML"' in html
    assert f"Plus de {LIMIT} résultats" in html


@pytest.mark.parametrize(
    ("text", "status"),
    [("e", "Tapez au moins 2 lettres."), ("zzz", "Aucun résultat."), ("foncier", "1 résultat.")],
)
def test_the_live_region_says_what_the_search_found(client, territories, text, status):
    response = search(client, territories.chef_a, ORGANISATIONS, text, target="id_organisation")
    assert f'<p id="id_organisation-statut" hx-swap-oob="innerHTML">{status}</p>' in (
        response.content.decode()
    )


def test_another_territorys_id_is_not_named_unless_the_form_showed_it(client, territories):
    """A chosen id posted back is named only if the user may pick it, or if the form
    itself showed it (signed): no way to read another territory's names by id."""
    t = territories
    params = {"champ": "organisation", "organisation": t.mairie_b.pk}
    assert options(search(client, t.chef_a, ORGANISATIONS, "", **params)) == []
    kept = search(client, t.chef_a, ORGANISATIONS, "", garder=sign_kept([t.mairie_b.pk]), **params)
    assert options(kept) == [(str(t.mairie_b.pk), "Mairie de Lens", True)]
    forged = search(client, t.chef_a, ORGANISATIONS, "", garder="[1]:forged", **params)
    assert options(forged) == []


@pytest.mark.parametrize("text", ["((", "[a-", "\\", "é*+?", "x" * 500, "1" * 40, "' OR 1=1 --"])
def test_any_text_is_searched_without_error(client, territories, text):
    response = search(
        client, territories.chef_a, ORGANISATIONS, text, champ="x", x=["abc", "9" * 30, "-1"]
    )
    assert response.status_code == 200


def test_the_searches_answer_signed_in_users_only(client):
    response = client.get(reverse(ORGANISATIONS), {"recherche": "mairie"})
    assert response.status_code == 302
