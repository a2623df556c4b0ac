"""A new territory comes aboard in the browser: from an empty portal with the shipped
referential excerpts loaded by the commands, Lodève's chef de projet writes a PVD
convention valant ORT (7 parties, one represented by an office only and one « en présence
de », 6 articles with 4.1 and 4.2, the programme's axes, a comité with members) without
/admin/, and has it signed."""

import re

import pytest

from conventions.models import Convention
from directory.models import EPCI, Commune, Organisation, Representative
from governance.models import Committee

from .conventions.onboarding import (
    PASSWORD,
    load_referentials,
    national_bodies,
    other_territory_people,
    users,
)
from .pickers import pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLES = ["1", "2", "3", "4", "4.1", "4.2", "5", "6"]


@pytest.fixture
def empty_portal(db):
    load_referentials()
    users()
    bodies = national_bodies()
    other_territory_people()
    town = Organisation.objects.create(
        name="Commune de Lodève", category="commune", commune_id=_commune("34142")
    )
    epci = Organisation.objects.create(
        name="CC Lodévois et Larzac", category="epci", epci_id=_epci("200017341")
    )
    Representative.objects.create(
        organisation=town,
        civility="Mme",
        first_name="Marie",
        last_name="LODEVOISE",
        function="Maire",
    )
    Representative.objects.create(
        organisation=epci,
        civility="M.",
        first_name="Jean",
        last_name="LARZAC",
        function="Président",
    )
    return bodies


def _commune(code):
    return Commune.objects.get(insee_code=code).pk


def _epci(siren):
    return EPCI.objects.get(siren=siren).pk


def section(page, slug):
    return page.locator(f"section#{slug}")


def add_local_partner(page):
    """A local partner and its representative named by the office only, in the directory."""
    page.get_by_role("link", name="Ajouter une organisation locale").click()
    page.get_by_label("Nom", exact=True).fill("Office de tourisme Lodévois et Larzac")
    page.get_by_label("Catégorie").select_option(label="Association")
    page.get_by_label("EPCI").select_option(label="CC Lodévois et Larzac")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", name="Office de tourisme Lodévois et Larzac").wait_for()
    page.get_by_role("textbox", name=re.compile(r"^Fonction")).fill("Directeur")
    page.get_by_role("button", name="Ajouter le représentant").click()
    page.get_by_role("cell", name="Directeur").first.wait_for()


def add_party(page, organisation, role, representative=None, capacity=""):
    parties = section(page, "parties")
    pick(parties, "Rechercher une organisation", organisation, organisation)
    parties.get_by_role("combobox", name=re.compile(r"^Qualité")).select_option(label=role)
    if representative:
        # Searched by the name of its organisation, written in brackets in its label.
        body = re.search(r"\(([^)]*)\)$", representative).group(1)
        pick(parties, "Rechercher un représentant", body, representative)
    if capacity:
        parties.get_by_role("textbox", name=re.compile(r"^Agissant en qualité de")).fill(capacity)
    parties.get_by_role("button", name="Ajouter la partie").click()
    page.wait_for_load_state()


def create_convention(page):
    page.get_by_role("link", name="Nouvelle convention").click()
    page.get_by_label("Programme").select_option("pvd")
    page.get_by_label("Type").select_option("cadre_operationnelle_pvd")
    page.locator("label", has_text="Valant ORT").click()
    page.get_by_label("Intitulé").fill("Convention-cadre PVD valant ORT de Lodève")
    page.get_by_label("Ville principale (code INSEE ou nom)").fill("Lodève")
    page.get_by_label("Durée (années)").fill("6")
    page.screenshot(path="/tmp/onboarding-1-creation.png", full_page=True)
    page.get_by_role("button", name="Créer la convention").click()
    page.get_by_role("heading", name=re.compile("Rédiger la convention")).wait_for()


def add_all_parties(page):
    """7 parties: the office only for the tourism office, the Département « en présence »."""
    prefect = "Préfet de l’Hérault (État – Préfecture de l’Hérault)"
    for organisation, role, representative, capacity in [
        (
            "Commune de Lodève",
            "Collectivité bénéficiaire",
            "Mme Marie LODEVOISE, Maire (Commune de Lodève)",
            "",
        ),
        (
            "CC Lodévois et Larzac",
            "Collectivité bénéficiaire",
            "M. Jean LARZAC, Président (CC Lodévois et Larzac)",
            "",
        ),
        ("État – Préfecture de l’Hérault", "État", prefect, ""),
        (
            "Agence nationale de l’habitat",
            "Partenaire financier",
            prefect,
            "en qualité de délégué local de l’Anah",
        ),
        ("Banque des Territoires", "Partenaire financier", None, ""),
        (
            "Office de tourisme Lodévois et Larzac",
            "Partenaire technique",
            "Directeur (Office de tourisme Lodévois et Larzac)",
            "",
        ),
        ("Département de l’Hérault", "En présence de", None, ""),
    ]:
        add_party(page, organisation, role, representative, capacity)


def write_content(page):
    """Articles 1 to 6 with 4.1 and 4.2, a secteur, the programme's axes, a comité."""
    for number in ARTICLES:
        articles = section(page, "articles")
        articles.get_by_label("Numéro").fill(number)
        articles.get_by_label("Titre").fill(f"Article {number} de la convention")
        articles.get_by_role("button", name="Ajouter l’article").click()
        page.wait_for_load_state()
    section(page, "secteurs").get_by_label("Nom").fill("Centre-ville de Lodève")
    section(page, "secteurs").get_by_role("button", name="Ajouter le secteur").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ajouter les axes types du programme").click()
    page.wait_for_load_state()
    comites = section(page, "comites")
    comites.get_by_label("Type").select_option(label="Comité de projet")
    comites.get_by_label("Nom").fill("Comité de projet PVD de Lodève")
    comites.get_by_role("button", name="Ajouter le comité").click()
    page.wait_for_load_state()
    page.screenshot(path="/tmp/onboarding-2-draft.png", full_page=True)


def add_members(page, convention):
    for name, member in [
        ("lodevoise", "Mme Marie LODEVOISE, Maire (Commune de Lodève)"),
        ("larzac", "M. Jean LARZAC, Président (CC Lodévois et Larzac)"),
    ]:
        section(page, "comites").get_by_role("link", name=re.compile("Ajouter un membre")).click()
        pick(page.locator("main"), "Rechercher un représentant", name, member)
        page.get_by_role("button", name="Ajouter le membre").click()
        page.wait_for_load_state()
        page.goto(f"/conventions/{convention.pk}/rediger/")


def sign(page, convention):
    page.get_by_role("link", name="Passer à la signature").click()
    page.screenshot(path="/tmp/onboarding-4-signature.png", full_page=True)
    for signatory in convention.signatories.signing().order_by("order"):
        legend = f"Signature de {signatory.organisation}"
        form = page.locator("form", has=page.get_by_role("group", name=legend))
        form.get_by_label("Date de signature").fill("2026-11-30")
        form.get_by_role("button", name="Enregistrer la signature").click()
        page.wait_for_load_state()


def test_a_new_territory_writes_and_signs_its_convention_in_the_browser(empty_portal, login):
    page = login("cdp-lodeve", PASSWORD)
    create_convention(page)
    add_local_partner(page)
    convention = Convention.objects.get()
    page.goto(f"/conventions/{convention.pk}/rediger/")
    add_all_parties(page)
    assert "MACIEJASZ" not in page.content()  # another territory's mayor is never offered
    assert "Claire NORD" not in page.content()  # nor another region's directeur régional
    assert "en qualité de délégué local de l’Anah" in section(page, "parties").inner_text()
    write_content(page)
    add_members(page, convention)
    page.screenshot(path="/tmp/onboarding-3-draft-complete.png", full_page=True)

    sign(page, convention)

    convention.refresh_from_db()
    assert convention.is_signed
    assert convention.signatories.count() == 7
    assert convention.articles.count() == 8
    assert convention.axes.count() == 5
    assert Committee.objects.get().members.count() == 2
    bdt = convention.signatories.get(organisation__name="Banque des Territoires")
    assert bdt.representative.last_name == "OCCITAN"  # the region's, not Hauts-de-France's
    page.goto(f"/conventions/{convention.pk}/rediger/")
    page.get_by_text("elle ne change plus que par avenant").wait_for()
    page.screenshot(path="/tmp/onboarding-5-signed.png", full_page=True)
