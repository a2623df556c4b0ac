"""The convention PDF: layout of the seeds, working copy marking, no fetch of user URLs."""

import io

from django.urls import reverse
from pypdf import PdfReader

from actions.models import Action, Axis
from conventions.models import Article, Convention
from tests.factories import ArticleFactory, AxisFactory, ConventionFactory, ProfileFactory
from tests.pdf_flow import prepared_pdf

from .test_signature import LIBERCOURT, pdf_text


def test_libercourt_pdf_has_the_layout_of_the_signed_document(demo, demo_user, client):
    convention = Convention.objects.get(reference=LIBERCOURT)
    client.force_login(demo_user("copil-libercourt"))
    response = prepared_pdf(client, reverse("signatures:pdf", args=[convention.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    pages = len(reader.pages)
    assert pages > 10
    first = " ".join(reader.pages[0].extract_text().split())
    assert "valant opération de revitalisation de territoire (ORT)" in first
    assert "Libercourt" in first and "Communauté d’agglomération Hénin-Carvin" in first
    text = pdf_text(response.content)
    assert "ENTRE" in text and "AINSI QUE" in text and "IL EST CONVENU CE QUI SUIT" in text
    assert "représenté(e) par M. Daniel MACIEJASZ, Maire" in text
    assert "Article 1 – Objet de la convention cadre" in text
    assert "Plan d’action" in text and "Annexe – Fiches-actions" in text
    assert f"page 2 / {pages}" in text
    assert "réf. LIBERCOURT-ORT" in text
    assert "document de travail" not in text.lower()  # signed: the current state


def test_an_unsigned_convention_is_a_working_copy(db, client):
    convention = ConventionFactory()
    ArticleFactory(convention=convention, title="Objet", text="Texte à discuter.")
    user = ProfileFactory(conventions=[convention]).user
    client.force_login(user)
    text = pdf_text(prepared_pdf(client, reverse("signatures:pdf", args=[convention.pk])).content)
    assert "document de travail — non signé" in text.lower()
    assert "Texte à discuter." in text


def test_outsider_gets_no_pdf(demo, demo_user, client):
    convention = Convention.objects.get(reference=LIBERCOURT)
    client.force_login(demo_user("cdp-lens-lievin"))
    url = reverse("signatures:pdf", args=[convention.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_urls_typed_in_user_fields_are_neither_fetched_nor_embedded(db, client, local_http_server):
    base, hits = local_http_server
    convention = ConventionFactory(preamble=f'<img src="{base}/preambule.svg">')
    Article.objects.create(
        convention=convention,
        position=1,
        number="1",
        title='<link rel="stylesheet" href="file:///etc/passwd">',
        text=f'<img src="file:///etc/passwd"> <img src="{base}/article.svg"> file:///etc/passwd',
    )
    axis = AxisFactory(convention=convention, title=f'<iframe src="{base}/axe"></iframe>')
    Action.objects.create(
        axis=axis,
        code="1.1",
        title=f'<img src="{base}/action.svg">',
        has_fiche=True,
        description='<object data="file:///etc/passwd"></object>',
    )
    client.force_login(ProfileFactory(conventions=[convention]).user)
    content = prepared_pdf(client, reverse("signatures:pdf", args=[convention.pk])).content
    assert hits == []
    assert b"root:x:0" not in content
    text = pdf_text(content)
    assert "root:" not in text
    assert '<img src="file:///etc/passwd">' in text  # shown as typed, escaped
    assert f'<img src="{base}/action.svg">' in text
    assert Axis.objects.count() == 1
