from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from conventions.views import home

admin.site.site_header = "Portail ORT – administration"
admin.site.site_title = "Portail ORT"

urlpatterns = [
    path("", home, name="home"),
    path("connexion/", auth_views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("conventions.urls")),
    path("", include("actions.urls")),
    path("", include("governance.urls")),
    path("admin/", admin.site.urls),
]
