"""A convention written in the portal, without /admin/, from an empty portal with the
shipped referentials: a PVD convention valant ORT of Lodève with 7 parties, 6 articles with
4.1 and 4.2, the programme's axes and a comité with members, then signed."""

from django.urls import reverse

from accounts.models import Profile
from actions.models import Axis
from conventions.models import Article, Convention
from directory.models import Representative
from governance.models import Committee
from imports.pdf_text import text_of_pdf
from tests.factories import ProfileFactory
from tests.pdf_flow import prepared_pdf

from .onboarding import PASSWORD, sign_all, write_convention


def test_a_chef_de_projet_writes_and_signs_a_pvd_ort_convention_without_admin(client, portal):
    client.login(username="cdp-lodeve", password=PASSWORD)

    convention = write_convention(client, portal)

    assert convention.main_commune.name == "Lodève"
    assert list(convention.epcis.values_list("siren", flat=True)) == ["200017341"]
    assert convention.signatories.count() == 7
    assert [(s.name, s.kind) for s in convention.sectors.all()] == [
        ("Centre-ville de Lodève", "perimetre_ort")
    ]
    assert convention.signatories.signing().count() == 6
    assert list(convention.articles.values_list("number", flat=True)) == [
        "1",
        "2",
        "3",
        "4",
        "4.1",
        "4.2",
        "5",
        "6",
    ]
    assert Article.objects.filter(convention=convention).exclude(number__contains=".").count() == 6
    assert convention.axes.count() == 5
    assert list(Axis.objects.get(convention=convention, number=1).objectives.all()) != []
    assert Committee.objects.get().members.count() == 3
    tourism = convention.signatories.get(role="partenaire_technique")
    assert tourism.representative.person_name == ""
    assert tourism.representative.designation == "Directeur"

    page = sign_all(client, convention)

    bdt_row = next(r for r in page.context["rows"] if r["signatory"].organisation == portal["bdt"])
    proposed = bdt_row["signature_form"].fields["representative"].initial
    assert proposed == Representative.objects.get(last_name="OCCITAN").pk
    convention.refresh_from_db()
    assert convention.is_signed
    assert convention.signed_versions.count() == 1
    anah = convention.signatories.get(organisation=portal["anah"])
    assert anah.capacity == "en qualité de délégué local de l’Anah"
    assert not convention.signatories.get(role="en_presence").signature_date


def test_after_signature_only_an_avenant_changes_the_convention(client, portal):
    client.login(username="cdp-lodeve", password=PASSWORD)
    convention = write_convention(client, portal)
    sign_all(client, convention)
    article = convention.articles.first()

    response = client.post(
        reverse("conventions:draft_edit", args=[convention.pk, "articles", article.pk]),
        {
            f"articles-{article.pk}-number": "1",
            f"articles-{article.pk}-title": "Changé",
            f"articles-{article.pk}-text": "",
        },
    )

    assert response.status_code == 409
    assert "ne change plus que par avenant" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Titre 1"


def test_the_convention_pdf_prints_the_capacity_as_written(client, portal):
    client.login(username="cdp-lodeve", password=PASSWORD)
    convention = write_convention(client, portal)

    response = prepared_pdf(client, reverse("signatures:pdf", args=[convention.pk]))

    text = " ".join(text_of_pdf(response.content).split())
    assert (
        "Agence nationale de l’habitat, représenté(e) par Préfet de l’Hérault, "
        "en qualité de délégué local de l’Anah" in text
    )
    assert "Office de tourisme Lodévois et Larzac, représenté(e) par Directeur" in text
    assert "Article 4.1" in text


def test_a_row_is_corrected_in_place_and_gives_the_focus_back(client, portal):
    client.login(username="cdp-lodeve", password=PASSWORD)
    convention = write_convention(client, portal)
    article = convention.articles.get(number="4.1")
    url = reverse("conventions:draft_edit", args=[convention.pk, "articles", article.pk])

    fragment = client.get(url, headers={"HX-Request": "true"})

    assert fragment["Vary"] == "HX-Request" or "HX-Request" in fragment["Vary"]
    html = fragment.content.decode()
    assert "<html" not in html
    assert f'id="articles-{article.pk}"' in html
    assert "data-ort-focus" in html
    assert f'name="articles-{article.pk}-title"' in html

    saved = client.post(
        url,
        {
            f"articles-{article.pk}-number": "4.1",
            f"articles-{article.pk}-title": "Périmètre de l’ORT",
            f"articles-{article.pk}-text": "",
        },
        headers={"HX-Request": "true"},
    )

    html = saved.content.decode()
    assert "Périmètre de l’ORT" in html
    assert "Modifier" in html and "data-ort-focus" in html
    article.refresh_from_db()
    assert article.title == "Périmètre de l’ORT"

    refused = client.post(
        url,
        {f"articles-{article.pk}-number": "4.1.2", f"articles-{article.pk}-title": "x"},
        headers={"HX-Request": "true"},
    )
    assert "Un numéro d’article s’écrit « 4 » ou « 4.1 »." in refused.content.decode()


def test_a_chef_de_projet_creates_only_on_their_territory(client, portal):
    client.login(username="cdp-libercourt", password=PASSWORD)

    response = client.post(
        reverse("conventions:create"),
        {"programme": "pvd", "kind": "adhesion_pvd", "title": "Lodève", "commune": "34142"},
    )

    assert response.status_code == 400
    assert "Aucune commune de votre territoire ne répond à « 34142 »" in response.content.decode()
    assert not Convention.objects.exists()


def test_a_comite_member_may_not_create_a_convention(client, db):
    member = ProfileFactory(role=Profile.Role.MEMBRE_COMITE).user
    client.force_login(member)

    response = client.get(reverse("conventions:create"))

    assert response.status_code == 403


def test_another_territorys_draft_is_out_of_reach(client, portal):
    client.login(username="cdp-lodeve", password=PASSWORD)
    convention = write_convention(client, portal)
    client.logout()
    client.login(username="cdp-libercourt", password=PASSWORD)

    assert client.get(reverse("conventions:draft", args=[convention.pk])).status_code == 404
    response = client.post(
        reverse("conventions:draft_add", args=[convention.pk, "secteurs"]),
        {"secteurs-new-name": "Intrus"},
    )
    assert response.status_code == 404
    assert not convention.sectors.filter(name="Intrus").exists()
