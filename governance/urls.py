from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("comites/", views.committee_list, name="committee_list"),
    path(
        "conventions/<int:pk>/comites/",
        views.convention_committees,
        name="convention_committees",
    ),
    path("comites/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("comites/<int:pk>/seances.ics", views.committee_ics, name="committee_ics"),
    path("comites/<int:pk>/seances/nouvelle/", views.meeting_create, name="meeting_create"),
    path("comites/<int:pk>/membres/ajouter/", views.member_add, name="member_add"),
    path("membres/<int:pk>/successeur/", views.member_hand_over, name="member_hand_over"),
    path("seances/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("seances/<int:pk>/modifier/", views.meeting_edit, name="meeting_edit"),
    path("seances/<int:pk>/presences/", views.meeting_attendance, name="meeting_attendance"),
    path("seances/<int:pk>/decisions/ajouter/", views.decision_create, name="decision_create"),
    path("seances/<int:pk>/releve.pdf", views.meeting_pdf, name="meeting_pdf"),
    path("decisions/<int:pk>/supprimer/", views.decision_delete, name="decision_delete"),
]
