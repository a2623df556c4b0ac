from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(extra_context={"title": "Connexion"}),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("annuaire/utilisateurs/", views.user_list, name="users"),
    path("annuaire/utilisateurs/nouveau/", views.user_create, name="user_create"),
    path("annuaire/utilisateurs/<int:pk>/", views.user_edit, name="user_edit"),
    path(
        "annuaire/utilisateurs/<int:pk>/activation/",
        views.user_set_active,
        name="user_set_active",
    ),
]
