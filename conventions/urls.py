from .directory_urls import urlpatterns as directory_urlpatterns
from .signature_urls import urlpatterns as signature_urlpatterns

app_name = "conventions"

# Convention pages (list, detail, history); signature, avenants and PDF in signature_urls;
# the directory of organisations, representatives and users in directory_urls.
urlpatterns = [] + signature_urlpatterns + directory_urlpatterns
