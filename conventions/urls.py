from django.urls import path

from ort_portal.pickers import search_view

from . import views
from .drafting import views as drafting
from .pickers import COMMUNES, EPCIS

app_name = "conventions"

urlpatterns = [
    path("conventions/nouvelle/", drafting.convention_create, name="create"),
    path("conventions/<int:pk>/", views.convention_detail, name="detail"),
    path("conventions/<int:pk>/historique/", views.convention_history, name="history"),
    path("conventions/<int:pk>/rediger/", drafting.convention_draft, name="draft"),
    path("conventions/<int:pk>/rediger/general/", drafting.convention_edit, name="draft_general"),
    path("conventions/<int:pk>/rediger/<slug:slug>/", drafting.part_save, name="draft_add"),
    path(
        "conventions/<int:pk>/rediger/<slug:slug>/lignes/<int:item_pk>/",
        drafting.part_save,
        name="draft_edit",
    ),
    path(
        "conventions/<int:pk>/rediger/<slug:slug>/lignes/<int:item_pk>/retirer/",
        drafting.part_delete,
        name="draft_delete",
    ),
    # The searches of the list's commune and EPCI filters (ort_portal.pickers).
    path("conventions/recherche/communes/", search_view(COMMUNES), name="commune_search"),
    path("conventions/recherche/epci/", search_view(EPCIS), name="epci_search"),
]
