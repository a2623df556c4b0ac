from django.urls import path

from ort_portal.pickers import search_view

from . import views
from .pickers import CURRENT_REPRESENTATIVES, ORGANISATIONS, REPRESENTATIVES

app_name = "directory"

# The directory for administrators: organisations and representatives (users: accounts).
urlpatterns = [
    path("annuaire/", views.organisation_list, name="organisations"),
    path("annuaire/organisations/nouvelle/", views.organisation_form, name="organisation_create"),
    path("annuaire/organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path(
        "annuaire/organisations/<int:pk>/modifier/",
        views.organisation_form,
        name="organisation_edit",
    ),
    path(
        "annuaire/organisations/<int:organisation_pk>/representants/ajouter/",
        views.representative_form,
        name="representative_create",
    ),
    path(
        "annuaire/representants/<int:pk>/modifier/",
        views.representative_form,
        name="representative_edit",
    ),
    path(
        "annuaire/representants/<int:pk>/remplacer/",
        views.representative_replace,
        name="representative_replace",
    ),
    # The searches of the pickers of every form (ort_portal.pickers), scoped by for_user.
    path(
        "annuaire/recherche/organisations/",
        search_view(ORGANISATIONS),
        name="organisation_search",
    ),
    path(
        "annuaire/recherche/representants/",
        search_view(REPRESENTATIVES),
        name="representative_search",
    ),
    path(
        "annuaire/recherche/representants-en-fonction/",
        search_view(CURRENT_REPRESENTATIVES),
        name="current_representative_search",
    ),
]
