"""A user's way to a PDF: « Préparer le PDF » (POST), the document's page, the download."""

from django.urls import reverse

from documents.models import Document


def prepare(client, url):
    """POST « Préparer le PDF » on `url`: the document its redirect leads to."""
    response = client.post(url)
    assert response.status_code == 302, response
    pk = int(response.url.rstrip("/").rsplit("/", 1)[-1])
    assert response.url == reverse("documents:detail", args=[pk])
    return Document.objects.get(pk=pk)


def prepared_pdf(client, url):
    """The download response of the PDF prepared from `url` (tasks run at once in tests),
    reached through the link the document's page offers."""
    document = prepare(client, url)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    download_url = reverse("documents:download", args=[document.pk])
    assert f'href="{download_url}"' in page, page
    response = client.get(download_url)
    assert response["Content-Type"] == "application/pdf"
    return response
