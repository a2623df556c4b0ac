"""Wiring of every app's URLs (exempt from the layers contract: it sees every app)."""

from django.contrib import admin
from django.urls import include, path

from ort_portal.health import HealthView

from . import views

admin.site.site_header = "Portail ORT – administration"
admin.site.site_title = "Portail ORT"

urlpatterns = [
    path("", include("reporting.urls")),
    path("", include("accounts.urls")),
    path("", include("directory.urls")),
    path("accessibilite/", views.accessibility_statement, name="accessibility"),
    path("", include("conventions.urls")),
    path("", include("signatures.urls")),
    path("", include("actions.urls")),
    path("", include("governance.urls")),
    path("", include("imports.urls")),
    path("", include("notifications.urls")),
    path("", include("documents.urls")),
    path("admin/", admin.site.urls),
    path("sante/", HealthView.as_view(), name="health"),
]

handler500 = "ort_portal.views.server_error"
