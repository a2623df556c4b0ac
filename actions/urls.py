from .dashboard_urls import urlpatterns as dashboard_urlpatterns

app_name = "actions"

# Action plan and fiches-actions; dashboards, maquette financière and exports in dashboard_urls.
urlpatterns = [] + dashboard_urlpatterns
