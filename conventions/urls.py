from django.urls import path

from . import views
from .directory_urls import urlpatterns as directory_urlpatterns
from .signature_urls import urlpatterns as signature_urlpatterns

app_name = "conventions"

# Convention pages (list, detail, history); signature, avenants and PDF in signature_urls;
# the directory of organisations, representatives and users in directory_urls.
urlpatterns = (
    [
        path("conventions/", views.convention_list, name="list"),
        path("conventions/<int:pk>/", views.convention_detail, name="detail"),
        path("conventions/<int:pk>/historique/", views.convention_history, name="history"),
    ]
    + signature_urlpatterns
    + directory_urlpatterns
)
