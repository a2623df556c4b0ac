from django.conf import settings
from django.shortcuts import render

from .accessibility import AUDIT


def accessibility_statement(request):
    """The déclaration d'accessibilité that every French public service publishes (loi
    n° 2005-102, art. 47; décret n° 2019-768), public like the footer link to it."""
    return render(
        request,
        "accessibility.html",
        {
            "title": "Déclaration d’accessibilité",
            "audit": AUDIT,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        },
    )
