# Signature workflow, avenants, signed versions and PDF exports of conventions.
urlpatterns = []
