"""A chef de projet drafts avenant n° 1 of a new ACV convention in the browser (sub-articles,
objectives, secteurs and the ORT status, several rows per save), the parties sign it, and
version 2 holds every added item."""

import datetime

from django.urls import reverse

from conventions.models import Amendment
from tests.factories import PASSWORD

ARTICLES = [("4.1", "Secteur prioritaire du centre-ville"), ("4.2", "Quartier de la gare")]
SECTORS = ["Centre-ville de Saint-Omer", "Quartier de la gare"]


def new_rows(section):
    return section.locator("fieldset.ort-draft-row", has_text="Ajouter un élément")


def draft(page, convention):
    page.goto(reverse("signatures:versions", args=[convention.pk]))
    page.get_by_label("Objet de l’avenant").fill("Transformation en ORT")
    page.get_by_role("button", name="Ouvrir l’avenant").click()
    page.wait_for_url("**/avenants/1/")

    articles = page.locator("#projet-articles")
    articles.get_by_role("button", name="Articles").click()
    for row, (number, title) in zip(new_rows(articles).all(), ARTICLES, strict=False):
        row.get_by_label("Numéro").fill(number)
        row.get_by_label("Titre").fill(title)
        row.get_by_label("Texte").fill(f"Texte de l’article {number}.")
    articles.get_by_role("button", name="Enregistrer les articles").click()
    page.get_by_text("Le projet d’avenant est enregistré.").wait_for()

    axes = page.locator("#projet-axes")
    axes.get_by_role("button", name="Axes et objectifs").click()
    objectives = axes.get_by_label("Objectifs (un par ligne)").first
    objectives.fill(objectives.input_value() + "\nObjectif ajouté A\nObjectif ajouté B")
    axes.get_by_role("button", name="Enregistrer les axes et objectifs").click()
    page.get_by_text("Le projet d’avenant est enregistré.").wait_for()

    sectors = page.locator("#projet-sectors")
    sectors.get_by_role("button", name="Secteurs d’intervention").click()
    for row, name in zip(new_rows(sectors).all(), SECTORS, strict=False):
        row.get_by_label("Nom").fill(name)
    sectors.get_by_role("button", name="Enregistrer les secteurs").click()
    page.get_by_text("Le projet d’avenant est enregistré.").wait_for()

    terms = page.locator("#projet-terms")
    terms.get_by_role("button", name="Intitulé, statut ORT et préambule").click()
    terms.get_by_text("Valant opération de revitalisation de territoire").click()
    terms.get_by_label("Lieu de signature de l’avenant").fill("Arques")
    terms.get_by_role("button", name="Enregistrer les termes").click()
    page.get_by_text("Le projet d’avenant est enregistré.").wait_for()


def test_draft_and_sign_an_avenant(acv, acv_owner, page, login):
    login(acv_owner.username, PASSWORD)
    draft(page, acv)
    for number, title in ARTICLES:
        assert page.get_by_text(f"Article ajouté : Article {number} – {title}").is_visible()
    for text in ("Objectif ajouté A", "Objectif ajouté B"):
        assert page.get_by_text(f"Objectif ajouté à l’Axe 1 : Axe ACV 1 : {text}").is_visible()
    for name in SECTORS:
        assert page.get_by_text(f"Secteur ajouté ou redéfini : {name}").is_visible()
    assert page.get_by_text("Valant ORT : non → oui").is_visible()

    for signatory in acv.signatories.select_related("organisation"):
        form = page.locator("form", has=page.get_by_role("button", name="Enregistrer la signature"))
        form.get_by_label("Partie qui signe").select_option(str(signatory.organisation_id))
        form.get_by_label("Représentant ayant signé").select_option(
            str(signatory.representative_id)
        )
        form.get_by_label("Date de signature").fill("2019-10-08")
        form.get_by_role("button", name="Enregistrer la signature").click()
        page.get_by_text(f"Signature de {signatory.organisation} enregistrée.").wait_for()

    page.get_by_text("L’avenant est signé").first.wait_for()
    amendment = acv.amendments.get()
    assert amendment.status == Amendment.Status.SIGNE
    assert amendment.signature_date == datetime.date(2019, 10, 8)
    content = acv.signed_versions.get(number=2).content
    assert [a["number"] for a in content["articles"]][-2:] == ["4.1", "4.2"]
    assert {s["name"] for s in content["sectors"]} == set(SECTORS)
    assert content["convention"]["is_ort"] is True
    assert content["amendment"]["signature_place"] == "Arques"
