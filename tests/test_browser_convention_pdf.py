"""A chef de projet prepares the convention PDF from the convention's pages, then downloads it."""

import io
import re

from django.urls import NoReverseMatch, reverse
from pypdf import PdfReader

from conventions.models import Convention


def test_download_the_convention_pdf(demo, page, login):
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    login("cdp-libercourt", "portail-ort-demo")
    try:
        url = reverse("conventions:detail", args=[convention.pk])
    except NoReverseMatch:
        url = reverse("signatures:signature", args=[convention.pk])
    page.goto(url)
    page.get_by_role("button", name="Préparer le PDF").click()
    # The document's page says where its preparation stands, then offers the file.
    status = page.get_by_role("status")
    download_link = status.get_by_role("link", name=re.compile(r"^Télécharger le PDF \(\d+ ko\)$"))
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "libercourt-ort.pdf"
    reader = PdfReader(io.BytesIO(download.path().read_bytes()))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Convention cadre opérationnelle Petites villes de demain" in text
