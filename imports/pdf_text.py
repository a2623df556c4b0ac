"""The text of an uploaded convention PDF (a text PDF, not a scan), read with pypdf."""

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300


class UnreadablePdf(ValueError):
    """A file the portal cannot read as a text PDF; the message is shown to the user."""


def text_of_pdf(data: bytes) -> str:
    """The PDF's text, page after page; refuses what is too large, encrypted or a scan."""
    if len(data) > MAX_PDF_BYTES:
        raise UnreadablePdf("Le fichier dépasse 20 Mo.")
    if not data.startswith(b"%PDF"):
        raise UnreadablePdf("Le fichier n’est pas un PDF.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadablePdf("Le PDF est protégé par un mot de passe.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadablePdf(f"Le PDF dépasse {MAX_PDF_PAGES} pages.")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        if isinstance(error, UnreadablePdf):
            raise
        raise UnreadablePdf("Le PDF est illisible ou endommagé.") from error
    if len(text.strip()) < 200:
        raise UnreadablePdf(
            "Le PDF ne contient presque pas de texte (document scanné ?) : "
            "collez plutôt le texte de la convention."
        )
    return text
