# Dashboards, maquette financière and exports.
urlpatterns = []
