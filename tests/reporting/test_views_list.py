"""The list of conventions: scoping by territory, filters kept in the URL, pagination."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(response.content.decode().split())


def test_chef_de_projet_sees_only_their_territory(client, demo_user):
    client.force_login(demo_user("cdp-lens-lievin"))
    page = text(client.get(reverse("reporting:list")))
    assert "Lens-Liévin" in page
    assert "Libercourt" not in page


def test_copil_member_sees_the_convention_of_their_comite(client, demo_user):
    client.force_login(demo_user("copil-libercourt"))
    page = text(client.get(reverse("reporting:list")))
    assert "Libercourt" in page and "Lens" not in page


def test_filters_are_read_from_the_url(client, demo_user):
    client.force_login(demo_user("admin"))
    response = client.get(reverse("reporting:list"), {"programme": "acv", "q": "Liévin"})
    conventions = list(response.context["page_obj"].object_list)
    # "ACV" includes the chapeau over both programmes, as on the territory dashboard.
    assert {c.reference for c in conventions} == {"LENS-LIEVIN-ACV", "LENS-LIEVIN-CHAPEAU"}
    assert all("Liévin" in c.title and c.programme in ("acv", "pvd_acv") for c in conventions)
    page = text(response)
    assert 'value="Liévin"' in page
    assert '<option value="acv" selected>' in page


def test_commune_filter_offers_only_visible_communes(client, demo_user):
    """The commune filter searches (ort_portal.pickers): the list holds no option of
    another territory, and neither does a search."""
    client.force_login(demo_user("cdp-lens-lievin"))
    page = text(client.get(reverse("reporting:list")))
    assert ">Libercourt</option>" not in page and ">Lens</option>" not in page
    search = reverse("conventions:commune_search")
    assert ">Lens</option>" in text(client.get(search, {"recherche": "lens"}))
    assert ">Libercourt</option>" not in text(client.get(search, {"recherche": "libercourt"}))


def test_pagination_keeps_the_filters(client, owner):
    for _ in range(25):
        owner.portal_profile.conventions.add(f.ConventionFactory(status="en_vigueur"))
    client.force_login(owner)
    page = text(client.get(reverse("reporting:list"), {"status": "en_vigueur"}))
    assert "Page 1 sur 2" in page
    assert 'href="?status=en_vigueur&amp;page=2"' in page
    assert "26 conventions" in page


def test_titles_link_to_the_detail_page(client, owner, convention):
    client.force_login(owner)
    for url in [reverse("reporting:list"), reverse("reporting:home")]:
        page = text(client.get(url))
        assert f'<a href="{reverse("conventions:detail", args=[convention.pk])}">' in page


def test_home_shows_twenty_conventions_a_page_in_title_order(client, owner):
    for number in range(25):
        owner.portal_profile.conventions.add(f.ConventionFactory(title=f"Convention {number:02}"))
    client.force_login(owner)
    first = client.get(reverse("reporting:home"))
    titles = [c.title for c in first.context["page_obj"].object_list]
    numbered = [title for title in titles if title.startswith("Convention ")]
    assert len(titles) == 20 and numbered == sorted(numbered)
    page = text(first)
    assert "<title>Mes conventions, page 1 sur 2" in page
    assert "26 conventions, 1 à 20 affichées" in page
    assert 'href="?page=2"' in page and "Convention 24" not in page
    last = text(client.get(reverse("reporting:home"), {"page": "2"}))
    assert "Convention 24" in last and "Convention 00" not in last
    assert "Page 2 sur 2" in last


def test_home_past_the_last_page_or_with_a_bad_number_shows_a_page(client, owner, convention):
    client.force_login(owner)
    for number in ("99", "abc", "-1", "²"):
        response = client.get(reverse("reporting:home"), {"page": number})
        assert response.status_code == 200
        assert convention.title in text(response)
