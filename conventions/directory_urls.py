# Directory for administrators: organisations, representatives and users.
urlpatterns = []
