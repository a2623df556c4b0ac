"""Reading a convention PDF's text: the text comes back, broken files get a French message."""

import pytest
from weasyprint import HTML

from imports.convention_text import draft_from_text
from imports.pdf_text import UnreadablePdf, text_of_pdf

CONVENTION_HTML = """
<h1>CONVENTION CADRE PETITES VILLES DE DEMAIN VALANT ORT de Sainte-Exemple</h1>
<p>ENTRE</p>
<p>- La Commune de Sainte-Exemple, représentée par son Maire, Madame Jeanne MARTIN,</p>
<p>ET</p>
<p>- L’Etat, représenté par le Préfet du Haut-Rhin ;</p>
<p>IL EST CONVENU CE QUI SUIT :</p>
<p>Article 1 – Objet de la convention</p><p>{body}</p>
<p>Article 2 – Durée</p><p>La convention est conclue pour une durée de 6 ans.</p>
"""


def pdf_bytes(html):
    return HTML(string=html).write_pdf()


def test_text_of_a_pdf_gives_a_draft():
    text = text_of_pdf(pdf_bytes(CONVENTION_HTML.format(body="Texte de l’objet. " * 30)))
    draft = draft_from_text(text)
    assert [(p.organisation, p.person) for p in draft.parties] == [
        ("Commune de Sainte-Exemple", "Jeanne MARTIN"),
        ("Etat", ""),
    ]
    assert [a.number for a in draft.articles] == ["1", "2"]
    assert draft.duration_years == 6


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 not a pdf", "Le fichier n’est pas un PDF."),
        (b"%PDF-1.7\n garbage", "Le PDF est illisible ou endommagé."),
    ],
)
def test_unreadable_files_get_a_french_message(data, message):
    with pytest.raises(UnreadablePdf, match=message):
        text_of_pdf(data)


def test_a_pdf_without_text_asks_for_the_text_instead():
    with pytest.raises(UnreadablePdf, match="collez plutôt le texte"):
        text_of_pdf(pdf_bytes("<p>Signé</p>"))
