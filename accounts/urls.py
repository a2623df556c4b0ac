from django.urls import path

from . import passwords, proconnect, views

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        proconnect.LoginView.as_view(extra_context={"title": "Connexion"}),
        name="login",
    ),
    path("deconnexion/", proconnect.LogoutView.as_view(), name="logout"),
    path("oidc/connexion/", proconnect.ProConnectLoginView.as_view(), name="proconnect_login"),
    path("oidc/retour/", proconnect.ProConnectCallbackView.as_view(), name="proconnect_callback"),
    path("annuaire/utilisateurs/", views.user_list, name="users"),
    path("annuaire/utilisateurs/nouveau/", views.user_create, name="user_create"),
    path("annuaire/utilisateurs/<int:pk>/", views.user_edit, name="user_edit"),
    path(
        "annuaire/utilisateurs/<int:pk>/activation/",
        views.user_set_active,
        name="user_set_active",
    ),
    *passwords.urlpatterns,
]
