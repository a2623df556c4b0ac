from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

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


def server_error(request):
    """The 500 page in the site's layout, rendered without the request's context processors:
    the session, the user or the database may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render({}))
