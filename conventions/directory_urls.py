# Directory for administrators: organisations, representatives and users.
from django.urls import path

from . import directory_views as views

urlpatterns = [
    path("annuaire/", views.organisation_list, name="directory_organisations"),
    path(
        "annuaire/organisations/nouvelle/",
        views.organisation_form,
        name="directory_organisation_create",
    ),
    path(
        "annuaire/organisations/<int:pk>/",
        views.organisation_detail,
        name="directory_organisation",
    ),
    path(
        "annuaire/organisations/<int:pk>/modifier/",
        views.organisation_form,
        name="directory_organisation_edit",
    ),
    path(
        "annuaire/organisations/<int:organisation_pk>/representants/ajouter/",
        views.representative_form,
        name="directory_representative_create",
    ),
    path(
        "annuaire/representants/<int:pk>/modifier/",
        views.representative_form,
        name="directory_representative_edit",
    ),
    path(
        "annuaire/representants/<int:pk>/remplacer/",
        views.representative_replace,
        name="directory_representative_replace",
    ),
    path("annuaire/utilisateurs/", views.user_list, name="directory_users"),
    path("annuaire/utilisateurs/nouveau/", views.user_create, name="directory_user_create"),
    path("annuaire/utilisateurs/<int:pk>/", views.user_edit, name="directory_user_edit"),
    path(
        "annuaire/utilisateurs/<int:pk>/activation/",
        views.user_set_active,
        name="directory_user_set_active",
    ),
]
