"""The PDF module renders with the shipped font and refuses local files and the network."""

import io

import pytest
from django.template import engines
from pypdf import PdfReader
from weasyprint import HTML

from ort_portal.pdf import (
    RestrictedURLFetcher,
    html_to_pdf,
    pdf_response,
    render_pdf,
    static_file_uri,
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_fetcher_serves_static_files_and_data_urls():
    fetcher = RestrictedURLFetcher()
    font = fetcher.fetch(static_file_uri("dsfr/dist/fonts/Marianne-Regular.woff2"))
    assert font.read(4) == b"wOF2"
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://127.0.0.1:9/secret",
        "https://example.org/logo.png",
        "ftp://127.0.0.1/file",
    ],
)
def test_fetcher_refuses_local_files_and_network(url):
    with pytest.raises(ValueError):
        RestrictedURLFetcher().fetch(url)


def test_fetcher_refuses_escapes_from_the_static_roots():
    uri = static_file_uri("ort_portal/print.css") + "/../../../../../../../../etc/passwd"
    with pytest.raises(ValueError):
        RestrictedURLFetcher().fetch(uri)


def test_markup_pointing_at_passwd_or_loopback_is_neither_fetched_nor_embedded(local_http_server):
    base, hits = local_http_server
    html = (
        f'<p>Avant</p><img src="file:///etc/passwd"><img src="{base}/image.svg">'
        f'<link rel="stylesheet" href="{base}/style.css">'
        '<iframe src="file:///etc/passwd"></iframe><p>Après</p>'
    )
    content = HTML(string=html, url_fetcher=RestrictedURLFetcher()).write_pdf()
    assert hits == []
    assert b"root:x:0" not in content
    assert "Avant" in pdf_text(content) and "root:" not in pdf_text(content)


def test_render_pdf_uses_the_shipped_font_and_page_numbers(settings):
    content = render_pdf("pdf/base.html", {"title": "Convention de Libercourt"})
    reader = PdfReader(io.BytesIO(content))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert any("Marianne" in name for name in fonts)


def test_archive_variant_is_pdf_a_3a():
    content = render_pdf("pdf/base.html", {"title": "Version signée"}, archive=True)
    reader = PdfReader(io.BytesIO(content))
    metadata = reader.xmp_metadata
    assert metadata is not None
    xml = metadata.stream.get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in xml or 'pdfaid:part="3"' in xml
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_every_page_but_the_first_carries_the_running_header_and_page_number():
    template = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% block running_header %}Convention de Libercourt — '
        "réf. LIBERCOURT-ORT{% endblock %}{% block pdf_content %}<h1>Titre</h1>"
        "{% for i in paragraphs %}<p>Paragraphe {{ i }}.</p>{% endfor %}{% endblock %}"
    )
    content = html_to_pdf(template.render({"paragraphs": range(400)}))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    assert len(pages) >= 3
    assert "réf. LIBERCOURT-ORT" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert "Convention de Libercourt — réf. LIBERCOURT-ORT" in text
        assert f"page {number} / {len(pages)}" in text


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("LIBERCOURT-ORT", "libercourt-ort.pdf"),
        ("releve-de-decisions-2026-03-12-4.pdf", "releve-de-decisions-2026-03-12-4.pdf"),
        ('Convention "de" Libercourt', "convention-de-libercourt.pdf"),
        ("PVD-62.498-version-2", "pvd-62498-version-2.pdf"),
        (".", "document.pdf"),
        ("", "document.pdf"),
    ],
)
def test_pdf_downloads_get_a_safe_name(filename, expected):
    response = pdf_response(b"%PDF-1.7", filename)
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response["Content-Type"] == "application/pdf"
